// procps-ng sysctl: read, write (-w or NAME=VALUE), -n, -a, -q.
import type { Command } from '../context.ts';
import { keyToProcPath, normaliseKey } from '../proc.ts';

export const sysctl: Command = (ctx) => {
  let valuesOnly = false;
  let quiet = false;
  let all = false;
  const names: string[] = [];
  for (const arg of ctx.argv.slice(1)) {
    if (arg === '-n' || arg === '--values') valuesOnly = true;
    else if (arg === '-q' || arg === '--quiet') quiet = true;
    else if (arg === '-w' || arg === '--write') continue;
    else if (arg === '-a' || arg === '-A' || arg === '-X' || arg === '--all') all = true;
    else if (arg === '-e' || arg === '--ignore') continue;
    else if (/^-[nqwaAeX]+$/.test(arg)) {
      valuesOnly ||= arg.includes('n');
      quiet ||= arg.includes('q');
      all ||= /[aAX]/.test(arg);
    } else if (arg.startsWith('-')) {
      ctx.err(`sysctl: invalid option -- '${arg.slice(1, 2)}'\nUsage:\n sysctl [options] [variable[=value] ...]\n`);
      return 1;
    } else names.push(arg);
  }
  if (all) {
    for (const [key, value] of ctx.host.sysctl.listAll()) ctx.out(valuesOnly ? `${value}\n` : `${key} = ${value}\n`);
    return 0;
  }
  if (names.length === 0) {
    ctx.err('sysctl: no variables specified\nTry `sysctl --help\' for more information.\n');
    return 1;
  }
  let status = 0;
  for (const arg of names) {
    const eq = arg.indexOf('=');
    const key = normaliseKey(eq >= 0 ? arg.slice(0, eq) : arg);
    if (eq >= 0) {
      const value = arg.slice(eq + 1);
      const error = ctx.host.sysctl.write(key, value);
      if (error === 'ENOENT') {
        ctx.err(`sysctl: cannot stat ${keyToProcPath(key)}: No such file or directory\n`);
        status = 1;
      } else if (error) {
        ctx.err(`sysctl: setting key "${key}": ${error === 'EINVAL' ? 'Invalid argument' : 'Operation not permitted'}\n`);
        status = 1;
      } else if (!quiet) {
        ctx.out(valuesOnly ? `${value}\n` : `${key} = ${value}\n`);
      }
      continue;
    }
    const value = ctx.host.sysctl.read(key);
    if (value === 'ENOENT' || value === 'EINVAL' || value === 'EPERM') {
      ctx.err(`sysctl: cannot stat ${keyToProcPath(key)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    ctx.out(valuesOnly ? `${value}\n` : `${key} = ${value}\n`);
  }
  return status;
};
