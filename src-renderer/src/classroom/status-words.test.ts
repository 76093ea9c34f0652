// Issue 15: a row's status reads the same on screen and in the CSV, in either language.
import { describe, expect, it } from 'vitest';
import { gradebookCsv, LANGS, render, type GradeRow, type MessageKey, type Pack } from '../../../src-sim/session/index.ts';

const pack: Pack = {
  format: 'lvs-dr-lab/pack@1',
  title: { en: 'Quiz' },
  hintsAllowed: false,
  solutionsAllowed: false,
  exercises: [{ id: 'q1', kind: 'challenge', seed: 1, level: 1 }],
};

const row = (status: GradeRow['status']): GradeRow => ({ file: `${status}.json`, learner: 'Ana', status, exercises: [], total: 0, flags: [], unverified: [], fingerprints: {} });

describe('status words', () => {
  for (const lang of LANGS) {
    it(`are the screen's words in the CSV (${lang})`, () => {
      const statuses = ['confirmed', 'flagged', 'unreadable'] as const;
      const lines = gradebookCsv(pack, statuses.map(row), lang).split('\r\n');
      // What ClassroomPanel shows in the Status column: the catalogue's classroom.status.* in the view's language.
      const screen = statuses.map((s) => render(lang, { key: `classroom.status.${s}` as MessageKey, params: {} }));
      expect(lines.slice(1, 4).map((line) => line.split(',')[2])).toEqual(screen);
      expect(new Set(screen).size).toBe(3);
    });
  }
});
