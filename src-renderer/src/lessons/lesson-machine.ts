// The lesson flow as a state machine:
//
//   list ──SELECT──▶ intro ──START──▶ working ◀──────────────┐
//                                     │  VERIFY               │ (a check failed)
//                                     ▼                       │
//                                  verifying ──(all pass)──▶ passed ──DEBRIEF──▶ debrief
//                                     └───────────────────────┘
//   working: HINT (next level), RESET (the broken lab again), SHOW_SOLUTION
//   (a fresh lab, the reference commands replayed) → replaying → working.
//   BACK returns to the list from anywhere but replaying; SELECT (another
//   lesson from the list) leaves the current one for the new one's intro.
//   LEAVE (another context — a challenge, a pack exercise, a free lab — took
//   the workspace) returns to the list from anywhere, replaying included.
//
// Side effects (opening the lab, running the checks, saving progress,
// replaying the solution) are named actions and actors; the component
// provides them with `.provide()`, and tests provide fakes.
import { assign, fromPromise, setup } from 'xstate';
import type { CheckResult } from '../../../src-sim/session/index.ts';

export interface LessonContext {
  lessonId: string | null;
  /** How many hint levels are on screen. */
  hintsShown: number;
  /** Hint levels the lesson has. */
  hintCount: number;
  /** The last verification's results, shown under the Verify button. */
  results: CheckResult[];
  attempts: number;
  solutionShown: boolean;
}

export type LessonEvent =
  | { type: 'SELECT'; lessonId: string; hintCount: number }
  | { type: 'START' }
  | { type: 'VERIFY' }
  | { type: 'HINT' }
  | { type: 'RESET' }
  | { type: 'SHOW_SOLUTION' }
  | { type: 'DEBRIEF' }
  | { type: 'BACK' }
  | { type: 'LEAVE' };

const initial: LessonContext = { lessonId: null, hintsShown: 0, hintCount: 0, results: [], attempts: 0, solutionShown: false };

export const lessonMachine = setup({
  types: {
    context: {} as LessonContext,
    events: {} as LessonEvent,
  },
  actions: {
    /** Boots the lesson's broken lab in the workspace. */
    openLab: (_, _params: { lessonId: string }) => {},
    /** Persists the learner's progress (passed, hints, attempts). */
    saveProgress: (_, _params: { context: LessonContext; passed: boolean; verified: boolean }) => {},
    /** Runs the checks on the workspace's lab; the component provides the real one. */
    verify: assign({ results: (): CheckResult[] => [], attempts: ({ context }) => context.attempts + 1 }),
    showNextHint: assign({ hintsShown: ({ context }) => Math.min(context.hintsShown + 1, context.hintCount) }),
    clearResults: assign({ results: () => [] }),
    markSolutionShown: assign({ solutionShown: () => true }),
    select: assign(({ event }) => (event.type === 'SELECT' ? { ...initial, lessonId: event.lessonId, hintCount: event.hintCount } : {})),
    forget: assign(() => ({ ...initial })),
  },
  actors: {
    /** Resets the lab and types the reference solution, with a pause per command. */
    replaySolution: fromPromise<void, { lessonId: string }>(async () => {}),
  },
  guards: {
    allPassed: ({ context }) => context.results.length > 0 && context.results.every((r) => r.pass),
    hasMoreHints: ({ context }) => context.hintsShown < context.hintCount,
  },
}).createMachine({
  id: 'lesson',
  context: initial,
  initial: 'list',
  on: {
    LEAVE: { target: '.list', actions: 'forget' },
  },
  states: {
    list: {
      on: { SELECT: { target: 'intro', actions: 'select' } },
    },
    intro: {
      on: {
        START: { target: 'working', actions: [{ type: 'openLab', params: ({ context }) => ({ lessonId: context.lessonId! }) }] },
        BACK: { target: 'list', actions: 'forget' },
      },
    },
    working: {
      on: {
        VERIFY: { target: 'verifying', actions: 'verify' },
        HINT: { guard: 'hasMoreHints', actions: ['showNextHint', { type: 'saveProgress', params: ({ context }) => ({ context, passed: false, verified: false }) }] },
        RESET: { actions: ['clearResults', { type: 'openLab', params: ({ context }) => ({ lessonId: context.lessonId! }) }] },
        SHOW_SOLUTION: { target: 'replaying', actions: ['clearResults', 'markSolutionShown'] },
        BACK: { target: 'list', actions: 'forget' },
        SELECT: { target: 'intro', actions: 'select' },
      },
    },
    verifying: {
      always: [
        { guard: 'allPassed', target: 'passed', actions: { type: 'saveProgress', params: ({ context }) => ({ context, passed: true, verified: true }) } },
        { target: 'working', actions: { type: 'saveProgress', params: ({ context }) => ({ context, passed: false, verified: true }) } },
      ],
    },
    replaying: {
      invoke: {
        src: 'replaySolution',
        input: ({ context }) => ({ lessonId: context.lessonId! }),
        onDone: { target: 'working' },
        onError: { target: 'working' },
      },
    },
    passed: {
      on: {
        DEBRIEF: 'debrief',
        VERIFY: { target: 'verifying', actions: 'verify' },
        BACK: { target: 'list', actions: 'forget' },
        SELECT: { target: 'intro', actions: 'select' },
      },
    },
    debrief: {
      on: {
        BACK: { target: 'list', actions: 'forget' },
        SELECT: { target: 'intro', actions: 'select' },
        RESET: { target: 'working', actions: ['clearResults', { type: 'openLab', params: ({ context }) => ({ lessonId: context.lessonId! }) }] },
      },
    },
  },
});
