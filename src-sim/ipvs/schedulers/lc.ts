// Least connection (ip_vs_lc.c): the lowest (active << 8) + inactive; the
// comparison is strict, so the first in list order wins a tie.
import type { IpvsDest } from '../types.ts';
import { connOverhead, type Scheduler } from './scheduler.ts';

export function createLc(): Scheduler {
  return {
    name: 'lc',
    schedule(dests) {
      let least: IpvsDest | null = null;
      let loh = 0;
      for (const d of dests) {
        if (d.overloaded || d.weight === 0) continue;
        const doh = connOverhead(d);
        if (!least || doh < loh) {
          least = d;
          loh = doh;
        }
      }
      return least;
    },
  };
}
