// The lesson player: the lesson machine running as an actor, wired to the
// workspace (opening the broken lab, checking its simulator state), to the
// document store (progress) and to the window's language. Components read
// `snapshot`, `lesson` and `progress`, and call `send`.
import { getContext, setContext } from 'svelte';
import { assign, createActor, fromPromise, type SnapshotFrom } from 'xstate';
import { findLesson, loadCurriculum } from '../../../src-sim/session/index.ts';
import type { CheckResult } from '../../../src-sim/session/index.ts';
import type { Lesson } from '../../../src-sim/session/index.ts';
import { lessonScenario, lessonSetup, stepsFromLines } from '../../../src-sim/session/index.ts';
import type { Navigation } from '../navigation.svelte.ts';
import type { DocumentStore } from '../storage/types.ts';
import type { LabState } from '../lab-state.svelte.ts';
import type { Workspace } from '../workspace.svelte.ts';
import { lessonMachine, type LessonContext, type LessonEvent } from './lesson-machine.ts';
import type { MessageKey } from '../../../src-sim/session/index.ts';
import { emptyProgress, parseProgress, PROGRESS_KEY, recordProgress, type Progress } from './progress.ts';

export interface LessonPlayerOptions {
  store: Promise<DocumentStore>;
  /** Pause between the solution's commands when it is replayed. */
  replayDelayMs?: number;
}

export type Notice = { key: MessageKey; params?: Record<string, string> };

const ACTIVE = new Set(['working', 'verifying', 'replaying', 'passed', 'debrief']);
const ACTS_ON_LAB = new Set<LessonEvent['type']>(['VERIFY', 'HINT', 'RESET', 'SHOW_SOLUTION', 'DEBRIEF']);

export class LessonPlayer {
  readonly lessons: readonly Lesson[] = loadCurriculum().lessons;
  snapshot = $state.raw<SnapshotFrom<typeof lessonMachine>>(null as unknown as SnapshotFrom<typeof lessonMachine>);
  progress = $state.raw<Progress>(emptyProgress());
  /** Problems with the saved progress (corrupt document kept aside, save failed). */
  notice = $state.raw<Notice | null>(null);
  loaded = $state(false);
  /** The last verification, until the machine takes it with VERIFY. */
  #verified: CheckResult[] = [];
  /** The lab the results on screen were checked on, and how many of its journal lines they saw. */
  #checkedAt = $state.raw<{ lab: LabState; lines: number } | null>(null);
  readonly #actor;
  readonly #workspace: Workspace;
  readonly #navigation: Navigation;
  readonly #options: LessonPlayerOptions;
  /** Saves one after another, so an older state never overwrites a newer one. */
  #saving: Promise<void> = Promise.resolve();

  constructor(workspace: Workspace, navigation: Navigation, options: LessonPlayerOptions) {
    this.#workspace = workspace;
    this.#navigation = navigation;
    this.#options = options;
    const machine = lessonMachine.provide({
      actions: {
        openLab: (_, params) => this.#openLab(params.lessonId),
        saveProgress: (_, params) => this.#save(params.context, params.passed, params.verified),
        verify: assign({
          // The checks ran in the session before VERIFY was sent (see send).
          results: () => this.#verified,
          attempts: ({ context }: { context: LessonContext }) => context.attempts + 1,
        }),
      },
      actors: {
        replaySolution: fromPromise<void, { lessonId: string }>(({ input }) => this.#replay(input.lessonId)),
      },
    });
    this.#actor = createActor(machine);
    this.#actor.subscribe((snapshot) => (this.snapshot = snapshot));
    this.#actor.start();
    void this.#load();
  }

  get lesson(): Lesson | null {
    const id = this.snapshot.context.lessonId;
    return id ? (findLesson(id) ?? null) : null;
  }

  /** A lesson's lab is in the workspace (the dock beside it is shown). */
  get active(): boolean {
    const id = this.snapshot.context.lessonId;
    return ACTIVE.has(String(this.snapshot.value)) && id !== null && this.#workspace.owns(this, id);
  }

  get state(): string {
    return String(this.snapshot.value);
  }

  /**
   * Commands the learner ran on this lab after the results on screen were
   * checked: while there are any, the results describe the lab as it was.
   */
  get linesSinceVerify(): Array<{ host: string; run: string }> {
    const at = this.#checkedAt;
    if (!at || this.results.length === 0 || at.lab !== this.#workspace.state) return [];
    return at.lab.linesAfter(at.lines);
  }

  /** The results on screen, messages shown in the language of the moment; empty once the machine cleared them (reset, back). */
  get results(): CheckResult[] {
    return this.snapshot.context.results;
  }

  send(event: LessonEvent): void {
    // Verify, a hint, reset and the solution act on the lesson's own lab only, never on one another context opened.
    if (ACTS_ON_LAB.has(event.type) && !this.#ownsLab()) return;
    if (event.type === 'VERIFY') {
      void this.#verifyThenSend(event);
      return;
    }
    this.#actor.send(event);
    // Back to the list: the lab stays on screen as a free lab.
    if (event.type === 'BACK' && this.state === 'list') this.#workspace.release(this);
  }

  #ownsLab(): boolean {
    const id = this.snapshot.context.lessonId;
    return id !== null && this.#workspace.owns(this, id);
  }

  /** The lesson's checks run in the lab's session (off the window's thread); the machine then gets VERIFY. */
  async #verifyThenSend(event: LessonEvent): Promise<void> {
    const id = this.snapshot.context.lessonId;
    const state = this.#workspace.state;
    // Once per Verify: the results are messages, rendered when shown.
    const verified = id ? await state.verifyLesson(id) : { results: [], checked: 0 };
    this.#verified = verified.results;
    // The learner may have left for another context while the checks ran.
    if (!this.#ownsLab() || this.#workspace.state !== state) return;
    this.#checkedAt = { lab: state, lines: verified.checked };
    this.#actor.send(event);
  }

  select(lesson: Lesson): void {
    this.send({ type: 'SELECT', lessonId: lesson.id, hintCount: lesson.hints.length });
  }

  async #load(): Promise<void> {
    const store = await this.#options.store;
    if (store.kind === 'memory') this.notice = { key: 'lesson.progress.memory' };
    const result = await store.load(PROGRESS_KEY, parseProgress);
    if (result.status === 'ok') this.progress = result.value;
    else if (result.status === 'corrupt') this.notice = { key: 'lesson.progress.corrupt', params: { message: result.message, keptAs: result.keptAs } };
    this.loaded = true;
  }

  #openLab(lessonId: string): void {
    const lesson = findLesson(lessonId);
    if (!lesson) return;
    this.#workspace.open(lessonScenario(lesson), {
      seed: lesson.seed,
      setup: lessonSetup(lesson),
      title: lesson.title,
      context: { kind: 'lesson', owner: this, id: lessonId, leave: () => this.#actor.send({ type: 'LEAVE' }) },
    });
    this.#navigation.go('workspace');
  }

  #save(context: LessonContext, passed: boolean, verified: boolean): void {
    const id = context.lessonId;
    if (!id) return;
    this.progress = recordProgress(this.progress, id, { passed, hintsShown: context.hintsShown, verified, solutionShown: context.solutionShown, now: nowIso() });
    const snapshot = this.progress;
    this.#saving = this.#saving.then(async () => {
      try {
        await (await this.#options.store).save(PROGRESS_KEY, snapshot);
      } catch (error) {
        this.notice = { key: 'lesson.progress.saveError', params: { message: (error as Error).message } };
      }
    });
  }

  /** Opens the broken lab afresh and types the reference solution into its terminals, one command at a time. */
  async #replay(lessonId: string): Promise<void> {
    const lesson = findLesson(lessonId);
    if (!lesson) return;
    this.#openLab(lessonId);
    const delay = this.#options.replayDelayMs ?? 600;
    const lab = this.#workspace.state;
    for (const step of stepsFromLines(lesson.solution)) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      // Another context (or a reset) replaced the lab: type nothing into it.
      if (this.#workspace.state !== lab || !this.#workspace.owns(this, lessonId)) return;
      if ('sleep' in step) await this.#workspace.run(lesson.lab.hosts[0]!.name, `sleep ${step.sleep}`);
      else {
        this.#workspace.state.selectedHost = step.host;
        await this.#workspace.run(step.host, step.run);
      }
    }
  }

  /** Waits for pending saves (tests and the e2e reload rely on it). */
  flush(): Promise<void> {
    return this.#saving;
  }
}

const KEY = Symbol('lvs-lab.lessons');

export function setLessonPlayer(player: LessonPlayer): LessonPlayer {
  return setContext(KEY, player);
}

export function getLessonPlayer(): LessonPlayer {
  const player = getContext<LessonPlayer | undefined>(KEY);
  if (!player) throw new Error('getLessonPlayer() outside the App: no lesson player in context');
  return player;
}

/** Wall-clock time of a pass, for the learner's record (not reactive state). */
function nowIso(): string {
  return new Date(Date.now()).toISOString();
}
