// The workspace a learner works in: one lab (LabState) at a time, plus the
// time controls that replay its frames, and the one context that owns the lab
// (a lesson, a challenge, a pack exercise or a free lab). Lessons, challenges
// and the classroom open labs through it and ask its session about the lab:
//
//   const workspace = getWorkspace();
//   workspace.open(scenario, { setup: lesson.break, title: lesson.title, context: { kind: 'lesson', owner: player, id: lesson.id } });
//   if (workspace.owns(player, lesson.id)) results = await workspace.state.verifyLesson(lesson.id);
//
// Opening a lab for another owner ends the previous context (its `leave`),
// so a lesson's Verify can never run on a challenge's lab, and the side panel
// beside the lab is always the current context's.
// `state.version` changes after every command the learner runs.
import { getContext, setContext } from 'svelte';
import type { Lang, Scenario, Step } from '../../src-sim/session/index.ts';
import { LabState } from './lab-state.svelte.ts';
import { TimeControls } from './time/time-controls.svelte.ts';

export type SetupStep = Step;

export type ContextKind = 'free' | 'lesson' | 'challenge' | 'exercise';

/** Who owns the lab on screen, and so which side panel is beside it. */
export interface LabContext {
  kind: ContextKind;
  /** The object that opened the lab (the lesson player, the challenge session); null for a free lab. */
  owner: object | null;
  /** Which of the owner's tasks: a lesson id, a challenge's seed and level, a pack exercise id. */
  id: string;
  /** Called once when a lab for another owner or task replaces this one. */
  leave?: () => void;
}

export const FREE_LAB: LabContext = { kind: 'free', owner: null, id: 'free' };

export interface OpenOptions {
  /** Seed of the lab's random source (default 1), so a lesson is reproducible. */
  seed?: number;
  /** Run silently after booting, before the learner starts: a lesson's break. */
  setup?: readonly SetupStep[];
  /** Shown above the workspace in the language of the moment, e.g. the lesson's name. */
  title?: Readonly<Record<Lang, string>>;
  /** Who owns the lab (default: a free lab). */
  context?: LabContext;
}

export class Workspace {
  state: LabState = $state.raw(null as unknown as LabState);
  time: TimeControls = $state.raw(null as unknown as TimeControls);
  title = $state<Readonly<Record<Lang, string>> | null>(null);
  context = $state.raw<LabContext>(FREE_LAB);
  /** Labs opened so far (the first is the one the window starts with): the view focuses the terminal of each later one. */
  opened = $state(0);
  #scenario: Scenario;
  #options: OpenOptions = {};

  constructor(scenario: Scenario, options: OpenOptions = {}) {
    this.#scenario = scenario;
    this.open(scenario, options);
  }

  /** Boots `scenario`, runs `setup` silently and starts the time controls afresh; another owner's context ends. */
  open(scenario: Scenario, options: OpenOptions = {}): LabState {
    const next = options.context ?? FREE_LAB;
    const previous = this.context;
    this.context = next;
    if (!sameTask(previous, next)) previous.leave?.();
    this.#scenario = scenario;
    this.#options = options;
    const state = new LabState(scenario, { seed: options.seed, setup: options.setup });
    this.state?.dispose();
    this.time?.dispose();
    this.time = new TimeControls();
    this.state = state;
    this.title = options.title ?? null;
    this.opened += 1;
    return state;
  }

  /** The lab on screen is `owner`'s task `id` (its Verify, Reset and Show solution may act on it). */
  owns(owner: object, id: string): boolean {
    return this.context.owner === owner && this.context.id === id;
  }

  /** The current context is over (the learner left it): the same lab stays, as a free lab. */
  release(owner: object): void {
    if (this.context.owner !== owner) return;
    this.context = FREE_LAB;
    this.title = null;
    // A reset now restarts the same lab as a free lab.
    const { seed, setup } = this.#options;
    this.#options = { ...(seed !== undefined ? { seed } : {}), ...(setup ? { setup } : {}) };
  }

  /** Back to the lab's start: the same scenario, seed, setup and context, nothing typed. */
  reset(): LabState {
    return this.open(this.#scenario, this.#options);
  }

  get scenario(): Scenario {
    return this.#scenario;
  }

  get options(): Readonly<OpenOptions> {
    return this.#options;
  }

  /** Runs a line on a host as if typed (it shows in that host's terminal). */
  run(host: string, line: string): Promise<unknown> {
    return this.state.run(host, line);
  }
}

function sameTask(a: LabContext, b: LabContext): boolean {
  return a.owner === b.owner && a.id === b.id && a.kind === b.kind;
}

const KEY = Symbol('lvs-lab.workspace');

export function setWorkspace(workspace: Workspace): Workspace {
  return setContext(KEY, workspace);
}

export function getWorkspace(): Workspace {
  const workspace = getContext<Workspace | undefined>(KEY);
  if (!workspace) throw new Error('getWorkspace() outside the App: no workspace in context');
  return workspace;
}
