// The counts head and tail take: `-n 5`, `-n -5` (head: all but the last 5),
// `-n +5` (tail: from the 5th on), and the obsolete first-argument `-5`.

export interface Count {
  count: number;
  negative: boolean;
  /** tail's `+N`: starting at the Nth line or byte. */
  from: boolean;
}

export function parseCount(text: string): Count | null {
  const m = /^([-+]?)(\d+)$/.exec(text.trim());
  if (!m) return null;
  return { count: Number(m[2]), negative: m[1] === '-', from: m[1] === '+' };
}

export type Obsolete = { count: number; unit: 'lines' | 'bytes' } | { error: string };

/** Removes and reads a leading `-N`, `-Nc`, `-Nl` (the form head and tail still accept). */
export function takeObsoleteCount(args: string[]): Obsolete | null {
  const m = /^-(\d+)(.*)$/.exec(args[0] ?? '');
  if (!m) return null;
  args.shift();
  const suffix = m[2]!;
  if (suffix === '' || suffix === 'l') return { count: Number(m[1]), unit: 'lines' };
  if (suffix === 'c') return { count: Number(m[1]), unit: 'bytes' };
  return { error: suffix[0]! };
}

/** A text cut into lines that keep their newlines; a last line may lack one. */
export function lineChunks(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
