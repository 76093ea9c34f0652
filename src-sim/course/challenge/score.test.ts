import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeScore, MAX_SCORE, type ScoreInput } from './score.ts';

const base: ScoreInput = { faults: 2, fixed: 2, elapsedSeconds: 100, parSeconds: 300, hintsUsed: 0, collateral: 0, solutionShown: false };

describe('computeScore', () => {
  it('gives the full 1000 for every fault fixed within par, no hints, nothing broken', () => {
    expect(computeScore(base)).toEqual({ total: 1000, repair: 600, speed: 200, care: 200, hintCost: 0 });
  });

  it('gives nothing when nothing is fixed', () => {
    expect(computeScore({ ...base, fixed: 0 }).total).toBe(0);
  });

  it('pays repair and care in proportion to the faults fixed, and speed only when all are fixed', () => {
    expect(computeScore({ ...base, fixed: 1 })).toEqual({ total: 400, repair: 300, speed: 0, care: 100, hintCost: 0 });
  });

  it('halves the speed part at twice the par time', () => {
    expect(computeScore({ ...base, elapsedSeconds: 600 }).speed).toBe(100);
    expect(computeScore({ ...base, elapsedSeconds: 300 }).speed).toBe(200);
  });

  it('takes 50 per hint and 100 per broken baseline check', () => {
    expect(computeScore({ ...base, hintsUsed: 2 }).total).toBe(900);
    expect(computeScore({ ...base, collateral: 1 }).total).toBe(900);
    expect(computeScore({ ...base, collateral: 5 }).care).toBe(0);
  });

  it('gives 0 when the solution was shown', () => {
    expect(computeScore({ ...base, solutionShown: true }).total).toBe(0);
  });

  it('stays an integer in [0, 1000] and never rewards hints, collateral or slowness', () => {
    const input = fc.record({
      faults: fc.integer({ min: 1, max: 4 }),
      fixed: fc.integer({ min: 0, max: 4 }),
      elapsedSeconds: fc.double({ min: 0, max: 1e6, noNaN: true }),
      parSeconds: fc.integer({ min: 60, max: 2000 }),
      hintsUsed: fc.integer({ min: 0, max: 30 }),
      collateral: fc.integer({ min: 0, max: 10 }),
      solutionShown: fc.boolean(),
    });
    fc.assert(
      fc.property(input, (i) => {
        const s = computeScore(i).total;
        expect(Number.isInteger(s) && s >= 0 && s <= MAX_SCORE).toBe(true);
        expect(computeScore({ ...i, hintsUsed: i.hintsUsed + 1 }).total).toBeLessThanOrEqual(s);
        expect(computeScore({ ...i, collateral: i.collateral + 1 }).total).toBeLessThanOrEqual(s);
        expect(computeScore({ ...i, elapsedSeconds: i.elapsedSeconds + 100 }).total).toBeLessThanOrEqual(s);
      }),
    );
  });
});
