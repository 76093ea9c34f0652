// The local leaderboard: every finished challenge, kept in the document store
// under "challenge-scores". Best scores per level, and the learner's scores
// over time for the chart.
import type { Level } from '../../../src-sim/session/index.ts';
import { isLevel } from '../../../src-sim/session/index.ts';

export const LEADERBOARD_KEY = 'challenge-scores';
export const MAX_ENTRIES = 1000;

export interface ScoreEntry {
  seed: number;
  level: Level;
  score: number;
  elapsedSeconds: number;
  hintsUsed: number;
  /** The day it was played, from the user's clock ("YYYY-MM-DD"). */
  date: string;
  daily: boolean;
}

export interface Leaderboard {
  version: 1;
  entries: ScoreEntry[];
}

export const EMPTY_LEADERBOARD: Leaderboard = { version: 1, entries: [] };

function isEntry(value: unknown): value is ScoreEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    Number.isInteger(e['seed']) &&
    isLevel(e['level']) &&
    Number.isInteger(e['score']) &&
    (e['score'] as number) >= 0 &&
    (e['score'] as number) <= 1000 &&
    typeof e['elapsedSeconds'] === 'number' &&
    Number.isInteger(e['hintsUsed']) &&
    typeof e['date'] === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(e['date']) &&
    typeof e['daily'] === 'boolean'
  );
}

/** The document store's validator: throws with what is wrong. */
export function parseLeaderboard(value: unknown): Leaderboard {
  if (typeof value !== 'object' || value === null || (value as { version?: unknown }).version !== 1) throw new Error('not a version-1 leaderboard');
  const entries = (value as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) throw new Error('entries: expected an array');
  const bad = entries.findIndex((e) => !isEntry(e));
  if (bad >= 0) throw new Error(`entries[${bad}]: not a score entry`);
  return { version: 1, entries: entries as ScoreEntry[] };
}

/** A new leaderboard with `entry` added (the oldest dropped beyond MAX_ENTRIES). */
export function addEntry(board: Leaderboard, entry: ScoreEntry): Leaderboard {
  return { version: 1, entries: [...board.entries, entry].slice(-MAX_ENTRIES) };
}

/** Best first; ties: faster first, then fewer hints. */
export function topScores(board: Leaderboard, level: Level, limit = 10): ScoreEntry[] {
  return board.entries
    .filter((e) => e.level === level)
    .toSorted((a, b) => b.score - a.score || a.elapsedSeconds - b.elapsedSeconds || a.hintsUsed - b.hintsUsed)
    .slice(0, limit);
}

/** Points of the scores-over-time chart, in the order played: x from 0 to width, y from height (0) to 0 (1000). */
export function chartPoints(entries: readonly ScoreEntry[], width: number, height: number): Array<{ x: number; y: number; entry: ScoreEntry }> {
  const n = entries.length;
  return entries.map((entry, i) => ({ x: n === 1 ? width / 2 : (i / (n - 1)) * width, y: height - (entry.score / 1000) * height, entry }));
}
