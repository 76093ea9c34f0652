// What one command line may spend: a budget of work (loop iterations, words
// expanded, commands run, frames sent, events processed) shared by all its
// loops, expansions, substitutions and nested commands, a ceiling on what one
// expansion may materialise, and a nesting depth. A lab terminal must come
// back: running out ends the whole line with bash's words where bash has
// them, never with a JavaScript error or a stack overflow.
//
// The same checks are where Ctrl-C is noticed: `spend` asks `interrupted()`
// (an Atomics.load on a shared flag in the app's worker), so any long run
// stops within a few thousand cheap steps.

export interface BudgetLimits {
  /** Units of work: one per loop iteration, word expanded, command run, frame sent, event processed. */
  work: number;
  /** Bytes one expansion (brace expansion, a word list, seq's output) may materialise. */
  memory: number;
  /** Nesting of loops, substitutions and arithmetic parentheses. */
  depth: number;
  /** Bytes of output the line may keep at once: all it sent to the terminal or to files (not /dev/null), and the pipe buffers and substitutions not yet read. */
  output: number;
}

export const DEFAULT_BUDGET: BudgetLimits = {
  // A 100,000-iteration loop of builtins fits (4-5 s); two nested ones do not, nor a flood of frames (FRAME_WORK).
  work: 10_000_000,
  // bash's own limit is the machine's memory; the lab's is the browser tab's.
  memory: 64 * 1024 * 1024,
  depth: 200,
  // seq 1000000 (6.9 MB) fits; ping -c 1000000 -i 0 (66 MB, 38 s) does not. A
  // scenario run keeps every step's output, so this also bounds the CLI's memory.
  output: 8 * 1024 * 1024,
};

/**
 * What a whole run of steps may spend in all (a scenario file, a commands
 * file): each line keeps its own budget, and every line's work and output is
 * also charged here, so 10,000 steps each near their line's budget end in
 * 10-40 s instead of running for a day (a scenario of `while true` steps:
 * 9 s on the idle 2-core machine, 40 s at load 15). Five lines' worth of
 * work; output as eight lines keep (a run keeps every step's output).
 */
export const RUN_BUDGET: BudgetLimits = {
  work: 5 * DEFAULT_BUDGET.work,
  memory: DEFAULT_BUDGET.memory,
  depth: DEFAULT_BUDGET.depth,
  output: 8 * DEFAULT_BUDGET.output,
};

/**
 * Units of work one frame costs. A unit should be about as long as one loop
 * step (0.4-0.5 µs on the 2-core CI machine: a 10,000,000-step loop takes
 * 4-5 s), and a frame is much more: routing, neighbour and netfilter work,
 * the receiving host and the frame and trace logs. Measured there: ping -i 0
 * spends 49 µs per probe (2 frames, 3 events), ab 584 µs per request (11
 * frames, 11 events). At 50 units a frame the default budget stops a flood
 * of either within about 5-10 s, where one unit a frame let ping run for
 * minutes and keep gigabytes.
 */
export const FRAME_WORK = 50;

/** bash's limit on arithmetic nesting (expr.c MAX_EXPR_RECURSION_LEVEL). */
export const MAX_EXPR_RECURSION_LEVEL = 1024;

/** The line ran out of budget; `message` is what the terminal prints (without "bash: " or newline). */
export class BudgetExceeded extends Error {}

/** Ctrl-C: the line stops; the terminal shows ^C and the status is 130. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
  }
}

/** Whose budget it is: one command line's, or a whole run's that every line of the run also charges. */
export type BudgetScope = 'line' | 'run';

export class Budget {
  #work = 0;
  #depth = 0;
  #kept = 0;
  readonly limits: BudgetLimits;
  readonly #interrupted: () => boolean;
  readonly #run: Budget | null;
  readonly #scope: BudgetScope;
  #exceeded: string | null = null;

  /** `run`: the whole run's budget, charged with every unit of work and byte of output this one is. */
  constructor(limits: BudgetLimits = DEFAULT_BUDGET, interrupted: () => boolean = () => false, run: Budget | null = null, scope: BudgetScope = 'line') {
    this.limits = limits;
    this.#interrupted = interrupted;
    this.#run = run;
    this.#scope = scope;
  }

  get workDone(): number {
    return this.#work;
  }

  /** Why it ran out of work or output, or null: a run's budget that stopped a line stops the run there. */
  get exceeded(): string | null {
    return this.#exceeded;
  }

  #exceed(message: string): never {
    this.#exceeded = message;
    throw new BudgetExceeded(message);
  }

  /** Spends `units` of work; throws when the budget (or the run's) is gone or Ctrl-C was pressed. */
  spend(units = 1): void {
    this.#work += units;
    if (this.#interrupted()) throw new Interrupted();
    if (this.#work > this.limits.work) this.#exceed(this.#scope === 'line' ? `this command line did more than ${this.limits.work} steps of work (the lab shell's budget) and was stopped` : `this run's steps did more than ${this.limits.work} steps of work in all (the lab's budget for one run): it was stopped here`);
    this.#run?.spend(units);
  }

  /**
   * Counts `bytes` of output kept; past the budget the line stops. The check
   * comes before the text is stored, so what a line keeps never exceeds it.
   */
  keep(bytes: number): void {
    this.#kept += bytes;
    if (this.#kept > this.limits.output) this.#exceed(this.#scope === 'line' ? `this command line kept more than ${this.limits.output} bytes of output (the lab shell's budget) and was stopped` : `this run's steps kept more than ${this.limits.output} bytes of output in all (the lab's budget for one run): it was stopped here`);
    this.#run?.keep(bytes);
  }

  /** Output no longer kept: a pipe's buffer once the next stage has read it, a substitution's once it is a word. */
  release(bytes: number): void {
    this.#kept -= bytes;
    this.#run?.release(bytes);
  }

  /** Checks, before anything is built, that `bytes` may be materialised; bash's words when not. */
  reserve(bytes: number): void {
    if (bytes > this.limits.memory) throw new BudgetExceeded(`xmalloc: cannot allocate ${Math.ceil(bytes)} bytes`);
  }

  /** Whether `nested` may go one level deeper (source and eval refuse that level alone, as bash's SOURCENEST and EVALNEST do). */
  get canNest(): boolean {
    return this.#depth < this.limits.depth;
  }

  /** Runs `body` one level deeper; too deep ends the line with `message`. */
  nested<T>(message: string, body: () => T): T {
    if (this.#depth >= this.limits.depth) throw new BudgetExceeded(message);
    this.#depth++;
    try {
      return body();
    } finally {
      this.#depth--;
    }
  }
}

/** A budget nobody is charging: outside any command line (booting, a test poking the lab). */
export const UNLIMITED: Budget = new Budget({ work: Number.POSITIVE_INFINITY, memory: Number.POSITIVE_INFINITY, depth: Number.POSITIVE_INFINITY, output: Number.POSITIVE_INFINITY });
