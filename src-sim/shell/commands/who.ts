// who -b (coreutils 9.1): the time of the last boot from utmp's BOOT_TIME
// record (systemd-update-utmp writes the kernel's start), in print_line's
// columns: an empty 8-wide user, " system boot " 12 wide, the time 16 wide
// ("%Y-%m-%d %H:%M": C.UTF-8 is a "hard" locale), trailing blanks removed.
// The other listings need the login's remote address, which the lab does
// not model.
import type { Command } from '../context.ts';
import { getopt } from '../getopt.ts';
import { usageError } from '../text/coreutils.ts';
import { formatDate } from './date.ts';

/** print_line without the idle, message and exit columns (who -b shows none of them): trailing blanks removed. */
function printLine(user: string, line: string, time: string, pid: string, comment: string): string {
  return `${user.padEnd(8)} ${line.padEnd(12)} ${time.padEnd(16)} ${pid.padStart(10)} ${comment.padEnd(8)}`.replace(/ +$/, '') + '\n';
}

export const who: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), {
    options: [
      { name: 'b', short: 'b', long: 'boot', arg: 'none' },
      { name: 'H', short: 'H', long: 'heading', arg: 'none' },
      ...['a', 'd', 'l', 'm', 'p', 'q', 'r', 's', 't', 'T', 'u', 'w'].map((short) => ({ name: short, short, arg: 'none' as const })),
    ],
    permute: true,
    abbreviations: true,
  });
  if (parsed.error) {
    usageError(ctx, 'who', parsed.error);
    return 1;
  }
  const flags = new Set(parsed.options.map((o) => o.name));
  if (!flags.has('b') || flags.size > (flags.has('H') ? 2 : 1) || parsed.operands.length > 0) {
    ctx.err('who: only who -b is simulated in this lab (the root login\'s remote address is not modelled); uptime and journalctl --list-boots tell about boots too\n');
    return 1;
  }
  const heading = flags.has('H') ? printLine('NAME', 'LINE', 'TIME', 'PID', 'COMMENT') : '';
  ctx.out(`${heading}${printLine('', 'system boot', formatDate('%Y-%m-%d %H:%M', ctx.host.bootedAtUs), '', '')}`);
  return 0;
};
