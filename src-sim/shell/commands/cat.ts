// GNU coreutils 9.1 cat: files (host/fs.ts, /proc and /sys included) and
// standard input ('-' or no file), with -n, -b and -E. Numbering runs on
// across files, and a file that does not end in a newline carries its last
// line into the next file, as cat's one output buffer does.
import type { Command } from '../context.ts';
import { absolutePath } from '../cwd.ts';
import { errnoText, parseFlags } from '../coreutils.ts';

const OPTIONS = {
  permute: true,
  abbreviations: true,
  options: [
    { name: 'number', short: 'n', long: 'number', arg: 'none' },
    { name: 'number-nonblank', short: 'b', long: 'number-nonblank', arg: 'none' },
    { name: 'show-ends', short: 'E', long: 'show-ends', arg: 'none' },
  ],
} as const;

export const cat: Command = (ctx) => {
  const parsed = parseFlags(ctx, 'cat', OPTIONS);
  if (!parsed) return 1;
  const flags = parsed.flags;
  const nonblank = flags.has('number-nonblank');
  const number = nonblank || flags.has('number');
  const ends = flags.has('show-ends');
  let line = 0;
  let atLineStart = true;
  const emit = (text: string): void => {
    if (!number && !ends) {
      ctx.out(text);
      return;
    }
    let out = '';
    for (const piece of text.split(/(?<=\n)/)) {
      if (piece === '') continue;
      ctx.budget.spend();
      const blank = piece === '\n';
      if (atLineStart && number && !(nonblank && blank)) out += `${String(++line).padStart(6)}\t`;
      out += ends && piece.endsWith('\n') ? `${piece.slice(0, -1)}$\n` : piece;
      atLineStart = piece.endsWith('\n');
    }
    ctx.out(out);
  };
  const files = parsed.operands.length > 0 ? parsed.operands : ['-'];
  let status = 0;
  for (const file of files) {
    if (file === '-') {
      emit(ctx.stdin ?? '');
      continue;
    }
    const read = ctx.host.fs.read(absolutePath(ctx.host, file));
    if (!read.ok) {
      ctx.err(`cat: ${file}: ${errnoText(read.errno)}\n`);
      status = 1;
      continue;
    }
    emit(read.value);
  }
  return status;
};
