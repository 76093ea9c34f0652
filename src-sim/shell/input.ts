// Where a text tool's input comes from: a named file (relative names resolve
// against the shell's current directory) or, for `-` and no file at all,
// standard input (a pipe, `<`, a here-document; the terminal is end of file).
import type { CommandContext } from './context.ts';
import { readLabFile } from './files.ts';

export type InputRead = { text: string } | { error: string };

/** The shell's current directory, as `cd` keeps it in PWD. */
export function currentDirectory(ctx: Pick<CommandContext, 'host'>): string {
  return ctx.host.shellVariables.get('PWD') ?? '/root';
}

/** An absolute, normalised path for `path` as the shell's current directory sees it. */
export function absolutePath(ctx: Pick<CommandContext, 'host'>, path: string): string {
  const joined = path.startsWith('/') ? path : `${currentDirectory(ctx)}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

// Standard input is read once: a second `-` in one command finds end of file.
const stdinRead = new WeakSet<object>();

/** Reads one operand: `-` is standard input; a file's errno text when it cannot be read. */
export function readInput(ctx: Pick<CommandContext, 'host' | 'stdin'>, operand: string): InputRead {
  if (operand === '-') {
    if (stdinRead.has(ctx)) return { text: '' };
    stdinRead.add(ctx);
    return { text: ctx.stdin ?? '' };
  }
  const read = readLabFile(ctx.host, absolutePath(ctx, operand));
  return 'error' in read ? { error: read.error } : read;
}

/** A text's lines without their newlines; a last line without one still counts. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
