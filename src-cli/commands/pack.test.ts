import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { learnerCode } from '../../src-sim/course/challenge/exam-keys.ts';
import { parseLearnerExamText } from '../../src-sim/course/challenge/exam.ts';
import { packId, type Pack } from '../../src-sim/course/challenge/pack.ts';
import { capture } from './cli-test-support.ts';
import { packCli } from './pack.ts';

const dir = mkdtempSync(join(tmpdir(), 'lvs-dr-lab-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const PACK: Pack = {
  format: 'lvs-dr-lab/pack@1',
  title: { 'zh-CN': '期中考试' },
  hintsAllowed: false,
  solutionsAllowed: false,
  exercises: [{ id: 'a', kind: 'challenge', seed: 1, level: 2 }],
};

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('pack validate', () => {
  it('exits 0 for a valid pack and prints its identity', async () => {
    const out = capture();
    expect(await packCli(['validate', write('ok.json', JSON.stringify(PACK, null, 2))])).toBe(0);
    expect(out.stdout()).toContain('valid pack "期中考试", 1 exercise, hints not allowed, solutions not allowed');
    expect(out.stdout()).toContain(`id ${packId(PACK)}`);
  });

  it('exits 1 and prints every problem with its JSON path', async () => {
    const out = capture();
    const bad = { ...PACK, hintsAllowed: 1, exercises: [{ id: 'a', kind: 'challenge', seed: 1.5, level: 2 }, { id: 'a', kind: 'lesson' }] };
    expect(await packCli(['validate', write('bad.json', JSON.stringify(bad))])).toBe(1);
    expect(out.stderr()).toContain('not a valid exercise pack (4 problems)');
    expect(out.stderr()).toContain('  $.hintsAllowed: expected true or false, got the number 1');
    expect(out.stderr()).toContain('  $.exercises[0].seed: expected an integer, got the number 1.5');
    expect(out.stderr()).toContain('  $.exercises[1].lesson: missing (expected a lesson id)');
    expect(out.stderr()).toContain('  $.exercises[1].id: duplicate exercise id "a" (first at $.exercises[0].id)');
  });

  it('knows the curriculum: a lesson exercise must name a lesson that exists', async () => {
    const out = capture();
    const withLessons = { ...PACK, exercises: [{ id: 'l1', kind: 'lesson', lesson: 'arp-ignore' }, { id: 'l2', kind: 'lesson', lesson: 'arp-ignroe' }] };
    expect(await packCli(['validate', write('lessons.json', JSON.stringify(withLessons))])).toBe(1);
    expect(out.stderr()).toContain('  $.exercises[1].lesson: unknown lesson "arp-ignroe"');
    expect(out.stderr()).not.toContain('$.exercises[0]');
  });

  it('prints problems as JSON with --json', async () => {
    const out = capture();
    expect(await packCli(['validate', write('trunc.json', JSON.stringify(PACK).slice(0, 30)), '--json'])).toBe(1);
    const json = JSON.parse(out.stdout()) as { valid: boolean; problems: Array<{ path: string; message: string }> };
    expect(json.valid).toBe(false);
    expect(json.problems[0]!.path).toBe('$');
    expect(json.problems[0]!.message).toMatch(/truncated/);
  });

  it('exits 2 when the file cannot be read or the usage is wrong', async () => {
    const out = capture();
    expect(await packCli(['validate', join(dir, 'missing.json')])).toBe(2);
    expect(await packCli(['validate'])).toBe(2);
    expect(await packCli(['check', 'x'])).toBe(2);
    expect(out.stderr()).toContain('No such file or directory');
    expect(out.stderr()).toContain('needs exactly one FILE');
    expect(out.stderr()).toContain('unknown sub-command "check"');
  });
});

describe('pack secret and pack exam', () => {
  it('prints 32 random bytes as hex, different each time', async () => {
    const out = capture();
    expect(await packCli(['secret'])).toBe(0);
    expect(await packCli(['secret'])).toBe(0);
    const [a, b] = out.stdout().trim().split('\n');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });

  it('writes the learners\' pack and their codes from an exam, and refuses a pack that is not one', async () => {
    const exam = { ...PACK, exercises: [{ id: 'a', kind: 'challenge', level: 2 }], exam: { secret: 'ab'.repeat(32), learners: ['wang-wei', '李娜'] } };
    const out = capture();
    const learnerPack = join(dir, 'learners.json');
    const codes = join(dir, 'codes.csv');
    expect(await packCli(['exam', write('exam.json', JSON.stringify(exam)), '--out', learnerPack, '--codes', codes])).toBe(0);
    expect(out.stdout()).toContain('(2 sealed labs)');
    const learners = parseLearnerExamText(readFileSync(learnerPack, 'utf8'));
    expect(learners.ok && learners.exam.learners.map((l) => l.learner)).toEqual(['wang-wei', '李娜']);
    const lines = readFileSync(codes, 'utf8').split('\r\n');
    expect(lines[0]).toBe('learner,code');
    expect(lines[2]).toBe(`李娜,${learnerCode(exam.exam.secret, '李娜')}`);
    expect(await packCli(['exam', write('not-exam.json', JSON.stringify(PACK)), '--out', learnerPack, '--codes', codes])).toBe(1);
    expect(out.stderr()).toContain('not an exam');
    expect(await packCli(['exam', 'x.json'])).toBe(2);
  });
});
