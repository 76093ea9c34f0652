import { describe, expect, it } from 'vitest';
import { timerWheelDelayUs } from './timer-wheel.ts';

describe('timerWheelDelayUs (mod_timer on a HZ=250 kernel)', () => {
  it('fires a 5 s timer at the next 256 ms boundary after the expiry, never early', () => {
    expect(timerWheelDelayUs(0, 5000)).toBe(5_120_000);
    // Armed 22.567 ms into the run (as the server's DELAY after one curl in the conformance suite): 97 ms late.
    expect(timerWheelDelayUs(22_567, 5000)).toBe(5_097_433);
    // Jiffy 62: expires at 1312, fires at 1344 (21 × 64) = 5.376 s.
    expect(timerWheelDelayUs(250_000, 5000)).toBe(5_126_000);
  });

  it('uses finer buckets for shorter timers: 32 ms for 1 s, one jiffy below 63 jiffies', () => {
    expect(timerWheelDelayUs(0, 1000)).toBe(1_024_000);
    expect(timerWheelDelayUs(0, 100)).toBe(104_000);
    expect(timerWheelDelayUs(1_000, 100)).toBe(103_000);
  });
});
