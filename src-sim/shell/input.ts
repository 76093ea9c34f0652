// Where a text tool's input comes from and where tee and sed -i write: a
// named file (through shell-files.ts, as the shell opens files; relative
// names resolve against the shell's current directory) or, for `-` and no
// file at all, standard input (a pipe, `<`, a here-document; the terminal is
// end of file).
import type { Host } from '../host/host.ts';
import type { CommandContext } from './context.ts';
import { absolutePath } from './cwd.ts';
import { openForWrite, readFile } from './shell-files.ts';

export type InputRead = { text: string } | { error: string };

// Standard input is read once: a second `-` in one command finds end of file.
const stdinRead = new WeakSet<object>();

/** Reads one operand: `-` is standard input; a file's errno text when it cannot be read. */
export function readInput(ctx: Pick<CommandContext, 'host' | 'stdin'>, operand: string): InputRead {
  if (operand === '-') {
    if (stdinRead.has(ctx)) return { text: '' };
    stdinRead.add(ctx);
    return { text: ctx.stdin ?? '' };
  }
  return readFile(ctx.host, absolutePath(ctx.host, operand));
}

/** A text's lines without their newlines; a last line without one still counts. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Opens a named file for writing as open(2) with O_CREAT does (truncating it
 * unless `append`): the errno text, or a writer that writes once and returns
 * a write error's text.
 */
export function openOutput(host: Host, operand: string, append: boolean): { error: string } | { write(text: string): string | null } {
  const opened = openForWrite(host, absolutePath(host, operand), append);
  if ('error' in opened) return { error: opened.error };
  return { write: (text) => opened.flush([text]) };
}
