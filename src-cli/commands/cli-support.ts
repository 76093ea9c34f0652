// Small helpers the challenge, pack and grade commands share: reading a file
// with the error text the shell would print, and parsing integer options.
import { readFileSync } from 'node:fs';

export function readText(file: string): { ok: true; text: string } | { ok: false; message: string } {
  try {
    return { ok: true, text: readFileSync(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'No such file or directory' : code === 'EACCES' ? 'Permission denied' : code === 'EISDIR' ? 'Is a directory' : (error as Error).message;
    return { ok: false, message: `cannot read ${file}: ${why}` };
  }
}

export function parseInteger(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}
