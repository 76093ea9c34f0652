// "What if": the same lab, the same setup, one change made before anything
// else, then every step the learner took replayed in order (forkLab's
// `before`). The simulator is deterministic, so the replay is exact up to
// that change.
import { forkLab } from '../../../src-sim/lab.ts';
import type { CommandStep } from '../../../src-sim/step.ts';
import { LabState } from '../lab-state.svelte.ts';

export type Change = CommandStep;

export function forkWithChange(state: LabState, change: Change): LabState {
  return new LabState(forkLab(state.sim, { before: [change], capture: true }));
}

/** The change as the learner typed it failed (typo, unknown key): its message, else null. */
export function changeError(fork: LabState): string | null {
  const last = fork.sim.journal[fork.sim.start.steps - 1]?.result;
  return last && last.exit !== 0 ? last.stderr.trim() || `exit ${last.exit}` : null;
}
