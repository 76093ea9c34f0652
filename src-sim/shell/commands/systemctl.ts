// systemctl (systemd 252, Debian 12 and Rocky 9) for services: start, stop,
// restart, try-restart, reload, status, is-active, is-failed, is-enabled,
// enable and disable (with --now), daemon-reload and cat. The unit model is
// the host's (host/systemd/manager.ts); this file prints what systemctl
// prints. Units' commands run through the lab's shell as argument vectors.
import type { Command, CommandContext } from '../context.ts';
import { civilTime, MONTH_NAMES, WEEKDAY_NAMES } from '../../core/virtual-date.ts';
import { MICROS_PER_SECOND } from '../../core/event-queue.ts';
import { builtinDaemon } from '../../host/systemd/daemons.ts';
import { exitStatusName, shellQuote, unitName, type JournalLine, type LoadedUnit, type UnitExec, type VerbResult } from '../../host/systemd/manager.ts';

const VERBS = ['start', 'stop', 'restart', 'try-restart', 'reload', 'status', 'is-active', 'is-failed', 'is-enabled', 'enable', 'disable', 'daemon-reload', 'cat', 'reboot', 'poweroff', 'halt'] as const;
type Verb = (typeof VERBS)[number];
/** Options that change nothing the lab shows. */
const QUIET_OPTIONS = new Set(['--no-pager', '-l', '--full', '--no-block', '--no-ask-password']);

const pad = (n: number): string => String(n).padStart(2, '0');

/** "Mon 2024-01-01 00:00:05 UTC" as systemctl status prints times. */
function statusTime(micros: number): string {
  const t = civilTime(micros);
  return `${WEEKDAY_NAMES[t.weekday]} ${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)} UTC`;
}

function ago(micros: number): string {
  const s = Math.floor(micros / MICROS_PER_SECOND);
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}min ${s % 60}s ago`;
  return `${Math.floor(m / 60)}h ${m % 60}min ago`;
}

/** A journal line in journalctl's short format: "Jan 01 00:00:05 rs1 systemd[1]: …". */
export function journalLine(host: string, line: JournalLine): string {
  const t = civilTime(line.at);
  return `${MONTH_NAMES[t.month - 1]} ${pad(t.day)} ${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)} ${host} ${line.ident}: ${line.message}\n`;
}

function unitExec(ctx: CommandContext): UnitExec {
  return (argv) => ctx.run(argv.map(shellQuote).join(' '));
}

function emit(ctx: CommandContext, result: VerbResult): number {
  ctx.out(result.stdout);
  ctx.err(result.stderr);
  return result.exit;
}

/** systemctl status UNIT: the header, Loaded:, Active:, processes, Docs:, and the unit's last ten journal lines. */
function status(ctx: CommandContext, unit: LoadedUnit): { text: string; exit: number } {
  const systemd = ctx.host.systemd;
  const view = systemd.view(unit);
  const now = ctx.clock.now;
  const bullet = view.active === 'active' ? '●' : view.active === 'failed' ? '×' : '○';
  let text = `${bullet} ${unit.name}${unit.file.description === null ? '' : ` - ${unit.file.description}`}\n`;
  const enablement = systemd.enablement(unit.name) ?? 'disabled';
  const daemon = builtinDaemon(unit.name);
  const preset = daemon ? daemon.preset(ctx.host.os) : ctx.host.os === 'debian-12' ? 'enabled' : 'disabled';
  text += `     Loaded: loaded (${unit.path}; ${enablement}${enablement === 'static' ? '' : `; preset: ${preset}`})\n`;
  const activeWords = view.active === 'active' ? `active (${view.sub})` : view.active === 'failed' ? `failed (Result: ${view.result})` : 'inactive (dead)';
  text += `     Active: ${activeWords}${view.since === null ? '' : ` since ${statusTime(view.since)}; ${ago(now - view.since)}`}\n`;
  for (const p of view.processes) {
    const exited = `(code=exited, status=${exitStatusName(p.status)})`;
    text += `    Process: ${p.pid} ${p.setting}=${p.command.argv.join(' ')} ${exited}\n`;
  }
  const main = view.processes.filter((p) => p.pid === view.mainPid).at(-1);
  if (main) text += `   Main PID: ${main.pid} (code=exited, status=${exitStatusName(main.status)})\n`;
  if (unit.file.documentation.length > 0) text += `       Docs: ${unit.file.documentation.join('\n             ')}\n`;
  const journal = systemd.unitJournal(unit.name).slice(-10);
  if (journal.length > 0) text += `\n${journal.map((l) => journalLine(ctx.host.name, l)).join('')}`;
  return { text, exit: view.active === 'active' ? 0 : 3 };
}

export const systemctl: Command = (ctx) => {
  const words = ctx.argv.slice(1);
  let now = false;
  let quiet = false;
  const args: string[] = [];
  for (const word of words) {
    if (word === '--now') now = true;
    else if (word === '-q' || word === '--quiet') quiet = true;
    else if (QUIET_OPTIONS.has(word)) continue;
    else if (word.startsWith('-') && word !== '-') {
      ctx.err(word.startsWith('--') ? `systemctl: unrecognized option '${word}'\n` : `systemctl: invalid option -- '${word[1]}'\n`);
      return 1;
    } else args.push(word);
  }
  const [verbWord, ...unitArgs] = args;
  if (verbWord === undefined) {
    ctx.err('systemctl: the lab shows units only: systemctl status|start|stop|enable|… UNIT\n');
    return 1;
  }
  if (!(VERBS as readonly string[]).includes(verbWord)) {
    ctx.err(`Unknown command verb ${verbWord}.\n`);
    return 1;
  }
  const verb = verbWord as Verb;
  const systemd = ctx.host.systemd;
  if (verb === 'reboot' || verb === 'poweroff' || verb === 'halt') {
    if (unitArgs.length > 0) {
      ctx.err('Too many arguments.\n');
      return 1;
    }
    // A clean reboot or power-off (src-sim/power.ts); halt leaves the machine off as poweroff does.
    ctx.host.env.power(ctx.host, verb === 'reboot' ? 'reboot' : 'poweroff');
    return 0;
  }
  if (verb === 'daemon-reload') {
    if (unitArgs.length > 0) {
      ctx.err('Too many arguments.\n');
      return 1;
    }
    systemd.daemonReload();
    return 0;
  }
  if (unitArgs.length === 0) {
    if (verb === 'status') {
      ctx.err('systemctl: the lab shows the status of units only: systemctl status nginx\n');
      return 1;
    }
    ctx.err('Too few arguments.\n');
    return 1;
  }
  const units = unitArgs.map(unitName);
  const exec = unitExec(ctx);
  switch (verb) {
    case 'start':
    case 'stop':
    case 'reload': {
      let exit = 0;
      for (const name of units) exit = Math.max(exit, emit(ctx, systemd[verb](name, exec)));
      return exit;
    }
    case 'restart':
    case 'try-restart': {
      let exit = 0;
      for (const name of units) {
        const unit = systemd.unit(name);
        if (!unit) {
          exit = emit(ctx, { exit: 5, stdout: '', stderr: `Failed to ${verb} ${name}: Unit ${name} not found.\n` });
          continue;
        }
        // try-restart restarts only what is running.
        if (verb === 'try-restart' && systemd.activeState(unit) !== 'active') continue;
        const stopped = systemd.stop(name, exec);
        const started = systemd.start(name, exec);
        exit = Math.max(exit, emit(ctx, { ...started, stderr: stopped.stderr === started.stderr ? started.stderr : stopped.stderr + started.stderr }));
      }
      return exit;
    }
    case 'status': {
      let exit = 0;
      let first = true;
      for (const name of units) {
        const unit = systemd.unit(name);
        if (!unit) {
          ctx.err(`Unit ${name} could not be found.\n`);
          exit = 4;
          continue;
        }
        const shown = status(ctx, unit);
        ctx.out(`${first ? '' : '\n'}${shown.text}`);
        if (systemd.changedOnDisk(unit)) ctx.err(systemd.changedWarning(name));
        first = false;
        if (exit !== 4) exit = Math.max(exit, shown.exit);
      }
      return exit;
    }
    case 'is-active':
    case 'is-failed': {
      let any = false;
      for (const name of units) {
        const unit = systemd.findFile(name) ? systemd.unit(name) : null;
        const state = unit ? systemd.activeState(unit) : 'inactive';
        if (!quiet) ctx.out(`${state}\n`);
        if (state === (verb === 'is-active' ? 'active' : 'failed')) any = true;
      }
      return any ? 0 : verb === 'is-active' ? 3 : 1;
    }
    case 'is-enabled': {
      let any = false;
      for (const name of units) {
        const state = systemd.enablement(name);
        if (state === null) {
          ctx.err(`Failed to get unit file state for ${name}: No such file or directory\n`);
          return 1;
        }
        if (!quiet) ctx.out(`${state}\n`);
        if (state !== 'disabled') any = true;
      }
      return any ? 0 : 1;
    }
    case 'enable':
    case 'disable': {
      let exit = 0;
      for (const name of units) {
        const result = systemd[verb](name);
        exit = Math.max(exit, emit(ctx, quiet ? { ...result, stderr: result.exit === 0 ? '' : result.stderr } : result));
        if (result.exit !== 0 || !now) continue;
        exit = Math.max(exit, emit(ctx, verb === 'enable' ? systemd.start(name, exec) : systemd.stop(name, exec)));
      }
      return exit;
    }
    case 'cat': {
      let exit = 0;
      units.forEach((name, i) => {
        const found = systemd.findFile(name);
        if (!found) {
          ctx.err(`No files found for ${name}.\n`);
          exit = 1;
          return;
        }
        ctx.out(`${i === 0 ? '' : '\n'}# ${found.path}\n${found.text}`);
      });
      return exit;
    }
  }
};
