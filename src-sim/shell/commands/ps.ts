// procps-ng 4.0.2 ps (Debian 12): the forms learners type. `ps` (this
// terminal's processes), `ps -e`/`-A`, `-f` (full: UID PPID C STIME CMD),
// `-p PID[,PID…]`, `-C NAME[,NAME…]`, and BSD `aux`. Columns are ps's own
// widths (PID 7 wide: pid_max is 4194304); a process list with nothing
// selected prints the header and exits 1.
import { civilTime, MONTH_NAMES } from '../../core/virtual-date.ts';
import { MEMORY_KIB, type ProcessEntry } from '../../host/processes.ts';
import type { Command } from '../context.ts';

const USAGE = `
Usage:
 ps [options]

 Try 'ps --help <simple|list|output|threads|misc|all>'
  or 'ps --help <s|l|o|t|m|a>'
 for additional help text.

For more details see ps(1).
`;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** STIME / START: the time of day when it started within the last 24 hours, else the month and day. */
function startTime(startUs: number, nowUs: number): string {
  const t = civilTime(startUs);
  if (nowUs - startUs < 24 * 3600 * 1_000_000) return `${pad2(t.hours)}:${pad2(t.minutes)}`;
  return `${MONTH_NAMES[t.month - 1]}${pad2(t.day)}`;
}

function command(entry: ProcessEntry): string {
  return entry.argv === null ? `[${entry.comm}]` : entry.argv.join(' ');
}

function cpuTime(seconds: number): string {
  return `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
}

type Format = 'default' | 'full' | 'bsd-user';

function header(format: Format): string {
  if (format === 'full') return 'UID          PID    PPID  C STIME TTY          TIME CMD';
  if (format === 'bsd-user') return 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND';
  return '    PID TTY          TIME CMD';
}

function row(entry: ProcessEntry, format: Format, nowUs: number): string {
  const tty = entry.tty ?? '?';
  const pid = String(entry.pid).padStart(7);
  if (format === 'full') return `${entry.user.padEnd(8)} ${pid} ${String(entry.ppid).padStart(7)}  0 ${startTime(entry.startUs, nowUs).padEnd(5)} ${tty.padEnd(8)} ${cpuTime(entry.cpuSeconds)} ${command(entry)}`;
  if (format === 'bsd-user') {
    const mem = ((entry.rssKiB * 100) / MEMORY_KIB).toFixed(1);
    const time = `${Math.floor(entry.cpuSeconds / 60)}:${pad2(entry.cpuSeconds % 60)}`;
    return `${entry.user.padEnd(8)} ${pid}  0.0 ${mem.padStart(4)} ${String(entry.vszKiB).padStart(6)} ${String(entry.rssKiB).padStart(5)} ${tty.padEnd(8)} ${entry.stat.padEnd(4)} ${startTime(entry.startUs, nowUs).padStart(5)} ${time.padStart(6)} ${command(entry)}`;
  }
  return `${pid} ${tty.padEnd(8)} ${cpuTime(entry.cpuSeconds)} ${entry.comm}`;
}

export const ps: Command = (ctx) => {
  let format: Format = 'default';
  let all = false;
  let bsdAll = false;
  let bsdNoTty = false;
  const pids: number[] = [];
  const names: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('-')) {
      for (let j = 1; j < arg.length; j++) {
        const flag = arg[j]!;
        if (flag === 'e' || flag === 'A') all = true;
        else if (flag === 'f') format = 'full';
        else if (flag === 'p' || flag === 'C') {
          const value = arg.length > j + 1 ? arg.slice(j + 1) : args[++i];
          if (value === undefined) {
            ctx.err(`error: list of ${flag === 'p' ? 'process IDs' : 'command names'} must follow -${flag}\n${USAGE}`);
            return 1;
          }
          const items = value.split(/[, ]+/).filter((v) => v !== '');
          if (flag === 'C') names.push(...items);
          else {
            if (items.some((v) => !/^\d+$/.test(v) || Number(v) < 1)) {
              ctx.err(`error: process ID out of range\n${USAGE}`);
              return 1;
            }
            pids.push(...items.map(Number));
          }
          break;
        } else {
          ctx.err(`error: unsupported SysV option\n${USAGE}`);
          return 1;
        }
      }
      continue;
    }
    // BSD options: a (all with a terminal), u (user format), x (also without a terminal).
    for (const flag of arg) {
      if (flag === 'a') bsdAll = true;
      else if (flag === 'u') format = 'bsd-user';
      else if (flag === 'x') bsdNoTty = true;
      else {
        ctx.err(`error: unsupported option (BSD syntax)\n${USAGE}`);
        return 1;
      }
    }
  }
  const processes = ctx.host.processes;
  const list = processes.list();
  const self = list.find((p) => p.argv === ctx.argv) ?? null;
  const terminal = self?.tty ?? 'pts/0';
  const selected = list.filter((p) => {
    if (pids.length > 0 || names.length > 0) return pids.includes(p.pid) || names.includes(p.comm);
    if (all || (bsdAll && bsdNoTty)) return true;
    if (bsdAll) return p.tty !== null;
    if (bsdNoTty) return p.user === 'root';
    return p.tty === terminal;
  });
  const now = ctx.clock.now;
  ctx.out(`${header(format)}\n`);
  for (const entry of selected) ctx.out(`${row(entry, format, now)}\n`);
  return selected.length > 0 ? 0 : 1;
};
