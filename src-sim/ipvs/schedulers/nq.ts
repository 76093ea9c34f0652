// Never queue (ip_vs_nq.c): the first eligible server with no active
// connection at all is taken at once; otherwise the sed rule.
import type { IpvsDest } from '../types.ts';
import { beats, type Scheduler } from './scheduler.ts';

export function createNq(): Scheduler {
  return {
    name: 'nq',
    schedule(dests) {
      let least: IpvsDest | null = null;
      let loh = 0;
      for (const d of dests) {
        if (d.overloaded || d.weight === 0) continue;
        const doh = d.activeConns + 1;
        if (d.activeConns === 0) return d;
        if (!least || beats(doh, d, loh, least)) {
          least = d;
          loh = doh;
        }
      }
      return least;
    },
  };
}
