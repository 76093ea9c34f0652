// One challenge at a time, played in the workspace: opens the challenge's lab
// there, keeps the lab's virtual clock in step with the wall clock (so the
// transcript's timestamps are the time spent, and replay reproduces them),
// verifies by replaying the learner's journal, and puts finished challenges
// on the leaderboard. The classroom starts pack exercises through it too.
import { getContext, setContext } from 'svelte';
import { createActor, type SnapshotFrom } from 'xstate';
import type { Level } from '../../../src-sim/session/index.ts';
import type { ExamExercise, RevealEvent, SealedLab, TranscriptCommand } from '../../../src-sim/session/index.ts';
import type { Lesson } from '../../../src-sim/session/index.ts';
import type { LabState } from '../lab-state.svelte.ts';
import type { Navigation } from '../navigation.svelte.ts';
import { documentStore } from '../storage/index.ts';
import type { Workspace } from '../workspace.svelte.ts';
import { challengeMachine } from './challenge-machine.ts';
import { today } from './today.ts';
import { findLesson } from '../../../src-sim/session/index.ts';
import { challengeExercise, examExercise, lessonExercise, timedTranscript, type ActiveExercise, type VerifyResult } from './exercise-model.ts';
import { addEntry, EMPTY_LEADERBOARD, LEADERBOARD_KEY, parseLeaderboard, type Leaderboard } from './leaderboard.ts';

export interface ExerciseOptions {
  /** Set when the challenge is an exercise of a pack. */
  exerciseId?: string;
  hintsAllowed?: boolean;
  solutionsAllowed?: boolean;
  timeLimitSeconds?: number;
  daily?: boolean;
}

/** What a pack exercise's attempt keeps for the results file. */
export interface RecordedAttempt {
  id: string;
  transcript: TranscriptCommand[];
  /** Every hint and solution revealed, at the exercise's time. */
  events: RevealEvent[];
  submittedAt: number;
  hintsUsed: number;
  solutionShown: boolean;
  score: number;
}

export class ChallengeSession {
  snapshot: SnapshotFrom<typeof challengeMachine>;
  exercise = $state.raw<ActiveExercise | null>(null);
  outcome = $state.raw<VerifyResult | null>(null);
  options = $state.raw<ExerciseOptions>({});
  leaderboard = $state.raw<Leaderboard>(EMPTY_LEADERBOARD);
  storeMessage = $state<string | null>(null);
  /** Pack exercise id → the latest verified attempt. */
  attempts = $state.raw<Record<string, RecordedAttempt>>({});
  lost = $state(false);
  /** The lab the result on screen was scored on, and how many of its journal lines the score saw. */
  #checkedAt = $state.raw<{ lab: LabState; lines: number } | null>(null);
  readonly #actor;
  #startWall = 0;
  #labStart = 0;
  #lab: LabState | null = null;
  /** Each start is its own task in the workspace: starting another ends this one. */
  #task = 0;
  #events: RevealEvent[] = [];

  constructor(
    private readonly workspace: Workspace,
    private readonly navigation: Navigation,
  ) {
    this.#actor = createActor(
      challengeMachine.provide({
        actions: {
          syncClock: () => void this.#syncClock(),
          saveScore: () => void this.#saveScore(),
        },
      }),
    );
    this.snapshot = $state.raw(this.#actor.getSnapshot());
    this.#actor.subscribe((s) => (this.snapshot = s));
    this.#actor.start();
    void this.#loadLeaderboard();
  }

  get state(): string {
    return String(this.snapshot.value);
  }

  get context() {
    return this.snapshot.context;
  }

  /** Opens the challenge's broken lab in the workspace and starts the clock. */
  start(seed: number, level: Level, options: ExerciseOptions = {}): void {
    this.#begin(challengeExercise(seed, level), options);
  }

  /** A pack's lesson exercise, played (and timed and scored) like a challenge. */
  startLesson(lesson: Lesson, options: ExerciseOptions = {}): void {
    this.#begin(lessonExercise(lesson, findLesson), options);
  }

  /** An exam's exercise, from the learner's unsealed lab (no hints, no solution: the exam has none). */
  startExam(exercise: ExamExercise, lab: SealedLab, options: ExerciseOptions = {}): void {
    this.#begin(examExercise(exercise, lab), { ...options, hintsAllowed: false, solutionsAllowed: false });
  }

  #begin(exercise: ActiveExercise, options: ExerciseOptions): void {
    this.exercise = exercise;
    this.#events = [];
    this.options = options;
    this.outcome = null;
    this.lost = false;
    this.#task += 1;
    this.#lab = this.workspace.open(exercise.scenario, {
      seed: exercise.labSeed,
      setup: exercise.setup,
      title: exercise.heading,
      context: { kind: options.exerciseId ? 'exercise' : 'challenge', owner: this, id: this.#taskId(), leave: () => this.#actor.send({ type: 'ABANDON' }) },
    });
    this.#startAt(this.#lab);
    this.#startWall = performance.now();
    this.navigation.go('workspace');
    this.#actor.send({
      type: 'START',
      seed: exercise.seed ?? 0,
      level: exercise.level ?? 1,
      faults: exercise.items,
      hintCount: exercise.hints.length,
      hintsAllowed: options.hintsAllowed ?? true,
      solutionsAllowed: options.solutionsAllowed ?? true,
      timeLimitSeconds: options.timeLimitSeconds ?? null,
    });
  }

  hint(): void {
    const before = this.context.hintsUsed;
    this.#actor.send({ type: 'HINT' });
    if (this.context.hintsUsed > before) this.#reveal('hint');
  }

  showSolution(): void {
    this.#actor.send({ type: 'SHOW_SOLUTION' });
    if (this.state === 'revealed') {
      this.#reveal('solution');
      this.#record(0);
    }
  }

  /** A reveal, stamped with the exercise's clock as last synchronised, for the results file. */
  #reveal(event: RevealEvent['event']): void {
    const last = this.#events[this.#events.length - 1]?.t ?? 0;
    this.#events = [...this.#events, { t: Math.max(last, this.context.elapsedSeconds), event }];
  }

  /** Gives the exercise up: the lab stays on screen as a free lab. */
  abandon(): void {
    this.#actor.send({ type: 'ABANDON' });
    this.workspace.release(this);
  }

  openLab(): void {
    this.navigation.go('workspace');
  }

  #taskId(): string {
    return `${this.options.exerciseId ?? 'challenge'}#${this.#task}`;
  }

  /** The workspace holds this exercise's lab (not a lesson's, a free lab or another exercise's). */
  get inWorkspace(): boolean {
    return this.exercise !== null && this.workspace.owns(this, this.#taskId());
  }

  /** The lab the exercise runs in, if the workspace still holds it (a reset keeps it: same scenario and setup). */
  #currentLab(): LabState | null {
    const exercise = this.exercise;
    if (!exercise || !this.inWorkspace) return null;
    const lab = this.workspace.state;
    if (this.workspace.scenario !== exercise.scenario || this.workspace.options.setup !== exercise.setup) return null;
    if (lab !== this.#lab) {
      // The learner reset the lab: time still counts from the challenge's start.
      this.#lab = lab;
      this.#startAt(lab);
    }
    return lab;
  }

  /** The exercise's clock starts when the lab has run its setup. */
  #startAt(lab: LabState): void {
    this.#labStart = Number.NaN;
    void lab.ready.then(() => {
      if (this.#lab === lab) this.#labStart = lab.now;
    });
  }

  #elapsedWall(): number {
    return (performance.now() - this.#startWall) / 1000;
  }

  /** Lets the lab's virtual time catch up with the wall clock (in the session, after any running line). */
  async #syncClock(): Promise<void> {
    const lab = this.#currentLab();
    if (!lab) return;
    await lab.ready;
    if (Number.isNaN(this.#labStart)) this.#labStart = lab.now;
    await lab.settled();
    const behind = this.#elapsedWall() - (lab.now - this.#labStart);
    // Whole milliseconds keep the journal's sleeps short to read.
    if (behind >= 0.001) await lab.sleep(Math.floor(behind * 1000) / 1000);
    this.#actor.send({ type: 'CLOCK', elapsedSeconds: lab.now - this.#labStart });
  }

  /**
   * Commands the learner ran on this lab after the result on screen was
   * scored: while there are any, the result describes the lab as it was.
   */
  get linesSinceVerify(): Array<{ host: string; run: string }> {
    const at = this.#checkedAt;
    if (!at || !this.outcome || at.lab !== this.workspace.state) return [];
    return at.lab.linesAfter(at.lines);
  }

  /** Replays what the learner did on a fresh copy and scores it. */
  async verify(lang: 'en' | 'zh-CN' = 'en'): Promise<void> {
    const exercise = this.exercise;
    const lab = this.#currentLab();
    if (!exercise || !lab) {
      this.lost = true;
      return;
    }
    await this.#syncClock();
    const { transcript, elapsedSeconds } = timedTranscript(lab.timed, this.#labStart, lab.now);
    const checkedLines = lab.journal.length;
    const ctx = this.context;
    const outcome = exercise.verify(
      {
        transcript,
        submittedAt: elapsedSeconds,
        hintsUsed: ctx.hintsUsed,
        solutionShown: ctx.solutionShown,
        ...(this.options.timeLimitSeconds !== undefined ? { timeLimitSeconds: this.options.timeLimitSeconds } : {}),
      },
      lang,
    );
    this.outcome = outcome;
    this.#checkedAt = { lab, lines: checkedLines };
    this.#record(outcome.score.total, transcript, elapsedSeconds);
    this.#actor.send({ type: 'VERIFIED', fixed: outcome.items.filter((i) => i.fixed).length, score: outcome.score.total, elapsedSeconds: outcome.elapsedSeconds });
  }

  #record(score: number, transcript?: TranscriptCommand[], submittedAt?: number): void {
    const id = this.options.exerciseId;
    const exercise = this.exercise;
    const lab = this.#currentLab();
    if (!id || !exercise || !lab) return;
    if (!transcript) ({ transcript, elapsedSeconds: submittedAt } = timedTranscript(lab.timed, this.#labStart, lab.now));
    this.attempts = { ...this.attempts, [id]: { id, transcript, events: this.#events, submittedAt: submittedAt ?? 0, hintsUsed: this.context.hintsUsed, solutionShown: this.context.solutionShown, score } };
  }

  async #loadLeaderboard(): Promise<void> {
    try {
      const store = await documentStore();
      const result = await store.load(LEADERBOARD_KEY, parseLeaderboard);
      if (result.status === 'ok') this.leaderboard = result.value;
      else if (result.status === 'corrupt') this.storeMessage = `corrupt:${result.keptAs}:${result.message}`;
    } catch (error) {
      this.storeMessage = `error:${(error as Error).message}`;
    }
  }

  async #saveScore(): Promise<void> {
    const exercise = this.exercise;
    const outcome = this.outcome;
    // The leaderboard ranks challenges; a lesson exercise's score goes only into the results file.
    if (!exercise || !outcome || exercise.seed === undefined || exercise.level === undefined) return;
    const entry = {
      seed: exercise.seed,
      level: exercise.level,
      score: outcome.score.total,
      elapsedSeconds: Math.round(outcome.elapsedSeconds),
      hintsUsed: this.context.hintsUsed,
      date: today(),
      daily: this.options.daily === true,
    };
    this.leaderboard = addEntry(this.leaderboard, entry);
    try {
      await (await documentStore()).save(LEADERBOARD_KEY, this.leaderboard);
    } catch (error) {
      this.storeMessage = `error:${(error as Error).message}`;
    }
  }
}

const KEY = Symbol('lvs-lab.challenge-session');

export function setChallengeSession(session: ChallengeSession): ChallengeSession {
  return setContext(KEY, session);
}

export function getChallengeSession(): ChallengeSession {
  const session = getContext<ChallengeSession | undefined>(KEY);
  if (!session) throw new Error('getChallengeSession() outside the App');
  return session;
}
