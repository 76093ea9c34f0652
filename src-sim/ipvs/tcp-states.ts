// TCP connection states of IPVS (ip_vs_proto_tcp.c) and their timeouts.
// In DR the director sees only client → VIP packets; such connections carry
// IP_VS_CONN_F_NOOUTPUT and use the INPUT-ONLY rows of tcp_states[].
import { MICROS_PER_SECOND } from '../core/event-queue.ts';
import type { TcpFlags } from './types.ts';

export const TCP_STATE_NAMES = ['NONE', 'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT', 'TIME_WAIT', 'CLOSE', 'CLOSE_WAIT', 'LAST_ACK', 'LISTEN', 'SYNACK'] as const;
export type TcpStateName = (typeof TCP_STATE_NAMES)[number];

const [sNO, sES, sSS, sSR, sFW, sTW, sCL, sCW, sLA, sLI, sSA] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export const TCP_NONE = sNO;
export const TCP_ESTABLISHED = sES;

/** INPUT-ONLY rows, indexed [syn, fin, ack, rst][current state]. */
const INPUT_ONLY: ReadonlyArray<readonly number[]> = [
  /*syn*/ [sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSR],
  /*fin*/ [sCL, sFW, sSS, sTW, sFW, sTW, sCL, sCW, sLA, sLI, sTW],
  /*ack*/ [sCL, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES],
  /*rst*/ [sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sCL],
];

/**
 * INPUT and OUTPUT rows, for connections that see both directions: NAT (-m)
 * entries, whose dests carry no IP_VS_CONN_F_NOOUTPUT (ip_vs_proto_tcp.c).
 */
const INPUT: ReadonlyArray<readonly number[]> = [
  /*syn*/ [sSR, sES, sES, sSR, sSR, sSR, sSR, sSR, sSR, sSR, sSR],
  /*fin*/ [sCL, sCW, sSS, sTW, sTW, sTW, sCL, sCW, sLA, sLI, sTW],
  /*ack*/ [sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sCL, sLI, sES],
  /*rst*/ [sCL, sCL, sCL, sSR, sCL, sCL, sCL, sCL, sLA, sLI, sSR],
];
const OUTPUT: ReadonlyArray<readonly number[]> = [
  /*syn*/ [sSS, sES, sSS, sSR, sSS, sSS, sSS, sSS, sSS, sLI, sSR],
  /*fin*/ [sTW, sFW, sSS, sTW, sFW, sTW, sCL, sTW, sLA, sLI, sTW],
  /*ack*/ [sES, sES, sSS, sES, sFW, sTW, sCL, sCW, sLA, sES, sES],
  /*rst*/ [sCL, sCL, sSS, sCL, sCL, sTW, sCL, sCL, sCL, sCL, sCL],
];

/** Which rows set_tcp_state uses: INPUT-ONLY for NOOUTPUT entries (DR, TUN), INPUT/OUTPUT for NAT. */
export type TcpDirection = 'input' | 'output' | 'input-only';

/** tcp_state_idx: RST first, then SYN, FIN, ACK; a segment with none of them is -1. */
function flagIndex(flags: TcpFlags): number {
  if (flags.rst) return 3;
  if (flags.syn) return 0;
  if (flags.fin) return 1;
  if (flags.ack) return 2;
  return -1;
}

/** set_tcp_state: the next state; without a known flag the kernel uses CLOSE. */
export function nextTcpState(current: number, flags: TcpFlags, direction: TcpDirection = 'input-only'): number {
  const idx = flagIndex(flags);
  const table = direction === 'input-only' ? INPUT_ONLY : direction === 'input' ? INPUT : OUTPUT;
  return idx < 0 ? sCL : table[idx]![current]!;
}

/** tcp_state_active_table: only ESTABLISHED counts as an active connection. */
export function tcpStateActive(state: number): boolean {
  return state === sES;
}

/** tcp_timeouts[] in seconds, by state index. */
const TCP_TIMEOUTS_S = [2, 900, 120, 60, 120, 120, 10, 60, 30, 120, 120];
export const UDP_TIMEOUT_S = 300;

/** The timeout table of one director; ipvsadm --set changes three entries. */
export class Timeouts {
  readonly tcp = [...TCP_TIMEOUTS_S];
  udp = UDP_TIMEOUT_S;

  tcpUs(state: number): number {
    return this.tcp[state]! * MICROS_PER_SECOND;
  }

  get udpUs(): number {
    return this.udp * MICROS_PER_SECOND;
  }

  /** ip_vs_set_timeout: 0 keeps the current value. */
  set(tcp: number, tcpFin: number, udp: number): void {
    if (tcp) this.tcp[sES] = tcp;
    if (tcpFin) this.tcp[sFW] = tcpFin;
    if (udp) this.udp = udp;
  }

  /** ipvsadm -L --timeout: ESTABLISHED, FIN_WAIT and UDP. */
  get listed(): [number, number, number] {
    return [this.tcp[sES]!, this.tcp[sFW]!, this.udp];
  }
}

// Named so a reader can match the table columns above.
export const TCP_STATE = { sNO, sES, sSS, sSR, sFW, sTW, sCL, sCW, sLA, sLI, sSA };
