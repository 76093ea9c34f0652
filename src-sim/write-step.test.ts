// The step that saves a file (the editor's): applied, journaled, replayed, validated.
import { describe, expect, it } from 'vitest';
import { createLab, forkLab } from './lab.ts';
import { runScenario } from './scenario/run.ts';
import { scenarioFromJournal } from './scenario/from-journal.ts';
import { parseScenarioText } from './schema/scenario.ts';
import type { Scenario } from './scenario/types.ts';
import { applySteps } from './step.ts';
import { lanHost } from './test-lab.ts';

const scenario: Scenario = { format: 'lvs-dr-lab/scenario@1', hosts: [lanHost('rs1', 11)], steps: [] };
const script = '#!/bin/bash\necho 1 > /proc/sys/net/ipv4/conf/all/arp_ignore\n';

describe('the write step', () => {
  it('saves the file, takes a command\'s place in the journal, and a fork writes it again', () => {
    const lab = createLab(scenario);
    const [applied] = applySteps(lab, [{ host: 'rs1', write: { path: '/root/lvs_rs.sh', text: script } }]);
    expect(applied!.result).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(lab.run('rs1', 'cat /root/lvs_rs.sh').stdout).toBe(script);
    expect(lab.learnerSteps[0]).toEqual({ host: 'rs1', write: { path: '/root/lvs_rs.sh', text: script } });
    const fork = forkLab(lab);
    expect(fork.host('rs1').fs.read('/root/lvs_rs.sh')).toEqual({ ok: true, value: script });
    expect(fork.now).toBe(lab.now);
  });

  it('reports a file it cannot write as the step\'s result', () => {
    const lab = createLab(scenario);
    expect(lab.writeFile('rs1', '/nodir/x', 'x')).toEqual({ exit: 1, stdout: '', stderr: '/nodir/x: No such file or directory\n' });
  });

  it('is part of the scenario format: validated, saved from a journal, run', () => {
    const lab = createLab(scenario);
    lab.writeFile('rs1', '/tmp/x', 'hello\n');
    const saved = scenarioFromJournal(scenario, lab.learnerSteps);
    expect(saved.steps).toEqual([{ host: 'rs1', write: { path: '/tmp/x', text: 'hello\n' } }]);
    const parsed = parseScenarioText(JSON.stringify({ ...saved, steps: [...saved.steps, { host: 'rs1', run: 'cat /tmp/x' }] }));
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && runScenario(parsed.scenario).steps).toEqual([{ index: 1, host: 'rs1', run: 'cat /tmp/x', exit: 0, stdout: 'hello\n', stderr: '' }]);
    const bad = parseScenarioText(JSON.stringify({ ...scenario, steps: [{ host: 'rs1', write: { path: 'relative', text: '' } }, { host: 'rs1', write: { path: '/x' } }] }));
    expect(!bad.ok && bad.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['$.steps[0].write.path: expected an absolute path, got the string "relative"', expect.stringMatching(/^\$\.steps\[1\]\.write\.text: /)]);
  });
});
