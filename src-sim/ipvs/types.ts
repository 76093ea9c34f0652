// The objects of one director's IPVS table: virtual services, their real
// servers (destinations) and the connection entries that point at them.
import type { Ip4 } from '../net/addr.ts';
import type { TimerHandle } from '../core/event-queue.ts';
import type { Stats } from './stats.ts';

export type IpvsProto = 'tcp' | 'udp';

/** Forwarding method as ipvsadm -L prints it: -g Route, -m Masq, -i Tunnel. */
export type ForwardMethod = 'Route' | 'Masq' | 'Tunnel' | 'Local';

export interface IpvsDest {
  addr: Ip4;
  port: number;
  fwd: ForwardMethod;
  /** 0 quiesces the server: no new scheduling choices, existing connections continue. */
  weight: number;
  uThreshold: number;
  lThreshold: number;
  activeConns: number;
  inactConns: number;
  persistConns: number;
  /** IP_VS_DEST_F_OVERLOAD: active + inactive reached the upper threshold. */
  overloaded: boolean;
  /** IP_VS_DEST_F_AVAILABLE: cleared when the server is removed from its service. */
  available: boolean;
  readonly stats: Stats;
}

export interface IpvsService {
  proto: IpvsProto;
  addr: Ip4;
  port: number;
  /** Non-zero for a -f (fwmark) service; addr and port are then 0. */
  fwmark: number;
  schedName: string;
  persistent: boolean;
  /** Persistence timeout in seconds (-p). */
  timeout: number;
  /** Persistence granularity (-M), as a 32-bit mask. */
  netmask: number;
  /** Kernel list order: a new destination goes to the head (list_add_rcu). */
  readonly dests: IpvsDest[];
  readonly stats: Stats;
}

/** A packet as IPVS looks at it on LOCAL_IN. */
export interface IpvsPacket {
  proto: IpvsProto;
  src: Ip4;
  sport: number;
  dst: Ip4;
  dport: number;
  /** IP total length in bytes, for the InBytes counters. */
  length: number;
  tcpFlags?: TcpFlags;
}

export interface TcpFlags {
  syn?: boolean;
  ack?: boolean;
  fin?: boolean;
  rst?: boolean;
}

export interface IpvsConn {
  readonly id: number;
  /** 'ip' only for fwmark templates (IPPROTO_IP). */
  proto: IpvsProto | 'ip';
  caddr: Ip4;
  cport: number;
  vaddr: Ip4;
  vport: number;
  daddr: Ip4;
  dport: number;
  dest: IpvsDest;
  /** A persistence template (IP_VS_CONN_F_TEMPLATE). */
  template: boolean;
  /** TCP state index (tcp-states.ts); for templates 0 NONE / 1 ASSURED. */
  state: number;
  /** IP_VS_CONN_F_INACTIVE: counted in InActConn rather than ActiveConn. */
  inactive: boolean;
  /** The state's timeout in microseconds; each packet restarts the timer with it. */
  timeoutUs: number;
  expiresAt: number;
  timer: TimerHandle | null;
  /** The template that controls this connection, and how many it controls. */
  control: IpvsConn | null;
  nControl: number;
  /** Removed from the table (expired). */
  gone: boolean;
}
