// systemctl (systemd 252, Debian 12) for the one unit the lab has: nginx,
// the web server every host runs from boot (host/web-server.ts).
import type { Command } from '../context.ts';
import { civilTime, WEEKDAY_NAMES } from '../../core/virtual-date.ts';
import { MICROS_PER_SECOND } from '../../core/event-queue.ts';

const DESCRIPTION = 'A high performance web server and a reverse proxy server';

function unitName(arg: string): string {
  return arg.includes('.') ? arg : `${arg}.service`;
}

/** "Mon 2024-01-01 00:00:05 UTC" as systemctl status prints times. */
function statusTime(micros: number): string {
  const t = civilTime(micros);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${WEEKDAY_NAMES[t.weekday]} ${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)} UTC`;
}

function ago(micros: number): string {
  const s = Math.floor(micros / MICROS_PER_SECOND);
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}min ${s % 60}s ago`;
  return `${Math.floor(m / 60)}h ${m % 60}min ago`;
}

export const systemctl: Command = (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const [verb, ...units] = args;
  if (verb === undefined) {
    ctx.err('systemctl: the lab only knows: systemctl start|stop|restart|reload|status|is-active nginx\n');
    return 1;
  }
  const known = ['start', 'stop', 'restart', 'reload', 'status', 'is-active', 'enable', 'disable'];
  if (!known.includes(verb)) {
    ctx.err(`Unknown command verb ${verb}.\n`);
    return 1;
  }
  if (units.length === 0) {
    if (verb === 'status') {
      ctx.err('systemctl: the lab shows the status of units only: systemctl status nginx\n');
      return 1;
    }
    ctx.err(`Too few arguments.\n`);
    return 1;
  }
  const web = ctx.host.nginx;
  const now = ctx.clock.now;
  let exit = 0;
  for (const arg of units) {
    const unit = unitName(arg);
    if (unit !== 'nginx.service') {
      if (verb === 'status') ctx.err(`Unit ${unit} could not be found.\n`);
      else if (verb === 'is-active') ctx.out('inactive\n');
      else ctx.err(`Failed to ${verb} ${unit}: Unit ${unit} not found.\n`);
      exit = verb === 'status' ? 4 : verb === 'is-active' ? 3 : 5;
      continue;
    }
    if (verb === 'start') web.start();
    else if (verb === 'stop') web.stop();
    else if (verb === 'restart') {
      web.stop();
      web.start();
    } else if (verb === 'reload') {
      if (!web.running) {
        ctx.err('nginx.service is not active, cannot reload.\n');
        exit = 1;
      }
    } else if (verb === 'is-active') {
      ctx.out(web.running ? 'active\n' : 'inactive\n');
      if (!web.running) exit = 3;
    } else if (verb === 'status') {
      const since = web.running ? web.startedAt : web.stoppedAt;
      ctx.out(`${web.running ? '●' : '○'} nginx.service - ${DESCRIPTION}\n`);
      ctx.out('     Loaded: loaded (/lib/systemd/system/nginx.service; enabled; preset: enabled)\n');
      ctx.out(`     Active: ${web.running ? 'active (running)' : 'inactive (dead)'} since ${statusTime(since)}; ${ago(now - since)}\n`);
      ctx.out('       Docs: man:nginx(8)\n');
      if (!web.running) exit = 3;
    }
  }
  return exit;
};
