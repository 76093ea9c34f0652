// Running a challenge: boot its lab with the hidden faults, replay a
// transcript at its virtual timestamps, and assess which faults are fixed and
// what else was broken. The app, `challenge check` and the grader all use
// these, so the learner and the instructor get the same score.
import { MICROS_PER_SECOND } from '../../core/event-queue.ts';
import { bootLab, type Lab } from '../../lab.ts';
import type { CheckResult } from '../lessons/check-types.ts';
import { baselineChecks } from './baseline.ts';
import { evaluateChallengeChecks, type ChallengeCheck } from './challenge-checks.ts';
import type { Text } from './faults.ts';
import { generateChallenge, type Challenge } from './generate.ts';
import type { Level } from './levels.ts';
import type { TranscriptCommand } from './results.ts';
import { computeScore, type ScoreBreakdown } from './score.ts';

/** The challenge's lab with its faults applied; the exercise's time 0 is `lab.now` when this returns. */
export function bootChallenge(challenge: Challenge, options: { trace?: boolean } = {}): Lab {
  return bootLab(challenge.scenario, challenge.setup, { seed: challenge.labSeed, trace: options.trace ?? true });
}

/**
 * What the learner did on `lab` since it started, as a results file's
 * transcript: each command stamped with its start on the lab's clock (the
 * journal records it), and the time spent so far. `replayTranscript` of it
 * gives the same lab again.
 */
export function transcriptOf(lab: Lab): { transcript: TranscriptCommand[]; elapsedSeconds: number } {
  const transcript: TranscriptCommand[] = [];
  for (const { step, atUs } of lab.journal.slice(lab.start.steps)) {
    if ('run' in step) transcript.push({ t: (atUs - lab.start.us) / MICROS_PER_SECOND, host: step.host, run: step.run });
  }
  return { transcript, elapsedSeconds: (lab.queue.now - lab.start.us) / MICROS_PER_SECOND };
}

export interface ReplayNote {
  /** Index in the transcript. */
  index: number;
  message: string;
}

export interface ReplayOutcome {
  /** Commands replayed (those after the time limit are not). */
  replayed: number;
  /** Transcript entries that cannot be what really happened (a command starting before the previous one ended). */
  inconsistencies: ReplayNote[];
  /** Commands skipped because they started after the time limit. */
  overTime: number;
  /** Virtual seconds from the start to submission, as used for the score. */
  elapsedSeconds: number;
}

// The app stamps a command with the clock it read before running it; one
// microsecond of rounding is allowed.
const TOLERANCE_SECONDS = 1 / MICROS_PER_SECOND;

/**
 * Replays `transcript` on `lab` (booted by bootChallenge or a lesson) as typed:
 * the clock is advanced to each command's timestamp first. Then the clock is
 * advanced to `submittedAt`, where the checks will look at the lab.
 */
export function replayTranscript(lab: Lab, transcript: readonly TranscriptCommand[], submittedAt: number, timeLimitSeconds?: number): ReplayOutcome {
  const start = lab.now;
  const inconsistencies: ReplayNote[] = [];
  let replayed = 0;
  let overTime = 0;
  transcript.forEach((command, index) => {
    if (timeLimitSeconds !== undefined && command.t > timeLimitSeconds) {
      overTime++;
      return;
    }
    const due = start + command.t;
    if (lab.now < due) lab.sleep(due - lab.now);
    else if (lab.now - due > TOLERANCE_SECONDS) {
      inconsistencies.push({ index, message: `command ${index + 1} is stamped ${command.t.toFixed(3)} s but the previous command ran until ${(lab.now - start).toFixed(3)} s` });
    }
    if (!lab.hosts.has(command.host)) {
      inconsistencies.push({ index, message: `command ${index + 1} names host "${command.host}", which this lab does not have` });
      return;
    }
    lab.run(command.host, command.run);
    replayed++;
  });
  const ranUntil = lab.now - start;
  let submitted = timeLimitSeconds !== undefined ? Math.min(submittedAt, timeLimitSeconds) : submittedAt;
  if (submitted + TOLERANCE_SECONDS < ranUntil) {
    if (overTime === 0) inconsistencies.push({ index: transcript.length, message: `submitted at ${submittedAt.toFixed(3)} s, before the last command ended (${ranUntil.toFixed(3)} s)` });
    submitted = ranUntil;
  }
  if (lab.now < start + submitted) lab.sleep(start + submitted - lab.now);
  return { replayed, inconsistencies, overTime, elapsedSeconds: submitted };
}

export interface FaultOutcome {
  key: string;
  title: Text;
  fixed: boolean;
  checks: CheckResult[];
}

export interface ChallengeAssessment {
  faults: FaultOutcome[];
  /** Checks of the working lab that passed at the start and fail now. */
  collateral: CheckResult[];
}

/** Which of `ids` pass right after the faults were applied (memoised: it depends only on the lab, its seed and setup). */
const startCache = new Map<string, Map<string, boolean>>();

export function baselinePassingAtStart(challenge: Challenge, ids: readonly string[] = baselineChecks(challenge.level).map((c) => c.id)): ReadonlySet<string> {
  const baseline = baselineChecks(challenge.level);
  const key = `${challenge.labVersion}:${challenge.labSeed}:${JSON.stringify(challenge.setup)}`;
  let known = startCache.get(key);
  if (!known) {
    if (startCache.size > 500) startCache.clear();
    startCache.set(key, (known = new Map()));
  }
  const unknown = baseline.filter((c) => ids.includes(c.id) && !known.has(c.id));
  if (unknown.length > 0) {
    const lab = bootChallenge(challenge);
    for (const r of evaluateChallengeChecks(lab, unknown)) known.set(r.id, r.pass);
  }
  return new Set(ids.filter((id) => known.get(id) === true));
}

export function assessChallenge(challenge: Challenge, lab: Lab): ChallengeAssessment {
  const faults = challenge.faults.map((fault) => {
    const checks = evaluateChallengeChecks(lab, fault.detect as unknown as ChallengeCheck[]);
    return { key: fault.key, title: fault.title, fixed: checks.every((c) => c.pass), checks };
  });
  // Collateral damage: baseline checks failing now that passed at the start. The end is
  // evaluated first, so the start's lab is booted only for the checks that fail now (none when
  // the learner broke nothing: in an exam every learner's variant is a new start to evaluate,
  // and the start's probes were half of grading's time).
  const failing = evaluateChallengeChecks(lab, baselineChecks(challenge.level)).filter((r) => !r.pass);
  const before = failing.length > 0 ? baselinePassingAtStart(challenge, failing.map((r) => r.id)) : new Set<string>();
  const collateral = failing.filter((r) => before.has(r.id));
  return { faults, collateral };
}

export interface ChallengeAttempt {
  transcript: readonly TranscriptCommand[];
  submittedAt: number;
  hintsUsed: number;
  solutionShown: boolean;
  timeLimitSeconds?: number;
  /** The challenge lab's version the attempt was played on (default: the current one). */
  labVersion?: number;
}

export interface ChallengeOutcome {
  challenge: Challenge;
  replay: ReplayOutcome;
  assessment: ChallengeAssessment;
  score: ScoreBreakdown;
}

/**
 * Boots the challenge of (seed, level), replays the attempt and scores it
 * (score.ts). `labSeed`: an exam variant's own seed for the lab's random
 * source (exam.ts); by default the challenge's.
 */
export function playChallenge(seed: number, level: Level, attempt: ChallengeAttempt, labSeed?: number): ChallengeOutcome {
  const challenge = generateChallenge(seed, level, attempt.labVersion);
  return playGenerated(labSeed === undefined ? challenge : { ...challenge, labSeed }, attempt);
}

/** Boots a challenge already made (generated, or an exam's unsealed lab), replays the attempt and scores it. */
export function playGenerated(challenge: Challenge, attempt: ChallengeAttempt): ChallengeOutcome {
  const lab = bootChallenge(challenge);
  const replay = replayTranscript(lab, attempt.transcript, attempt.submittedAt, attempt.timeLimitSeconds);
  const assessment = assessChallenge(challenge, lab);
  const score = computeScore({
    faults: assessment.faults.length,
    fixed: assessment.faults.filter((f) => f.fixed).length,
    elapsedSeconds: replay.elapsedSeconds,
    parSeconds: challenge.parSeconds,
    hintsUsed: attempt.hintsUsed,
    collateral: assessment.collateral.length,
    solutionShown: attempt.solutionShown,
  });
  return { challenge, replay, assessment, score };
}
