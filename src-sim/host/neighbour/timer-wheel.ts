// When a kernel timer armed with mod_timer() really fires (kernel/time/timer.c,
// calc_wheel_index / calc_index). The timer wheel never fires early; it rounds
// the expiry up to the granularity of the level the delay falls on: 1 jiffy
// below 63 jiffies, 8 below 504, 64 below 4032, 512 below 32256, ... With
// HZ=250 (Debian's and the comparison kernel's CONFIG_HZ) a jiffy is 4 ms, so
// delay_first_probe_time (5 s = 1250 jiffies) fires at the next 256 ms
// boundary: up to 256 ms late. Jiffy 0 is the lab's virtual time 0 (on Linux
// the phase is arbitrary).
export const JIFFY_US = 4000;

const LVL_CLK_SHIFT = 3;
const LVL_SIZE = 64;

/** The granularity, in jiffies, of the wheel level a timer `delta` jiffies away falls on. */
function levelGranularityJiffies(delta: number): number {
  // The level: the first n with delta < LVL_START(n + 1) = (LVL_SIZE - 1) << (n * LVL_CLK_SHIFT).
  let lvl = 0;
  while (lvl < 8 && delta >= (LVL_SIZE - 1) * 2 ** (lvl * LVL_CLK_SHIFT)) lvl++;
  return 2 ** (lvl * LVL_CLK_SHIFT);
}

/**
 * How late (µs, at most) a timer of `delayMs` can fire: Linux fires it
 * anywhere in [armed + delay, armed + delay + granularity), depending on the
 * phase of jiffies, which nothing in a scenario controls.
 */
export function timerWheelSlackUs(delayMs: number): number {
  return levelGranularityJiffies(Math.ceil((delayMs * 1000) / JIFFY_US)) * JIFFY_US;
}

/** The microseconds from `nowUs` until a timer of `delayMs` armed at `nowUs` fires. */
export function timerWheelDelayUs(nowUs: number, delayMs: number): number {
  const now = Math.floor(nowUs / JIFFY_US);
  const delta = Math.ceil((delayMs * 1000) / JIFFY_US); // msecs_to_jiffies rounds up
  const expires = now + delta;
  const gran = levelGranularityJiffies(delta);
  // calc_index: expires = (expires >> LVL_SHIFT(lvl)) + 1; bucket_expiry = expires << LVL_SHIFT(lvl).
  const fire = (Math.floor(expires / gran) + 1) * gran;
  return fire * JIFFY_US - nowUs;
}
