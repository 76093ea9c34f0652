import { describe, expect, it } from 'vitest';
import { bootLab, COMMAND_GAP_US, createLab, forkLab } from './lab.ts';
import type { Scenario } from './scenario/types.ts';
import { lanHost } from './test-lab.ts';

const scenario: Scenario = {
  format: 'lvs-dr-lab/scenario@1',
  hosts: [
    lanHost('client', 10),
    { ...lanHost('director', 2), interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:02', addresses: ['198.51.100.2/24', '198.51.100.100/24'] }] },
    { ...lanHost('rs1', 11), interfaces: [...lanHost('rs1', 11).interfaces, { name: 'lo', addresses: ['198.51.100.100/32'] }] },
  ],
  steps: [],
};

function snapshot(lab: ReturnType<typeof createLab>) {
  return {
    now: lab.now,
    frames: lab.frames,
    neighbours: Object.fromEntries(lab.hostNames.map((h) => [h, lab.neighbors(h)])),
    trace: lab.trace.map((e) => ({ ...e })),
  };
}

describe('forkLab', () => {
  it('rebuilds the same state: frames, neighbour tables, clock and trace', () => {
    const lab = createLab(scenario, { seed: 7 });
    lab.run('client', 'arping -c 2 -I eth0 198.51.100.100');
    lab.sleep(3.5);
    lab.run('rs1', 'sysctl -w net.ipv4.conf.all.arp_ignore=1');
    lab.run('client', 'ping -c 2 198.51.100.11');
    lab.sleep(40); // long enough for reachable_time (seeded) to expire
    const fork = forkLab(lab);
    expect(snapshot(fork)).toEqual(snapshot(lab));
    expect(fork.journal).toEqual(lab.journal);
    expect(fork.steps()).toEqual(lab.steps());
    expect(lab.neighbors('client').length).toBeGreaterThan(0);
  });

  it('records only top-level calls: a command that runs another is one entry', () => {
    const lab = createLab(scenario);
    lab.run('rs1', 'route add -host 198.51.100.100 dev lo');
    lab.run('rs1', 'sleep 2');
    expect(lab.steps()).toEqual([{ host: 'rs1', run: 'route add -host 198.51.100.100 dev lo' }, { host: 'rs1', run: 'sleep 2' }]);
    // Each entry is stamped when typed; the command itself starts COMMAND_GAP_US later.
    expect(lab.journal.map((e) => [e.atUs, e.result?.exit])).toEqual([[0, 0], [COMMAND_GAP_US, 0]]);
    expect(forkLab(lab).now).toBeCloseTo(2 + (2 * COMMAND_GAP_US) / 1e6, 6);
  });

  it('leaves the original untouched when the copy runs commands', () => {
    const lab = createLab(scenario);
    lab.run('client', 'ping -c 1 198.51.100.2');
    const before = snapshot(lab);
    const journalBefore = [...lab.journal];
    const fork = forkLab(lab);
    fork.run('client', 'arping -c 1 -I eth0 198.51.100.100');
    fork.run('rs1', 'ip addr del 198.51.100.100/32 dev lo');
    fork.sleep(10);
    expect(fork.frames.length).toBeGreaterThan(before.frames.length);
    expect(snapshot(lab)).toEqual(before);
    expect(lab.journal).toEqual(journalBefore);
    expect(lab.run('rs1', 'ip -4 addr show dev lo').stdout).toContain('198.51.100.100/32');
  });

  it('boots with an empty journal and refuses a lab it cannot replay', () => {
    const lab = createLab({ ...scenario, hosts: [{ ...lanHost('r', 1), routes: ['default via 198.51.100.254'], sysctl: { 'net.ipv4.ip_forward': '1' } }] });
    expect(lab.journal).toEqual([]);
    lab.origin = null;
    expect(() => forkLab(lab)).toThrow(/not built by createLab/);
  });

  it('inserts `before` after the setup and ahead of the learner, and applies `after` at the end', () => {
    const lab = bootLab(scenario, [{ host: 'rs1', run: 'sysctl -w net.ipv4.conf.all.arp_ignore=1' }, { sleep: 1 }], { seed: 3 });
    lab.run('client', 'arping -c 1 -I eth0 198.51.100.100');
    expect(lab.setupSteps).toHaveLength(2);
    expect(lab.learnerSteps).toEqual([{ host: 'client', run: 'arping -c 1 -I eth0 198.51.100.100' }]);
    const fork = forkLab(lab, { before: [{ host: 'rs1', run: 'sysctl -w net.ipv4.conf.all.arp_ignore=0' }], after: [{ host: 'rs1', run: 'sysctl -n net.ipv4.conf.all.arp_ignore' }] });
    // The change joins the copy's setup; the learner's steps follow it.
    expect(fork.setupSteps.map((s) => ('run' in s ? s.run : 'sleep' in s ? s.sleep : 'write' in s ? s.write.path : 'interrupt' in s ? 'interrupt' : s.power))).toEqual(['sysctl -w net.ipv4.conf.all.arp_ignore=1', 1, 'sysctl -w net.ipv4.conf.all.arp_ignore=0']);
    expect(fork.learnerSteps).toHaveLength(2);
    // Without arp_ignore rs1 answers too, so the copy saw one reply more than the lab.
    const replies = (l: typeof lab): number => l.frames.filter((f) => f.kind === 'arp' && f.op === 'reply').length;
    expect(replies(fork)).toBe(replies(lab) + 1);
    expect(fork.journal[fork.journal.length - 1]!.result!.stdout).toBe('0\n');
    expect(lab.learnerSteps).toHaveLength(1);
  });

  it('marks where the learner started: the clock, and how many frames the setup left', () => {
    const lab = bootLab(scenario, [{ host: 'client', run: 'ping -c 1 198.51.100.2' }]);
    expect(lab.start.steps).toBe(1);
    expect(lab.start.frames).toBe(lab.frames.length);
    expect(lab.start.us).toBe(lab.queue.now);
    lab.sleep(2);
    expect(lab.journal[1]).toEqual({ step: { sleep: 2 }, atUs: lab.start.us });
  });
});
