// Where a text tool's input comes from: a named file (relative names resolve
// against the shell's current directory) or, for `-` and no file at all,
// standard input (a pipe, `<`, a here-document; the terminal is end of file).
import type { CommandContext } from './context.ts';
import { readLabFile } from './files.ts';
import { procSysPathToKey } from './proc.ts';
import { IPVSADM_RULES_FILE } from './commands/ipvsadm.ts';

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

const WRITE_ERRORS: Record<string, string> = { ENOENT: 'No such file or directory', EINVAL: 'Invalid argument', EPERM: 'Operation not permitted', EACCES: 'Permission denied' };

/**
 * Writes (or appends to) a file a command names (tee): /proc/sys/* sets the
 * sysctl, /etc/ipvsadm.rules is kept, /dev/null swallows; the lab has no
 * other writable file yet. An errno text when it cannot be written.
 */
export function writeOutput(ctx: Pick<CommandContext, 'host'>, operand: string, text: string, append: boolean): string | null {
  const path = absolutePath(ctx, operand);
  if (path === '/dev/null') return null;
  if (path === IPVSADM_RULES_FILE) {
    ctx.host.ipvs.rulesFile = (append ? (ctx.host.ipvs.rulesFile ?? '') : '') + text;
    return null;
  }
  const key = procSysPathToKey(path);
  if (key === null || ctx.host.sysctl.read(key) === 'ENOENT') return path.startsWith('/proc/') ? WRITE_ERRORS.ENOENT! : 'Read-only file system';
  const error = ctx.host.sysctl.write(key, text);
  return error ? (WRITE_ERRORS[error] ?? error) : null;
}
