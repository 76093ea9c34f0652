// One verdict of the conformance suite: a scenario run on the kernel in both
// bridge port orders and in the simulator, the observations compared by the
// contract's rules. Shared by the suite over conformance/scenarios/ and the
// random hunt (conformance-random.ts).
import { compareObservations, type ComparisonResult } from '../../src-sim/scenario/compare.ts';
import type { Observation, Scenario } from '../../src-sim/scenario/types.ts';
import { kernelRun, type PortOrder } from '../kernel/index.ts';

export type RunScenario = (scenario: Scenario, options?: { seed?: number }) => Observation;

export const PORT_ORDERS: PortOrder[] = ['forward', 'reverse'];

/** The kernel's observations in both port orders, or why a run failed. */
export async function kernelObservations(scenario: Scenario, orders: PortOrder[] = PORT_ORDERS): Promise<{ runs: Observation[]; errors: string[] }> {
  const runs: Observation[] = [];
  const errors: string[] = [];
  for (const order of orders) {
    try {
      runs.push(await kernelRun(structuredClone(scenario), { portOrder: order }));
    } catch (e) {
      errors.push(`kernel run (${order}) failed: ${(e as Error).message}`);
    }
  }
  return { runs, errors };
}

export type Verdict = { ok: true; result: ComparisonResult } | { ok: false; problem: string };

/** The simulator's observation of the scenario compared with the kernel runs. */
export function judge(sim: RunScenario, scenario: Scenario, kernel: Observation[], revision: 1 | 2): Verdict {
  let simObs: Observation;
  try {
    simObs = sim(structuredClone(scenario), { seed: 1 });
  } catch (e) {
    return { ok: false, problem: `the simulator threw: ${(e as Error).message}` };
  }
  return { ok: true, result: compareObservations(simObs, kernel, { revision }) };
}

/** The lines the suite prints under a FAIL: the differences and how many items were left out. */
export function verdictLines(r: ComparisonResult): string[] {
  const out = [...r.differences];
  if (r.excluded.length > 0) out.push(`(${r.excluded.length} item${r.excluded.length === 1 ? '' : 's'} left out: they differ between the kernel runs)`);
  return out;
}

/** Runs `work` on every item with at most `jobs` at a time. */
export async function pool<T>(items: T[], jobs: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
}
