// Bytes back to the model's frames: the inverse of wire.ts's encodeFrame for
// what the lab sends (ARP for IPv4 over Ethernet; IPv4 carrying ICMP, TCP,
// UDP, VRRP or IPIP), so `tcpdump -r` on a file the lab's `tcpdump -w`
// wrote prints what the live capture printed. Pure: Uint8Array only.
import { parseMac, type Mac } from './addr.ts';
import type { EthernetFrame, IcmpMessage, Ipv4Packet, TcpOptions } from './frame.ts';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from './wire.ts';
import { IPPROTO_VRRP } from './vrrp.ts';

const PROTOCOLS: Record<number, Ipv4Packet['proto']> = { 1: 'icmp', 4: 'ipip', 6: 'tcp', 17: 'udp', [IPPROTO_VRRP]: 'vrrp' };

/** An Ethernet frame's bytes as the model's frame; null for what the lab never sends (IPv6, other ARP, a cut frame). */
export function decodeFrame(bytes: Uint8Array, id = 0): EthernetFrame | null {
  if (bytes.length < 14) return null;
  const dst = macAt(bytes, 0);
  const src = macAt(bytes, 6);
  return decodePayload(((bytes[12]! << 8) | bytes[13]!), bytes.subarray(14), { id, src, dst });
}

/** A link payload of the given ethertype (an SLL2 record carries no Ethernet header: its frame gets the link address as `src`). */
export function decodePayload(ethertype: number, body: Uint8Array, link: Pick<EthernetFrame, 'id' | 'src' | 'dst'>): EthernetFrame | null {
  if (ethertype === ETHERTYPE_ARP) {
    if (body.length < 28 || u16(body, 0) !== 1 || u16(body, 2) !== ETHERTYPE_IPV4 || body[4] !== 6 || body[5] !== 4) return null;
    const op = u16(body, 6);
    if (op !== 1 && op !== 2) return null;
    return { ...link, payload: { type: 'arp', arp: { op, senderMac: macAt(body, 8), senderIp: u32(body, 14), targetMac: macAt(body, 18), targetIp: u32(body, 24) } } };
  }
  if (ethertype !== ETHERTYPE_IPV4) return null;
  const ip = decodeIpv4(body);
  return ip ? { ...link, payload: { type: 'ipv4', ip } } : null;
}

function decodeIpv4(b: Uint8Array): Ipv4Packet | null {
  if (b.length < 20 || b[0]! >> 4 !== 4) return null;
  const ihl = (b[0]! & 15) * 4;
  const proto = PROTOCOLS[b[9]!];
  if (!proto || ihl < 20) return null;
  const length = u16(b, 2);
  const ip: Ipv4Packet = { src: u32(b, 12), dst: u32(b, 16), ttl: b[8]!, proto, length };
  if (b[1]) ip.tos = b[1];
  const id = u16(b, 4);
  if (id) ip.id = id;
  const body = b.subarray(ihl, Math.min(b.length, length));
  if (proto === 'icmp') ip.icmp = decodeIcmp(body);
  else if (proto === 'tcp' || proto === 'udp') {
    if (body.length >= 4) {
      ip.sport = u16(body, 0);
      ip.dport = u16(body, 2);
    }
    if (proto === 'tcp' && body.length >= 20) decodeTcp(ip, body);
  } else if (proto === 'ipip') {
    const inner = decodeIpv4(body);
    if (inner) ip.inner = inner;
  } else if (body.length >= 8) {
    const count = body[3]!;
    const addresses: number[] = [];
    for (let i = 0; i < count && 12 + 4 * i <= body.length; i++) addresses.push(u32(body, 8 + 4 * i));
    const auth = body.subarray(8 + 4 * count, 16 + 4 * count);
    ip.vrrp = { vrid: body[1]!, priority: body[2]!, authType: body[4]!, advertInt: body[5]!, addresses, authData: String.fromCharCode(...auth) };
  }
  return ip;
}

function decodeIcmp(b: Uint8Array): IcmpMessage | undefined {
  if (b.length < 8) return undefined;
  const message: IcmpMessage = { type: b[0]!, code: b[1]!, id: u16(b, 4), seq: u16(b, 6) };
  if (message.type === 3 || message.type === 11) {
    message.id = 0;
    message.seq = 0;
    const original = decodeIpv4(b.subarray(8));
    if (original) message.original = original;
  }
  return message;
}

function decodeTcp(ip: Ipv4Packet, b: Uint8Array): void {
  const header = (b[12]! >> 4) * 4;
  const bits = b[13]!;
  const options: TcpOptions = {};
  for (let at = 20; at < Math.min(header, b.length); ) {
    const kind = b[at]!;
    if (kind === 0) break;
    if (kind === 1) {
      at++;
      continue;
    }
    const size = b[at + 1] ?? 2;
    if (kind === 2) options.mss = u16(b, at + 2);
    else if (kind === 3) options.windowScale = b[at + 2]!;
    else if (kind === 4) options.sackPermitted = true;
    else if (kind === 8) options.timestamp = { val: u32(b, at + 2) >>> 0, ecr: u32(b, at + 6) >>> 0 };
    at += Math.max(2, size);
  }
  const payloadBytes = b.subarray(Math.min(header, b.length));
  const payloadLength = Math.max(0, ip.length - 20 - header);
  ip.tcp = {
    flags: { fin: (bits & TCP_FIN) !== 0, syn: (bits & TCP_SYN) !== 0, rst: (bits & TCP_RST) !== 0, psh: (bits & TCP_PSH) !== 0, ack: (bits & TCP_ACK) !== 0 },
    seq: u32(b, 4) >>> 0,
    ack: u32(b, 8) >>> 0,
    window: u16(b, 14),
    payloadLength,
    ...(Object.keys(options).length > 0 ? { options } : {}),
    ...(payloadBytes.length > 0 ? { payload: String.fromCharCode(...payloadBytes) } : {}),
  };
}

function macAt(b: Uint8Array, at: number): Mac {
  const text = Array.from(b.subarray(at, at + 6), (x) => x.toString(16).padStart(2, '0')).join(':');
  return parseMac(text) ?? text;
}

function u16(b: Uint8Array, at: number): number {
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

/** An Ip4 as the model keeps it (see addr.ts: parseIp4's value). */
function u32(b: Uint8Array, at: number): number {
  return (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
}
