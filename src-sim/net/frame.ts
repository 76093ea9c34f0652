// Frames as they travel on a segment. Payloads are structured, not bytes:
// the simulator reasons about fields, and pcap export encodes them.
import type { Ip4, Mac } from './addr.ts';

export const ARP_REQUEST = 1;
export const ARP_REPLY = 2;

export interface ArpPacket {
  op: typeof ARP_REQUEST | typeof ARP_REPLY;
  senderMac: Mac;
  senderIp: Ip4;
  targetMac: Mac;
  targetIp: Ip4;
}

export interface IcmpMessage {
  type: number;
  code: number;
  id: number;
  seq: number;
  /** For errors: the header of the packet that caused it. */
  original?: Ipv4Packet;
  /** A redirect's new first hop (icmphdr.un.gateway). */
  gateway?: Ip4;
}

export interface Ipv4Packet {
  src: Ip4;
  dst: Ip4;
  ttl: number;
  /** 'ipip': an IPv4-in-IPv4 tunnel packet (protocol 4) carrying `inner`, as IPVS -i sends; 'vrrp': protocol 112, carrying `vrrp`. */
  proto: 'icmp' | 'tcp' | 'udp' | 'ipip' | 'vrrp';
  /** Type of service (0 unless the sender sets it: keepalived's adverts carry 0xc0). */
  tos?: number;
  /** The IP identification, when the sender numbers its packets (keepalived counts its adverts from 1). */
  id?: number;
  /** Total length in bytes (IP header included). */
  length: number;
  icmp?: IcmpMessage;
  sport?: number;
  dport?: number;
  /** The TCP header fields the model uses (proto 'tcp'); see src-sim/host/tcp/. */
  tcp?: TcpHeader;
  /** The encapsulated packet of an 'ipip' packet. */
  inner?: Ipv4Packet;
  /** A VRRP advertisement (proto 'vrrp'). */
  vrrp?: VrrpAdvert;
  /** The Don't Fragment bit as the sending socket chose it (ping -M do/want/dont); absent: ipDontFragment's default. */
  dontFragment?: boolean;
  /** One fragment of `whole` (ip_fragment): its data starts `offset` bytes into whole's payload; `more` is the MF bit. */
  fragment?: IpFragment;
}

/** Where a fragment sits in the packet it was cut from. */
export interface IpFragment {
  offset: number;
  more: boolean;
  whole: Ipv4Packet;
}

/** A VRRPv2 advertisement (RFC 3768 §5.1) as keepalived sends it. */
export interface VrrpAdvert {
  vrid: number;
  /** 0: the master resigns (keepalived stopping). */
  priority: number;
  /** 0 none, 1 simple password (PASS), 2 IPsec AH. */
  authType: number;
  /** Seconds. */
  advertInt: number;
  addresses: Ip4[];
  /** The 8 bytes of authentication data (the password, NUL-padded; empty without authentication). */
  authData: string;
}

/** The length of a VRRPv2 advertisement's IPv4 packet: header, 8-byte VRRP header, addresses, 8 bytes of authentication data. */
export function vrrpPacketLength(addresses: number): number {
  return 20 + 8 + 4 * addresses + 8;
}

export interface TcpFlags {
  syn: boolean;
  ack: boolean;
  fin: boolean;
  rst: boolean;
  psh: boolean;
}

/** Flags from tcpdump's letters ("S", "S.", "P.", "F.", "R."), for tests and fixtures. */
export function tcpFlagsFromLetters(letters: string): TcpFlags {
  return { syn: letters.includes('S'), ack: letters.includes('.'), fin: letters.includes('F'), rst: letters.includes('R'), psh: letters.includes('P') };
}

/** The TCP options a segment carries (their layout on the wire: src-sim/net/tcp-options.ts). */
export interface TcpOptions {
  mss?: number;
  sackPermitted?: boolean;
  timestamp?: { val: number; ecr: number };
  windowScale?: number;
}

/** A TCP segment's header: the IPv4 packet is 20 + tcpHeaderLength(options) + payloadLength bytes long. */
export interface TcpHeader {
  flags: TcpFlags;
  seq: number;
  ack: number;
  window: number;
  payloadLength: number;
  options?: TcpOptions;
  /** The bytes carried, as text (HTTP requests and responses). */
  payload?: string;
}

export type EtherPayload = { type: 'arp'; arp: ArpPacket } | { type: 'ipv4'; ip: Ipv4Packet };

export interface EthernetFrame {
  /** Unique per lab, in sending order. */
  id: number;
  src: Mac;
  dst: Mac;
  payload: EtherPayload;
}

/** A frame's length as the kernel counts it (skb->len: Ethernet header and payload, no FCS or padding). */
export function frameLength(frame: EthernetFrame): number {
  return 14 + (frame.payload.type === 'arp' ? 28 : frame.payload.ip.length);
}

/** How a receiving interface classifies a frame (the kernel's skb->pkt_type). */
export type PacketType = 'host' | 'broadcast' | 'multicast' | 'otherhost';

export const ICMP_ECHO_REPLY = 0;
export const ICMP_DEST_UNREACH = 3;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_TIME_EXCEEDED = 11;
export const ICMP_REDIRECT = 5;
/** Redirect codes: for the network, the host, and each with the type of service. */
export const ICMP_REDIR_HOST = 1;
export const ICMP_HOST_UNREACH = 1;
export const ICMP_PROT_UNREACH = 2;
export const ICMP_PORT_UNREACH = 3;
