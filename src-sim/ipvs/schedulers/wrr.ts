// Weighted round robin (ip_vs_wrr.c). The current weight cw starts at the
// largest weight and falls by the gcd of the weights after each pass over
// the list; a pass picks every server whose weight is at least cw. Weights
// 3,2,1 thus give A A B A B C.
import type { IpvsDest } from '../types.ts';
import type { Scheduler } from './scheduler.ts';

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export function createWrr(initial: readonly IpvsDest[]): Scheduler {
  /** mark->cl: the server chosen last, null for the list head. */
  let cl: IpvsDest | null = null;
  let cw = 0;
  let mw = 0;
  let di = 1;

  const recompute = (dests: readonly IpvsDest[]): void => {
    let g = 0;
    let max = 0;
    for (const d of dests) {
      if (d.weight > 0) g = g > 0 ? gcd(d.weight, g) : d.weight;
      max = Math.max(max, d.weight);
    }
    di = g || 1;
    mw = max - (di - 1);
  };
  recompute(initial);
  cw = mw;

  /** ip_vs_wrr_dest_changed: back to the head; cw kept when still sensible. */
  const changed = (dests: readonly IpvsDest[]): void => {
    cl = null;
    recompute(dests);
    if (cw > mw || cw === 0) cw = mw;
    else if (di > 1) cw = Math.floor(cw / di) * di + 1;
  };

  return {
    name: 'wrr',
    changed,
    removed: changed,
    schedule(dests) {
      if (mw === 0) return null;
      let pos = cl ? dests.indexOf(cl) : -1;
      const lastPos = pos;
      let stop: number | null = null;
      let lastPass = false;
      let restarted = false;
      for (;;) {
        for (let i = pos + 1; i < dests.length; i++) {
          const d = dests[i]!;
          if (!d.overloaded && d.weight >= cw) {
            cl = d;
            return d;
          }
          if (i === stop) {
            cl = d;
            return null; // every server overloaded
          }
        }
        pos = -1;
        cw -= di;
        if (cw <= 0) {
          cw = mw;
          // A full pass with cw ≤ di found nobody: stop.
          if (lastPass || lastPos === -1) {
            cl = null;
            return null;
          }
          restarted = true;
        }
        lastPass = cw <= di;
        // The first low pass only covered servers after the start; now the rest.
        if (lastPass && restarted && lastPos !== -1) stop = lastPos;
      }
    },
  };
}
