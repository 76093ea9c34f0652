// Linux's signals on x86-64 (signal(7)), as bash's `kill -l` lists them and
// as bash describes a job that a signal ended (strsignal's words in glibc,
// which bash prints in `jobs` and in its "[1]+  Terminated" notices).

export const SIGHUP = 1;
export const SIGINT = 2;
export const SIGQUIT = 3;
export const SIGKILL = 9;
export const SIGPIPE = 13;
export const SIGALRM = 14;
export const SIGTERM = 15;

/** Names without the SIG prefix, by number (1-31; 32 and 33 are glibc's own and not listed). */
const NAMES: readonly string[] = [
  '', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM',
  'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR', 'SYS',
];
const SIGRTMIN = 34;
const SIGRTMAX = 64;

/** glibc's strsignal() text, as bash prints a job ended by the signal. */
const DESCRIPTIONS: Record<number, string> = {
  1: 'Hangup', 2: 'Interrupt', 3: 'Quit', 4: 'Illegal instruction', 5: 'Trace/breakpoint trap', 6: 'Aborted', 7: 'Bus error',
  8: 'Floating point exception', 9: 'Killed', 10: 'User defined signal 1', 11: 'Segmentation fault', 12: 'User defined signal 2',
  13: 'Broken pipe', 14: 'Alarm clock', 15: 'Terminated', 16: 'Stack fault', 24: 'CPU time limit exceeded', 25: 'File size limit exceeded',
  26: 'Virtual timer expired', 27: 'Profiling timer expired', 29: 'I/O possible', 30: 'Power failure', 31: 'Bad system call',
};

/** Signals whose default action is to do nothing (signal(7): "Ign"). */
export const IGNORED_BY_DEFAULT: ReadonlySet<number> = new Set([17, 23, 28]);
/** Signals that stop or continue a process: job suspension is not simulated. */
export const JOB_CONTROL_SIGNALS: ReadonlySet<number> = new Set([18, 19, 20, 21, 22]);

/** A signal's name as bash prints it (`SIGTERM`, `SIGRTMIN+3`), or null for a number that is none. */
export function signalName(signal: number): string | null {
  if (signal >= 1 && signal <= 31) return `SIG${NAMES[signal]}`;
  if (signal === SIGRTMIN) return 'SIGRTMIN';
  if (signal === SIGRTMAX) return 'SIGRTMAX';
  if (signal > SIGRTMIN && signal < SIGRTMAX) {
    // bash names the lower half from SIGRTMIN, the upper half back from SIGRTMAX.
    return signal - SIGRTMIN <= 15 ? `SIGRTMIN+${signal - SIGRTMIN}` : `SIGRTMAX-${SIGRTMAX - signal}`;
  }
  return null;
}

/** A signal named as bash's kill accepts it: `TERM`, `SIGTERM`, `term`, `15`; null when it is not one. */
export function parseSignal(text: string): number | null {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    return n === 0 || signalName(n) !== null ? n : null;
  }
  const upper = text.toUpperCase();
  const name = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  for (let n = 1; n <= SIGRTMAX; n++) if (signalName(n) === name) return n;
  return null;
}

/** What bash prints for a job a signal ended: "Terminated", "Killed", or "Signal 40". */
export function signalDescription(signal: number): string {
  return DESCRIPTIONS[signal] ?? (signal >= SIGRTMIN ? `Real-time signal ${signal - SIGRTMIN}` : `Signal ${signal}`);
}

/** bash's `kill -l` (display_signal_list): "%2d) %s", a tab after each but the fifth of a line; an unfinished last line gets its tab, then a newline. */
export function signalList(): string {
  let text = '';
  let column = 0;
  for (let n = 1; n <= SIGRTMAX; n++) {
    const name = signalName(n);
    if (name === null) continue;
    text += `${String(n).padStart(2)}) ${name}`;
    column++;
    if (column < 5) text += '\t';
    else {
      text += '\n';
      column = 0;
    }
  }
  return column !== 0 ? `${text}\n` : text;
}
