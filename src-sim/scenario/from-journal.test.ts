import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../lab.ts';
import { lanHost } from '../test-lab.ts';
import { OBSERVATION_END_US, runScenarioWithLab } from './run.ts';
import { scenarioFromJournal, sessionScenario } from './from-journal.ts';
import type { Scenario } from './types.ts';
import { parseScenarioText } from '../schema/scenario.ts';

const base: Scenario = {
  format: 'lvs-dr-lab/scenario@1',
  name: 'Save test',
  hosts: [
    lanHost('client', 10),
    { ...lanHost('director', 2), interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:02', addresses: ['198.51.100.2/24', '198.51.100.100/24'] }] },
    { ...lanHost('rs1', 11), interfaces: [...lanHost('rs1', 11).interfaces, { name: 'lo', addresses: ['198.51.100.100/32'] }] },
  ],
  // Not part of a session: createLab boots the hosts only, so these never ran in the lab.
  steps: [{ host: 'client', run: 'ping -c 1 198.51.100.2' }],
};

/** Saves `lab`, reads the file back as `lvs-dr-lab run` does and runs it. */
function replaySaved(lab: Lab): Lab {
  const { scenario, seed } = sessionScenario(lab);
  const parsed = parseScenarioText(JSON.stringify(scenario, null, 2));
  if (!parsed.ok) throw new Error(`saved scenario does not validate: ${JSON.stringify(parsed.problems)}`);
  return runScenarioWithLab(parsed.scenario, { seed }).lab;
}

/** What a run shows; a live lab is first taken to where a scenario run ends (OBSERVATION_END_US later). */
function observable(lab: Lab, live = false) {
  if (live) lab.queue.runUntil(lab.queue.now + OBSERVATION_END_US);
  return {
    now: lab.now,
    frames: lab.frames,
    neighbours: Object.fromEntries(lab.hostNames.map((h) => [h, lab.neighbors(h)])),
  };
}

describe('sessionScenario', () => {
  it('saves a session whose replay has the same frames, neighbour tables and clock', () => {
    const lab = createLab(base, { seed: 5 });
    lab.run('client', 'arping -c 2 -I eth0 198.51.100.100');
    lab.sleep(3.25);
    lab.run('rs1', 'sysctl -w net.ipv4.conf.all.arp_ignore=1');
    lab.sleep(0.5);
    lab.sleep(1.0000004); // rounds to a whole microsecond, as Lab.sleep does
    lab.run('client', 'ping -c 2 198.51.100.11');
    lab.run('director', 'ip neigh flush dev eth0');
    lab.sleep(40); // reachable_time (seeded) expires: STALE entries depend on the exact clock
    lab.run('client', 'arping -c 1 -I eth0 198.51.100.100');
    expect(lab.frames.length).toBeGreaterThan(6);

    const saved = sessionScenario(lab);
    expect(saved.seed).toBe(5);
    expect(saved.scenario.name).toBe('Save test');
    expect(saved.scenario.hosts).toEqual(base.hosts);
    expect(saved.scenario.steps).toEqual([
      { host: 'client', run: 'arping -c 2 -I eth0 198.51.100.100' },
      { sleep: 3.25 },
      { host: 'rs1', run: 'sysctl -w net.ipv4.conf.all.arp_ignore=1' },
      { sleep: 1.5 },
      { host: 'client', run: 'ping -c 2 198.51.100.11' },
      { host: 'director', run: 'ip neigh flush dev eth0' },
      { sleep: 40 },
      { host: 'client', run: 'arping -c 1 -I eth0 198.51.100.100' },
    ]);
    const replay = replaySaved(lab);
    expect(observable(replay)).toEqual(observable(lab, true));
    expect(replay.neighbors('client').length).toBeGreaterThan(0);
  });

  it('replays with the lab seed: another seed would give other neighbour timers', () => {
    const lab = createLab(base, { seed: 99 });
    lab.run('client', 'ping -c 1 198.51.100.11');
    lab.sleep(20);
    lab.run('client', 'ip neigh show');
    const replay = replaySaved(lab);
    const withDefaultSeed = runScenarioWithLab(sessionScenario(lab).scenario).lab;
    expect(observable(replay)).toEqual(observable(lab, true));
    // Seed 1 (the run command's default) picks another reachable_time here.
    expect(lab.neighbors('client').map((r) => r.state)).toEqual(['REACHABLE']);
    expect(withDefaultSeed.neighbors('client').map((r) => r.state)).toEqual(['STALE']);
  });

  it('splits sleeps longer than the scenario limit of 3600 s, to the microsecond', () => {
    const lab = createLab(base);
    lab.run('client', 'ping -c 1 198.51.100.2');
    lab.sleep(5000.123457);
    const steps = sessionScenario(lab).scenario.steps;
    expect(steps.slice(1)).toEqual([{ sleep: 3600 }, { sleep: 1400.123457 }]);
    expect(replaySaved(lab).queue.now).toBe(lab.queue.now + OBSERVATION_END_US);
  });

  it('keeps what a command printed and its exit status when the file is run', () => {
    const lab = createLab(base);
    const typo = lab.run('rs1', 'sysctl net.ipv4.conf.eth9.arp_ignore');
    const { scenario } = sessionScenario(lab);
    const observed = runScenarioWithLab(scenario).observation.steps;
    expect(observed).toEqual([{ index: 0, host: 'rs1', run: 'sysctl net.ipv4.conf.eth9.arp_ignore', exit: typo.exit, stdout: typo.stdout, stderr: typo.stderr }]);
    expect(typo.exit).toBe(1);
  });

  it('an untouched lab saves as its hosts with no steps; the base scenario is not changed', () => {
    const before = structuredClone(base);
    const scenario = scenarioFromJournal(base, []);
    expect(scenario).toEqual({ format: 'lvs-dr-lab/scenario@1', name: 'Save test', hosts: base.hosts, steps: [] });
    scenario.hosts[0]!.name = 'changed';
    expect(base).toEqual(before);
  });

  it('refuses a lab it cannot describe', () => {
    const lab = createLab(base);
    lab.origin = null;
    expect(() => sessionScenario(lab)).toThrow(/not built by createLab/);
  });
});
