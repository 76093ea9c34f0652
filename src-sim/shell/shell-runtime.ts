// What the shell's parts share: descriptors (Io), the signals that unwind
// the interpreter (exit, return, break/continue, expansion errors) and bash's
// quoting for set -x. Kept apart so builtins.ts and shell.ts need not import
// each other.
import { parseScript, type ScriptResult } from './script.ts';

export type Writer = (text: string) => void;

/** A command's standard input: the text and how much of it has been read (read consumes one line). */
export interface Input {
  text: string;
  pos: number;
}

/** The open file descriptors of a command: its input, and where each output descriptor writes. */
export interface Io {
  stdin: Input | null;
  fds: ReadonlyMap<number, Writer>;
}

export class ExitSignal extends Error {
  constructor(readonly code: number) {
    super('exit');
  }
}
export class ReturnSignal extends Error {
  constructor(readonly code: number) {
    super('return');
  }
}
export class LoopSignal extends Error {
  constructor(
    readonly kind: 'break' | 'continue',
    readonly levels: number,
  ) {
    super(kind);
  }
}
/** An expansion error (${x:?}, set -u): the line (or the script) ends with status 1. */
export class ExpansionError extends Error {}

/** Output nobody reads (>&-, a stream not connected). */
export const DISCARD: Writer = () => undefined;

export function write(io: Io, fd: number, text: string): void {
  (io.fds.get(fd) ?? DISCARD)(text);
}

/** How bash's set -x and `declare -p` quote a word. */
export function shellQuote(word: string): string {
  if (word === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, "'\\''")}'`;
}


const parseCache = new Map<string, ScriptResult>();
/** Parsed once per text: a loop runs the same substitution, eval or script many times. */
export function parseCached(script: string): ScriptResult {
  let parsed = parseCache.get(script);
  if (!parsed) {
    parsed = parseScript(script);
    if (parseCache.size > 2000) parseCache.clear();
    parseCache.set(script, parsed);
  }
  return parsed;
}

