// The commands file of `lvs-dr-lab lesson check --commands FILE` (and of
// challenges): what a learner typed, one `HOST$ COMMAND` per line.
//
//   # comments and blank lines are skipped
//   rs1$ sysctl -w net.ipv4.conf.all.arp_ignore=1
//   sleep 2
//   client$ curl -s http://198.51.100.100/
//   rs1$ cat > /root/note <<'EOF'      (a here-document, an open quote or an
//   text                                unfinished loop goes on over the
//   EOF                                 next lines, as in bash)
//
// Parsing never throws: every bad line is reported with its number.
import { needsMoreInput } from '../../shell/script.ts';
import type { CommandStep, SleepStep } from '../../step.ts';

/** What a commands file holds: command lines and sleeps (files are saved through the editor, not typed here). */
type TypedStep = CommandStep | SleepStep;

export interface CommandsProblem {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

/** `lines[i]` is the 1-based line of `steps[i]` in the file. */
export type CommandsParse = { ok: true; steps: TypedStep[]; lines: number[] } | { ok: false; problems: CommandsProblem[] };

/** Longest `sleep` a file may ask for, as scenario steps allow. */
export const MAX_SLEEP_SECONDS = 3600;
const HOST_RE = /^[a-z][a-z0-9-]{0,14}$/;

/**
 * Parses a commands file. With `hosts`, a line naming another host is an
 * error (the lab has no such host).
 */
export function parseCommandsFile(text: string, options: { hosts?: readonly string[] } = {}): CommandsParse {
  const steps: TypedStep[] = [];
  const stepLines: number[] = [];
  const problems: CommandsProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const sleep = /^sleep(?:\s+(.*))?$/.exec(trimmed);
    if (sleep) {
      const arg = (sleep[1] ?? '').trim();
      const seconds = /^\d+(\.\d+)?$/.test(arg) ? Number(arg) : NaN;
      if (arg === '') problems.push({ line, message: 'sleep needs a number of seconds, e.g. "sleep 2"' });
      else if (!Number.isFinite(seconds)) problems.push({ line, message: `sleep: invalid time interval '${arg}' (expected seconds, e.g. 1.5)` });
      else if (seconds > MAX_SLEEP_SECONDS) problems.push({ line, message: `sleep of ${arg} s is longer than the limit of ${MAX_SLEEP_SECONDS} s` });
      else {
        steps.push({ sleep: seconds });
        stepLines.push(line);
      }
      continue;
    }
    const dollar = trimmed.indexOf('$');
    if (dollar <= 0) {
      problems.push({ line, message: `expected "HOST$ COMMAND" or "sleep SECONDS", got ${quote(trimmed)}` });
      continue;
    }
    const host = trimmed.slice(0, dollar).trim();
    let run = trimmed.slice(dollar + 1).trim();
    // A here-document, an open quote or an unfinished loop continues on the next lines, as bash reads them.
    while (needsMoreInput(run) && index + 1 < lines.length) run += `\n${lines[++index]!}`;
    if (!HOST_RE.test(host)) {
      problems.push({ line, message: `invalid host name ${quote(host)} before "$" (expected a name like rs1)` });
      continue;
    }
    if (options.hosts && !options.hosts.includes(host)) {
      problems.push({ line, message: `unknown host "${host}" (this lab has ${options.hosts.join(', ')})` });
      continue;
    }
    if (run === '') {
      problems.push({ line, message: `no command after "${host}$"` });
      continue;
    }
    steps.push({ host, run });
    stepLines.push(line);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, steps, lines: stepLines };
}

/** Steps of lines the app itself carries (a lesson's break and solution, a fault's commands), known to parse. */
export function stepsFromLines(lines: readonly string[]): TypedStep[] {
  const parsed = parseCommandsFile(lines.join('\n'));
  if (!parsed.ok) throw new Error(`commands: line ${parsed.problems[0]!.line}: ${parsed.problems[0]!.message}`);
  return parsed.steps;
}

/** Formats a problem as `FILE:LINE: message`, the way compilers do. */
export function formatProblem(file: string, problem: CommandsProblem): string {
  return `${file}:${problem.line}: ${problem.message}`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
