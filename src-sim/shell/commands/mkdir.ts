// GNU coreutils 9.1 mkdir: -p makes the parents and accepts an existing directory.
import type { Command } from '../context.ts';
import { absolutePath } from '../cwd.ts';
import { errnoText, parseOptions, quote, usageError } from '../coreutils.ts';

const OPTIONS = {
  permute: true,
  abbreviations: true,
  options: [
    { name: 'parents', short: 'p', long: 'parents', arg: 'none' },
    { name: 'verbose', short: 'v', long: 'verbose', arg: 'none' },
  ],
} as const;

export const mkdir: Command = (ctx) => {
  const parsed = parseOptions(ctx, 'mkdir', OPTIONS);
  if (!parsed) return 1;
  const parents = parsed.options.some((o) => o.name === 'parents');
  const verbose = parsed.options.some((o) => o.name === 'verbose');
  if (parsed.operands.length === 0) return usageError(ctx, 'mkdir', 'missing operand');
  let status = 0;
  for (const name of parsed.operands) {
    const made = ctx.host.fs.mkdir(absolutePath(ctx.host, name), { parents });
    if (!made.ok) {
      ctx.err(`mkdir: cannot create directory ${quote(name)}: ${errnoText(made.errno)}\n`);
      status = 1;
    } else if (verbose) ctx.out(`mkdir: created directory ${quote(name)}\n`);
  }
  return status;
};
