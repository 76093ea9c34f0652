// The workspace a learner works in: one lab (LabState) at a time, plus the
// time controls that replay its frames. Lessons, challenges and the classroom
// open labs through it and ask its session about the lab's state:
//
//   const workspace = getWorkspace();
//   workspace.open(scenario, { setup: lesson.break, title: lesson.title });
//   const results = await workspace.state.verifyLesson(lesson.id);
//
// `state.version` changes after every command the learner runs.
import { getContext, setContext } from 'svelte';
import type { Lang, Scenario, Step } from '../../src-sim/session/index.ts';
import { LabState } from './lab-state.svelte.ts';
import { TimeControls } from './time/time-controls.svelte.ts';

export type SetupStep = Step;

export interface OpenOptions {
  /** Seed of the lab's random source (default 1), so a lesson is reproducible. */
  seed?: number;
  /** Run silently after booting, before the learner starts: a lesson's break. */
  setup?: readonly SetupStep[];
  /** Shown above the workspace in the language of the moment, e.g. the lesson's name. */
  title?: Readonly<Record<Lang, string>>;
}

export class Workspace {
  state: LabState = $state.raw(null as unknown as LabState);
  time: TimeControls = $state.raw(null as unknown as TimeControls);
  title = $state<Readonly<Record<Lang, string>> | null>(null);
  #scenario: Scenario;
  #options: OpenOptions = {};

  constructor(scenario: Scenario, options: OpenOptions = {}) {
    this.#scenario = scenario;
    this.open(scenario, options);
  }

  /** Boots `scenario`, runs `setup` silently and starts the time controls afresh. */
  open(scenario: Scenario, options: OpenOptions = {}): LabState {
    this.#scenario = scenario;
    this.#options = options;
    const state = new LabState(scenario, { seed: options.seed, setup: options.setup });
    this.state?.dispose();
    this.time?.dispose();
    this.time = new TimeControls();
    this.state = state;
    this.title = options.title ?? null;
    return state;
  }

  /** Back to the lab's start: the same scenario, seed and setup, nothing typed. */
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

const KEY = Symbol('lvs-lab.workspace');

export function setWorkspace(workspace: Workspace): Workspace {
  return setContext(KEY, workspace);
}

export function getWorkspace(): Workspace {
  const workspace = getContext<Workspace | undefined>(KEY);
  if (!workspace) throw new Error('getWorkspace() outside the App: no workspace in context');
  return workspace;
}
