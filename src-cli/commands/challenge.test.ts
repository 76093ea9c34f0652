import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { dailySeed } from '../../src-sim/course/challenge/daily.ts';
import { generateChallenge } from '../../src-sim/course/challenge/generate.ts';
import { challengeCli } from './challenge.ts';
import { capture } from './cli-test-support.ts';

const dir = mkdtempSync(join(tmpdir(), 'lvs-dr-lab-challenge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function commandsFile(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `# my fix\n${lines.join('\n')}\n`);
  return file;
}

describe('challenge new', () => {
  it('prints the ticket and the lab, never the faults or the commands that made them', async () => {
    const out = capture();
    expect(await challengeCli(['new', '--seed', '42', '--level', '3', '--json'])).toBe(0);
    const json = JSON.parse(out.stdout()) as Record<string, unknown>;
    const challenge = generateChallenge(42, 3);
    expect(json['ticket']).toEqual(challenge.ticket);
    expect(json['faults']).toBe(2);
    expect((json['lab'] as { hosts: unknown[]; steps: unknown[] }).steps).toEqual([]);
    for (const fault of challenge.faults) {
      expect(out.stdout()).not.toContain(fault.id);
      for (const line of fault.break) expect(out.stdout()).not.toContain(line.split('$ ')[1]!);
    }
  });

  it('is the same on every run, and speaks zh-CN', async () => {
    const a = capture();
    await challengeCli(['new', '--seed', '9', '--level', '2', '--lang', 'zh-CN']);
    const first = a.stdout();
    vi.restoreAllMocks();
    const b = capture();
    await challengeCli(['new', '--seed', '9', '--level', '2', '--lang', 'zh-CN']);
    expect(b.stdout()).toBe(first);
    expect(first).toContain('工单');
    expect(first).toContain(generateChallenge(9, 2).ticket['zh-CN']);
  });

  it('gives the app\'s daily challenge for a date', async () => {
    const out = capture();
    expect(await challengeCli(['new', '--daily', '2026-12-01', '--level', '2', '--json'])).toBe(0);
    expect((JSON.parse(out.stdout()) as { seed: number }).seed).toBe(dailySeed('2026-12-01'));
    expect(await challengeCli(['new', '--daily', 'today', '--level', '2'])).toBe(2);
    expect(out.stderr()).toContain('--daily needs a date like 2026-12-01, got "today"');
  });

  it('refuses bad options with exit 2', async () => {
    const out = capture();
    expect(await challengeCli(['new', '--seed', '-3', '--level', '1'])).toBe(2);
    expect(await challengeCli(['new', '--seed', '3', '--level', '6'])).toBe(2);
    expect(await challengeCli(['new', '--seed', '3'])).toBe(2);
    expect(await challengeCli(['open'])).toBe(2);
    expect(out.stderr()).toContain('--seed needs an integer from 0 to 4294967295, got "-3"');
    expect(out.stderr()).toContain('--level needs 1 to 5, got "6"');
    expect(out.stderr()).toContain('missing --level L');
    expect(out.stderr()).toContain('unknown sub-command "open"');
  });
});

describe('challenge check', () => {
  const challenge = generateChallenge(5, 3);
  const fixLines = challenge.faults.flatMap((f) => f.fix);

  it('exits 0 with every fault fixed and prints the score', async () => {
    const out = capture();
    const file = commandsFile('fix.txt', ['director$ ipvsadm -Ln', ...fixLines]);
    expect(await challengeCli(['check', '--seed', '5', '--level', '3', '--commands', file, '--hints', '1'])).toBe(0);
    expect(out.stdout()).toMatch(/^FIXED +fault 1: /m);
    expect(out.stdout()).toMatch(/^FIXED +fault 2: /m);
    expect(out.stdout()).toContain('Score 950/1000: repair 600 + speed 200 + care 200 − hints 50');
  });

  it('exits 1 when a fault is left, naming the failing check', async () => {
    const out = capture();
    const file = commandsFile('half.txt', challenge.faults[0]!.fix);
    expect(await challengeCli(['check', '--seed', '5', '--level', '3', '--commands', file, '--json'])).toBe(1);
    const json = JSON.parse(out.stdout()) as { faults: Array<{ fixed: boolean; checks: Array<{ pass: boolean; message: string }> }>; score: { total: number } };
    expect(json.faults.map((f) => f.fixed)).toEqual([true, false]);
    expect(json.faults[1]!.checks.some((c) => !c.pass && c.message.length > 0)).toBe(true);
    expect(json.score.total).toBe(400);
  });

  it('a commands file shares one run\'s budget: a flood of output stops it, the rest does not run, the checks still decide', async () => {
    const out = capture();
    // Each line keeps 6.9 MB of output, under its own 8 MB; the run keeps at most eight lines' worth.
    const file = commandsFile('flood.txt', Array.from({ length: 2000 }, () => 'rs1$ seq 1000000'));
    expect(await challengeCli(['check', '--seed', '5', '--level', '3', '--commands', file])).toBe(1);
    expect(out.stderr()).toContain(`lvs-dr-lab: ${file}: stopped at step 10 of 2000: the steps did more work or kept more output than one run may (the lab's budget for one run); the rest did not run\n`);
  }, 120_000);

  it('reports a bad commands file by line, and a missing one, with exit 2', async () => {
    const out = capture();
    const file = commandsFile('bad.txt', ['rs9$ ip a', 'sleep forever']);
    expect(await challengeCli(['check', '--seed', '5', '--level', '3', '--commands', file])).toBe(2);
    expect(out.stderr()).toContain(`${file}:2: unknown host "rs9"`);
    expect(out.stderr()).toContain(`${file}:3: sleep: invalid time interval 'forever'`);
    expect(await challengeCli(['check', '--seed', '5', '--level', '3', '--commands', join(dir, 'none.txt')])).toBe(2);
    expect(out.stderr()).toContain('No such file or directory');
  });

  it('prints no control characters or bidi overrides that came from the commands file', async () => {
    const out = capture();
    const problems = commandsFile('escape.txt', ['sleep \u001b]0;owned\u0007']);
    expect(await challengeCli(['check', '--seed', '5', '--level', '3', '--commands', problems])).toBe(2);
    expect(out.stderr()).toContain("sleep: invalid time interval ']0;owned'");
    const typed = commandsFile('typed.txt', ['director$ echo \u009b31m\u202eevil']);
    expect(await challengeCli(['check', '--seed', '5', '--level', '3', '--commands', typed, '--json'])).toBe(1);
    expect(out.stdout()).toContain('echo 31mevil');
    expect(out.stdout()).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
  });
});
