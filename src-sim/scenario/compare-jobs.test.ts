// Steps on a host with a process left running are compared as one terminal
// (compare-jobs.ts): the split of a job's lines between steps, PIDs, tcpdump's
// times and ping's ids may differ; a missing, extra or reordered packet line,
// a different count or a missing notice may not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareObservations } from './compare.ts';
import { terminalSteps } from './compare-jobs.ts';
import type { Observation, ObservedStep } from './types.ts';

const recorded = (order: 'forward' | 'reverse'): Observation => JSON.parse(readFileSync(new URL(`../../conformance/kernel/521-job-tcpdump-sees-pings.${order}.json`, import.meta.url), 'utf8')) as Observation;

/** The simulator's way of showing 501: every line at its virtual instant, the counts and the notice in the kill step. */
function simulated(edit: (steps: ObservedStep[]) => void = () => {}): Observation {
  const kernel = recorded('forward');
  const steps = kernel.steps.map((s) => ({ ...s }));
  const [start, ping, kill, next] = steps;
  start!.stderr = start!.stderr.replace(/^\[1\] \d+/, '[1] 693');
  ping!.stdout = ping!.stdout.replace(/time=[\d.]+ ms/g, 'time=0.040 ms').replace(/time \d+ms/, 'time 1000ms');
  kill!.stdout = kill!.stdout.replace(/^\d\d:\d\d:\d\d\.\d{6}/gm, '00:00:01.020030').replace(/id \d+/g, 'id 63463');
  kill!.stderr = '\n4 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n[1]+  Done                    tcpdump -n -i eth0 icmp\n';
  next!.stdout = 'done\n';
  next!.stderr = '';
  edit(steps);
  return { ...kernel, steps };
}

const verdict = (sim: Observation): ReturnType<typeof compareObservations> => compareObservations(sim, [recorded('forward'), recorded('reverse')]);

describe('a host with processes left running is compared as one terminal', () => {
  it('takes the steps of its host from the first that leaves a process running', () => {
    expect([...terminalSteps(recorded('forward').steps)]).toEqual([0, 3, 5]);
  });

  it('accepts the same lines split otherwise between steps, other PIDs, times and ping ids', () => {
    expect(verdict(simulated())).toMatchObject({ equal: true, differences: [] });
  });

  it('catches a packet line that is missing, a reordered one, other counts and a missing notice', () => {
    const missing = verdict(simulated((steps) => {
      steps[2]!.stdout = steps[2]!.stdout.split('\n').slice(1).join('\n');
    }));
    expect(missing.equal).toBe(false);
    expect(missing.differences.join('\n')).toMatch(/rs1's terminal: stdout \(the terminal's lines as a multiset\) differs/);
    const reordered = verdict(simulated((steps) => {
      const lines = steps[2]!.stdout.trimEnd().split('\n');
      steps[2]!.stdout = [lines[1], lines[0], ...lines.slice(2)].join('\n') + '\n';
    }));
    expect(reordered.differences.join('\n')).toMatch(/tcpdump's packet lines in order differs/);
    const counts = verdict(simulated((steps) => {
      steps[2]!.stderr = steps[2]!.stderr.replace('4 packets captured', '3 packets captured');
    }));
    expect(counts.differences.join('\n')).toMatch(/stderr \(the terminal's lines as a multiset\) differs/);
    const notice = verdict(simulated((steps) => {
      steps[2]!.stderr = steps[2]!.stderr.replace(/\[1\]\+ .*\n/, '');
    }));
    expect(notice.equal).toBe(false);
  });

  it('still compares each step\'s exit status', () => {
    const r = verdict(simulated((steps) => {
      steps[2]!.exit = 1;
    }));
    expect(r.differences.join('\n')).toMatch(/kill %1.*exit status 1 in the simulator, Linux exits 0/);
  });
});
