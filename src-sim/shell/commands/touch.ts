// GNU coreutils 9.1 touch: creates an empty file or sets its time to now (the virtual clock).
import type { Command } from '../context.ts';
import { absolutePath } from '../cwd.ts';
import { errnoText, parseOptions, quote, usageError } from '../coreutils.ts';

const OPTIONS = { permute: true, abbreviations: true, options: [{ name: 'no-create', short: 'c', long: 'no-create', arg: 'none' }] } as const;

export const touch: Command = (ctx) => {
  const parsed = parseOptions(ctx, 'touch', OPTIONS);
  if (!parsed) return 1;
  const noCreate = parsed.options.length > 0;
  if (parsed.operands.length === 0) return usageError(ctx, 'touch', 'missing file operand');
  let status = 0;
  for (const name of parsed.operands) {
    const path = absolutePath(ctx.host, name);
    const exists = ctx.host.fs.stat(path).ok;
    if (!exists && noCreate) continue;
    const done = exists ? ctx.host.fs.utimes(path) : ctx.host.fs.write(path, '');
    if (!done.ok) {
      ctx.err(`touch: cannot touch ${quote(name)}: ${errnoText(done.errno)}\n`);
      status = 1;
    }
  }
  return status;
};
