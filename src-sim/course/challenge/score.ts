// The challenge score: a pure function of what the replay measured, so the
// learner's app and the instructor's grader compute the same number.
//
//   score = max(0, repair + speed + care − 50 × hints),  0 ≤ score ≤ 1000
//
//   repair = round(600 × fixed / faults)
//   speed  = all faults fixed ? round(200 × min(1, par / elapsed)) : 0
//            (full 200 within the level's par time; half at twice the par, …)
//   care   = round((200 − min(200, 100 × collateral)) × fixed / faults)
//            (collateral = checks of the working lab that passed before the
//            learner's first command and fail at the end: something that
//            worked is now broken; each costs 100 of the 200)
//   hints  = 50 points each; a shown solution makes the score 0.
//
// Time is **virtual** time: seconds on the lab's clock from the start of the
// exercise to when the learner submitted. The transcript carries it, so a
// replay recomputes it exactly; the app advances the lab's clock with the
// wall clock while a challenge runs, so virtual time is the time the learner
// spent. (A learner who edits the timestamps of a results file can shorten
// the idle gaps between commands without the replay noticing, since idle
// time changes no state; the speed part is therefore only a fifth of the score.)
// For a lesson exercise, `faults` are the lesson's checks and collateral is 0.
export const MAX_SCORE = 1000;
export const REPAIR_POINTS = 600;
export const SPEED_POINTS = 200;
export const CARE_POINTS = 200;
export const COLLATERAL_COST = 100;
export const HINT_COST = 50;

export interface ScoreInput {
  faults: number;
  fixed: number;
  /** Virtual seconds from the start of the exercise to submission. */
  elapsedSeconds: number;
  parSeconds: number;
  hintsUsed: number;
  collateral: number;
  solutionShown: boolean;
}

export interface ScoreBreakdown {
  total: number;
  repair: number;
  speed: number;
  care: number;
  hintCost: number;
}

export function computeScore(input: ScoreInput): ScoreBreakdown {
  const faults = Math.max(1, input.faults);
  const fixed = Math.min(faults, Math.max(0, input.fixed));
  const share = fixed / faults;
  const repair = Math.round(REPAIR_POINTS * share);
  // A submission in under a second still counts as one second.
  const elapsed = Math.max(1, input.elapsedSeconds);
  const speed = fixed === faults ? Math.round(SPEED_POINTS * Math.min(1, input.parSeconds / elapsed)) : 0;
  const care = Math.round((CARE_POINTS - Math.min(CARE_POINTS, COLLATERAL_COST * Math.max(0, input.collateral))) * share);
  const hintCost = HINT_COST * Math.max(0, input.hintsUsed);
  const total = input.solutionShown ? 0 : Math.min(MAX_SCORE, Math.max(0, repair + speed + care - hintCost));
  return { total, repair, speed, care, hintCost };
}
