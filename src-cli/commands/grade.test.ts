import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { generateChallenge } from '../../src-sim/course/challenge/generate.ts';
import { packId, type Pack } from '../../src-sim/course/challenge/pack.ts';
import { makeResultsFile } from '../../src-sim/course/challenge/results-make.ts';
import { capture } from './cli-test-support.ts';
import { gradeCli } from './grade.ts';
import { cliLessons } from './lesson-source.ts';

const dir = mkdtempSync(join(tmpdir(), 'lvs-dr-lab-grade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const PACK: Pack = {
  format: 'lvs-dr-lab/pack@1',
  title: { en: 'Quiz 1' },
  hintsAllowed: true,
  solutionsAllowed: false,
  exercises: [
    { id: 'a', kind: 'challenge', seed: 31, level: 1 },
    { id: 'b', kind: 'challenge', seed: 32, level: 2 },
  ],
};
const ID = packId(PACK);

function write(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

function fixOf(seed: number, level: 1 | 2) {
  return generateChallenge(seed, level)
    .faults.flatMap((f) => f.fix)
    .map((line, i) => ({ t: 5 + i * 3, host: line.split('$ ')[0]!, run: line.split('$ ')[1]! }));
}

const honest = makeResultsFile(
  PACK,
  ID,
  'Zhang San',
  [
    { id: 'a', transcript: fixOf(31, 1), submittedAt: 60, hintsUsed: 0, solutionShown: false },
    { id: 'b', transcript: [], submittedAt: 20, hintsUsed: 2, solutionShown: false },
  ],
  cliLessons,
);

describe('grade', () => {
  const packFile = write('pack.json', PACK);

  it('prints the CSV gradebook and exits 0 when every claim is confirmed', async () => {
    const out = capture();
    expect(await gradeCli(['--pack', packFile, write('zhang.json', honest)])).toBe(0);
    expect(out.stdout()).toBe('file,learner,status,a,b,total,flags\r\nzhang.json,Zhang San,ok,1000,0,1000,\r\n');
    expect(out.stderr()).toContain('1 results file graded, 0 flagged or unreadable');
  });

  it('flags an edited score and a truncated file, grades the rest, and exits 1', async () => {
    const out = capture();
    const edited = structuredClone(honest);
    edited.exercises[1]!.claimedScore = 700;
    const files = [write('edited.json', edited), write('cut.json', JSON.stringify(honest).slice(0, 100)), write('ok.json', honest)];
    expect(await gradeCli(['--pack', packFile, ...files])).toBe(1);
    const lines = out.stdout().split('\r\n');
    expect(lines[1]).toBe('edited.json,Zhang San,flagged,1000,0,1000,"exercise ""b"": claims 700 points, the replay gives 0"');
    expect(lines[2]).toMatch(/^cut\.json,,unreadable,,,0,"?\$: not valid JSON \(the file looks truncated\)/);
    expect(lines[3]).toBe('ok.json,Zhang San,ok,1000,0,1000,');
    expect(out.stderr()).toContain('edited.json: exercise "b": claims 700 points, the replay gives 0');
  });

  it('exits 2 for an invalid pack or no results files', async () => {
    const out = capture();
    expect(await gradeCli(['--pack', write('bad-pack.json', { ...PACK, exercises: 3 }), write('r.json', honest)])).toBe(2);
    expect(out.stderr()).toContain('$.exercises: expected an array, got the number 3');
    expect(await gradeCli(['--pack', packFile])).toBe(2);
    expect(out.stderr()).toContain('no results files given');
  });
});
