// "What if": the same lab, the same setup, one change made before anything
// else, then every command the learner ran replayed in order (the session's
// fork, in the worker). The simulator is deterministic, so the replay is exact
// up to that change.
import type { LabState } from '../lab-state.svelte.ts';

export interface Change {
  host: string;
  run: string;
}

export function forkWithChange(state: LabState, change: Change): Promise<LabState> {
  return state.forkWithChange(change);
}

/** The change as the learner typed it failed (typo, unknown key): its message, else null. */
export function changeError(fork: LabState): string | null {
  const last = fork.setupResults[fork.setupResults.length - 1];
  return last && last.exit !== 0 ? last.stderr.trim() || `exit ${last.exit}` : null;
}
