// GNU coreutils 9.1 rm: -r/-R, -f (no message for a missing file, exit 0),
// -d (empty directories); '/' is refused recursively (--preserve-root).
import type { Command } from '../context.ts';
import { absolutePath } from '../cwd.ts';
import { errnoText, parseFlags, RECURSIVE_AND_FORCE, quote, usageError } from '../coreutils.ts';

const OPTIONS = {
  permute: true,
  abbreviations: true,
  options: [
    ...RECURSIVE_AND_FORCE,
    { name: 'dir', short: 'd', long: 'dir', arg: 'none' },
    { name: 'verbose', short: 'v', long: 'verbose', arg: 'none' },
  ],
} as const;

export const rm: Command = (ctx) => {
  const parsed = parseFlags(ctx, 'rm', OPTIONS);
  if (!parsed) return 1;
  const flags = parsed.flags;
  const force = flags.has('force');
  const recursive = flags.has('recursive');
  if (parsed.operands.length === 0) return force ? 0 : usageError(ctx, 'rm', 'missing operand');
  let status = 0;
  for (const name of parsed.operands) {
    const path = absolutePath(ctx.host, name);
    if (recursive && path === '/') {
      ctx.err(`rm: it is dangerous to operate recursively on ${quote('/')}\nrm: use --no-preserve-root to override this failsafe\n`);
      status = 1;
      continue;
    }
    if (/(^|\/)\.\.?\/*$/.test(name)) {
      ctx.err(`rm: refusing to remove '.' or '..' directory: skipping ${quote(name)}\n`);
      status = 1;
      continue;
    }
    const stat = ctx.host.fs.stat(path, { follow: false });
    if (!stat.ok) {
      if (force && stat.errno === 'ENOENT') continue;
      ctx.err(`rm: cannot remove ${quote(name)}: ${errnoText(stat.errno)}\n`);
      status = 1;
      continue;
    }
    ctx.budget.spend();
    const removed = ctx.host.fs.remove(path, { recursive, dir: flags.has('dir') });
    if (!removed.ok) {
      ctx.err(`rm: cannot remove ${quote(name)}: ${errnoText(removed.errno)}\n`);
      status = 1;
      continue;
    }
    if (flags.has('verbose')) ctx.out(`removed ${stat.value.type === 'dir' ? 'directory ' : ''}${quote(name)}\n`);
  }
  return status;
};
