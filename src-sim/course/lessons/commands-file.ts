// The commands file of `lvs-dr-lab lesson check --commands FILE` (and of
// challenges): what a learner typed, one `HOST$ COMMAND` per line.
//
//   # comments and blank lines are skipped
//   rs1$ sysctl -w net.ipv4.conf.all.arp_ignore=1
//   sleep 2
//   client$ curl -s http://198.51.100.100/
//
// Parsing never throws: every bad line is reported with its number.
import type { CommandResult } from '../../api.ts';
import type { Lab } from '../../lab.ts';

export type CommandStep = { line: number; host: string; run: string } | { line: number; sleep: number };

export interface CommandsProblem {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export type CommandsParse = { ok: true; steps: CommandStep[] } | { ok: false; problems: CommandsProblem[] };

/** Longest `sleep` a file may ask for, as scenario steps allow. */
export const MAX_SLEEP_SECONDS = 3600;
const HOST_RE = /^[a-z][a-z0-9-]{0,14}$/;

/**
 * Parses a commands file. With `hosts`, a line naming another host is an
 * error (the lab has no such host).
 */
export function parseCommandsFile(text: string, options: { hosts?: readonly string[] } = {}): CommandsParse {
  const steps: CommandStep[] = [];
  const problems: CommandsProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const sleep = /^sleep(?:\s+(.*))?$/.exec(trimmed);
    if (sleep) {
      const arg = (sleep[1] ?? '').trim();
      const seconds = /^\d+(\.\d+)?$/.test(arg) ? Number(arg) : NaN;
      if (arg === '') problems.push({ line, message: 'sleep needs a number of seconds, e.g. "sleep 2"' });
      else if (!Number.isFinite(seconds)) problems.push({ line, message: `sleep: invalid time interval '${arg}' (expected seconds, e.g. 1.5)` });
      else if (seconds > MAX_SLEEP_SECONDS) problems.push({ line, message: `sleep of ${arg} s is longer than the limit of ${MAX_SLEEP_SECONDS} s` });
      else steps.push({ line, sleep: seconds });
      return;
    }
    const dollar = trimmed.indexOf('$');
    if (dollar <= 0) {
      problems.push({ line, message: `expected "HOST$ COMMAND" or "sleep SECONDS", got ${quote(trimmed)}` });
      return;
    }
    const host = trimmed.slice(0, dollar).trim();
    const run = trimmed.slice(dollar + 1).trim();
    if (!HOST_RE.test(host)) {
      problems.push({ line, message: `invalid host name ${quote(host)} before "$" (expected a name like rs1)` });
      return;
    }
    if (options.hosts && !options.hosts.includes(host)) {
      problems.push({ line, message: `unknown host "${host}" (this lab has ${options.hosts.join(', ')})` });
      return;
    }
    if (run === '') {
      problems.push({ line, message: `no command after "${host}$"` });
      return;
    }
    steps.push({ line, host, run });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, steps };
}

export interface AppliedStep {
  step: CommandStep;
  /** Absent for sleeps. */
  result?: CommandResult;
}

/** Runs the steps on `lab` in order, as if typed; a failing command does not stop the rest. */
export function applySteps(lab: Lab, steps: readonly CommandStep[]): AppliedStep[] {
  return steps.map((step) => {
    if ('sleep' in step) {
      lab.sleep(step.sleep);
      return { step };
    }
    return { step, result: lab.run(step.host, step.run) };
  });
}

/** Formats a problem as `FILE:LINE: message`, the way compilers do. */
export function formatProblem(file: string, problem: CommandsProblem): string {
  return `${file}:${problem.line}: ${problem.message}`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
