// A learner's transcript as the teacher reads it: per exercise, the commands
// they typed and every hint and solution the app revealed, in the order they
// happened, from the results file the gradebook graded.
import type { ExerciseResult, ResultsFile } from '../../../src-sim/session/index.ts';

export type TimelineEntry = { t: number; kind: 'command'; host: string; run: string } | { t: number; kind: 'hint' | 'solution' };

/** Commands and reveals merged by time; at the same second a reveal comes first (it was read before typing). */
export function timeline(exercise: ExerciseResult): TimelineEntry[] {
  const commands: TimelineEntry[] = exercise.transcript.map((c) => ({ t: c.t, kind: 'command', host: c.host, run: c.run }));
  const reveals: TimelineEntry[] = (exercise.events ?? []).map((e) => ({ t: e.t, kind: e.event }));
  const merged: TimelineEntry[] = [];
  let c = 0;
  let r = 0;
  while (c < commands.length || r < reveals.length) {
    const next = r < reveals.length && (c >= commands.length || reveals[r]!.t <= commands[c]!.t) ? reveals[r++]! : commands[c++]!;
    merged.push(next);
  }
  return merged;
}

/** The exercises of a results file in the pack's order (ids the pack does not set last, as the file has them). */
export function exercisesInPackOrder(results: ResultsFile, packIds: readonly string[]): ExerciseResult[] {
  const rank = (id: string) => {
    const at = packIds.indexOf(id);
    return at === -1 ? packIds.length : at;
  };
  return results.exercises.toSorted((a, b) => rank(a.id) - rank(b.id));
}

/** Virtual seconds as the transcript shows them: "0:12.5". */
export function formatTime(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  const text = Number.isInteger(rest) ? String(rest) : rest.toFixed(1);
  return `${minutes}:${rest < 10 ? '0' : ''}${text}`;
}
