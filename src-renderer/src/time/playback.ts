// When each recorded frame is shown, in "display time": milliseconds of wall
// time at 1× speed. The simulator has already run every command to completion;
// the animation replays its frames, keeping their virtual spacing but never
// closer than MIN_GAP_MS (so an ARP request and its reply, microseconds apart,
// are both seen) and never further than MAX_GAP_MS (so `sleep 60` does not
// stall the picture for a minute).

/** How long a frame takes to cross its link at 1×. */
export const FLIGHT_MS = 700;
export const MIN_GAP_MS = 350;
export const MAX_GAP_MS = 2000;

export type Speed = 1 | 10 | 'instant';
export const SPEEDS: readonly Speed[] = [1, 10, 'instant'];

/**
 * Display start times for frames appended after `starts` (which it extends in
 * place). `times` are all frames' virtual times in seconds; `now` is the
 * display clock, so frames that arrive while the animation is idle start now
 * rather than in the past.
 */
export function extendSchedule(starts: number[], times: readonly number[], now: number): void {
  for (let i = starts.length; i < times.length; i++) {
    if (i === 0) {
      starts.push(now);
      continue;
    }
    const previous = starts[i - 1]!;
    const gap = Math.min(MAX_GAP_MS, Math.max(MIN_GAP_MS, (times[i]! - times[i - 1]!) * 1000));
    starts.push(Math.max(previous + gap, now));
  }
}

/** Frames whose animation has started by display time `clock` (starts are ascending). */
export function countStarted(starts: readonly number[], clock: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= clock) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indexes of frames on their way at `clock` (landed ones excluded), with progress 0..1 along the link. */
export function inFlight(starts: readonly number[], clock: number): Array<{ index: number; progress: number }> {
  const started = countStarted(starts, clock);
  const result: Array<{ index: number; progress: number }> = [];
  for (let i = started - 1; i >= 0; i--) {
    const elapsed = clock - starts[i]!;
    // Starts ascend: once one frame has landed, every earlier one has too.
    // (A tolerance, because display times are fractional milliseconds.)
    if (elapsed >= FLIGHT_MS - 1e-6) break;
    const progress = elapsed / FLIGHT_MS;
    result.push({ index: i, progress });
  }
  return result.reverse();
}

/** The display time at which every scheduled frame has landed. */
export function endOf(starts: readonly number[]): number {
  return starts.length === 0 ? 0 : starts[starts.length - 1]! + FLIGHT_MS;
}

/**
 * Single step: the display time at which frame `next` has landed. Later
 * frames that would have started by then are pushed back (in place) so the
 * step shows exactly one more frame.
 */
export function stepTo(starts: number[], next: number): number {
  const landed = starts[next]! + FLIGHT_MS;
  const following = starts[next + 1];
  if (following !== undefined && following <= landed) {
    const shift = landed + 1 - following;
    for (let i = next + 1; i < starts.length; i++) starts[i]! += shift;
  }
  return landed;
}
