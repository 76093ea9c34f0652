// One-line, tcpdump-like text for a frame (as `tcpdump -n -e` prints it).
import type { LabFrame } from '../../src-sim/session/index.ts';

export function frameSummary(frame: LabFrame): string {
  const eth = `${frame.ethSrc} > ${frame.ethDst}`;
  if (frame.kind === 'arp') {
    return frame.op === 'request'
      ? `${eth}, ARP, Request who-has ${frame.targetIp} tell ${frame.senderIp}`
      : `${eth}, ARP, Reply ${frame.senderIp} is-at ${frame.senderMac}`;
  }
  const port = (p: number | undefined): string => (p === undefined ? '' : `.${p}`);
  return `${eth}, IP ${frame.src}${port(frame.sport)} > ${frame.dst}${port(frame.dport)}: ${frame.proto.toUpperCase()}`;
}

/** Virtual seconds with microsecond precision, like tcpdump's relative times. */
export function formatTime(seconds: number): string {
  return seconds.toFixed(6);
}
