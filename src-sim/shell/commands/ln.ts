// GNU coreutils 9.1 ln -s (-f, -n): symbolic links. Hard links are not
// modelled (the lab's files have no inodes to share): ln without -s says so.
import type { Command } from '../context.ts';
import { absolutePath } from '../cwd.ts';
import { baseName, errnoText, parseFlags, quote, usageError } from '../coreutils.ts';

const OPTIONS = {
  permute: true,
  abbreviations: true,
  options: [
    { name: 'symbolic', short: 's', long: 'symbolic', arg: 'none' },
    { name: 'force', short: 'f', long: 'force', arg: 'none' },
    { name: 'no-dereference', short: 'n', long: 'no-dereference', arg: 'none' },
    { name: 'verbose', short: 'v', long: 'verbose', arg: 'none' },
  ],
} as const;

export const ln: Command = (ctx) => {
  const parsed = parseFlags(ctx, 'ln', OPTIONS);
  if (!parsed) return 1;
  const flags = parsed.flags;
  const args = parsed.operands;
  if (args.length === 0) return usageError(ctx, 'ln', 'missing file operand');
  if (!flags.has('symbolic')) {
    ctx.err('ln: hard links are not simulated in this lab; use ln -s TARGET LINK_NAME\n');
    return 1;
  }
  const fs = ctx.host.fs;
  const last = args.length === 1 ? '.' : args[args.length - 1]!;
  const targets = args.length === 1 ? args : args.slice(0, -1);
  const lastStat = fs.stat(absolutePath(ctx.host, last), { follow: !flags.has('no-dereference') });
  const intoDir = lastStat.ok && lastStat.value.type === 'dir';
  if (targets.length > 1 && !intoDir) {
    ctx.err(lastStat.ok ? `ln: target ${quote(last)} is not a directory\n` : `ln: target ${quote(last)}: ${errnoText(lastStat.errno)}\n`);
    return 1;
  }
  let status = 0;
  for (const target of targets) {
    const name = intoDir ? `${last.replace(/\/+$/, '')}/${baseName(target)}` : last;
    const path = absolutePath(ctx.host, name);
    if (flags.has('force')) {
      const existing = fs.stat(path, { follow: false });
      if (existing.ok && existing.value.type === 'dir') {
        ctx.err(`ln: ${quote(name)}: cannot overwrite directory\n`);
        status = 1;
        continue;
      }
      if (existing.ok) fs.remove(path);
    }
    const made = fs.symlink(target, path);
    if (!made.ok) {
      ctx.err(`ln: failed to create symbolic link ${quote(name)}: ${errnoText(made.errno)}\n`);
      status = 1;
      continue;
    }
    if (flags.has('verbose')) ctx.out(`${quote(name)} -> ${quote(target)}\n`);
  }
  return status;
};
