import { describe, expect, it } from 'vitest';
import { civilTime, VIRTUAL_EPOCH_UNIX_SECONDS } from './virtual-date.ts';

const EPOCH_MS = Date.UTC(2024, 0, 1);

describe('civilTime', () => {
  it('starts the lab on Monday 1 January 2024, midnight UTC', () => {
    expect(civilTime(0)).toEqual({ year: 2024, month: 1, day: 1, weekday: 1, hours: 0, minutes: 0, seconds: 0 });
    expect(VIRTUAL_EPOCH_UNIX_SECONDS * 1000).toBe(EPOCH_MS);
  });

  it('agrees with Date to the second, across leap days, month and century ends', () => {
    // Steps of a little over five days for 250 years (microseconds stay exact integers until ~285 years), plus every second of a day around 29 Feb 2024.
    const probes: number[] = [];
    for (let s = 0; s < 250 * 365 * 86_400; s += 5 * 86_400 + 3_607) probes.push(s);
    for (let s = 58 * 86_400 - 30; s < 61 * 86_400; s += 97) probes.push(s);
    for (const s of probes) {
      const d = new Date(EPOCH_MS + s * 1000);
      expect(civilTime(s * 1_000_000 + 999_999)).toEqual({
        year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(),
        hours: d.getUTCHours(), minutes: d.getUTCMinutes(), seconds: d.getUTCSeconds(),
      });
    }
  });
});
