import { describe, expect, it } from 'vitest';
import type { GradeRow } from '../../../src-sim/session/index.ts';
import { sortRows } from './gradebook-sort.ts';

const row = (file: string, learner: string, a: number | null, total: number): GradeRow => ({
  file,
  learner,
  status: a === null ? 'unreadable' : 'confirmed',
  exercises: [{ id: 'a', score: a, claimed: a, fixed: 0, of: 1 }],
  total,
  flags: [],
  unverified: [],
  fingerprints: {},
});
const rows = [row('b.json', 'Zhou', 400, 400), row('a.json', 'An', 900, 900), row('c.json', '', null, 0)];

describe('sortRows', () => {
  it('sorts by total or by an exercise, missing scores last in both directions', () => {
    expect(sortRows(rows, { kind: 'total' }, -1).map((r) => r.file)).toEqual(['a.json', 'b.json', 'c.json']);
    expect(sortRows(rows, { kind: 'exercise', id: 'a' }, 1).map((r) => r.file)).toEqual(['b.json', 'a.json', 'c.json']);
    expect(sortRows(rows, { kind: 'exercise', id: 'a' }, -1).map((r) => r.file)).toEqual(['a.json', 'b.json', 'c.json']);
  });

  it('sorts text columns alphabetically', () => {
    expect(sortRows(rows, { kind: 'learner' }, 1).map((r) => r.learner)).toEqual(['', 'An', 'Zhou']);
    expect(sortRows(rows, { kind: 'file' }, -1).map((r) => r.file)).toEqual(['c.json', 'b.json', 'a.json']);
  });
});
