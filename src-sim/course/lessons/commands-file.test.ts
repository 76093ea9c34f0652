import { describe, expect, it } from 'vitest';
import { COMMAND_GAP_US, createLab, forkLab } from '../../lab.ts';
import { lanHost } from '../../test-lab.ts';
import { applySteps } from '../../step.ts';
import { formatProblem, parseCommandsFile } from './commands-file.ts';

describe('parseCommandsFile', () => {
  it('reads HOST$ COMMAND lines, sleeps, comments and blank lines with their line numbers', () => {
    const text = '\uFEFF# fix rs1\r\n\nrs1$ sysctl -w net.ipv4.conf.all.arp_ignore=1\r\n  sleep 1.5\n   # indented comment\nclient$   arping -c 1 -I eth0 198.51.100.100  \n';
    expect(parseCommandsFile(text)).toEqual({
      ok: true,
      steps: [
        { host: 'rs1', run: 'sysctl -w net.ipv4.conf.all.arp_ignore=1' },
        { sleep: 1.5 },
        { host: 'client', run: 'arping -c 1 -I eth0 198.51.100.100' },
      ],
      lines: [3, 4, 6],
    });
  });

  it('keeps a $ inside the command (shell substitutions)', () => {
    const parsed = parseCommandsFile('client$ for i in $(seq 3); do curl -s http://198.51.100.100/; done');
    expect(parsed.ok && parsed.steps[0]).toEqual({ host: 'client', run: 'for i in $(seq 3); do curl -s http://198.51.100.100/; done' });
  });

  it('reports every bad line with its number and says what was expected', () => {
    const parsed = parseCommandsFile(['ip addr', 'rs9$ ip addr', 'sleep', 'sleep soon', 'sleep 4000', 'RS1$ ip a', 'rs1$   ', 'rs1$ ip a'].join('\n'), { hosts: ['client', 'rs1'] });
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { line: 1, message: 'expected "HOST$ COMMAND" or "sleep SECONDS", got "ip addr"' },
        { line: 2, message: 'unknown host "rs9" (this lab has client, rs1)' },
        { line: 3, message: 'sleep needs a number of seconds, e.g. "sleep 2"' },
        { line: 4, message: "sleep: invalid time interval 'soon' (expected seconds, e.g. 1.5)" },
        { line: 5, message: 'sleep of 4000 s is longer than the limit of 3600 s' },
        { line: 6, message: 'invalid host name "RS1" before "$" (expected a name like rs1)' },
        { line: 7, message: 'no command after "rs1$"' },
      ],
    });
    if (!parsed.ok) expect(formatProblem('fix.txt', parsed.problems[1]!)).toBe('fix.txt:2: unknown host "rs9" (this lab has client, rs1)');
  });
});

describe('applySteps', () => {
  it('runs each step on the lab in order and returns the results; a failure does not stop the rest', () => {
    const lab = createLab({ format: 'lvs-dr-lab/scenario@1', hosts: [lanHost('client', 10), lanHost('rs1', 11)], steps: [] });
    const parsed = parseCommandsFile('rs1$ sysctl -w net.ipv4.conf.eth9.arp_ignore=1\nsleep 2\nrs1$ sysctl -n net.ipv4.conf.all.arp_ignore\nrs1$ sysctl -w net.ipv4.conf.all.arp_ignore=1');
    if (!parsed.ok) throw new Error('parse failed');
    const applied = applySteps(lab, parsed.steps);
    expect(applied.map((a) => a.result?.exit)).toEqual([1, undefined, 0, 0]);
    expect(applied[2]!.result!.stdout).toBe('0\n');
    // Two seconds of sleep and three commands, each started COMMAND_GAP_US after what came before.
    expect(lab.now).toBeCloseTo(2 + (3 * COMMAND_GAP_US) / 1e6, 6);
    expect(lab.host('rs1').sysctl.effective('eth0', 'arp_ignore')).toBe(1);
  });
});

describe('steps spanning lines', () => {
  it('a here-document, an open quote or an unfinished loop goes on over the next lines; the journal and a fork replay it', () => {
    const text = "rs1$ IFS= read -r l <<'EOF'\n  kept $x\nEOF\nrs1$ echo \"$l\" > /root/note; for i in 1 2; do\n  echo $i\ndone\nrs1$ echo 'a\nb'\nrs1$ cat /root/note";
    const parsed = parseCommandsFile(text);
    expect(parsed).toEqual({
      ok: true,
      steps: [
        { host: 'rs1', run: "IFS= read -r l <<'EOF'\n  kept $x\nEOF" },
        { host: 'rs1', run: 'echo "$l" > /root/note; for i in 1 2; do\n  echo $i\ndone' },
        { host: 'rs1', run: "echo 'a\nb'" },
        { host: 'rs1', run: 'cat /root/note' },
      ],
      lines: [1, 4, 7, 9],
    });
    if (!parsed.ok) return;
    const lab = createLab({ format: 'lvs-dr-lab/scenario@1', hosts: [lanHost('rs1', 11)], steps: [] });
    const applied = applySteps(lab, parsed.steps);
    expect(applied.map((a) => a.result?.stdout)).toEqual(['', '1\n2\n', 'a\nb\n', '  kept $x\n']);
    const copy = forkLab(lab);
    expect(copy.run('rs1', 'cat /root/note').stdout).toBe('  kept $x\n');
  });
});
