import { describe, expect, it } from 'vitest';
import { COMMAND_GAP_US } from '../../src-sim/lab.ts';
import { standardScenario } from './scenarios.ts';
import { Workspace } from './workspace.svelte.ts';

describe('Workspace', () => {
  it('opens a lab with a silent setup and a title, and exposes the simulator for checks', () => {
    const workspace = new Workspace(standardScenario());
    const state = workspace.open(standardScenario(), {
      seed: 7,
      title: { en: 'Lesson 1', 'zh-CN': '第 1 课' },
      setup: [{ host: 'rs1', run: 'sysctl -w net.ipv4.conf.all.arp_ignore=0' }, { sleep: 1 }],
    });
    expect(workspace.state).toBe(state);
    expect(workspace.title).toEqual({ en: 'Lesson 1', 'zh-CN': '第 1 课' });
    expect(state.seed).toBe(7);
    expect(workspace.lab.host('rs1').sysctl.allConf('arp_ignore')).toBe(0);
    // The setup command started COMMAND_GAP_US after boot, then the 1 s sleep.
    expect(workspace.lab.now).toBeCloseTo(1 + COMMAND_GAP_US / 1e6, 6);
    expect(state.transcripts['rs1']).toEqual([]);
    expect(state.journal).toEqual([]);
  });

  it('reset goes back to the same start: setup applied, nothing the learner typed', () => {
    const workspace = new Workspace(standardScenario(), { setup: [{ host: 'rs1', run: 'sysctl -w net.ipv4.conf.all.arp_ignore=0' }] });
    workspace.run('client', 'arping -c 1 -I eth0 198.51.100.100');
    expect(workspace.state.captureRows.length).toBeGreaterThan(0);
    const before = workspace.time;
    workspace.reset();
    expect(workspace.time).not.toBe(before);
    expect(workspace.state.captureRows).toEqual([]);
    expect(workspace.state.journal).toEqual([]);
    expect(workspace.lab.neighbors('director')).toEqual([]);
    expect(workspace.lab.host('rs1').sysctl.allConf('arp_ignore')).toBe(0);
  });
});
