import { describe, expect, it } from 'vitest';
import { createLc } from './lc.ts';
import { createNq } from './nq.ts';
import { createSed } from './sed.ts';
import { createWlc } from './wlc.ts';
import type { Scheduler } from './scheduler.ts';
import { PKT, dest } from './test-dests.ts';

const pick = (schedule: Scheduler['schedule'], list: ReturnType<typeof dest>[]): number | null => {
  const d = schedule(list, PKT);
  return d ? d.addr & 255 : null;
};

describe('lc', () => {
  const lc = createLc().schedule;
  it('one active connection weighs 256 inactive ones', () => {
    expect(pick(lc, [dest(11, 1, 1, 0), dest(12, 1, 0, 255)])).toBe(12); // 256 > 255
    expect(pick(lc, [dest(11, 1, 1, 0), dest(12, 1, 0, 256)])).toBe(11); // tie: first wins
  });
  it('ignores weight except 0, and skips overloaded servers', () => {
    expect(pick(lc, [dest(11, 0, 0, 0), dest(12, 1, 0, 9)])).toBe(12);
    const busy = dest(11, 1, 0, 0);
    busy.overloaded = true;
    expect(pick(lc, [busy, dest(12, 1, 5, 0)])).toBe(12);
    expect(pick(lc, [dest(11, 0)])).toBeNull();
  });
});

describe('wlc', () => {
  const wlc = createWlc().schedule;
  it('compares overhead/weight by cross products, strictly', () => {
    // A: 256/1, B: 512/3 → 256 × 3 > 512 × 1, so B.
    expect(pick(wlc, [dest(11, 1, 1, 0), dest(12, 3, 2, 0)])).toBe(12);
    // A: 1/1, B: 2/2 → equal, the first in list order stays.
    expect(pick(wlc, [dest(11, 1, 0, 1), dest(12, 2, 0, 2)])).toBe(11);
  });
  it('an idle list picks the first server; weight 0 never wins', () => {
    expect(pick(wlc, [dest(13), dest(12), dest(11)])).toBe(13);
    expect(pick(wlc, [dest(11, 0), dest(12, 1, 3, 3)])).toBe(12);
    expect(pick(wlc, [dest(12, 1, 3, 3), dest(11, 0)])).toBe(12);
    expect(pick(wlc, [dest(11, 0), dest(12, 0)])).toBeNull();
  });
});

describe('sed', () => {
  const sed = createSed().schedule;
  it('(active + 1) / weight; inactive connections do not count', () => {
    // A: 1/1, B: 3/3 → equal: A. wlc would see A's 1000 inactive.
    expect(pick(sed, [dest(11, 1, 0, 1000), dest(12, 3, 2, 0)])).toBe(11);
    // A: 2/1, B: 3/3 → B.
    expect(pick(sed, [dest(11, 1, 1, 0), dest(12, 3, 2, 0)])).toBe(12);
  });
});

describe('nq', () => {
  const nq = createNq().schedule;
  it('takes the first eligible idle server at once, whatever the weights', () => {
    expect(pick(nq, [dest(12, 100, 1, 0), dest(11, 1, 0, 50)])).toBe(11);
    expect(pick(nq, [dest(12, 0, 0, 0), dest(11, 1, 0, 0)])).toBe(11);
  });
  it('without an idle server, the sed rule', () => {
    // A: 2/1, B: 4/3 → 2 × 3 > 4 × 1: B.
    expect(pick(nq, [dest(11, 1, 1, 0), dest(12, 3, 3, 0)])).toBe(12);
  });
});
