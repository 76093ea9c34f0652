// Weighted least connection (ip_vs_wlc.c), the default: the lowest
// ((active << 8) + inactive) / weight.
import { connOverhead, type Scheduler } from './scheduler.ts';
import { weightedLeast } from './weighted-least.ts';

export function createWlc(): Scheduler {
  return { name: 'wlc', schedule: (dests) => weightedLeast(dests, connOverhead) };
}
