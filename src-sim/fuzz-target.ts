// What a fuzzer does with one generated input, and what counts as a crash:
// a script is typed at a lab terminal; a keepalived.conf is written where
// keepalived reads it, tested (`keepalived -t`) and run by the daemon for a
// few virtual seconds. Either must end with the words of bash or keepalived:
// no exception, no "internal simulator error", no JavaScript error text.
// How long it took is the runner's to judge (wall time is not the model's):
// src-sim/shell/shell-fuzz.test.ts and scripts/fuzz.mjs, which also runs the
// previous commit's build of this file for `npm run bench`.
import type { Lab } from './lab.ts';
import { parseScript } from './shell/script.ts';
import { DEFAULT_CONFIG_FILE } from './keepalived/config.ts';
import { lanHost, lanLab } from './test-lab.ts';

export type FuzzInput = { kind: 'script'; text: string } | { kind: 'keepalived.conf'; text: string };

/** The host the inputs run on. */
const HOST = 'rs1';

/**
 * A small budget keeps infinite loops and recursion short (each line still
 * gets a fresh one): the fuzzer tests that the budget stops them, not how far
 * they get.
 */
const FUZZ_BUDGET = { work: 1_000, depth: 30 };

/** Inputs run on one lab before a new one: files and the journal the scripts grow stay small. */
const INPUTS_PER_LAB = 100;

/** The daemon's start, a few adverts and checker rounds, what it set up, its stop. */
const KEEPALIVED_RUN = 'keepalived -t; systemctl start keepalived; sleep 4; ip -br addr; ipvsadm -Ln; systemctl stop keepalived';

/** Text in a terminal that only a JavaScript failure writes. */
const CRASH_TEXT = /internal simulator error|RangeError|TypeError|ReferenceError|undefined|\[object Object\]|NaN/;

export class FuzzTarget {
  #lab: Lab = fuzzLab();
  #runs = 0;

  /** Runs `input`; returns why it crashed, or null when it ended in the tools' own words. */
  run(input: FuzzInput): string | null {
    if (++this.#runs % INPUTS_PER_LAB === 0) this.#lab = fuzzLab();
    try {
      if (input.kind === 'script') parseScript(input.text);
      const line = input.kind === 'script' ? input.text : this.#writeConf(input.text);
      const result = this.#lab.run(HOST, line);
      if (!Number.isInteger(result.exit)) return `exit status ${String(result.exit)}`;
      const crash = CRASH_TEXT.exec(result.stderr) ?? CRASH_TEXT.exec(result.stdout);
      return crash ? `printed "${crash[0]}": ${(crash.input.split('\n').find((l) => l.includes(crash[0])) ?? '').slice(0, 300)}` : null;
    } catch (error) {
      return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    }
  }

  /** Writes the configuration file; returns the line that tests and runs it. */
  #writeConf(text: string): string {
    this.#lab.writeFile(HOST, DEFAULT_CONFIG_FILE, text);
    return KEEPALIVED_RUN;
  }
}

function fuzzLab(): Lab {
  const lab = lanLab([lanHost(HOST, 11)]);
  lab.budgetLimits = { ...lab.budgetLimits, ...FUZZ_BUDGET };
  return lab;
}
