// Destination hashing (ip_vs_dh.c): like sh but keyed on the destination
// address, one bucket per server per round; weights only gate eligibility.
import type { IpvsDest } from '../types.ts';
import { eligible, type Scheduler } from './scheduler.ts';
import { fillBuckets, hash8 } from './hash-table.ts';

export function createDh(initial: readonly IpvsDest[]): Scheduler {
  const fill = (dests: readonly IpvsDest[]): Array<IpvsDest | null> => fillBuckets(dests, () => 1);
  let buckets = fill(initial);
  return {
    name: 'dh',
    changed(dests) {
      buckets = fill(dests);
    },
    removed(dests) {
      buckets = fill(dests);
    },
    schedule(_dests, packet) {
      const dest = buckets[hash8(packet.dst)] ?? null;
      return dest && eligible(dest) ? dest : null;
    },
  };
}
