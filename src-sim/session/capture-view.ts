// What the capture panel and the topology show about frames: the tcpdump line
// (src-sim/capture/format.ts, the same text `tcpdump -n -e` prints), the kind
// of frame (for colour and shape), a field-by-field decode, and who owns a MAC.
import { formatFrameLine, TcpSequenceTracker } from '../capture/format.ts';
import type { Lab } from '../lab.ts';
import { formatIp4 } from '../net/addr.ts';
import type { EthernetFrame } from '../net/frame.ts';
import type { CapturedFrame } from '../net/pcapng.ts';
import { ipDontFragment, ipIdOf, tcpFlagBits, tcpOf, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from '../net/wire.ts';

export type FrameKind = 'arp-request' | 'arp-reply' | 'arp-gratuitous' | 'ipv4';
export const FRAME_KINDS: readonly FrameKind[] = ['arp-request', 'arp-reply', 'arp-gratuitous', 'ipv4'];

export interface CaptureRow {
  id: number;
  segment: string;
  timeUs: number;
  kind: FrameKind;
  /** As `tcpdump -n -e` prints it (without the final newline). */
  line: string;
  frame: EthernetFrame;
}

/** A gratuitous ARP announces its own address: sender and target IP are the same (arp_notify, arping -U/-A). */
export function frameKind(frame: EthernetFrame): FrameKind {
  if (frame.payload.type !== 'arp') return 'ipv4';
  const arp = frame.payload.arp;
  if (arp.senderIp === arp.targetIp) return 'arp-gratuitous';
  return arp.op === 1 ? 'arp-request' : 'arp-reply';
}

/**
 * Turns captured frames into rows, each frame once and in order (the tracker
 * numbers TCP segments relative to what it has seen, as tcpdump does).
 */
export class CaptureRows {
  readonly #tcp = new TcpSequenceTracker();

  format(captured: readonly CapturedFrame[]): CaptureRow[] {
    return captured.map(({ segment, timeUs, frame }) => ({
      id: frame.id,
      segment,
      timeUs,
      kind: frameKind(frame),
      line: formatFrameLine(frame, timeUs, { numeric: true, link: true, tcp: this.#tcp }),
      frame,
    }));
  }
}

/** MAC → "rs1 eth0", for every interface in the lab. */
export function macOwners(lab: Lab): Map<string, string> {
  const owners = new Map<string, string>();
  for (const host of lab.hosts.values()) {
    for (const dev of host.devices) if (dev.segment) owners.set(dev.mac, `${host.name} ${dev.name}`);
  }
  return owners;
}

/** One decoded header: its layer and labelled fields. Labels are message keys (i18n.ts `decode.*`). */
export interface DecodedLayer {
  layer: 'ethernet' | 'arp' | 'ipv4' | 'icmp' | 'tcp' | 'udp';
  fields: Array<[label: DecodeField, value: string]>;
}

export type DecodeField =
  | 'dst' | 'src' | 'type' | 'op' | 'senderMac' | 'senderIp' | 'targetMac' | 'targetIp'
  | 'ipSrc' | 'ipDst' | 'ttl' | 'proto' | 'length' | 'id' | 'flags'
  | 'icmpType' | 'icmpCode' | 'icmpId' | 'icmpSeq' | 'sport' | 'dport' | 'seq' | 'ack' | 'window' | 'payload';

/** The few words inside decoded values, so the UI can pass them in its language. */
export interface DecodeWords {
  request: string;
  reply: string;
  broadcast: string;
  none: string;
}
const ENGLISH: DecodeWords = { request: 'request', reply: 'reply', broadcast: 'broadcast', none: 'none' };

export function decodeFrame(frame: EthernetFrame, owners: ReadonlyMap<string, string> = new Map(), words: DecodeWords = ENGLISH): DecodedLayer[] {
  const named = (mac: string): string => {
    if (mac === 'ff:ff:ff:ff:ff:ff') return `${mac} (${words.broadcast})`;
    const owner = owners.get(mac);
    return owner ? `${mac} (${owner})` : mac;
  };
  const layers: DecodedLayer[] = [];
  const p = frame.payload;
  layers.push({
    layer: 'ethernet',
    fields: [
      ['dst', named(frame.dst)],
      ['src', named(frame.src)],
      ['type', p.type === 'arp' ? 'ARP (0x0806)' : 'IPv4 (0x0800)'],
    ],
  });
  if (p.type === 'arp') {
    const a = p.arp;
    layers.push({
      layer: 'arp',
      fields: [
        ['op', a.op === 1 ? `${words.request} (1)` : `${words.reply} (2)`],
        ['senderMac', named(a.senderMac)],
        ['senderIp', formatIp4(a.senderIp)],
        ['targetMac', named(a.targetMac)],
        ['targetIp', formatIp4(a.targetIp)],
      ],
    });
    return layers;
  }
  const ip = p.ip;
  layers.push({
    layer: 'ipv4',
    fields: [
      ['ipSrc', formatIp4(ip.src)],
      ['ipDst', formatIp4(ip.dst)],
      ['ttl', String(ip.ttl)],
      ['proto', ip.proto],
      ['length', String(ip.length)],
      ['id', String(ipIdOf(ip))],
      ['flags', ipDontFragment(ip) ? 'DF' : words.none],
    ],
  });
  if (ip.proto === 'icmp' && ip.icmp) {
    const m = ip.icmp;
    layers.push({ layer: 'icmp', fields: [['icmpType', String(m.type)], ['icmpCode', String(m.code)], ['icmpId', String(m.id)], ['icmpSeq', String(m.seq)]] });
  } else if (ip.proto === 'tcp') {
    const tcp = tcpOf(ip);
    const bits = tcpFlagBits(tcp?.flags);
    const flags = [[TCP_SYN, 'SYN'], [TCP_ACK, 'ACK'], [TCP_FIN, 'FIN'], [TCP_RST, 'RST'], [TCP_PSH, 'PSH']]
      .filter(([bit]) => bits & (bit as number))
      .map(([, name]) => name)
      .join(' ');
    layers.push({
      layer: 'tcp',
      fields: [
        ['sport', String(ip.sport ?? '')],
        ['dport', String(ip.dport ?? '')],
        ['flags', flags || words.none],
        ['seq', String(tcp?.seq ?? 0)],
        ['ack', String(tcp?.ack ?? 0)],
        ['window', String(tcp?.window ?? 0)],
        ['payload', String(tcp?.payloadLength ?? 0)],
      ],
    });
  } else if (ip.proto === 'udp') {
    layers.push({ layer: 'udp', fields: [['sport', String(ip.sport ?? '')], ['dport', String(ip.dport ?? '')]] });
  }
  return layers;
}
