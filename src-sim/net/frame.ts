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
}

export interface Ipv4Packet {
  src: Ip4;
  dst: Ip4;
  ttl: number;
  proto: 'icmp' | 'tcp' | 'udp';
  /** Total length in bytes (IP header included). */
  length: number;
  icmp?: IcmpMessage;
  sport?: number;
  dport?: number;
}

export type EtherPayload = { type: 'arp'; arp: ArpPacket } | { type: 'ipv4'; ip: Ipv4Packet };

export interface EthernetFrame {
  /** Unique per lab, in sending order. */
  id: number;
  src: Mac;
  dst: Mac;
  payload: EtherPayload;
}

/** How a receiving interface classifies a frame (the kernel's skb->pkt_type). */
export type PacketType = 'host' | 'broadcast' | 'multicast' | 'otherhost';

export const ICMP_ECHO_REPLY = 0;
export const ICMP_DEST_UNREACH = 3;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_TIME_EXCEEDED = 11;
export const ICMP_HOST_UNREACH = 1;
export const ICMP_PORT_UNREACH = 3;
