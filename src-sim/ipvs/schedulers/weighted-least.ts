// The shared loop of wlc and sed: start with the first eligible server, then
// replace it by any later one with a strictly lower overhead/weight.
import type { IpvsDest } from '../types.ts';
import { beats, eligible } from './scheduler.ts';

export function weightedLeast(dests: readonly IpvsDest[], overhead: (d: IpvsDest) => number): IpvsDest | null {
  const first = dests.findIndex(eligible);
  if (first < 0) return null;
  let least = dests[first]!;
  let loh = overhead(least);
  for (let i = first + 1; i < dests.length; i++) {
    const d = dests[i]!;
    // Weight 0 is not skipped here, but loh × 0 > doh × w is never true.
    if (d.overloaded) continue;
    const doh = overhead(d);
    if (beats(doh, d, loh, least)) {
      least = d;
      loh = doh;
    }
  }
  return least;
}
