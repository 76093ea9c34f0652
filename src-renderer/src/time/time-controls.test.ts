import { describe, expect, it } from 'vitest';
import { FLIGHT_MS } from './playback.ts';
import { TimeControls } from './time-controls.svelte.ts';

describe('TimeControls', () => {
  it('paused, a new command’s frames all wait, and each step shows exactly one', () => {
    const time = new TimeControls();
    time.pause();
    time.sync([0, 0.00002]); // an ARP request and its reply, 20 µs apart
    expect([time.shown, time.pending]).toEqual([0, 2]);
    expect(time.step()).toBe(0);
    expect(time.shown).toBe(1);
    expect(time.step()).toBe(1);
    expect([time.shown, time.pending]).toEqual([2, 0]);
    expect(time.step()).toBeNull();
  });

  it('paused after frames have landed: the next ones wait too', () => {
    const time = new TimeControls();
    time.pause();
    time.sync([0]);
    time.step();
    expect(time.clock).toBeCloseTo(FLIGHT_MS, 1);
    time.sync([0, 5, 5.00002]);
    expect([time.shown, time.pending]).toEqual([1, 2]);
    expect(time.step()).toBe(1);
    expect(time.shown).toBe(2);
  });

  it('at instant speed every frame is shown as it arrives', () => {
    const time = new TimeControls();
    time.setSpeed('instant');
    time.pause();
    time.sync([0, 0.1, 0.2]);
    expect([time.shown, time.pending]).toEqual([3, 0]);
  });
});
