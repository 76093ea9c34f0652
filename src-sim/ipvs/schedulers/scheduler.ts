// What every scheduler (net/netfilter/ipvs/ip_vs_<name>.c) provides. Each
// instance holds its service's sched_data and sees the destinations in
// kernel list order (newest first).
import type { Ip4 } from '../../net/addr.ts';
import type { IpvsDest } from '../types.ts';

export interface SchedPacket {
  src: Ip4;
  sport: number;
  dst: Ip4;
}

export interface Scheduler {
  readonly name: string;
  /** add_dest, upd_dest: called after the list or a weight changed. */
  changed?(dests: readonly IpvsDest[]): void;
  /** del_dest: `dest` was at `index` and is no longer in `dests`. */
  removed?(dests: readonly IpvsDest[], dest: IpvsDest, index: number): void;
  /** Returns null for "no destination available". */
  schedule(dests: readonly IpvsDest[], packet: SchedPacket): IpvsDest | null;
}

/** Weight 0 (quiesced) and overloaded servers never get a new connection. */
export function eligible(dest: IpvsDest): boolean {
  return !dest.overloaded && dest.weight > 0;
}

/** ip_vs_dest_conn_overhead: an active connection weighs 256 inactive ones. */
export function connOverhead(dest: IpvsDest): number {
  return dest.activeConns * 256 + dest.inactConns;
}

/**
 * The wlc/sed/nq comparison of overhead/weight without division:
 * `candidate` beats `least` only when strictly lower (loh × wd > doh × wl).
 */
export function beats(candidateOverhead: number, candidate: IpvsDest, leastOverhead: number, least: IpvsDest): boolean {
  return leastOverhead * candidate.weight > candidateOverhead * least.weight;
}
