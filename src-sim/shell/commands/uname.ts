// uname (coreutils 9.1): the kernel's name, the host's name, its release and
// version (host/kernel-release.ts), the machine, and the operating system;
// -a all of them, leaving out -p and -i where they are "unknown" (Debian).
import type { Command } from '../context.ts';
import { getopt } from '../getopt.ts';
import { quoted, tryHelp, usageError } from '../text/coreutils.ts';
import { KERNEL } from '../../host/kernel-release.ts';

const FIELDS = [
  { name: 's', long: 'kernel-name' },
  { name: 'n', long: 'nodename' },
  { name: 'r', long: 'kernel-release' },
  { name: 'v', long: 'kernel-version' },
  { name: 'm', long: 'machine' },
  { name: 'p', long: 'processor' },
  { name: 'i', long: 'hardware-platform' },
  { name: 'o', long: 'operating-system' },
] as const;

export const uname: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), {
    options: [{ name: 'a', short: 'a', long: 'all', arg: 'none' }, ...FIELDS.map((f) => ({ name: f.name, short: f.name, long: f.long, arg: 'none' as const }))],
    permute: true,
    abbreviations: true,
  });
  if (parsed.error) {
    usageError(ctx, 'uname', parsed.error);
    return 1;
  }
  if (parsed.operands.length > 0) {
    ctx.err(`uname: extra operand ${quoted(parsed.operands[0]!)}\n${tryHelp('uname')}`);
    return 1;
  }
  const kernel = KERNEL[ctx.host.os];
  const values: Record<(typeof FIELDS)[number]['name'], string> = { s: 'Linux', n: ctx.host.name, r: kernel.release, v: kernel.version, m: 'x86_64', p: kernel.processor, i: kernel.processor, o: 'GNU/Linux' };
  const asked = new Set(parsed.options.map((o) => o.name));
  const all = asked.has('a');
  if (asked.size === 0) asked.add('s');
  const shown = FIELDS.filter((f) => (all ? !((f.name === 'p' || f.name === 'i') && values[f.name] === 'unknown') : asked.has(f.name)));
  ctx.out(`${shown.map((f) => values[f.name]).join(' ')}\n`);
  return 0;
};
