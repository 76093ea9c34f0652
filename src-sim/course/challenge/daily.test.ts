import { describe, expect, it } from 'vitest';
import { dailySeed } from './daily.ts';

describe('dailySeed', () => {
  it('is the same for the same date and differs between days', () => {
    expect(dailySeed('2026-12-01')).toBe(dailySeed('2026-12-01'));
    expect(dailySeed('2026-12-01')).not.toBe(dailySeed('2026-12-02'));
  });

  it('is a 32-bit seed, and null for text that is not a date', () => {
    const seed = dailySeed('2027-01-31')!;
    expect(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff).toBe(true);
    expect(dailySeed('2027-13-01')).toBeNull();
    expect(dailySeed('yesterday')).toBeNull();
  });
});
