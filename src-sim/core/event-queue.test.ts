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

  it('runs events scheduled while running, through the heap and the lanes, as a plain sorted list would', () => {
    const spec = fc.array(
      fc.record({
        delay: fc.oneof(fc.constantFrom(0, 10, 10, 10, 25, 1000), fc.integer({ min: 0, max: 3000 })),
        viaCall: fc.boolean(),
        cancels: fc.option(fc.nat({ max: 5 })),
      }),
      { minLength: 1, maxLength: 300 },
    );
    fc.assert(
      fc.property(spec, (program) => {
        expect(drive(new EventQueue(), program)).toEqual(drive(new ReferenceQueue(), program));
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

  it('hasEventBy sees heap and lane events due by then, cancelled ones too (runUntil would step over them)', () => {
    const queue = new EventQueue();
    expect(queue.hasEventBy(1_000)).toBe(false);
    queue.schedule(30, () => {}).cancel();
    queue.scheduleCall(20, () => {}, 0, 0);
    expect(queue.hasEventBy(19)).toBe(false);
    expect(queue.hasEventBy(20)).toBe(true);
    queue.runUntil(20);
    expect(queue.hasEventBy(29)).toBe(false);
    expect(queue.hasEventBy(30)).toBe(true);
    queue.runUntil(30);
    expect(queue.hasEventBy(1_000)).toBe(false);
  });
});

interface Step {
  delay: number;
  viaCall: boolean;
  /** When it runs, cancel the event scheduled this many steps before it. */
  cancels: number | null;
}

interface QueueLike {
  readonly now: number;
  schedule(delay: number, run: () => void): { cancel(): void };
  scheduleCall<A, B>(delay: number, call: (a: A, b: B) => void, a: A, b: B): { cancel(): void };
  step(): boolean;
}

/** Runs a program: each event, when it runs, schedules the next two steps; returns (step, time) in run order. */
function drive(queue: QueueLike, program: Step[]): Array<[number, number]> {
  const ran: Array<[number, number]> = [];
  const handles: Array<{ cancel(): void }> = [];
  const scheduleNext = (): void => {
    const id = handles.length;
    const step = program[id];
    if (step === undefined) return;
    const run = (): void => {
      ran.push([id, queue.now]);
      scheduleNext();
      scheduleNext();
      if (step.cancels !== null) handles[id - step.cancels - 1]?.cancel();
    };
    handles.push(step.viaCall ? queue.scheduleCall(step.delay, (f: () => void, _unused: null) => f(), run, null) : queue.schedule(step.delay, run));
  };
  scheduleNext();
  scheduleNext();
  while (queue.step());
  return ran;
}

/** The obvious implementation: a list kept sorted by (time, scheduling order). */
class ReferenceQueue implements QueueLike {
  private events: Array<{ at: number; seq: number; run: () => void; cancelled: boolean }> = [];
  private seq = 0;
  now = 0;

  schedule(delay: number, run: () => void): { cancel(): void } {
    const event = { at: this.now + Math.max(0, Math.round(delay)), seq: this.seq++, run, cancelled: false };
    this.events.push(event);
    this.events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    return { cancel: () => (event.cancelled = true) };
  }

  scheduleCall<A, B>(delay: number, call: (a: A, b: B) => void, a: A, b: B): { cancel(): void } {
    return this.schedule(delay, () => call(a, b));
  }

  step(): boolean {
    const event = this.events.shift();
    if (!event) return false;
    if (event.at > this.now) this.now = event.at;
    if (!event.cancelled) event.run();
    return true;
  }
}
