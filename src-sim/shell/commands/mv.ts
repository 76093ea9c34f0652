// GNU coreutils 9.1 mv: SOURCE DEST or SOURCE... DIRECTORY (rename(2)).
import type { Command } from '../context.ts';
import { absolutePath } from '../cwd.ts';
import { baseName, errnoText, parseOptions, quote, usageError } from '../coreutils.ts';

const OPTIONS = {
  permute: true,
  abbreviations: true,
  options: [
    { name: 'force', short: 'f', long: 'force', arg: 'none' },
    { name: 'verbose', short: 'v', long: 'verbose', arg: 'none' },
  ],
} as const;

export const mv: Command = (ctx) => {
  const parsed = parseOptions(ctx, 'mv', OPTIONS);
  if (!parsed) return 1;
  const verbose = parsed.options.some((o) => o.name === 'verbose');
  const args = parsed.operands;
  if (args.length === 0) return usageError(ctx, 'mv', 'missing file operand');
  if (args.length === 1) return usageError(ctx, 'mv', `missing destination file operand after ${quote(args[0]!)}`);
  const fs = ctx.host.fs;
  const target = args[args.length - 1]!;
  const targetStat = fs.stat(absolutePath(ctx.host, target));
  const intoDir = targetStat.ok && targetStat.value.type === 'dir';
  if (args.length > 2 && !intoDir) {
    ctx.err(targetStat.ok ? `mv: target ${quote(target)} is not a directory\n` : `mv: target ${quote(target)}: ${errnoText(targetStat.errno)}\n`);
    return 1;
  }
  let status = 0;
  for (const source of args.slice(0, -1)) {
    const dest = intoDir ? `${target.replace(/\/+$/, '')}/${baseName(source)}` : target;
    const from = absolutePath(ctx.host, source);
    const to = absolutePath(ctx.host, dest);
    const stat = fs.stat(from, { follow: false });
    if (!stat.ok) {
      ctx.err(`mv: cannot stat ${quote(source)}: ${errnoText(stat.errno)}\n`);
      status = 1;
      continue;
    }
    if (from === to) {
      ctx.err(`mv: ${quote(source)} and ${quote(dest)} are the same file\n`);
      status = 1;
      continue;
    }
    const moved = fs.rename(from, to);
    if (!moved.ok) {
      if (moved.errno === 'EINVAL') ctx.err(`mv: cannot move ${quote(source)} to a subdirectory of itself, ${quote(dest)}\n`);
      else if (moved.errno === 'EISDIR') ctx.err(`mv: cannot overwrite directory ${quote(dest)} with non-directory\n`);
      else if (moved.errno === 'ENOTDIR' && fs.stat(to).ok) ctx.err(`mv: cannot overwrite non-directory ${quote(dest)} with directory ${quote(source)}\n`);
      else ctx.err(`mv: cannot move ${quote(source)} to ${quote(dest)}: ${errnoText(moved.errno)}\n`);
      status = 1;
      continue;
    }
    if (verbose) ctx.out(`renamed ${quote(source)} -> ${quote(dest)}\n`);
  }
  return status;
};
