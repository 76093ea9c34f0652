// coreutils tee: standard input to standard output and to each file
// (-a appends), the idiom tutorials use to set a sysctl:
// `echo 1 | tee /proc/sys/net/ipv4/conf/all/arp_ignore`.
import type { Command } from '../context.ts';
import { getopt, type OptionSpec } from '../getopt.ts';
import { openOutput } from '../input.ts';
import { usageError } from '../text/coreutils.ts';

const OPTIONS: OptionSpec[] = [
  { name: 'a', short: 'a', long: 'append', arg: 'none' },
  { name: 'i', short: 'i', long: 'ignore-interrupts', arg: 'none' },
  { name: 'p', short: 'p', arg: 'none' },
];

export const tee: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), { options: OPTIONS, permute: true, abbreviations: true });
  if (parsed.error) {
    usageError(ctx, 'tee', parsed.error);
    return 1;
  }
  const append = parsed.options.some((o) => o.name === 'a');
  const text = ctx.stdin ?? '';
  let status = 0;
  for (const file of parsed.operands) {
    if (file === '-') continue;
    const output = openOutput(ctx.host, file, append);
    const error = 'error' in output ? output.error : output.write(text);
    if (error) {
      ctx.err(`tee: ${file}: ${error}\n`);
      status = 1;
    }
  }
  ctx.out(text);
  return status;
};
