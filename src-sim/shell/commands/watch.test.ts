// watch (procps-ng 4.0.2, src/watch.c): the header as output_header lays it
// out on an 80-column terminal, the command re-run every -n seconds of the
// lab's clock while other terminals work, -d's reverse video for what
// changed, and Ctrl-C ending it with status 0 (its die() handler).
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../../test-lab.ts';
import { terminalOf } from '../jobs.ts';
import { watchHeader } from './watch.ts';

const ENTER = '\u001b[?1049h';
const CLEAR = '\u001b[H\u001b[2J';

describe('watch', () => {
  it('lays out the header: "Every N.Ns: CMD" from the left, "HOST: ctime" ending in the last column, a long command cut with "... "', () => {
    const header = watchHeader(2, 'ipvsadm -Ln', 'director', 5_000_000);
    expect(header).toBe(`Every 2.0s: ipvsadm -Ln${' '.repeat(23)}director: Mon Jan  1 00:00:05 2024`);
    expect(header).toHaveLength(80);
    const long = watchHeader(0.5, `ip neigh show ${'x'.repeat(60)}`, 'rs1', 0);
    expect(long).toBe(`Every 0.5s: ip neigh show ${'x'.repeat(20)}...  rs1: Mon Jan  1 00:00:00 2024`);
  });

  it("redraws every -n seconds with the command's output while the client works, highlights changes with -d, and Ctrl-C leaves the screen with status 0", () => {
    const lab = lanLab([lanHost('dir', 10), lanHost('client', 1)], 1);
    let shown = '';
    terminalOf(lab.host('dir')).watcher = (_stream, text) => (shown += text);
    const started = lab.run('dir', 'watch -d -n 1 ip neigh', { live: true });
    expect(started).toMatchObject({ live: true, exit: 0 });
    expect(started.stdout).toBe(`${ENTER}${CLEAR}Every 1.0s: ip neigh                               dir: Mon Jan  1 00:00:00 2024\n\n`);
    expect(lab.run('client', 'ping -c 1 198.51.100.10').exit).toBe(0);
    lab.sleep(1.5);
    const screens = shown.split(CLEAR).filter(Boolean);
    expect(screens).toHaveLength(1);
    // The client's entry is new: every character of it in reverse video but the blanks, which were blank before too.
    const standout = (text: string): string => text.split(' ').map((word) => `\u001b[7m${word}\u001b[27m`).join(' ');
    expect(screens[0]).toBe(`Every 1.0s: ip neigh                               dir: Mon Jan  1 00:00:01 2024\n\n${standout('198.51.100.1 dev eth0 lladdr 02:00:00:00:00:01 DELAY')}\n`);
    lab.sleep(1);
    // Nothing changed: -d highlights nothing any more.
    expect(shown.split(CLEAR).at(-1)).toBe('Every 1.0s: ip neigh                               dir: Mon Jan  1 00:00:02 2024\n\n198.51.100.1 dev eth0 lladdr 02:00:00:00:00:01 DELAY\n');
    lab.sleep(4);
    // DELAY became REACHABLE after the probe: only the characters that differ, position by position (the E is in both).
    expect(shown.split(CLEAR).at(-1)).toBe('Every 1.0s: ip neigh                               dir: Mon Jan  1 00:00:06 2024\n\n198.51.100.1 dev eth0 lladdr 02:00:00:00:00:01 \u001b[7mR\u001b[27mE\u001b[7mACHABLE\u001b[27m\n');
    // The watched lines are not typed lines: the session's steps have only what the learner did.
    expect(lab.steps().map((s) => ('run' in s ? s.run : 'sleep' in s ? 'sleep' : '?'))).toEqual(['watch -d -n 1 ip neigh', 'ping -c 1 198.51.100.10', 'sleep', 'sleep', 'sleep']);
    const stopped = lab.interrupt('dir');
    expect(stopped).toEqual({ exit: 0, stdout: '^C\u001b[?1049l', stderr: '' });
    expect(lab.run('dir', 'echo $?').stdout).toBe('0\n');
  });

  it('rejects what watch rejects', () => {
    const lab = lanLab([lanHost('dir', 10)], 1);
    const bad = lab.run('dir', 'watch -n x ls');
    expect([bad.exit, bad.stderr]).toEqual([1, "watch: failed to parse argument: 'x': Invalid argument\n"]);
    const none = lab.run('dir', 'watch');
    expect(none.exit).toBe(1);
    expect(none.stderr).toMatch(/^\nUsage:\n watch \[options\] command\n\nOptions:\n/);
    expect(none.stderr.endsWith('\nFor more details see watch(1).\n')).toBe(true);
    expect(lab.run('dir', 'watch -z ls').stderr).toMatch(/^watch: invalid option -- 'z'\n\nUsage:/);
  });
});
