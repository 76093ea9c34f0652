// Play, pause, single step and speed for the replay of a lab's frames (see
// playback.ts). The display clock advances with requestAnimationFrame while
// playing; `shown` is how many frames the capture list and topology reveal.
import { countStarted, endOf, extendSchedule, inFlight, stepTo, type Speed } from './playback.ts';

/** How far after the clock a frame arriving during a pause is scheduled (display ms). */
const PAUSED_START_MS = 0.001;

export class TimeControls {
  playing = $state(true);
  speed = $state<Speed>(1);
  /** Display time in ms at 1× since the lab opened. */
  clock = $state(0);
  /** Frames known to the schedule; grows as commands put frames on the wire. */
  total = $state(0);
  #starts: number[] = [];
  #frame: number | null = null;
  #last: number | null = null;

  shown = $derived(Math.min(this.total, countStarted(this.#startsView(), this.clock)));
  pending = $derived(this.total - this.shown);

  /** Called with all frames' virtual times (seconds) after every command. */
  sync(times: readonly number[]): void {
    if (times.length < this.#starts.length) this.#starts = [];
    // A frame arriving while idle starts now; at "instant" it is shown at once.
    // Paused, it starts just after now: it waits for Play or Step like the rest
    // (starting exactly now would show it at once, and a step would skip it).
    extendSchedule(this.#starts, times, this.playing ? this.clock : this.clock + PAUSED_START_MS);
    this.total = this.#starts.length;
    if (this.speed === 'instant') this.clock = Math.max(this.clock, endOf(this.#starts));
    this.#kick();
  }

  play(): void {
    this.playing = true;
    this.#kick();
  }

  pause(): void {
    this.playing = false;
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    if (speed === 'instant') this.clock = Math.max(this.clock, endOf(this.#starts));
    this.#kick();
  }

  /** Pauses and shows exactly one more frame (it lands at once). Returns its index, or null. */
  step(): number | null {
    this.pause();
    const next = this.shown;
    if (next >= this.#starts.length) return null;
    this.clock = stepTo(this.#starts, next);
    return next;
  }

  /** Frames moving along their links now, with progress 0..1. */
  flights(): Array<{ index: number; progress: number }> {
    return inFlight(this.#startsView(), this.clock);
  }

  dispose(): void {
    if (this.#frame !== null) cancelAnimationFrame(this.#frame);
    this.#frame = null;
  }

  // Reading `total` makes `shown` recompute when the (non-reactive) schedule grows.
  #startsView(): readonly number[] {
    void this.total;
    return this.#starts;
  }

  #kick(): void {
    if (this.#frame !== null || !this.playing || this.clock >= endOf(this.#starts)) return;
    this.#last = null;
    this.#frame = requestAnimationFrame(this.#tick);
  }

  #tick = (now: number): void => {
    this.#frame = null;
    if (!this.playing) return;
    const end = endOf(this.#starts);
    const elapsed = this.#last === null ? 0 : now - this.#last;
    this.#last = now;
    const rate = this.speed === 'instant' ? Infinity : this.speed;
    this.clock = Math.min(end, this.clock + elapsed * rate);
    if (this.clock < end) this.#frame = requestAnimationFrame(this.#tick);
  };
}
