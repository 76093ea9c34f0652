import { describe, expect, it } from 'vitest';
import { countStarted, endOf, extendSchedule, FLIGHT_MS, inFlight, MAX_GAP_MS, MIN_GAP_MS, stepTo } from './playback.ts';

describe('extendSchedule', () => {
  it('keeps virtual spacing between MIN_GAP_MS and MAX_GAP_MS', () => {
    const starts: number[] = [];
    // An ARP request and reply 20 µs apart, a ping 1 s later, a frame after `sleep 60`.
    extendSchedule(starts, [0, 0.00002, 1.00002, 61.00002], 0);
    expect(starts).toEqual([0, MIN_GAP_MS, MIN_GAP_MS + 1000, MIN_GAP_MS + 1000 + MAX_GAP_MS]);
  });

  it('starts frames that arrive while idle at the current display time', () => {
    const starts: number[] = [];
    extendSchedule(starts, [0], 0);
    extendSchedule(starts, [0, 0.5], 10_000);
    expect(starts).toEqual([0, 10_000]);
  });
});

describe('countStarted and inFlight', () => {
  const starts = [0, 350, 700, 3000];

  it('counts frames whose animation has begun', () => {
    expect(countStarted(starts, -1)).toBe(0);
    expect(countStarted(starts, 0)).toBe(1);
    expect(countStarted(starts, 699)).toBe(2);
    expect(countStarted(starts, 5000)).toBe(4);
  });

  it('lists the frames still on their way with their progress', () => {
    expect(inFlight(starts, 700)).toEqual([
      { index: 1, progress: 350 / FLIGHT_MS },
      { index: 2, progress: 0 },
    ]);
    expect(inFlight(starts, 2000)).toEqual([]);
    expect(endOf(starts)).toBe(3000 + FLIGHT_MS);
  });
});

describe('stepTo', () => {
  it('lands one frame and pushes back frames that would have started with it', () => {
    const starts = [0, 350, 700, 3000];
    const clock = stepTo(starts, 0);
    expect(clock).toBe(FLIGHT_MS);
    expect(countStarted(starts, clock)).toBe(1);
    expect(starts[1]).toBeGreaterThan(clock);
    // Spacing between the later frames is kept.
    expect(starts[2]! - starts[1]!).toBe(350);
  });

  it('leaves nothing in flight after a step, even at fractional display times', () => {
    const starts: number[] = [];
    extendSchedule(starts, [0, 0.00001, 0.00002], 1234.5678901);
    const clock = stepTo(starts, 0);
    expect(inFlight(starts, stepTo(starts, 1))).toEqual([]);
    expect(clock).toBeCloseTo(1234.5678901 + FLIGHT_MS);
  });

  it('leaves a later schedule alone when nothing starts before the frame lands', () => {
    const starts = [0, 5000];
    expect(stepTo(starts, 0)).toBe(FLIGHT_MS);
    expect(starts).toEqual([0, 5000]);
  });
});
