// Small helpers the challenge, pack and grade commands share: reading a file
// with the error text the shell would print, and parsing integer options.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/**
 * Reads a file someone else wrote without trusting what it is: a FIFO, a
 * device, a directory or a symbolic link loop is refused without waiting on it
 * (opened non-blocking, checked with fstat on the open descriptor), and a file
 * over `maxBytes` is refused by its size, never read whole.
 */
export function readBoundedText(file: string, maxBytes: number): { ok: true; text: string } | { ok: false; message: string } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return { ok: false, message: `cannot read ${file}: ${errnoText(error)}` };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, message: `cannot read ${file}: Is a directory` };
    if (!stat.isFile()) return { ok: false, message: `cannot read ${file}: not a regular file (${fileKind(stat)})` };
    if (stat.size > maxBytes) return { ok: false, message: `cannot read ${file}: it is ${stat.size} bytes, more than the limit of ${maxBytes} bytes` };
    // The size is read again while reading: a file that grows after fstat is cut at the limit and refused.
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) return { ok: false, message: `cannot read ${file}: it grew past the limit of ${maxBytes} bytes while being read` };
    return { ok: true, text: buffer.toString('utf8', 0, length) };
  } catch (error) {
    return { ok: false, message: `cannot read ${file}: ${errnoText(error)}` };
  } finally {
    closeSync(fd);
  }
}

function errnoText(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'No such file or directory';
    case 'EACCES':
      return 'Permission denied';
    case 'EISDIR':
      return 'Is a directory';
    case 'ELOOP':
      return 'Too many levels of symbolic links';
    case 'EAGAIN':
      return 'Resource temporarily unavailable';
    default:
      return (error as Error).message;
  }
}

function fileKind(stat: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  return 'not a file';
}

/**
 * Text that came from a file (pack titles, learner names, transcripts), made
 * safe to print on a terminal: control characters other than newline and tab
 * (ESC and its sequences' introducers, C1 controls, DEL, a lone CR) and the
 * bidirectional overrides and isolates are removed.
 */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** The most a --commands file may hold (as a scenario). */
export const MAX_COMMANDS_FILE_BYTES = 1024 * 1024;

export function parseInteger(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

/**
 * The line `run`, `lesson check` and `challenge check` print when the run's budget (RUN_BUDGET)
 * stopped a step of FILE: which step, and that the rest did not run.
 */
export function runStoppedMessage(file: string, applied: number, total: number): string {
  return `lvs-dr-lab: ${terminalSafe(file)}: stopped at step ${applied} of ${total}: the steps did more work or kept more output than one run may (the lab's budget for one run); the rest did not run\n`;
}
