import { describe, expect, it } from 'vitest';
import { COMMAND_GAP_US } from '../../src-sim/session/index.ts';
import { standardScenario } from './scenarios.ts';
import { Workspace } from './workspace.svelte.ts';

describe('Workspace', () => {
  it('opens a lab with a silent setup and a title; the session reports its state', async () => {
    const workspace = new Workspace(standardScenario());
    const state = workspace.open(standardScenario(), {
      seed: 7,
      title: { en: 'Lesson 1', 'zh-CN': '第 1 课' },
      setup: [{ host: 'rs1', run: 'sysctl -w net.ipv4.conf.all.arp_ignore=0' }, { sleep: 1 }],
    });
    await state.ready;
    expect(workspace.state).toBe(state);
    expect(workspace.title).toEqual({ en: 'Lesson 1', 'zh-CN': '第 1 课' });
    expect(state.seed).toBe(7);
    const arpIgnore = state.hosts['rs1']!.sysctls.find((r) => r.key === 'arp_ignore' && r.dev === 'eth0')!;
    expect(arpIgnore.all).toBe(0);
    // The setup command started COMMAND_GAP_US after boot, then the 1 s sleep.
    expect(state.now).toBeCloseTo(1 + COMMAND_GAP_US / 1e6, 6);
    expect(state.transcripts['rs1']).toEqual([]);
    expect(state.journal).toEqual([]);
  });

  it('reset goes back to the same start: setup applied, nothing the learner typed', async () => {
    const workspace = new Workspace(standardScenario(), { setup: [{ host: 'rs1', run: 'sysctl -w net.ipv4.conf.all.arp_ignore=0' }] });
    await workspace.run('client', 'arping -c 1 -I eth0 198.51.100.100');
    expect(workspace.state.captureRows.length).toBeGreaterThan(0);
    const before = workspace.time;
    const state = workspace.reset();
    await state.ready;
    expect(workspace.time).not.toBe(before);
    expect(state.captureRows).toEqual([]);
    expect(state.journal).toEqual([]);
    expect(state.hosts['director']!.neighbours).toEqual([]);
    expect(state.hosts['rs1']!.sysctls.find((r) => r.key === 'arp_ignore')!.all).toBe(0);
  });

  it('one context at a time: opening another owner\'s lab ends the previous one; a reset keeps it; release leaves a free lab', () => {
    const workspace = new Workspace(standardScenario());
    expect(workspace.context.kind).toBe('free');
    const lesson = {};
    const challenge = {};
    const left: string[] = [];
    workspace.open(standardScenario(), { context: { kind: 'lesson', owner: lesson, id: 'arp-ignore', leave: () => left.push('lesson') } });
    expect(workspace.owns(lesson, 'arp-ignore')).toBe(true);
    // A reset is the same task: nothing is left.
    workspace.reset();
    expect(workspace.owns(lesson, 'arp-ignore')).toBe(true);
    expect(left).toEqual([]);
    workspace.open(standardScenario(), { title: { en: 'seed 1', 'zh-CN': '种子 1' }, context: { kind: 'challenge', owner: challenge, id: 'challenge#1', leave: () => left.push('challenge') } });
    expect(left).toEqual(['lesson']);
    expect(workspace.owns(lesson, 'arp-ignore')).toBe(false);
    expect(workspace.owns(challenge, 'challenge#1')).toBe(true);
    // Only the owner can release; the lab stays, as a free lab, and a reset keeps it free.
    workspace.release(lesson);
    expect(workspace.context.kind).toBe('challenge');
    const lab = workspace.state;
    workspace.release(challenge);
    expect(workspace.state).toBe(lab);
    expect(workspace.context.kind).toBe('free');
    expect(workspace.title).toBeNull();
    workspace.reset();
    expect(workspace.context.kind).toBe('free');
    expect(left).toEqual(['lesson']);
  });
});
