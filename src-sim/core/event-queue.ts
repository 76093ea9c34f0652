// The one virtual clock of a lab. Events run in order of time, then of the
// order they were scheduled in (ns-3 style), so a run is fully deterministic.

/** Virtual time in microseconds; integers avoid floating-point drift. */
export type Micros = number;

export const MICROS_PER_SECOND = 1_000_000;

/**
 * One pending event, and the handle that cancels it. `call(a, b)` runs it:
 * segments schedule a frame delivery as (deliver, port, frame) so that no
 * closure is built per receiver; `schedule` stores its thunk in `a`.
 */
class ScheduledEvent<A = unknown, B = unknown> implements TimerHandle {
  cancelled = false;

  constructor(
    readonly at: Micros,
    readonly seq: number,
    readonly call: (a: A, b: B) => void,
    readonly a: A,
    readonly b: B,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }
}

function callThunk(run: () => void): void {
  run();
}

export interface TimerHandle {
  cancel(): void;
}

export class EventQueue {
  private heap: ScheduledEvent[] = [];
  private seq = 0;
  private current: Micros = 0;

  get now(): Micros {
    return this.current;
  }

  get pending(): number {
    return this.heap.length;
  }

  schedule(delay: Micros, run: () => void): TimerHandle {
    return this.scheduleCall(delay, callThunk, run, undefined);
  }

  /** Schedules `call(a, b)`: the same as `schedule(delay, () => call(a, b))` without the closure. */
  scheduleCall<A, B>(delay: Micros, call: (a: A, b: B) => void, a: A, b: B): TimerHandle {
    const event = new ScheduledEvent(this.current + Math.max(0, Math.round(delay)), this.seq++, call, a, b);
    this.push(event as ScheduledEvent);
    return event;
  }

  /** Runs the next event; returns false when none is left. */
  step(): boolean {
    const event = this.pop();
    if (!event) return false;
    if (event.at > this.current) this.current = event.at;
    if (!event.cancelled) event.call(event.a, event.b);
    return true;
  }

  /** Runs every event due up to `until` (inclusive) and sets the clock to `until`. */
  runUntil(until: Micros): void {
    while (this.heap.length > 0 && this.heap[0]!.at <= until) this.step();
    if (until > this.current) this.current = until;
  }

  /** Time of the next live event, or null. */
  nextAt(): Micros | null {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
    return this.heap.length > 0 ? this.heap[0]!.at : null;
  }

  /**
   * The clock interface xstate's `clock` option expects, so that delayed
   * transitions of every neighbour machine run on this virtual clock.
   */
  readonly xstateClock = {
    setTimeout: (fn: (...args: unknown[]) => void, timeoutMs: number): TimerHandle => this.scheduleCall(timeoutMs * 1000, callThunk, fn as () => void, undefined),
    clearTimeout: (handle: unknown): void => (handle as TimerHandle | undefined)?.cancel(),
  };

  private before(a: ScheduledEvent, b: ScheduledEvent): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  // A binary heap ordered by (at, seq). Sifting moves the hole instead of
  // swapping pairs: this runs for every frame delivery.
  private push(event: ScheduledEvent): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(event);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent]!;
      if (!this.before(event, above)) break;
      heap[i] = above;
      i = parent;
    }
    heap[i] = event;
  }

  private pop(): ScheduledEvent | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0]!;
    const last = heap.pop()!;
    const n = heap.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && this.before(heap[r]!, heap[l]!) ? r : l;
        const below = heap[child]!;
        if (!this.before(below, last)) break;
        heap[i] = below;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}
