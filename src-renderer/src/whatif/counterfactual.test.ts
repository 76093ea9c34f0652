import { describe, expect, it } from 'vitest';
import { LabState } from '../lab-state.svelte.ts';
import { standardScenario } from '../scenarios.ts';
import { changeError, forkWithChange } from './counterfactual.ts';

describe('LabState and forkWithChange', () => {
  it('hides the frames of a silent setup and starts the learner with an empty capture', async () => {
    const lab = new LabState(standardScenario(), { setup: [{ host: 'client', run: 'arping -c 1 -I eth0 198.51.100.100' }] });
    await lab.ready;
    expect(lab.captureRows).toEqual([]);
    expect(lab.transcripts['client']).toEqual([]);
    // The setup still happened: the director learned the client.
    expect(lab.hosts['director']!.neighbours.map((r) => r.ip)).toContain('198.51.100.10');
  });

  it('replays the journal on a copy with one change made first, leaving the lab alone', async () => {
    const lab = new LabState(standardScenario());
    await lab.run('client', 'arping -c 1 -I eth0 198.51.100.100');
    const fork = await forkWithChange(lab, { host: 'rs1', run: 'sysctl -w net.ipv4.conf.all.arp_ignore=0' });
    expect(changeError(fork)).toBeNull();
    expect(lab.captureRows).toHaveLength(2);
    // Without arp_ignore, rs1 also answers for the VIP it holds on lo.
    expect(fork.captureRows).toHaveLength(3);
    expect(fork.captureRows[2]!.line).toContain('Reply 198.51.100.100 is-at 02:00:00:00:00:11');
    expect(fork.journal).toEqual(lab.journal);
    expect(fork.journal).toEqual([{ host: 'client', run: 'arping -c 1 -I eth0 198.51.100.100' }]);
  });

  it('reports a change the shell refused, in the words sysctl uses', async () => {
    const lab = new LabState(standardScenario());
    const fork = await forkWithChange(lab, { host: 'rs1', run: 'sysctl -w net.ipv4.conf.all.arp_ignor=0' });
    expect(changeError(fork)).toMatch(/sysctl: cannot stat \/proc\/sys\/net\/ipv4\/conf\/all\/arp_ignor: No such file or directory/);
  });

  it('streams a line\'s output into the transcript and keeps a long run in a few entries', async () => {
    const lab = new LabState(standardScenario());
    await lab.run('client', 'for i in $(seq 3); do echo $i; done');
    expect(lab.transcripts['client']!.map((e) => [e.kind, e.text])).toEqual([
      ['command', 'for i in $(seq 3); do echo $i; done'],
      ['stdout', '1\n2\n3\n'],
    ]);
  });
});
