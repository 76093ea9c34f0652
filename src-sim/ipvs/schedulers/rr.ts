// Round robin (ip_vs_rr.c): go on round the list from the server chosen last.
// Weights other than 0 do not matter.
import { eligible, type Scheduler } from './scheduler.ts';
import type { IpvsDest } from '../types.ts';

export function createRr(): Scheduler {
  /** sched_data: the last server chosen; null is the list head. */
  let last: IpvsDest | null = null;
  return {
    name: 'rr',
    removed(dests, dest, index) {
      // ip_vs_rr_del_dest: step back to the entry before the removed one.
      if (last === dest) last = index > 0 ? dests[index - 1]! : null;
    },
    schedule(dests) {
      const start = last ? dests.indexOf(last) + 1 : 0;
      for (let k = 0; k < dests.length; k++) {
        const dest = dests[(start + k) % dests.length]!;
        if (eligible(dest)) {
          last = dest;
          return dest;
        }
      }
      return null;
    },
  };
}
