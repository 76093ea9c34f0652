// Grading by replay, and the tamper cases it must flag without crashing.
import { describe, expect, it } from 'vitest';
import { findLesson } from '../lessons/curriculum/index.ts';
import { generateChallenge } from './generate.ts';
import { stepsFromLines } from '../lessons/commands-file.ts';
import { csvField, gradebookCsv, gradeResults } from './grade.ts';
import { PACK_FORMAT, packId, type Pack } from './pack.ts';
import { makeResultsFile, type ExerciseAttempt } from './results-make.ts';
import type { ResultsFile, TranscriptCommand } from './results.ts';

// Lesson exercises are graded on the real curriculum.
const lessons = findLesson;

const PACK: Pack = {
  format: PACK_FORMAT,
  title: { en: 'Quiz', 'zh-CN': '测验' },
  hintsAllowed: true,
  solutionsAllowed: false,
  exercises: [
    { id: 'one', kind: 'challenge', seed: 11, level: 1 },
    { id: 'two', kind: 'challenge', seed: 12, level: 2, timeLimitSeconds: 600 },
    { id: 'three', kind: 'lesson', lesson: 'arp-ignore' },
  ],
};
const PACK_ID = packId(PACK);

function fixTranscript(seed: number, level: 1 | 2 | 3 | 4, from = 10): TranscriptCommand[] {
  return generateChallenge(seed, level)
    .faults.flatMap((f) => stepsFromLines(f.fix))
    .flatMap((s, i) => ('run' in s ? [{ t: from + i * 5, host: s.host, run: s.run }] : []));
}

const ATTEMPTS: ExerciseAttempt[] = [
  { id: 'one', transcript: [{ t: 2, host: 'director', run: 'ipvsadm -Ln' }, ...fixTranscript(11, 1)], submittedAt: 100, hintsUsed: 1, solutionShown: false },
  { id: 'two', transcript: fixTranscript(12, 2), submittedAt: 700, hintsUsed: 0, solutionShown: false },
  // Another valid fix than the lesson's reference (conf.eth0 instead of conf.all).
  {
    id: 'three',
    transcript: [
      { t: 1, host: 'rs1', run: 'sysctl -w net.ipv4.conf.eth0.arp_ignore=1' },
      { t: 2, host: 'rs2', run: 'sysctl -w net.ipv4.conf.eth0.arp_ignore=1' },
    ],
    submittedAt: 30,
    hintsUsed: 0,
    solutionShown: false,
  },
];

function honest(): ResultsFile {
  return makeResultsFile(PACK, PACK_ID, 'Li Na', ATTEMPTS, lessons);
}

function grade(results: ResultsFile | string, file = 'li-na.json') {
  return gradeResults(PACK, PACK_ID, file, typeof results === 'string' ? results : JSON.stringify(results), { lessons });
}

describe('gradeResults', () => {
  it('accepts an honest file: the replay gives every claimed score', () => {
    const row = grade(honest());
    expect(row.flags).toEqual([]);
    expect(row.status).toBe('confirmed');
    // two: submitted at 700 s, counted at its 600 s limit; par of level 2 is 420 s.
    expect(row.exercises.map((e) => e.score)).toEqual([950, 800 + Math.round((200 * 420) / 600), 1000]);
    expect(row.total).toBe(row.exercises.reduce((s, e) => s + (e.score ?? 0), 0));
  });

  it('flags an edited score', () => {
    const r = honest();
    r.exercises[1]!.claimedScore = 1000;
    const row = grade(r);
    expect(row.status).toBe('flagged');
    expect(row.flags).toEqual([`exercise "two": claims 1000 points, the replay gives ${row.exercises[1]!.score}`]);
  });

  it('flags an edited transcript (the fix removed, the score kept)', () => {
    const r = honest();
    r.exercises[0]!.transcript = r.exercises[0]!.transcript.slice(0, 1);
    const row = grade(r);
    expect(row.flags).toEqual(['exercise "one": claims 950 points, the replay gives 0']);
    expect(row.exercises[0]!.score).toBe(0);
  });

  it('flags a transcript copied from another seed', () => {
    const r = honest();
    // Someone solved seed 13 and pasted it, and changed the seed to match the pack.
    const other = fixTranscript(13, 1);
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(fixTranscript(11, 1)));
    r.exercises[0]!.transcript = other;
    const row = grade(r);
    expect(row.status).toBe('flagged');
    expect(row.flags.some((f) => /exercise "one": claims 950 points, the replay gives \d+/.test(f))).toBe(true);
    // And with the seed left as it was: the file says so, and the pack's seed is what is replayed.
    const r2 = honest();
    Object.assign(r2.exercises[0]!, { seed: 13 });
    expect(grade(r2).flags).toContain('exercise "one": the file says seed 13 level 1, the pack set seed 11 level 1');
  });

  it('reports a truncated file as unreadable, without crashing', () => {
    const text = JSON.stringify(honest(), null, 1);
    for (const cut of [0, 50, Math.floor(text.length / 2), text.length - 2]) {
      const row = grade(text.slice(0, cut));
      expect(row.status).toBe('unreadable');
      expect(row.flags[0]).toMatch(/^\$: not valid JSON/);
      expect(row.exercises.every((e) => e.score === null)).toBe(true);
    }
  });

  it('flags results made for another pack, missing and extra exercises, and exam-mode violations', () => {
    const r = honest();
    r.pack.id = 'b'.repeat(64);
    r.exercises.splice(2, 1);
    r.exercises.push({ ...r.exercises[0]!, id: 'bonus' });
    r.exercises[0]!.solutionShown = true;
    r.exercises[0]!.claimedScore = 0;
    const row = grade(r);
    expect(row.flags).toEqual([
      `results are for another pack (bbbbbbbbbbbb…, this pack is ${PACK_ID.slice(0, 12)}…)`,
      'exercise "bonus" is not in this pack',
      'exercise "one": the solution was shown, but the pack does not allow it',
      'exercise "three" is missing',
    ]);
  });

  it('flags timestamps that cannot be real', () => {
    const r = honest();
    r.exercises[2]!.transcript = [
      { t: 1, host: 'rs1', run: 'ping -c 4 198.51.100.254' },
      { t: 2, host: 'rs1', run: 'sysctl -w net.ipv4.conf.eth0.arp_ignore=1' },
      { t: 3, host: 'rs2', run: 'sysctl -w net.ipv4.conf.eth0.arp_ignore=1' },
    ];
    const row = grade(r);
    expect(row.flags[0]).toMatch(/^exercise "three": command 2 is stamped 2.000 s but the previous command ran until 4\.\d+ s$/);
  });

  it('writes a CSV gradebook with one row per file, quoting and defusing formulas', () => {
    const rows = [grade(honest(), 'a.json'), grade('{', 'b, "broken".json')];
    const csv = gradebookCsv(PACK, rows);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('file,learner,status,one,two,three,total,flags,unverified');
    expect(lines[1]).toBe(`a.json,Li Na,confirmed,${rows[0]!.exercises.map((e) => e.score).join(',')},${rows[0]!.total},,${rows[0]!.unverified.join('; ')}`);
    expect(gradebookCsv(PACK, rows, 'zh-CN').split('\r\n')[1]).toContain(',已确认,');
    expect(lines[2]).toMatch(/^"b, ""broken"".json",,unreadable,,,,0,"\$: not valid JSON/);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-5)).toBe('-5');
  });
});
