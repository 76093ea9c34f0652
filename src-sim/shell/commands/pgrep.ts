// procps-ng 4.0.2 pgrep: the PIDs of processes whose name (or, with -f, whole
// command line) matches an extended regular expression, one a line; -l adds
// the name, -a the command line, -x matches the whole name. pgrep never
// lists itself. Nothing matched: exit 1.
import type { Command } from '../context.ts';

const USAGE_HINT = "Try `pgrep --help' for more information.\n";

export const pgrep: Command = (ctx) => {
  let full = false;
  let listName = false;
  let listFull = false;
  let exact = false;
  const patterns: string[] = [];
  for (const arg of ctx.argv.slice(1)) {
    if (arg.startsWith('-') && arg.length > 1) {
      for (const flag of arg.slice(1)) {
        if (flag === 'f') full = true;
        else if (flag === 'l') listName = true;
        else if (flag === 'a') listFull = true;
        else if (flag === 'x') exact = true;
        else {
          ctx.err(`pgrep: invalid option -- '${flag}'\nUsage: pgrep [options] <pattern>\n`);
          return 2;
        }
      }
    } else patterns.push(arg);
  }
  if (patterns.length === 0) {
    ctx.err(`pgrep: no matching criteria specified\n${USAGE_HINT}`);
    return 2;
  }
  if (patterns.length > 1) {
    ctx.err(`pgrep: only one pattern can be provided\n${USAGE_HINT}`);
    return 2;
  }
  let regex: RegExp;
  try {
    regex = new RegExp(exact ? `^(?:${patterns[0]})$` : patterns[0]!);
  } catch {
    ctx.err('pgrep: invalid regular expression\n');
    return 2;
  }
  const self = ctx.host.processes.list().find((p) => p.argv === ctx.argv)?.pid;
  let found = 0;
  for (const entry of ctx.host.processes.list()) {
    if (entry.pid === self) continue;
    const cmdline = entry.argv === null ? entry.comm : entry.argv.join(' ');
    if (!regex.test(full ? cmdline : entry.comm)) continue;
    found++;
    if (listFull) ctx.out(`${entry.pid} ${cmdline}\n`);
    else if (listName) ctx.out(`${entry.pid} ${entry.comm}\n`);
    else ctx.out(`${entry.pid}\n`);
  }
  return found > 0 ? 0 : 1;
};
