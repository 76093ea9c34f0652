// The flow of one challenge, as a state machine: idle → running (timer, hints,
// verify) → solved, or revealed (solution shown, score 0), or timeUp. What the
// flow does to the world (advance the lab's clock, save a score) is named
// actions the panel provides; verifying itself (a replay) happens outside and
// comes back as a VERIFIED event, so the machine stays synchronous and testable.
import { assign, setup } from 'xstate';
import type { Level } from '../../../src-sim/session/index.ts';

export interface ChallengeContext {
  seed: number;
  level: Level;
  faults: number;
  hintCount: number;
  hintsUsed: number;
  hintsAllowed: boolean;
  solutionsAllowed: boolean;
  solutionShown: boolean;
  /** Virtual seconds since the start (the lab's clock follows the wall clock while running). */
  elapsedSeconds: number;
  timeLimitSeconds: number | null;
  /** The last verification: faults fixed and the score it gave. */
  fixed: number;
  score: number | null;
  verifications: number;
}

export type ChallengeEvent =
  | { type: 'START'; seed: number; level: Level; faults: number; hintCount: number; hintsAllowed?: boolean; solutionsAllowed?: boolean; timeLimitSeconds?: number | null }
  | { type: 'CLOCK'; elapsedSeconds: number }
  | { type: 'HINT' }
  | { type: 'VERIFIED'; fixed: number; score: number; elapsedSeconds: number }
  | { type: 'SHOW_SOLUTION' }
  | { type: 'ABANDON' };

const initial: ChallengeContext = {
  seed: 0,
  level: 1,
  faults: 0,
  hintCount: 0,
  hintsUsed: 0,
  hintsAllowed: true,
  solutionsAllowed: true,
  solutionShown: false,
  elapsedSeconds: 0,
  timeLimitSeconds: null,
  fixed: 0,
  score: null,
  verifications: 0,
};

export const challengeMachine = setup({
  types: {
    context: {} as ChallengeContext,
    events: {} as ChallengeEvent,
  },
  actions: {
    begin: assign(({ event }) => {
      if (event.type !== 'START') return {};
      return {
        ...initial,
        seed: event.seed,
        level: event.level,
        faults: event.faults,
        hintCount: event.hintCount,
        hintsAllowed: event.hintsAllowed ?? true,
        solutionsAllowed: event.solutionsAllowed ?? true,
        timeLimitSeconds: event.timeLimitSeconds ?? null,
      };
    }),
    takeHint: assign({ hintsUsed: ({ context }) => context.hintsUsed + 1 }),
    setClock: assign({ elapsedSeconds: ({ context, event }) => (event.type === 'CLOCK' ? event.elapsedSeconds : context.elapsedSeconds) }),
    recordVerification: assign(({ context, event }) =>
      event.type === 'VERIFIED' ? { fixed: event.fixed, score: event.score, elapsedSeconds: event.elapsedSeconds, verifications: context.verifications + 1 } : {},
    ),
    revealSolution: assign({ solutionShown: true, score: 0 }),
    /** Advance the lab's virtual clock to the wall clock (provided by the panel). */
    syncClock: () => undefined,
    /** Put the finished challenge on the leaderboard (provided by the panel). */
    saveScore: () => undefined,
  },
  guards: {
    canTakeHint: ({ context }) => context.hintsAllowed && context.hintsUsed < context.hintCount,
    allFixed: ({ context, event }) => event.type === 'VERIFIED' && event.fixed === context.faults,
    solutionsAllowed: ({ context }) => context.solutionsAllowed,
    timeUp: ({ context }) => context.timeLimitSeconds !== null && context.elapsedSeconds >= context.timeLimitSeconds,
  },
  delays: {
    tick: 1000,
  },
}).createMachine({
  id: 'challenge',
  initial: 'idle',
  context: initial,
  states: {
    idle: {
      on: { START: { target: 'running', actions: 'begin' } },
    },
    running: {
      always: { guard: 'timeUp', target: 'timeUp' },
      after: { tick: { target: 'running', reenter: true, actions: 'syncClock' } },
      on: {
        CLOCK: { actions: 'setClock' },
        HINT: { guard: 'canTakeHint', actions: 'takeHint' },
        VERIFIED: [
          { guard: 'allFixed', target: 'solved', actions: ['recordVerification', 'saveScore'] },
          { actions: 'recordVerification' },
        ],
        SHOW_SOLUTION: { guard: 'solutionsAllowed', target: 'revealed', actions: 'revealSolution' },
        ABANDON: { target: 'idle' },
      },
    },
    timeUp: {
      // The last verification at the limit is the result.
      on: {
        VERIFIED: { target: 'solved', actions: ['recordVerification', 'saveScore'] },
        ABANDON: { target: 'idle' },
      },
    },
    solved: {
      on: { START: { target: 'running', actions: 'begin' }, ABANDON: { target: 'idle' } },
    },
    revealed: {
      on: { START: { target: 'running', actions: 'begin' }, ABANDON: { target: 'idle' } },
    },
  },
});
