// How steps on a host with processes left running (`tcpdump -n -i eth0 &`)
// are compared (docs/scenario-format.md, "Processes left running"). Which of
// a host's steps a job's output lands in depends on when its lines reach the
// terminal: the simulator prints each at its virtual instant, Linux when the
// tool flushes and the runner reads it, so a line near a step's edge may fall
// on either side, and a notice comes at the end of the step after the one
// that ended the job. What a learner sees on that terminal is the same:
// so from the first step that leaves a process running, the host's steps are
// compared as ONE terminal, stdout and stderr each as a multiset of lines
// (every line masked by the rules of the tools that may print it), plus
// tcpdump's packet lines in order. Exit statuses stay per step.
// Pure TypeScript, no Node imports.
import { parseScript } from '../shell/script.ts';
import { arpingMask, lineByLine, pingMask } from './output-rules.ts';
import type { ObservedStep } from './types.ts';

/** tcpdump's packet line: the time of day it was captured, then the decode. */
const TCPDUMP_LINE_RE = /^\d\d:\d\d:\d\d\.\d{6} /;
/** bash's `[1] 4242` when a job starts. */
const JOB_START_RE = /^\[(\d+)\] (\d+)$/;

/** True when the line leaves a process running (`… &`, not `&&`). */
export function startsJob(run: string): boolean {
  const parsed = parseScript(run);
  return parsed.ok && parsed.list.items.some((item) => item.background);
}

/** The steps compared as a terminal: on each host, those from its first step that leaves a process running. */
export function terminalSteps(steps: readonly ObservedStep[]): Set<number> {
  const hosts = new Set<string>();
  const indices = new Set<number>();
  for (const step of steps) {
    if (startsJob(step.run)) hosts.add(step.host);
    if (hosts.has(step.host)) indices.add(step.index);
  }
  return indices;
}

/** One line of a terminal with what differs between two runs masked (null: left out). */
function terminalMask(line: string, pids: ReadonlySet<string>): string | null {
  const start = JOB_START_RE.exec(line.trim());
  if (start) return `[${start[1]}] PID`;
  const masked = pingMask(arpingMask(line));
  if (masked === null) return null;
  return masked
    .replace(TCPDUMP_LINE_RE, 'TIME ')
    .replace(/, id \d+, seq/, ', id *, seq')
    .replace(/^\d+ packets received by filter$/, '* packets received by filter')
    .replace(/\b\d+\b/g, (n) => (pids.has(n) ? 'PID' : n));
}

/** The PIDs jobs got on this terminal (from bash's `[1] PID`): `$!`, `jobs -l` and `jobs -p` print them. */
function jobPids(steps: readonly ObservedStep[]): Set<string> {
  const pids = new Set<string>();
  for (const step of steps) {
    for (const line of step.stderr.split('\n')) {
      const m = JOB_START_RE.exec(line.trim());
      if (m) pids.add(m[2]!);
    }
  }
  return pids;
}

/** One item of a terminal's comparison: a label and the normalised lines of one observation. */
export interface TerminalItem {
  what: string;
  lines: string[];
}

/** The items of one host's terminal steps (in index order), as compared. */
export function terminalItems(steps: readonly ObservedStep[]): TerminalItem[] {
  const pids = jobPids(steps);
  const lines = (text: string): string[] => lineByLine(text, (l) => terminalMask(l, pids));
  const stdout = lines(steps.map((s) => s.stdout).join(''));
  const stderr = lines(steps.map((s) => s.stderr).join(''));
  return [
    { what: 'stdout (the terminal\'s lines as a multiset)', lines: [...stdout].sort() },
    { what: 'stderr (the terminal\'s lines as a multiset)', lines: [...stderr].sort() },
    { what: 'tcpdump\'s packet lines in order', lines: stdout.filter((l) => l.startsWith('TIME ')) },
  ];
}
