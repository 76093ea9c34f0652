// A decoder from the Ethernet frames of the kernel runs' pcap files (read by
// src-sim/net/pcap.ts, the reader the simulated `tcpdump -r` uses too) to the
// contract's observed frames. Pure: no Node imports, works on Uint8Array.
import type { ObservedFrame } from '../../src-sim/scenario/types.ts';
import { IPPROTO_VRRP, readVrrp } from '../../src-sim/net/vrrp.ts';
import { LINKTYPE_ETHERNET, type PcapFile } from '../../src-sim/net/pcap.ts';

export { LINKTYPE_ETHERNET, parsePcap, PcapError, type PcapFile, type PcapRecord } from '../../src-sim/net/pcap.ts';

function mac(b: Uint8Array, at: number): string {
  const parts: string[] = [];
  for (let i = 0; i < 6; i++) parts.push(b[at + i]!.toString(16).padStart(2, '0'));
  return parts.join(':');
}

function ip4(b: Uint8Array, at: number): string {
  return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
}

function u16(b: Uint8Array, at: number): number {
  return (b[at]! << 8) | b[at + 1]!;
}

const IP_PROTOCOLS: Record<number, string> = { 1: 'icmp', 2: 'igmp', 6: 'tcp', 17: 'udp', [IPPROTO_VRRP]: 'vrrp' };

/**
 * Decodes one Ethernet frame into an observed frame (without `segment`/`t`
 * filled in meaningfully). ARP over Ethernet/IPv4 and IPv4 are decoded;
 * anything else (IPv6, LLDP, STP, malformed) gives null.
 */
export function decodeEthernet(data: Uint8Array, segment: string, t: number): ObservedFrame | null {
  if (data.length < 14) return null;
  const ethDst = mac(data, 0);
  const ethSrc = mac(data, 6);
  let type = u16(data, 12);
  let p = 14;
  while ((type === 0x8100 || type === 0x88a8) && data.length >= p + 4) {
    type = u16(data, p + 2);
    p += 4;
  }
  if (type === 0x0806) {
    if (data.length < p + 28) return null;
    const htype = u16(data, p);
    const ptype = u16(data, p + 2);
    const hlen = data[p + 4];
    const plen = data[p + 5];
    const opcode = u16(data, p + 6);
    if (htype !== 1 || ptype !== 0x0800 || hlen !== 6 || plen !== 4) return null;
    if (opcode !== 1 && opcode !== 2) return null;
    return {
      segment,
      t,
      ethSrc,
      ethDst,
      kind: 'arp',
      op: opcode === 1 ? 'request' : 'reply',
      senderMac: mac(data, p + 8),
      senderIp: ip4(data, p + 14),
      targetMac: mac(data, p + 18),
      targetIp: ip4(data, p + 24),
    };
  }
  if (type === 0x0800) {
    if (data.length < p + 20) return null;
    const version = data[p]! >> 4;
    const ihl = (data[p]! & 15) * 4;
    if (version !== 4 || ihl < 20) return null;
    const protoNumber = data[p + 9]!;
    const fragOffset = u16(data, p + 6) & 0x1fff;
    const proto = IP_PROTOCOLS[protoNumber] ?? String(protoNumber);
    const frame: ObservedFrame = {
      segment,
      t,
      ethSrc,
      ethDst,
      kind: 'ipv4',
      proto,
      src: ip4(data, p + 12),
      dst: ip4(data, p + 16),
    };
    const l4 = p + ihl;
    if ((protoNumber === 6 || protoNumber === 17) && fragOffset === 0 && data.length >= l4 + 4) {
      frame.sport = u16(data, l4);
      frame.dport = u16(data, l4 + 2);
    }
    if (protoNumber === IPPROTO_VRRP && fragOffset === 0) {
      const vrrp = readVrrp(data.subarray(l4, p + u16(data, p + 2)));
      if (vrrp) Object.assign(frame, vrrp);
    }
    return frame;
  }
  return null;
}

export interface CapturedPort {
  segment: string;
  pcap: PcapFile;
}

/**
 * Merges the captures of all bridge ports into one list of observed frames in
 * time order, `t` in seconds relative to the given origin (Unix seconds and
 * nanoseconds), rounded to the microsecond.
 */
export function mergeCaptures(ports: CapturedPort[], originSec: number, originNsec: number): ObservedFrame[] {
  const all: { sec: number; nsec: number; seq: number; frame: ObservedFrame }[] = [];
  let seq = 0;
  for (const port of ports) {
    if (port.pcap.linkType !== LINKTYPE_ETHERNET) continue;
    for (const rec of port.pcap.records) {
      const t = rec.sec - originSec + (rec.nsec - originNsec) / 1e9;
      const frame = decodeEthernet(rec.data, port.segment, Math.round(t * 1e6) / 1e6);
      if (frame) all.push({ sec: rec.sec, nsec: rec.nsec, seq: seq++, frame });
    }
  }
  all.sort((a, b) => a.sec - b.sec || a.nsec - b.nsec || a.seq - b.seq);
  return all.map((x) => x.frame);
}
