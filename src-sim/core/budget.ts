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
}

export const DEFAULT_BUDGET: BudgetLimits = {
  // A 100,000-iteration loop of curl (about 30 units each) fits; two nested ones do not.
  work: 10_000_000,
  // bash's own limit is the machine's memory; the lab's is the browser tab's.
  memory: 64 * 1024 * 1024,
  depth: 200,
};

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

export class Budget {
  #work = 0;
  #depth = 0;
  readonly limits: BudgetLimits;
  readonly #interrupted: () => boolean;

  constructor(limits: BudgetLimits = DEFAULT_BUDGET, interrupted: () => boolean = () => false) {
    this.limits = limits;
    this.#interrupted = interrupted;
  }

  get workDone(): number {
    return this.#work;
  }

  /** Spends `units` of work; throws when the budget is gone or Ctrl-C was pressed. */
  spend(units = 1): void {
    this.#work += units;
    if (this.#interrupted()) throw new Interrupted();
    if (this.#work > this.limits.work) {
      throw new BudgetExceeded(`this command line did more than ${this.limits.work} steps of work (the lab shell's budget) and was stopped`);
    }
  }

  /** Checks, before anything is built, that `bytes` may be materialised; bash's words when not. */
  reserve(bytes: number): void {
    if (bytes > this.limits.memory) throw new BudgetExceeded(`xmalloc: cannot allocate ${Math.ceil(bytes)} bytes`);
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
export const UNLIMITED: Budget = new Budget({ work: Number.POSITIVE_INFINITY, memory: Number.POSITIVE_INFINITY, depth: Number.POSITIVE_INFINITY });
