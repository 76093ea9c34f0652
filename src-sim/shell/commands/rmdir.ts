// GNU coreutils 9.1 rmdir: removes empty directories.
import type { Command } from '../context.ts';
import { absolutePath } from '../cwd.ts';
import { errnoText, parseOptions, quote, usageError } from '../coreutils.ts';

export const rmdir: Command = (ctx) => {
  const parsed = parseOptions(ctx, 'rmdir', { permute: true, options: [] });
  if (!parsed) return 1;
  if (parsed.operands.length === 0) return usageError(ctx, 'rmdir', 'missing operand');
  let status = 0;
  for (const name of parsed.operands) {
    const path = absolutePath(ctx.host, name);
    const stat = ctx.host.fs.stat(path, { follow: false });
    const removed = stat.ok && stat.value.type !== 'dir' ? { ok: false as const, errno: 'ENOTDIR' as const } : ctx.host.fs.remove(path, { dir: true });
    if (!removed.ok) {
      ctx.err(`rmdir: failed to remove ${quote(name)}: ${errnoText(removed.errno)}\n`);
      status = 1;
    }
  }
  return status;
};
