// uptime (procps-ng 4.0.2, sprint_uptime): the time of day, how long since
// the host's kernel started (a reboot starts it again, src-sim/power.ts),
// the one root login, and the load average (the lab models no CPU load:
// 0.00). -p prints the pretty form, -s the boot time.
import type { Command } from '../context.ts';
import { civilTime } from '../../core/virtual-date.ts';
import { MICROS_PER_SECOND } from '../../core/event-queue.ts';

const pad = (n: number): string => String(n).padStart(2, '0');
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "up 1 hour, 5 minutes": weeks, days, hours, minutes that are not zero (minutes also when under a minute). */
function pretty(seconds: number): string {
  const parts: string[] = [];
  const weeks = Math.floor(seconds / 604_800) % 52;
  const days = Math.floor(seconds / 86_400) % 7;
  const hours = Math.floor(seconds / 3600) % 24;
  const minutes = Math.floor(seconds / 60) % 60;
  if (weeks) parts.push(plural(weeks, 'week'));
  if (days) parts.push(plural(days, 'day'));
  if (hours) parts.push(plural(hours, 'hour'));
  if (minutes || seconds < 60) parts.push(plural(minutes, 'minute'));
  return `up ${parts.join(', ')}`;
}

export const uptime: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  const now = ctx.clock.now;
  const seconds = Math.floor((now - ctx.host.bootedAtUs) / MICROS_PER_SECOND);
  for (const arg of args) {
    if (arg === '-p' || arg === '--pretty') {
      ctx.out(`${pretty(seconds)}\n`);
      return 0;
    }
    if (arg === '-s' || arg === '--since') {
      const t = civilTime(ctx.host.bootedAtUs);
      ctx.out(`${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)}\n`);
      return 0;
    }
    ctx.err(arg.startsWith('--') ? `uptime: unrecognized option '${arg}'\n` : `uptime: invalid option -- '${arg.replace(/^-/, '')[0] ?? ''}'\n`);
    ctx.err('\nUsage:\n uptime [options]\n\nOptions:\n -p, --pretty   show uptime in pretty format\n -h, --help     display this help and exit\n -s, --since    system up since\n -V, --version  output version information and exit\n\nFor more details see uptime(1).\n');
    return 1;
  }
  const t = civilTime(now);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor(seconds / 3600) % 24;
  const minutes = Math.floor(seconds / 60) % 60;
  let text = ` ${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)} up `;
  if (days) text += `${days} day${days === 1 ? '' : 's'}, `;
  text += hours ? `${String(hours).padStart(2)}:${pad(minutes)}, ` : `${minutes} min, `;
  text += ' 1 user,  load average: 0.00, 0.00, 0.00\n';
  ctx.out(text);
  return 0;
};
