// The daily challenge: everyone who enters the same calendar date gets the
// same seed. The date comes from the caller (the renderer reads the user's
// clock); the simulator never reads the time.
import { sha256Hex } from './sha256.ts';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Seed of the daily challenge of `date` ("YYYY-MM-DD"), or null for another text. */
export function dailySeed(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12 || Number(m[3]) < 1 || Number(m[3]) > 31) return null;
  return parseInt(sha256Hex(`lvs-dr-lab daily ${date}`).slice(0, 8), 16);
}
