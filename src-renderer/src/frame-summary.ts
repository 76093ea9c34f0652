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

/**
 * What a frames row shows on its one line: the time and what follows
 * `length N: ` in a `tcpdump -n -e` line (ARP's question or answer, the IP
 * addresses, ports and flags); the MACs and ethertype are in the full line,
 * shown when the row is selected or focused. A line of another shape is kept whole.
 */
export function frameEssentials(line: string): string {
  const match = /^(\S+) .*?, length \d+: (.*)$/s.exec(line);
  return match ? `${match[1]} ${match[2]}` : line;
}
