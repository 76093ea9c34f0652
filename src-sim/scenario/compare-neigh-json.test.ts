// `ip -j neigh`: the kernel lists entries in hash order, and -j prints the
// whole array on one line, so the comparison takes the array's elements as a
// set (kernel runs 502), as it takes the lines of `ip neigh show`.
import { describe, expect, it } from 'vitest';
import { compareObservations } from './compare.ts';
import type { Observation } from './types.ts';

const A = { dst: '198.51.100.11', dev: 'eth0', lladdr: '02:00:00:00:00:11', state: ['REACHABLE'] };
const B = { dst: '198.51.100.50', dev: 'eth0', lladdr: '02:00:00:00:00:50', state: ['PERMANENT'] };

function observation(run: string, stdout: string): Observation {
  return { format: 'lvs-dr-lab/observation@1', steps: [{ index: 0, host: 'client', run, exit: 0, stdout, stderr: '' }], frames: [], neighbors: {} };
}

describe('ip -j neigh in the comparison', () => {
  it('accepts the same entries in another order, on one line or pretty-printed', () => {
    const kernel = observation('ip -j neigh', `${JSON.stringify([A, B])}\n`);
    expect(compareObservations(observation('ip -j neigh', `${JSON.stringify([B, A])}\n`), [kernel]).equal).toBe(true);
    const pretty = observation('ip -j -p neigh', `${JSON.stringify([A, B], null, 4)}\n`);
    expect(compareObservations(observation('ip -j -p neigh', `${JSON.stringify([B, A], null, 4)}\n`), [pretty]).equal).toBe(true);
  });

  it('finds an entry the simulator prints differently or leaves out', () => {
    const kernel = observation('ip -j neigh', `${JSON.stringify([A, B])}\n`);
    const changed = compareObservations(observation('ip -j neigh', `${JSON.stringify([{ ...A, state: ['STALE'] }, B])}\n`), [kernel]);
    expect(changed.equal).toBe(false);
    expect(compareObservations(observation('ip -j neigh', `${JSON.stringify([B])}\n`), [kernel]).equal).toBe(false);
  });
});
