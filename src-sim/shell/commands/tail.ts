// coreutils tail: the last lines (-n N, default 10) of the files cat can read.
// -f is refused: a lab terminal cannot be left following a file.
import type { Command } from '../context.ts';
import { FS_ERRNO_TEXT } from '../../host/fs.ts';
import { absolutePath } from '../cwd.ts';

const TRY = "Try 'tail --help' for more information.\n";

export const tail: Command = (ctx) => {
  let lines = 10;
  const files: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n' || a === '--lines' || /^-n\d+$/.test(a) || /^-\d+$/.test(a)) {
      const value = /^-n?\d+$/.test(a) ? a.replace(/^-n?/, '') : args[++i];
      if (value === undefined) {
        ctx.err(`tail: option requires an argument -- 'n'\n${TRY}`);
        return 1;
      }
      if (!/^\d+$/.test(value)) {
        ctx.err(`tail: invalid number of lines: '${value}'\n`);
        return 1;
      }
      lines = Number(value);
    } else if (a === '-f' || a === '-F' || a === '--follow') {
      ctx.err('tail: -f is not supported in this lab shell (the terminal could not be interrupted); run tail again to see new lines\n');
      return 1;
    } else if (a.startsWith('-') && a !== '-') {
      ctx.err(`tail: invalid option -- '${a.slice(1, 2)}'\n${TRY}`);
      return 1;
    } else files.push(a);
  }
  if (files.length === 0) {
    ctx.err('tail: the lab shell has no standard input to read; name a file\n');
    return 1;
  }
  let status = 0;
  for (const [i, file] of files.entries()) {
    const read = ctx.host.fs.read(absolutePath(ctx.host, file));
    if (!read.ok) {
      ctx.err(`tail: cannot open '${file}' for reading: ${FS_ERRNO_TEXT[read.errno]}\n`);
      status = 1;
      continue;
    }
    if (files.length > 1) ctx.out(`${i > 0 ? '\n' : ''}==> ${file} <==\n`);
    const all = read.value.split('\n');
    if (all[all.length - 1] === '') all.pop();
    const shown = lines === 0 ? [] : all.slice(-lines);
    if (shown.length > 0) ctx.out(`${shown.join('\n')}\n`);
  }
  return status;
};
