// GNU coreutils 9.1 cp: SOURCE DEST or SOURCE... DIRECTORY, -r/-R for
// directories, -p to keep mode and time, -f (the lab's root may always write).
// A new file gets the source's mode under umask 022 unless -p.
import type { Command, CommandContext } from '../context.ts';
import { absolutePath } from '../cwd.ts';
import { baseName, errnoText, parseFlags, RECURSIVE_AND_FORCE, quote, usageError } from '../coreutils.ts';

const OPTIONS = {
  permute: true,
  abbreviations: true,
  options: [
    ...RECURSIVE_AND_FORCE,
    { name: 'archive', short: 'a', long: 'archive', arg: 'none' },
    { name: 'preserve', short: 'p', arg: 'none' },
  ],
} as const;

export const cp: Command = (ctx) => {
  const parsed = parseFlags(ctx, 'cp', OPTIONS);
  if (!parsed) return 1;
  const flags = parsed.flags;
  const recursive = flags.has('recursive') || flags.has('archive');
  const preserve = flags.has('preserve') || flags.has('archive');
  const args = parsed.operands;
  if (args.length === 0) return usageError(ctx, 'cp', 'missing file operand');
  if (args.length === 1) return usageError(ctx, 'cp', `missing destination file operand after ${quote(args[0]!)}`);
  const fs = ctx.host.fs;
  const target = args[args.length - 1]!;
  const targetPath = absolutePath(ctx.host, target);
  const targetStat = fs.stat(targetPath);
  const intoDir = targetStat.ok && targetStat.value.type === 'dir';
  if (args.length > 2 && !intoDir) {
    ctx.err(targetStat.ok ? `cp: target ${quote(target)} is not a directory\n` : `cp: target ${quote(target)}: ${errnoText(targetStat.errno)}\n`);
    return 1;
  }
  let status = 0;
  for (const source of args.slice(0, -1)) {
    const dest = intoDir ? `${target.replace(/\/+$/, '')}/${baseName(source)}` : target;
    if (!copyOne(ctx, source, dest, recursive, preserve)) status = 1;
  }
  return status;
};

function copyOne(ctx: CommandContext, source: string, dest: string, recursive: boolean, preserve: boolean): boolean {
  const fs = ctx.host.fs;
  const from = absolutePath(ctx.host, source);
  const to = absolutePath(ctx.host, dest);
  const stat = fs.stat(from);
  if (!stat.ok) {
    ctx.err(`cp: cannot stat ${quote(source)}: ${errnoText(stat.errno)}\n`);
    return false;
  }
  if (from === to) {
    ctx.err(`cp: ${quote(source)} and ${quote(dest)} are the same file\n`);
    return false;
  }
  ctx.budget.spend();
  if (stat.value.type === 'dir') {
    if (!recursive) {
      ctx.err(`cp: -r not specified; omitting directory ${quote(source)}\n`);
      return false;
    }
    if (`${to}/`.startsWith(`${from}/`)) {
      ctx.err(`cp: cannot copy a directory, ${quote(source)}, into itself, ${quote(dest)}\n`);
      return false;
    }
    const existing = fs.stat(to);
    if (!existing.ok) {
      const made = fs.mkdir(to);
      if (!made.ok) {
        ctx.err(`cp: cannot create directory ${quote(dest)}: ${errnoText(made.errno)}\n`);
        return false;
      }
      fs.chmod(to, preserve ? stat.value.mode : stat.value.mode & 0o755);
    } else if (existing.value.type !== 'dir') {
      ctx.err(`cp: cannot overwrite non-directory ${quote(dest)} with directory ${quote(source)}\n`);
      return false;
    }
    const names = fs.list(from);
    let ok = true;
    for (const name of names.ok ? names.value : []) ok = copyOne(ctx, `${source.replace(/\/+$/, '')}/${name}`, `${dest.replace(/\/+$/, '')}/${name}`, recursive, preserve) && ok;
    if (preserve) fs.utimes(to, stat.value.mtimeUs);
    return ok;
  }
  const existing = fs.stat(to);
  if (existing.ok && existing.value.type === 'dir') {
    ctx.err(`cp: cannot overwrite directory ${quote(dest)} with non-directory\n`);
    return false;
  }
  const copied = fs.copy(from, to);
  if (!copied.ok) {
    // A full disk fails the write, not the open: the file is there, as far as it got.
    const what = copied.errno === 'ENOSPC' ? 'error writing' : 'cannot create regular file';
    ctx.err(`cp: ${what} ${quote(dest)}: ${errnoText(copied.errno)}\n`);
    return false;
  }
  if (preserve) {
    fs.chmod(to, stat.value.mode);
    fs.utimes(to, stat.value.mtimeUs);
  }
  return true;
}
