import { describe, expect, it } from 'vitest';
import { addEntry, chartPoints, EMPTY_LEADERBOARD, MAX_ENTRIES, parseLeaderboard, topScores, type ScoreEntry } from './leaderboard.ts';

const entry = (score: number, extra: Partial<ScoreEntry> = {}): ScoreEntry => ({ seed: 1, level: 2, score, elapsedSeconds: 100, hintsUsed: 0, date: '2026-12-01', daily: false, ...extra });

describe('leaderboard', () => {
  it('ranks a level best first, then faster, then fewer hints', () => {
    let board = EMPTY_LEADERBOARD;
    for (const e of [entry(500), entry(900, { elapsedSeconds: 300 }), entry(900, { elapsedSeconds: 200 }), entry(1000, { level: 3 })]) board = addEntry(board, e);
    expect(topScores(board, 2).map((e) => [e.score, e.elapsedSeconds])).toEqual([
      [900, 200],
      [900, 300],
      [500, 100],
    ]);
    expect(topScores(board, 3)).toHaveLength(1);
  });

  it('keeps at most MAX_ENTRIES, dropping the oldest', () => {
    let board = EMPTY_LEADERBOARD;
    for (let i = 0; i < MAX_ENTRIES + 5; i++) board = addEntry(board, entry(i % 1001, { seed: i }));
    expect(board.entries).toHaveLength(MAX_ENTRIES);
    expect(board.entries[0]!.seed).toBe(5);
  });

  it('validates a stored document and says what is wrong', () => {
    expect(parseLeaderboard(JSON.parse(JSON.stringify(addEntry(EMPTY_LEADERBOARD, entry(10)))))).toEqual({ version: 1, entries: [entry(10)] });
    expect(() => parseLeaderboard({ version: 2, entries: [] })).toThrow('not a version-1 leaderboard');
    expect(() => parseLeaderboard({ version: 1, entries: [entry(10), { ...entry(10), score: 2000 }] })).toThrow('entries[1]: not a score entry');
  });

  it('places chart points left to right in play order, 1000 at the top', () => {
    const points = chartPoints([entry(0), entry(500), entry(1000)], 200, 100);
    expect(points.map((p) => [p.x, p.y])).toEqual([
      [0, 100],
      [100, 50],
      [200, 0],
    ]);
  });
});
