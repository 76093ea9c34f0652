// Source hashing (ip_vs_sh.c): a static table maps the client address to a
// server. If that server is quiesced or overloaded the answer is "no
// destination" (the sh-fallback flag, which ipvsadm -b sets, is not modelled).
import type { IpvsDest } from '../types.ts';
import { eligible, type Scheduler } from './scheduler.ts';
import { fillBuckets, hash8 } from './hash-table.ts';

export function createSh(initial: readonly IpvsDest[]): Scheduler {
  // Each server takes `weight` consecutive buckets per round.
  const fill = (dests: readonly IpvsDest[]): Array<IpvsDest | null> => fillBuckets(dests, (d) => d.weight);
  let buckets = fill(initial);
  return {
    name: 'sh',
    changed(dests) {
      buckets = fill(dests);
    },
    removed(dests) {
      buckets = fill(dests);
    },
    schedule(_dests, packet) {
      // Without sh-port the port is 0: the key is the source address alone.
      const dest = buckets[hash8(packet.src)] ?? null;
      return dest && eligible(dest) ? dest : null;
    },
  };
}
