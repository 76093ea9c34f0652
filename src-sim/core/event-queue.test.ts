import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from './event-queue.ts';

describe('EventQueue', () => {
  it('runs events by time, then in the order they were scheduled, skipping cancelled ones', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ delay: fc.integer({ min: 0, max: 20 }), cancel: fc.boolean(), viaCall: fc.boolean() }), { maxLength: 200 }), (specs) => {
        const queue = new EventQueue();
        const ran: number[] = [];
        const record = (index: number, _unused: null): void => {
          ran.push(index);
        };
        specs.forEach((spec, index) => {
          const handle = spec.viaCall ? queue.scheduleCall(spec.delay, record, index, null) : queue.schedule(spec.delay, () => ran.push(index));
          if (spec.cancel) handle.cancel();
        });
        while (queue.step());
        const expected = specs
          .map((spec, index) => ({ ...spec, index }))
          .filter((spec) => !spec.cancel)
          .sort((a, b) => a.delay - b.delay || a.index - b.index)
          .map((spec) => spec.index);
        expect(ran).toEqual(expected);
        expect(queue.pending).toBe(0);
      }),
    );
  });

  it('advances the clock to each event and runs events scheduled while running in order', () => {
    const queue = new EventQueue();
    const seen: Array<[string, number]> = [];
    queue.schedule(10, () => {
      seen.push(['a', queue.now]);
      queue.schedule(0, () => seen.push(['a0', queue.now]));
      queue.schedule(5, () => seen.push(['a5', queue.now]));
    });
    queue.schedule(10, () => seen.push(['b', queue.now]));
    queue.schedule(15, () => seen.push(['c', queue.now]));
    queue.runUntil(100);
    expect(seen).toEqual([['a', 10], ['b', 10], ['a0', 10], ['c', 15], ['a5', 15]]);
    expect(queue.now).toBe(100);
  });

  it('nextAt skips cancelled events', () => {
    const queue = new EventQueue();
    queue.schedule(3, () => {}).cancel();
    queue.schedule(7, () => {});
    expect(queue.nextAt()).toBe(7);
  });
});
