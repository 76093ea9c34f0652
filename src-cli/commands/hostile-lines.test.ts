// Issue 16, item 1, through the command-line tool: the lines that froze or
// crashed it end with bash's words in the step's own output, never with a
// JavaScript stack on the terminal, and the steps after them still run.
// (src-sim/shell/budget.test.ts pins the same lines on the simulator itself.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BUDGET, RUN_BUDGET } from '../../src-sim/core/budget.ts';
import { buildCli, type BuiltCli } from './built-cli-test-support.ts';
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

function scenario(steps: string[], host = 'rs1'): string {
  const file = join(dir, `scenario-${steps.length}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      format: 'lvs-dr-lab/scenario@1',
      hosts: [
        { name: 'rs1', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:11', addresses: ['198.51.100.11/24'] }] },
        { name: 'c', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:12', addresses: ['198.51.100.12/24'] }] },
      ],
      steps: steps.map((run) => ({ host, run })),
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

// The floods, through the tool as Node runs it, in a child whose heap is capped:
// running out of memory kills it (status null), so finishing proves the bound.
describe('run: floods stop within the line\'s budget, in bounded memory and time', () => {
  let cli: BuiltCli;
  beforeAll(() => {
    cli = buildCli();
  }, 600_000);
  afterAll(() => cli?.remove());

  const HEAP_MB = 384;
  // Measured on the 2-core CI machine: 9-27 s alone, up to 51 s with six other suites running.
  const WALL_MS = 150_000;

  function runBuilt(file: string): { status: number | null; ms: number; steps: JsonStep[] } {
    const entry = pathToFileURL(cli.compiled('src-cli/main.ts')).href;
    const started = performance.now();
    const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--input-type=module', '-e', `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(process.argv.slice(1));`, 'run', file, '--json'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: WALL_MS });
    const ms = performance.now() - started;
    // Status 1: the run's budget stopped a step; the steps that ran are printed all the same.
    return { status: child.status, ms, steps: child.status === 0 || child.status === 1 ? (JSON.parse(child.stdout) as { steps: JsonStep[] }).steps : [] };
  }

  const WORK = `bash: this command line did more than ${DEFAULT_BUDGET.work} steps of work (the lab shell's budget) and was stopped\n`;

  it('ab -n 1000000 (it ran over 120 s to 1.4 GB)', () => {
    const { status, ms, steps } = runBuilt(scenario(['ab -n 1000000 http://198.51.100.11/', 'echo after'], 'c'));
    expect(status).toBe(0);
    expect(ms).toBeLessThan(WALL_MS);
    expect(steps[0]!.stderr).toBe(WORK);
    expect(steps[1]).toMatchObject({ exit: 0, stdout: 'after\n' });
  }, WALL_MS + 10_000);

  it('two nested 100,000-step loops (23 s, 809 MB)', () => {
    const { status, ms, steps } = runBuilt(scenario(['for i in $(seq 100000); do for j in $(seq 100000); do :; done; done']));
    expect(status).toBe(0);
    expect(ms).toBeLessThan(WALL_MS);
    expect(steps[0]).toMatchObject({ exit: 1, stdout: '', stderr: WORK });
  }, WALL_MS + 10_000);

  it('eight steps of ping -c 1000000 -i 0 (a 781-byte scenario that ran out of memory): each stopped by its line\'s budget until the run\'s is spent', () => {
    const file = scenario(Array.from({ length: 8 }, () => 'ping -c 1000000 -i 0 198.51.100.11'), 'c');
    const { status, ms, steps } = runBuilt(file);
    expect(status).toBe(1);
    expect(ms).toBeLessThan(WALL_MS);
    // RUN_BUDGET is five lines' work: the steps end by their own budget until the run's is spent (the
    // events between the steps count too, so the fifth or the sixth), and the rest never run.
    const lines = RUN_BUDGET.work / DEFAULT_BUDGET.work;
    expect(steps.length).toBeGreaterThanOrEqual(lines);
    expect(steps.length).toBeLessThanOrEqual(lines + 1);
    expect(steps.at(-1)!.stderr).toBe(`bash: this run's steps did more than ${RUN_BUDGET.work} steps of work in all (the lab's budget for one run): it was stopped here\n`);
    for (const step of steps.slice(0, -1)) {
      expect(step.stderr).toBe(WORK);
      // Every reply printed until the budget stopped it, and never more than a line may keep.
      expect(step.stdout).toMatch(/^PING 198\.51\.100\.11 \(198\.51\.100\.11\) 56\(84\) bytes of data\.\n64 bytes from 198\.51\.100\.11: icmp_seq=1 /);
      expect(step.stdout.length).toBeLessThanOrEqual(DEFAULT_BUDGET.output);
    }
  }, WALL_MS + 10_000);
});

