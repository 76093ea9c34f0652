// Issue 16, item 1, through the command-line tool: the lines that froze or
// crashed it end with bash's words in the step's own output, never with a
// JavaScript stack on the terminal, and the steps after them still run.
// (src-sim/shell/budget.test.ts pins the same lines on the simulator itself.)
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { challengeCli } from './challenge.ts';
import { MAX_COMMANDS_FILE_BYTES } from './cli-support.ts';
import { capture } from './cli-test-support.ts';
import { packCli } from './pack.ts';
import { runCli } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'lvs-dr-lab-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

// The deepest $(( a scenario step holds (4,096 characters): twice bash's limit of 1,024.
const DEEP = `echo $((${'('.repeat(2040)}1${')'.repeat(2040)}))`;

function scenario(steps: string[]): string {
  const file = join(dir, `scenario-${steps.length}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      format: 'lvs-dr-lab/scenario@1',
      hosts: [{ name: 'rs1', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:11', addresses: ['198.51.100.11/24'] }] }],
      steps: steps.map((run) => ({ host: 'rs1', run })),
    }),
  );
  return file;
}

interface JsonStep {
  exit: number;
  stdout: string;
  stderr: string;
}

async function runSteps(steps: string[]): Promise<JsonStep[]> {
  const out = capture();
  expect(await runCli([scenario(steps), '--json'])).toBe(0);
  expect(out.stderr()).toBe('');
  return (JSON.parse(out.stdout()) as { steps: JsonStep[] }).steps;
}

describe('run: lines that used to crash the CLI', () => {
  it('$(( nested 2,040 deep: bash\'s recursion message, no JavaScript stack, and the next step runs', async () => {
    const [deep, after] = await runSteps([DEEP, 'echo after']);
    expect(deep!.exit).toBe(1);
    expect(deep!.stderr).toMatch(/^bash: \(+1\)+: expression recursion level exceeded \(error token is "\(+1\)+"\)\n$/);
    expect(deep!.stderr).not.toMatch(/RangeError|Maximum call stack|\n\s+at /);
    expect(after).toMatchObject({ exit: 0, stdout: 'after\n' });
  });

  it('seq -w 200000 prints every number (it failed from about 130,000 with "Maximum call stack size exceeded")', async () => {
    const [seq] = await runSteps(['seq -w 200000']);
    const lines = seq!.stdout.trimEnd().split('\n');
    expect(seq!.exit).toBe(0);
    expect(lines).toHaveLength(200_000);
    expect([lines[0], lines[129_999], lines.at(-1)]).toEqual(['000001', '130000', '200000']);
  });

  it('echo {1..1000}{1..1000}{1..1000} fails at once as bash does, instead of running out of memory after 35 s', async () => {
    const started = performance.now();
    const [braces, after] = await runSteps(['echo {1..1000}{1..1000}{1..1000}', 'echo after']);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(braces).toMatchObject({ exit: 1, stdout: '', stderr: 'bash: xmalloc: cannot allocate 21000000000 bytes\n' });
    expect(after).toMatchObject({ exit: 0, stdout: 'after\n' });
  });
});

describe('challenge check: a commands file with the same lines', () => {
  it('scores the attempt instead of crashing, even with $(( nested 2,500 deep', async () => {
    const commands = join(dir, 'commands.txt');
    writeFileSync(commands, [`rs1$ echo $((${'('.repeat(2500)}1${')'.repeat(2500)}))`, 'rs1$ seq -w 200000', 'rs1$ echo {1..1000}{1..1000}{1..1000}', ''].join('\n'));
    const out = capture();
    expect(await challengeCli(['check', '--seed', '31', '--level', '1', '--commands', commands])).toBe(1);
    expect(out.stdout()).toMatch(/^Score 0\/1000: /m);
    expect(out.stdout() + out.stderr()).not.toMatch(/RangeError|Maximum call stack|\n\s+at /);
  });

  it('--commands /dev/zero and a 100 MB file are refused at once, by kind and by size, as lesson check and run refuse them', async () => {
    const big = join(dir, 'big-commands.txt');
    writeFileSync(big, '');
    truncateSync(big, 100 * 1024 * 1024);
    for (const [file, why] of [
      ['/dev/zero', 'not a regular file (a character device)'],
      [big, `it is ${100 * 1024 * 1024} bytes, more than the limit of ${MAX_COMMANDS_FILE_BYTES} bytes`],
    ] as const) {
      const out = capture();
      const started = performance.now();
      const heapBefore = process.memoryUsage().heapUsed;
      expect(await challengeCli(['check', '--seed', '31', '--level', '1', '--commands', file])).toBe(2);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(16 * 1024 * 1024);
      expect(out.stderr()).toBe(`lvs-dr-lab: cannot read ${file}: ${why}\n`);
      expect(out.stdout()).toBe('');
      vi.restoreAllMocks();
    }
  });
});

describe('pack validate: the same bounded read', () => {
  it('refuses /dev/zero by kind instead of reading until killed', async () => {
    const out = capture();
    expect(await packCli(['validate', '/dev/zero'])).toBe(2);
    expect(out.stderr()).toBe('lvs-dr-lab: cannot read /dev/zero: not a regular file (a character device)\n');
  });
});
