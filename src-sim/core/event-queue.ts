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
  /** When the event is due (virtual µs). */
  readonly at: Micros;
  cancel(): void;
}

export class EventQueue {
  /**
   * Pending events live in a binary heap, except those of `scheduleCall`,
   * which go to a first-in first-out lane per delay: with the clock never
   * going back and seq only growing, events of one delay are scheduled in
   * (at, seq) order, so a lane stays sorted and costs O(1) per event (every
   * frame delivery is one, at now + 10 µs). The next event is the earliest
   * of the heap's top and the lanes' heads: the order is exactly (at, seq).
   */
  private heap: ScheduledEvent[] = [];
  private readonly lanes = new Map<Micros, Lane>();
  private readonly laneList: Lane[] = [];
  private seq = 0;
  private current: Micros = 0;
  /**
   * Called before each event runs, between events (state is consistent):
   * the lab charges the running command line's budget here and notices
   * Ctrl-C, even inside commands that drive the queue themselves (curl, ab).
   */
  beforeEvent: (() => void) | null = null;

  get now(): Micros {
    return this.current;
  }

  get pending(): number {
    let count = this.heap.length;
    for (const lane of this.laneList) count += lane.events.length - lane.head;
    return count;
  }

  schedule(delay: Micros, run: () => void): TimerHandle {
    const event = new ScheduledEvent(this.current + Math.max(0, Math.round(delay)), this.seq++, callThunk, run, undefined);
    this.pushHeap(event as ScheduledEvent);
    return event;
  }

  /**
   * Schedules `call(a, b)`: the same as `schedule(delay, () => call(a, b))`
   * without the closure. Meant for a few fixed delays used very often (frame
   * deliveries); each distinct delay gets a lane.
   */
  scheduleCall<A, B>(delay: Micros, call: (a: A, b: B) => void, a: A, b: B): TimerHandle {
    const d = Math.max(0, Math.round(delay));
    const event = new ScheduledEvent(this.current + d, this.seq++, call, a, b) as ScheduledEvent;
    let lane = this.lanes.get(d);
    if (lane === undefined) {
      if (this.laneList.length >= MAX_LANES) {
        this.pushHeap(event);
        return event;
      }
      lane = { events: [], head: 0 };
      this.lanes.set(d, lane);
      this.laneList.push(lane);
    }
    lane.events.push(event);
    return event;
  }

  /** Runs the next event; returns false when none is left. */
  step(): boolean {
    if (this.beforeEvent !== null) this.beforeEvent();
    const event = this.pop();
    if (!event) return false;
    if (event.at > this.current) this.current = event.at;
    if (!event.cancelled) event.call(event.a, event.b);
    return true;
  }

  /** Runs every event due up to `until` (inclusive) and sets the clock to `until`. */
  runUntil(until: Micros): void {
    for (let next = this.peek(); next !== undefined && next.at <= until; next = this.peek()) this.step();
    if (until > this.current) this.current = until;
  }

  /** Whether an event (cancelled or not) is due at or before `until`: `runUntil(until)` would run one. */
  hasEventBy(until: Micros): boolean {
    const next = this.peek();
    return next !== undefined && next.at <= until;
  }

  /** Time of the next live event, or null. */
  nextAt(): Micros | null {
    let next = this.peek();
    while (next !== undefined && next.cancelled) {
      this.pop();
      next = this.peek();
    }
    return next !== undefined ? next.at : null;
  }

  private before(a: ScheduledEvent, b: ScheduledEvent): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  /** The lane whose head comes first, or null when every lane is empty. */
  private firstLane(): Lane | null {
    let first: Lane | null = null;
    for (const lane of this.laneList) {
      if (lane.head < lane.events.length && (first === null || this.before(lane.events[lane.head]!, first.events[first.head]!))) first = lane;
    }
    return first;
  }

  /** The next event (cancelled or not), left in place. */
  private peek(): ScheduledEvent | undefined {
    const lane = this.firstLane();
    const top = this.heap.length > 0 ? this.heap[0] : undefined;
    if (lane === null) return top;
    const head = lane.events[lane.head]!;
    return top !== undefined && this.before(top, head) ? top : head;
  }

  private pop(): ScheduledEvent | undefined {
    const lane = this.firstLane();
    if (lane === null || (this.heap.length > 0 && this.before(this.heap[0]!, lane.events[lane.head]!))) return this.popHeap();
    const events = lane.events;
    const event = events[lane.head]!;
    events[lane.head++] = undefined as unknown as ScheduledEvent; // let it be collected
    if (lane.head === events.length) {
      events.length = 0;
      lane.head = 0;
    } else if (lane.head >= 1024 && lane.head * 2 >= events.length) {
      events.splice(0, lane.head);
      lane.head = 0;
    }
    return event;
  }

  // A binary heap ordered by (at, seq). Sifting moves the hole instead of
  // swapping pairs.
  private pushHeap(event: ScheduledEvent): void {
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

  private popHeap(): ScheduledEvent | undefined {
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

/** Events of one scheduleCall delay, in the order they run; `head` is the next. */
interface Lane {
  events: ScheduledEvent[];
  head: number;
}

/** Beyond this many distinct scheduleCall delays, further ones use the heap. */
const MAX_LANES = 4;
