// Structured frames to the bytes a NIC would put on the wire, for pcapng
// export and for tcpdump -v's checksum column. The packet model carries the
// fields the simulator reasons about; bytes it does not model are filled the
// way Linux fills them (documented at each place), so a real decoder agrees.
import type { Mac } from './addr.ts';
import { ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, type EthernetFrame, type IpFragment, type Ipv4Packet, type TcpFlags, type TcpOptions, type VrrpAdvert } from './frame.ts';
import { tcpHeaderLength, writeTcpOptions } from './tcp-options.ts';

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
const PROTO_NUMBER = { icmp: 1, ipip: 4, tcp: 6, udp: 17, vrrp: 112 } as const;
/** Ethernet header + ARP for IPv4 over Ethernet (no padding: tcpdump on the sender sees 42 bytes). */
const ARP_FRAME_LENGTH = 14 + 28;

/** TCP fields another part of the model may add to an IPv4 packet; read defensively. */
export interface TcpFields {
  flags?: number | string | Partial<TcpFlags>;
  seq?: number;
  ack?: number;
  window?: number;
  payloadLength?: number;
  /** The bytes carried, as text (one byte per character). */
  payload?: string;
  options?: TcpOptions;
}

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;
export const TCP_URG = 0x20;

/** The TCP fields of a packet, if the model gave it any. */
export function tcpOf(ip: Ipv4Packet): TcpFields | undefined {
  return (ip as Ipv4Packet & { tcp?: TcpFields }).tcp;
}

/** TCP flags as the header's bit mask; accepts the model's flags object, a number, or letters as tcpdump prints them ("S", "S.", "P."). */
export function tcpFlagBits(flags: number | string | Partial<TcpFlags> | undefined): number {
  if (typeof flags === 'number') return flags & 0xff;
  if (typeof flags === 'object') return (flags.fin ? TCP_FIN : 0) | (flags.syn ? TCP_SYN : 0) | (flags.rst ? TCP_RST : 0) | (flags.psh ? TCP_PSH : 0) | (flags.ack ? TCP_ACK : 0);
  if (typeof flags !== 'string') return 0;
  const letters: Record<string, number> = { F: TCP_FIN, S: TCP_SYN, R: TCP_RST, P: TCP_PSH, '.': TCP_ACK, A: TCP_ACK, U: TCP_URG, E: 0x40, W: 0x80 };
  let bits = 0;
  for (const c of flags.toUpperCase()) bits |= letters[c] ?? 0;
  return bits;
}

/** The IP identification: the model's if it has one, else 0 (Linux uses 0 for many DF packets too). */
export function ipIdOf(ip: Ipv4Packet): number {
  const id = (ip as Ipv4Packet & { id?: number }).id;
  return typeof id === 'number' ? id & 0xffff : 0;
}

/**
 * Don't Fragment: Linux sets it on what sockets send (ping, TCP: PMTU
 * discovery is on by default); ICMP the kernel answers with itself (echo
 * replies, errors) goes out without it (the ICMP socket uses IP_PMTUDISC_DONT).
 */
export function ipDontFragment(ip: Ipv4Packet): boolean {
  if (ip.fragment) return false;
  if (ip.dontFragment !== undefined) return ip.dontFragment;
  // keepalived builds its adverts' IP header itself (IP_HDRINCL) with frag_off 0.
  if (ip.proto === 'vrrp') return false;
  if (ip.proto !== 'icmp') return true;
  return ip.icmp?.type === ICMP_ECHO_REQUEST;
}

/** RFC 1071 Internet checksum over `bytes`, starting from a partial sum. */
export function internetChecksum(bytes: Uint8Array, start = 0, end = bytes.length, initial = 0): number {
  let sum = initial;
  for (let i = start; i + 1 < end; i += 2) sum += (bytes[i]! << 8) | bytes[i + 1]!;
  if ((end - start) % 2 === 1) sum += bytes[end - 1]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** Encodes a whole Ethernet frame (no FCS, no padding to 60 bytes: what a sender's packet socket sees). */
export function encodeFrame(frame: EthernetFrame): Uint8Array {
  if (frame.payload.type === 'arp') {
    const bytes = new Uint8Array(ARP_FRAME_LENGTH);
    writeEthernet(bytes, frame.dst, frame.src, ETHERTYPE_ARP);
    const a = frame.payload.arp;
    const v = new DataView(bytes.buffer);
    v.setUint16(14, 1); // hardware type Ethernet
    v.setUint16(16, ETHERTYPE_IPV4);
    bytes[18] = 6;
    bytes[19] = 4;
    v.setUint16(20, a.op);
    writeMac(bytes, 22, a.senderMac);
    v.setUint32(28, a.senderIp >>> 0);
    writeMac(bytes, 32, a.targetMac);
    v.setUint32(38, a.targetIp >>> 0);
    return bytes;
  }
  const ip = encodeIpv4(frame.payload.ip);
  const bytes = new Uint8Array(14 + ip.length);
  writeEthernet(bytes, frame.dst, frame.src, ETHERTYPE_IPV4);
  bytes.set(ip, 14);
  return bytes;
}

/** Encodes an IPv4 packet of `ip.length` bytes, header and transport checksums included. */
export function encodeIpv4(ip: Ipv4Packet): Uint8Array {
  if (ip.fragment) return encodeFragment(ip, ip.fragment);
  // The model's total length wins; a TCP payload it forgot to count still gets room.
  const length = Math.max(ip.length, 20 + transportHeaderLength(ip) + (ip.proto === 'tcp' ? (tcpOf(ip)?.payloadLength ?? 0) : 0));
  const bytes = new Uint8Array(length);
  const v = new DataView(bytes.buffer);
  bytes[0] = 0x45;
  bytes[1] = (ip.tos ?? 0) & 0xff;
  v.setUint16(2, length);
  v.setUint16(4, ipIdOf(ip));
  v.setUint16(6, ipDontFragment(ip) ? 0x4000 : 0);
  bytes[8] = ip.ttl & 0xff;
  bytes[9] = PROTO_NUMBER[ip.proto];
  v.setUint32(12, ip.src >>> 0);
  v.setUint32(16, ip.dst >>> 0);
  v.setUint16(10, internetChecksum(bytes, 0, 20));
  const body = bytes.subarray(20);
  if (ip.proto === 'icmp') writeIcmp(body, ip);
  else if (ip.proto === 'ipip') {
    if (ip.inner) body.set(encodeIpv4(ip.inner).subarray(0, body.length));
  } else if (ip.proto === 'tcp') writeTcp(body, ip);
  else if (ip.proto === 'vrrp') {
    if (ip.vrrp) writeVrrp(body, ip.vrrp);
  } else writeUdp(body, ip);
  return bytes;
}

/** A fragment: its own header (MF, offset in 8-byte units), then its slice of the whole packet's payload. */
function encodeFragment(ip: Ipv4Packet, fragment: IpFragment): Uint8Array {
  const whole = encodeIpv4(fragment.whole);
  const bytes = new Uint8Array(ip.length);
  const v = new DataView(bytes.buffer);
  bytes.set(whole.subarray(0, 20));
  v.setUint16(2, ip.length);
  v.setUint16(6, (fragment.more ? 0x2000 : 0) | (fragment.offset >>> 3));
  bytes[8] = ip.ttl & 0xff;
  v.setUint16(10, 0);
  v.setUint16(10, internetChecksum(bytes, 0, 20));
  bytes.set(whole.subarray(20 + fragment.offset, 20 + fragment.offset + ip.length - 20), 20);
  return bytes;
}

function transportHeaderLength(ip: Ipv4Packet): number {
  return ip.proto === 'tcp' ? tcpHeaderLength(tcpOf(ip)?.options) : ip.proto === 'ipip' ? 20 : ip.proto === 'vrrp' ? 16 + 4 * (ip.vrrp?.addresses.length ?? 0) : 8;
}

function writeIcmp(body: Uint8Array, ip: Ipv4Packet): void {
  const icmp = ip.icmp;
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
  body[0] = icmp?.type ?? 0;
  body[1] = icmp?.code ?? 0;
  if (icmp && (icmp.type === ICMP_ECHO_REQUEST || icmp.type === ICMP_ECHO_REPLY)) {
    v.setUint16(4, icmp.id & 0xffff);
    v.setUint16(6, icmp.seq & 0xffff);
    // iputils ping fills the data with 0x00, 0x01, … and puts a timeval over
    // its first 16 bytes; the pattern alone is enough for a decoder.
    for (let i = 8; i < body.length; i++) body[i] = (i - 8) & 0xff;
  } else if (icmp?.original) {
    // An error quotes the offending packet's header and the start of its data.
    // A redirect carries its new first hop where an echo has id and sequence (icmphdr.un.gateway).
    if (icmp.gateway !== undefined) v.setUint32(4, icmp.gateway >>> 0);
    const quoted = encodeIpv4(icmp.original);
    body.set(quoted.subarray(0, Math.min(quoted.length, body.length - 8)), 8);
  }
  v.setUint16(2, internetChecksum(body));
}

/** The pseudo-header sum TCP and UDP checksums start from. */
function pseudoHeaderSum(ip: Ipv4Packet, length: number): number {
  return (ip.src >>> 16) + (ip.src & 0xffff) + (ip.dst >>> 16) + (ip.dst & 0xffff) + PROTO_NUMBER[ip.proto] + length;
}

function writeTcp(body: Uint8Array, ip: Ipv4Packet): void {
  const tcp = tcpOf(ip);
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
  v.setUint16(0, (ip.sport ?? 0) & 0xffff);
  v.setUint16(2, (ip.dport ?? 0) & 0xffff);
  v.setUint32(4, (tcp?.seq ?? 0) >>> 0);
  v.setUint32(8, (tcp?.ack ?? 0) >>> 0);
  const header = tcpHeaderLength(tcp?.options);
  body[12] = (header / 4) << 4; // data offset in 32-bit words
  body[13] = tcpFlagBits(tcp?.flags);
  v.setUint16(14, (tcp?.window ?? 0) & 0xffff);
  writeTcpOptions(body.subarray(20, header), tcp?.options);
  // The data: HTTP text, one byte per character, so Wireshark shows the request and response.
  const data = tcp?.payload ?? '';
  for (let i = 0; i < data.length && header + i < body.length; i++) body[header + i] = data.charCodeAt(i) & 0xff;
  v.setUint16(16, internetChecksum(body, 0, body.length, pseudoHeaderSum(ip, body.length)));
}

function writeUdp(body: Uint8Array, ip: Ipv4Packet): void {
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
  v.setUint16(0, (ip.sport ?? 0) & 0xffff);
  v.setUint16(2, (ip.dport ?? 0) & 0xffff);
  v.setUint16(4, body.length);
  // A computed 0 is sent as 0xffff (RFC 768: 0 means "no checksum").
  v.setUint16(6, internetChecksum(body, 0, body.length, pseudoHeaderSum(ip, body.length)) || 0xffff);
}

function writeEthernet(bytes: Uint8Array, dst: Mac, src: Mac, type: number): void {
  writeMac(bytes, 0, dst);
  writeMac(bytes, 6, src);
  bytes[12] = type >>> 8;
  bytes[13] = type & 0xff;
}

function writeMac(bytes: Uint8Array, offset: number, mac: Mac): void {
  const parts = mac.split(':');
  for (let i = 0; i < 6; i++) bytes[offset + i] = parseInt(parts[i] ?? '0', 16) & 0xff;
}

/** Writes a VRRPv2 advertisement into `body` (the IPv4 payload: 8 + 4n + 8 bytes), checksum included. */
function writeVrrp(body: Uint8Array, advert: VrrpAdvert): void {
  const v = new DataView(body.buffer, body.byteOffset, body.byteLength);
  body[0] = 0x21; // version 2, type 1 (advertisement)
  body[1] = advert.vrid & 0xff;
  body[2] = advert.priority & 0xff;
  body[3] = advert.addresses.length & 0xff;
  body[4] = advert.authType & 0xff;
  body[5] = advert.advertInt & 0xff;
  advert.addresses.forEach((ip, i) => v.setUint32(8 + 4 * i, ip >>> 0));
  const auth = 8 + 4 * advert.addresses.length;
  for (let i = 0; i < 8 && i < advert.authData.length; i++) body[auth + i] = advert.authData.charCodeAt(i) & 0xff;
  v.setUint16(6, internetChecksum(body));
}
