// One TCP connection (struct tcp_sock, reduced): sequence space, the
// retransmission queue with its timer, and the state machine of RFC 9293 as
// Linux runs it. Segments carry the options Linux sends by default (MSS, SACK
// permitted, timestamps, window scale on SYNs; timestamps on the rest), so a
// segment is as long as the kernel's (src-sim/net/tcp-options.ts).
import type { HostQueueHold } from '../neighbour/table.ts';
import type { TimerHandle } from '../../core/event-queue.ts';
import type { Ip4 } from '../../net/addr.ts';
import type { TcpFlags } from '../../net/frame.ts';

export type TcpState = 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT1' | 'FIN_WAIT2' | 'CLOSING' | 'TIME_WAIT' | 'CLOSE_WAIT' | 'LAST_ACK' | 'CLOSED';

/** Errors a socket reports (sk_err), as errno names. */
export type TcpError = 'ECONNREFUSED' | 'ETIMEDOUT' | 'EHOSTUNREACH' | 'ENETUNREACH' | 'ECONNRESET';

/** What the program that owns a socket hears from it. Callbacks run at the virtual time the segment arrives. */
export interface TcpSocketEvents {
  /** connect() finished (client) or the connection was accepted (server). */
  onConnected?(conn: TcpConnection): void;
  onData?(conn: TcpConnection, text: string): void;
  /** The peer sent FIN: no more data will come. */
  onPeerClosed?(conn: TcpConnection): void;
  onError?(conn: TcpConnection, error: TcpError): void;
}

/** A segment kept for retransmission until it is acknowledged. */
export interface SentSegment {
  seq: number;
  flags: TcpFlags;
  payload: string;
  /** Sequence space it takes: payload bytes, plus one for SYN and for FIN. */
  length: number;
  /**
   * The skb's fast clone (alloc_skb_fclone): whether its last copy still
   * waits in the host. A SYN-ACK is built by tcp_make_synack without one (null).
   */
  clone: HostQueueHold | null;
}

/** The MSS a SYN advertises on Ethernet with a 1500-byte MTU (1500 − 20 IP − 20 TCP). */
export const TCP_MSS = 1460;
/** TCPOLEN_TSTAMP_ALIGNED: every segment after the SYNs carries nop,nop,TS. */
export const TCP_TIMESTAMP_OPTION_BYTES = 12;
/** mss_cache: the most data one segment carries, the timestamp option taken off the MSS (1448). */
export const TCP_SEGMENT_DATA_MAX = TCP_MSS - TCP_TIMESTAMP_OPTION_BYTES;
/** The window scale Linux offers with its default buffers (tcp_rmem[2] = 6 MiB). */
export const TCP_WINDOW_SCALE = 7;
/** TCP_TIMEOUT_INIT: the first RTO before any RTT is measured (RFC 6298). */
export const TCP_TIMEOUT_INIT_US = 1_000_000;
/** TCP_RTO_MIN: on a LAN the RTT is tiny, so the RTO sits at its floor. */
export const TCP_RTO_MIN_US = 200_000;
/** TCP_RTO_MAX. */
export const TCP_RTO_MAX_US = 120_000_000;
/** net.ipv4.tcp_syn_retries (6). */
export const TCP_SYN_RETRIES = 6;
/**
 * net.ipv4.tcp_syn_linear_timeouts (4, Linux 6.5+): the first retransmissions
 * of a SYN keep the 1 s RTO, then it doubles, and connect() gives up after
 * syn_retries + syn_linear_timeouts retransmissions: SYNs at 0, 1, 2, 3, 4, 5,
 * 7, 11, 19, 35, 67 s, ETIMEDOUT at 131 s (Linux 6.18 showed exactly that,
 * each a few ms late, the long ones up to 2 s late by timer-wheel rounding).
 */
export const TCP_SYN_LINEAR_TIMEOUTS = 4;
/** TCP_ATO_MIN / TCP_DELACK_MIN: HZ/25, the delayed-ACK timeout on a LAN. */
export const TCP_ATO_MIN_US = 40_000;
/** TCP_MAX_QUICKACKS: ACKs sent at once after the first data (rcv_wnd / 2·rcv_mss is larger on Ethernet). */
export const TCP_MAX_QUICKACKS = 16;
/** net.ipv4.tcp_synack_retries (5). */
export const TCP_SYNACK_RETRIES = 5;
/** net.ipv4.tcp_retries2 (15). */
export const TCP_RETRIES2 = 15;
/** TCP_TIMEWAIT_LEN: 60 s, as in Linux. */
export const TCP_TIMEWAIT_US = 60_000_000;
/** Advertised windows as Linux shows them: SYN 64240, SYN-ACK 65160, then scaled (wscale 7) values. */
export const WINDOW_SYN = 64240;
export const WINDOW_SYNACK = 65160;
export const WINDOW_CLIENT = 502;
export const WINDOW_SERVER = 509;

export const seqAdd = (a: number, b: number): number => (a + b) >>> 0;
/** a < b in sequence space (before()). */
export const seqLt = (a: number, b: number): boolean => ((a - b) | 0) < 0;
export const seqLe = (a: number, b: number): boolean => ((a - b) | 0) <= 0;

export class TcpConnection {
  state: TcpState;
  /** Initial send sequence number, from the lab's seeded random. */
  readonly iss: number;
  sndUna: number;
  sndNxt: number;
  /** Initial receive sequence number (the peer's ISN). */
  irs = 0;
  rcvNxt = 0;
  /** Unacknowledged segments, oldest first. */
  readonly retransmitQueue: SentSegment[] = [];
  rto: number;
  retries = 0;
  timer: TimerHandle | null = null;
  /** A pending ACK (delayed-ACK timer, or a zero-delay one), unless a segment sent first carries it. */
  ackTimer: TimerHandle | null = null;
  /** icsk_ack.ato: the delayed-ACK timeout; 0 until the first data arrives. */
  ato = 0;
  /** icsk_ack.quick: ACKs still to send at once (quick-ACK mode). */
  quick = 0;
  /** icsk_ack.pingpong ≥ tcp_pingpong_thresh (1): interactive, ACKs wait to ride on our reply. */
  pingpong = false;
  /** icsk_ack.lrcvtime: when data last arrived. */
  lrcvtime = 0;
  /** rcv_nxt when an ACK last left (an ACK that acknowledges nothing new does not use up a quick ACK). */
  lastAckSent = 0;
  /** sk_dst_pending_confirm: an ACK advanced snd_una, so the next segment sent confirms the neighbour. */
  pendingConfirm = false;
  /** Our FIN was sent (close() called). */
  finSent = false;
  /** The peer's FIN was received. */
  finReceived = false;
  error: TcpError | null = null;
  /** Bytes received in order (for curl's counters). */
  bytesReceived = 0;
  /** ts_recent: the peer's latest TS val, echoed in our TS ecr. */
  tsRecent = 0;
  /** tsoffset: added to the millisecond clock in our TS val (secure_tcp_ts_off). */
  readonly tsOffset: number;
  events: TcpSocketEvents;
  readonly passive: boolean;
  readonly createdAt: number;

  constructor(
    readonly localIp: Ip4,
    readonly localPort: number,
    readonly remoteIp: Ip4,
    readonly remotePort: number,
    options: { iss: number; passive: boolean; now: number; events?: TcpSocketEvents },
  ) {
    this.iss = options.iss >>> 0;
    this.sndUna = this.iss;
    this.sndNxt = this.iss;
    this.passive = options.passive;
    this.state = options.passive ? 'SYN_RECV' : 'SYN_SENT';
    this.rto = TCP_TIMEOUT_INIT_US;
    this.events = options.events ?? {};
    this.createdAt = options.now;
    this.tsOffset = timestampOffset(localIp, remoteIp);
  }

  /** The TS val of a segment sent at `now` (µs): tcp_time_stamp_ts, milliseconds, plus the offset. */
  timestampAt(now: number): number {
    return (this.tsOffset + Math.floor(now / 1000)) >>> 0;
  }

  get key(): string {
    return connectionKey(this.localIp, this.localPort, this.remoteIp, this.remotePort);
  }

  /** The window this end advertises. */
  get window(): number {
    return this.passive ? WINDOW_SERVER : WINDOW_CLIENT;
  }
}

/**
 * secure_tcp_ts_off keys a hash of the two addresses with a boot-time secret,
 * so connections between two hosts share one offset and no value is
 * meaningful; a fixed integer hash of the pair stands in for it (no draw from
 * the lab's random source, so the rest of a lab's randomness is unchanged).
 */
function timestampOffset(localIp: Ip4, remoteIp: Ip4): number {
  let h = Math.imul((localIp >>> 0) ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ (remoteIp >>> 0), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function connectionKey(localIp: Ip4, localPort: number, remoteIp: Ip4, remotePort: number): string {
  return `${localIp}:${localPort}:${remoteIp}:${remotePort}`;
}

export const NO_FLAGS: TcpFlags = { syn: false, ack: false, fin: false, rst: false, psh: false };

export function flags(set: Partial<TcpFlags>): TcpFlags {
  return { ...NO_FLAGS, ...set };
}

/** Flags as tcpdump prints them, for explanations. */
export function flagText(f: TcpFlags): string {
  const text = `${f.fin ? 'F' : ''}${f.syn ? 'S' : ''}${f.rst ? 'R' : ''}${f.psh ? 'P' : ''}${f.ack ? '.' : ''}`;
  return text || 'none';
}
