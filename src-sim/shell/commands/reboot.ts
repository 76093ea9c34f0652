// reboot, poweroff, halt and shutdown (systemd 252's systemctl in their
// compatibility modes, Debian 12 and Rocky 9). A clean reboot or power-off
// stops the units, then the lab powers the machine down and, for a reboot,
// boots it again (src-sim/power.ts): the command returns when the host is
// up, as a learner's ssh would reconnect. They print nothing on success.
// -f skips stopping the units, like the reset button. `shutdown` takes
// `now` or `+0` only: a shutdown scheduled for later is not simulated.
import type { Command, CommandContext } from '../context.ts';

type Action = 'reboot' | 'poweroff' | 'force-reboot';

function act(ctx: CommandContext, action: Action): number {
  if (action === 'force-reboot') ctx.host.env.power(ctx.host, 'cycle');
  else ctx.host.env.power(ctx.host, action);
  return 0;
}

function badOption(ctx: CommandContext, self: string, word: string): number {
  ctx.err(word.startsWith('--') ? `${self}: unrecognized option '${word}'\n` : `${self}: invalid option -- '${word[1]}'\n`);
  return 1;
}

/** reboot, poweroff, halt: their options (systemctl-compat-halt.c) and the action each means. */
function haltCommand(self: 'reboot' | 'poweroff' | 'halt'): Command {
  return (ctx) => {
    let action: 'reboot' | 'poweroff' = self === 'reboot' ? 'reboot' : 'poweroff';
    let force = false;
    for (const word of ctx.argv.slice(1)) {
      if (word === '-f' || word === '--force' || word === '-ff') force = true;
      else if (word === '--reboot') action = 'reboot';
      else if (word === '-p' || word === '--poweroff' || word === '--halt') action = 'poweroff';
      else if (word === '--no-wall' || word === '-n' || word === '--no-sync' || word === '-d' || word === '--no-wtmp') continue;
      else if (word.startsWith('-')) return badOption(ctx, self, word);
      else {
        ctx.err(`${self}: Too many arguments.\n`);
        return 1;
      }
    }
    return act(ctx, force && action === 'reboot' ? 'force-reboot' : action);
  };
}

export const reboot = haltCommand('reboot');
export const poweroff = haltCommand('poweroff');
export const halt = haltCommand('halt');

/** shutdown [-r|-h|-P|-H] [now|+0] [WALL...]: powers off unless -r. */
export const shutdown: Command = (ctx) => {
  let action: 'reboot' | 'poweroff' = 'poweroff';
  const rest: string[] = [];
  for (const word of ctx.argv.slice(1)) {
    if (word === '-r' || word === '--reboot') action = 'reboot';
    else if (word === '-h' || word === '-P' || word === '-H' || word === '--poweroff' || word === '--halt') action = 'poweroff';
    else if (word === '--no-wall') continue;
    else if (word === '-c' || word === '-k') {
      ctx.err(`shutdown: ${word}: scheduled shutdowns are not simulated in this lab; shutdown -r now reboots at once\n`);
      return 1;
    } else if (word.startsWith('-') && word !== '-') return badOption(ctx, 'shutdown', word);
    else rest.push(word);
  }
  const when = rest[0];
  if (when !== 'now' && when !== '+0') {
    ctx.err(`shutdown: ${when === undefined ? 'without a time, shutdown waits one minute; that' : `'${when}': a time other than now`} is not simulated in this lab; shutdown ${action === 'reboot' ? '-r ' : ''}now acts at once\n`);
    return 1;
  }
  return act(ctx, action);
};
