// Shortest expected delay (ip_vs_sed.c): the lowest (active + 1) / weight;
// inactive connections do not count.
import type { Scheduler } from './scheduler.ts';
import { weightedLeast } from './weighted-least.ts';

export function createSed(): Scheduler {
  return { name: 'sed', schedule: (dests) => weightedLeast(dests, (d) => d.activeConns + 1) };
}
