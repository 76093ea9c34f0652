// The one virtual clock of a lab. Events run in order of time, then of the
// order they were scheduled in (ns-3 style), so a run is fully deterministic.

/** Virtual time in microseconds; integers avoid floating-point drift. */
export type Micros = number;

export const MICROS_PER_SECOND = 1_000_000;

interface ScheduledEvent {
  at: Micros;
  seq: number;
  run: () => void;
  cancelled: boolean;
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
    const event: ScheduledEvent = { at: this.current + Math.max(0, Math.round(delay)), seq: this.seq++, run, cancelled: false };
    this.push(event);
    return { cancel: () => (event.cancelled = true) };
  }

  /** Runs the next event; returns false when none is left. */
  step(): boolean {
    const event = this.pop();
    if (!event) return false;
    if (event.at > this.current) this.current = event.at;
    if (!event.cancelled) event.run();
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
    setTimeout: (fn: (...args: unknown[]) => void, timeoutMs: number): TimerHandle => this.schedule(timeoutMs * 1000, () => fn()),
    clearTimeout: (handle: unknown): void => (handle as TimerHandle | undefined)?.cancel(),
  };

  private before(a: ScheduledEvent, b: ScheduledEvent): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(event: ScheduledEvent): void {
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): ScheduledEvent | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && this.before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top;
  }
}
