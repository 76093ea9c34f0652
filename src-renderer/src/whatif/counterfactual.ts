// "What if": the same lab, the same setup, one change made before anything
// else, then every command the learner ran replayed in order. Time in the lab
// only moves inside commands, so the replay is exact up to that change.
// (src-sim's forkLab copies a lab as it is; this one inserts a change first.)
import { LabState } from '../lab-state.svelte.ts';

export interface Change {
  host: string;
  run: string;
}

export function forkWithChange(state: LabState, change: Change): LabState {
  const fork = new LabState(state.scenario, { seed: state.seed, setup: [...state.setup, change] });
  for (const entry of state.journal) fork.run(entry.host, entry.run);
  return fork;
}

/** The change as the learner typed it failed (typo, unknown key): its message, else null. */
export function changeError(fork: LabState): string | null {
  const last = fork.setupResults[fork.setupResults.length - 1];
  return last && last.exit !== 0 ? last.stderr.trim() || `exit ${last.exit}` : null;
}
