import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateChallenge } from '../../src-sim/course/challenge/generate.ts';
import { parseGradebookText } from '../../src-sim/course/challenge/gradebook.ts';
import { makeLearnerExam, unlockExam, variantChallenge } from '../../src-sim/course/challenge/exam.ts';
import { packId, type ExamKeys, type Pack } from '../../src-sim/course/challenge/pack.ts';
import { makeExamResultsFile, makeResultsFile } from '../../src-sim/course/challenge/results-make.ts';
import { buildCli, type BuiltCli } from './built-cli-test-support.ts';
import { capture } from './cli-test-support.ts';
import { gradeCli as gradeCliWith } from './grade.ts';
import { cliLessons, knownLessonIds } from './lesson-source.ts';

/** What a practice pack's confirmed row cannot vouch for (grade.ts). */
const PRACTICE = 'identity: typed by the learner (not an exam); hints and solutions: as the file records them (practice pack)';
const dir = mkdtempSync(join(tmpdir(), 'lvs-dr-lab-grade-'));
let cli: BuiltCli;
// grade replays each file in a child process of the built tool: build it from these sources.
// Seconds on an idle machine; minutes on a loaded one.
beforeAll(() => {
  cli = buildCli();
}, 600_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  cli?.remove();
});
afterEach(() => vi.restoreAllMocks());

const gradeCli = (args: string[]) => gradeCliWith(args, cli.compiled('src-cli/commands/grade-worker.ts'));

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

/** The fix of a challenge typed from `start` s on, a command every 3 s. */
function fixOf(seed: number, level: 1 | 2, start = 5) {
  return generateChallenge(seed, level)
    .faults.flatMap((f) => f.fix)
    .map((line, i) => ({ t: start + i * 3, host: line.split('$ ')[0]!, run: line.split('$ ')[1]! }));
}

/**
 * An honest learner's file. Learners who type the same fix do it at their own
 * times (`start`): the class check flags the same commands at the same times
 * as a copied file.
 */
function honestFile(learner: string, start = 5) {
  return makeResultsFile(
    PACK,
    ID,
    learner,
    [
      { id: 'a', transcript: fixOf(31, 1, start), submittedAt: start + 55, hintsUsed: 0, solutionShown: false },
      { id: 'b', transcript: [], submittedAt: 20, hintsUsed: 2, solutionShown: false },
    ],
    cliLessons,
  );
}

const honest = honestFile('Zhang San');

describe('grade', () => {
  const packFile = write('pack.json', PACK);

  it('prints the CSV gradebook and exits 0 when every claim is confirmed', async () => {
    const out = capture();
    expect(await gradeCli(['--pack', packFile, write('zhang.json', honest)])).toBe(0);
    expect(out.stdout()).toBe(`file,learner,status,a,b,total,flags,unverified\r\nzhang.json,Zhang San,confirmed,1000,0,1000,,${PRACTICE}\r\n`);
    expect(out.stderr()).toContain('1 results file graded, 0 flagged or unreadable');
  });

  it('flags an edited score and a truncated file, grades the rest, and exits 1', async () => {
    const out = capture();
    const edited = honestFile('Li Si', 7);
    edited.exercises[1]!.claimedScore = 700;
    const files = [write('edited.json', edited), write('cut.json', JSON.stringify(honest).slice(0, 100)), write('ok.json', honest)];
    expect(await gradeCli(['--pack', packFile, ...files])).toBe(1);
    const lines = out.stdout().split('\r\n');
    expect(lines[1]).toBe(`edited.json,Li Si,flagged,1000,0,1000,"exercise ""b"": claims 700 points, the replay gives 0",${PRACTICE}`);
    expect(lines[2]).toMatch(/^cut\.json,,unreadable,,,0,"?\$: not valid JSON \(the file looks truncated\)/);
    expect(lines[3]).toBe(`ok.json,Zhang San,confirmed,1000,0,1000,,${PRACTICE}`);
    expect(out.stderr()).toContain('edited.json: exercise "b": claims 700 points, the replay gives 0');
  });

  it('--out saves the gradebook the app opens and --stats writes the class statistics', async () => {
    const out = capture();
    const hinted = honestFile('Li Si', 9);
    const files = [write('s1.json', honest), write('s2.json', hinted), write('s3.json', JSON.stringify(honest).slice(0, 50))];
    const book = join(dir, 'gradebook.json');
    const stats = join(dir, 'stats.csv');
    expect(await gradeCli(['--pack', packFile, ...files, '--out', book, '--stats', stats])).toBe(1);
    const loaded = parseGradebookText(readFileSync(book, 'utf8'), { knownLessons: knownLessonIds });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.packId).toBe(ID);
    expect(loaded.gradebook.pack.name).toBe('pack.json');
    expect(loaded.gradebook.rows.map((r) => [r.file, r.status, r.total])).toEqual([
      ['s1.json', 'confirmed', 1000],
      ['s2.json', 'confirmed', 1000],
      ['s3.json', 'unreadable', 0],
    ]);
    // What each readable learner typed goes with the grades: a transcript opens from this file alone.
    expect(Object.keys(loaded.gradebook.transcripts ?? {}).sort()).toEqual(['s1.json', 's2.json']);
    expect(loaded.gradebook.transcripts?.['s2.json']?.learner).toBe('Li Si');
    // a: both readable files typed the fix (solved at 60 s and 64 s: median 62); b: nobody typed anything, 2 hints each.
    expect(readFileSync(stats, 'utf8')).toBe(
      'exercise,learners,attempted,solved,median_seconds_solved,hints_used,solutions_shown,unverified\r\na,2,2,2,62,0,0,0\r\nb,2,0,0,,4,0,0\r\n',
    );
    expect(await gradeCli(['--pack', packFile, files[0]!, '--out'])).toBe(2);
    expect(out.stderr()).toContain('--out needs a file name');
  });

  it('exits 2 for an invalid pack or no results files', async () => {
    const out = capture();
    expect(await gradeCli(['--pack', write('bad-pack.json', { ...PACK, exercises: 3 }), write('r.json', honest)])).toBe(2);
    expect(out.stderr()).toContain('$.exercises: expected an array, got the number 3');
    expect(await gradeCli(['--pack', packFile])).toBe(2);
    expect(out.stderr()).toContain('no results files given');
  });

  it('rejects limits out of range', async () => {
    const out = capture();
    expect(await gradeCli(['--pack', packFile, '--time-limit', '0', write('r0.json', honest)])).toBe(2);
    expect(out.stderr()).toContain('--time-limit needs whole seconds from 1 to 3600, got "0"');
    expect(await gradeCli(['--pack', packFile, '--memory-limit', '10', write('r0.json', honest)])).toBe(2);
    expect(out.stderr()).toContain('--memory-limit needs megabytes from 64 to 16384, got "10"');
  });
});

/**
 * The honest file with exercise "a"'s transcript replaced by `line`: it still claims 1000 points, which a replay that finishes refutes.
 * Sent by a learner of its own (one learner with two files is flagged).
 */
function hostile(line: string, host = 'rs1', learner = 'Hostile') {
  const file = { ...structuredClone(honest), learner };
  file.exercises[0]!.transcript = [{ t: 1, host, run: line }];
  return file;
}

describe('grade: a hostile class (issue 16, finding 2)', () => {
  const packFile = write('class-pack.json', PACK);

  it('200 results with 10 hostile ones: 200 rows, each hostile file says why, every honest learner graded', async () => {
    const classDir = join(dir, 'class');
    mkdirSync(classDir);
    const files: string[] = [];
    const put = (name: string, value: unknown) => {
      const file = join(classDir, name);
      writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
      files.push(file);
      return file;
    };
    for (let i = 0; i < 190; i++) put(`learner-${String(i).padStart(3, '0')}.json`, honestFile(`Learner ${i}`, 6 + i / 100));
    put('braces.json', hostile('echo {1..1000}{1..1000}{1..1000}', 'rs1', 'Braces'));
    put('loops.json', hostile('for i in $(seq 100000); do for j in $(seq 100000); do echo $i $j; done; done', 'rs1', 'Loops'));
    put('deep.json', hostile(`echo $((${'('.repeat(2500)}1${')'.repeat(2500)}))`));
    put('seq.json', hostile('seq -w 200000', 'rs1', 'Seq'));
    put('ab.json', hostile('ab -n 1000000 -c 10 http://198.51.100.100/', 'client', 'Ab'));
    truncateSync(put('huge.json', ''), 100 * 1024 * 1024);
    put('proto.json', `{"__proto__":{"polluted":true},${JSON.stringify(honest).slice(1)}`);
    const fifo = join(classDir, 'fifo.json');
    execFileSync('mkfifo', [fifo]);
    files.push(fifo);
    const folder = join(classDir, 'folder.json');
    mkdirSync(folder);
    files.push(folder);
    const loop = join(classDir, 'loop.json');
    symlinkSync(loop, loop);
    files.push(loop);

    const out = capture();
    const started = performance.now();
    const status = await gradeCli(['--pack', packFile, ...files]);
    const seconds = (performance.now() - started) / 1000;
    const lines = out.stdout().split('\r\n').slice(1, -1);
    vi.restoreAllMocks();
    console.info(`grade: 200 results (10 hostile) in ${seconds.toFixed(1)} s`);
    expect(status).toBe(1);
    expect(lines).toHaveLength(200);
    const row = (name: string) => lines.find((l) => l.startsWith(`${name},`));
    for (let i = 0; i < 190; i++) expect(row(`learner-${String(i).padStart(3, '0')}.json`)).toBe(`learner-${String(i).padStart(3, '0')}.json,Learner ${i},confirmed,1000,0,1000,,${PRACTICE}`);
    // Each hostile file has one row that says in one sentence why it was not graded.
    expect(row('braces.json')).toMatch(/^braces\.json,Braces,flagged,0,0,0,"exercise ""a"": claims 1000 points, the replay gives 0",identity: typed by the learner/);
    expect(row('loops.json')).toMatch(/^loops\.json,(Loops,flagged,0,0,0,"exercise ""a"": claims 1000 points|,flagged,,,0,"the replay took longer than 10 s \(the limit for one results file, --time-limit\) and was stopped; nothing in this file was graded",$)/);
    // 2,500 parentheses do not fit in a transcript command (2,000 characters): refused before any replay.
    expect(row('deep.json')).toBe('deep.json,,unreadable,,,0,"$.exercises[0].transcript[0].run: is 5011 characters long, more than the limit of 2000",');
    expect(row('seq.json')).toMatch(/^seq\.json,Seq,flagged,0,0,0,/);
    expect(row('ab.json')).toMatch(/^ab\.json,(Ab,flagged,0,0,0,|,flagged,,,0,"the replay (took longer than 10 s|needed more than 512 MB))/);
    expect(row('huge.json')).toBe(`huge.json,,unreadable,,,0,"cannot read ${join(classDir, 'huge.json')}: it is 104857600 bytes, more than the limit of 4194304 bytes",`);
    expect(row('proto.json')).toBe('proto.json,,unreadable,,,0,"$.__proto__: unknown key ""__proto__""",');
    expect(row('fifo.json')).toBe(`fifo.json,,unreadable,,,0,cannot read ${fifo}: not a regular file (a FIFO),`);
    expect(row('folder.json')).toBe(`folder.json,,unreadable,,,0,cannot read ${folder}: Is a directory,`);
    expect(row('loop.json')).toBe(`loop.json,,unreadable,,,0,cannot read ${loop}: Too many levels of symbolic links,`);
    expect(out.stderr()).toContain('200 results files graded, 10 flagged or unreadable');
    // Measured 37–65 s on a 2-core machine running eight other test suites (load 22); a limit per file keeps it far from hours.
    expect(seconds).toBeLessThan(300);
  }, 600_000);

  it('a replay past the time limit gets its own row and the next file is graded on a fresh process', async () => {
    const out = capture();
    const files = [write('slow.json', hostile('for i in $(seq 100000); do for j in $(seq 100000); do echo $i $j; done; done')), write('after.json', honest)];
    expect(await gradeCli(['--pack', packFile, '--time-limit', '4', ...files])).toBe(1);
    const lines = out.stdout().split('\r\n');
    expect(lines[1]).toBe('slow.json,,flagged,,,0,"the replay took longer than 4 s (the limit for one results file, --time-limit) and was stopped; nothing in this file was graded",');
    expect(lines[2]).toBe(`after.json,Zhang San,confirmed,1000,0,1000,,${PRACTICE}`);
  }, 60_000);

  it('a replay past the memory limit gets its own row, in the language asked for', async () => {
    const out = capture();
    const files = [write('big.json', hostile('ab -n 1000000 -c 10 http://198.51.100.100/', 'client')), write('after.json', honest)];
    expect(await gradeCli(['--pack', packFile, '--lang', 'zh-CN', '--memory-limit', '64', '--time-limit', '120', ...files])).toBe(1);
    const lines = out.stdout().split('\r\n');
    expect(lines[1]).toBe('big.json,,已标记,,,0,重放所需内存超过 64 MB（单个结果文件的上限，见 --memory-limit），已被终止；此文件未评分,');
    expect(lines[2]).toBe(`after.json,Zhang San,已确认,1000,0,1000,,${PRACTICE}`);
  }, 150_000);
});

describe('grade: an exam, from a folder', () => {
  it('replays each learner on their own variant and flags a file copied from another learner', async () => {
    const exam: Pack = {
      format: 'lvs-dr-lab/pack@1',
      title: { en: 'Final' },
      hintsAllowed: false,
      solutionsAllowed: false,
      exercises: [{ id: 't', kind: 'challenge', level: 3 }],
      exam: { secret: '3c'.repeat(32), learners: ['an', 'bo'] },
    };
    const examId = packId(exam as Pack & { exam: ExamKeys });
    const { exam: learnerPack, codes } = makeLearnerExam(exam as Pack & { exam: ExamKeys }, examId);
    const classDir = join(dir, 'exam-class');
    mkdirSync(classDir);
    const resultsOf = (learner: string) => {
      const labs = unlockExam(learnerPack, learner, codes.find((c) => c.learner === learner)!.code)!;
      const fixes = variantChallenge(exam.exam!, learner, { id: 't', level: 3 }).faults.flatMap((f) => f.fix);
      const transcript = [{ t: 2, host: 'director', run: 'ipvsadm -Ln' }, ...fixes.map((line, i) => ({ t: 5 + i * 3, host: line.split('$ ')[0]!, run: line.split('$ ')[1]! }))];
      return makeExamResultsFile(learnerPack, labs, learner, [{ id: 't', transcript, submittedAt: 60, hintsUsed: 0, solutionShown: false }]);
    };
    const an = resultsOf('an');
    writeFileSync(join(classDir, 'an.json'), JSON.stringify(an));
    writeFileSync(join(classDir, 'bo.json'), JSON.stringify(resultsOf('bo')));
    writeFileSync(join(classDir, 'bo-from-an.json'), JSON.stringify({ ...an, learner: 'bo' }));
    writeFileSync(join(classDir, 'notes.txt'), 'not a results file');
    const out = capture();
    expect(await gradeCli(['--pack', write('exam.json', exam), '--dir', classDir])).toBe(1);
    const lines = out.stdout().split('\r\n');
    expect(lines[0]).toBe('file,learner,status,t,total,flags,unverified');
    expect(lines[1]).toMatch(/^an\.json,an,flagged,\d+,\d+,"exercise ""t"": the same commands at the same times as bo-from-an\.json \(""bo""\)",$/);
    expect(lines[2]).toMatch(/^bo-from-an\.json,bo,flagged,\d+,\d+,"exercise ""t"": claims \d+ points, the replay gives \d+; exercise ""t"": the same commands/);
    expect(lines[3]).toMatch(/^bo\.json,bo,flagged,\d+,\d+,"learner ""bo"" also sent bo-from-an\.json",$/);
    expect(lines).toHaveLength(5);
  }, 120_000);
});
