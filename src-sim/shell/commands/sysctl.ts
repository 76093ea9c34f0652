// procps-ng sysctl: read, write (-w or NAME=VALUE), -n, -N, -a, -q, -r PATTERN
// (an ERE on the names, with -a or a directory), and a directory's name
// (`sysctl net.ipv4.conf.lo`) listing every key under it.
import type { Command } from '../context.ts';
import { getopt, glibcMessage, type GetoptConfig } from '../getopt.ts';
import { keyToProcPath, normaliseKey } from '../proc.ts';
import { translateRegex } from '../text/posix-regex.ts';

/** procps-ng sysctl's getopt_long options modelled here (-w and -e change nothing in the lab). */
const OPTIONS: GetoptConfig = {
  permute: true,
  abbreviations: true,
  options: [
    { name: 'values', short: 'n', long: 'values', arg: 'none' },
    { name: 'quiet', short: 'q', long: 'quiet', arg: 'none' },
    { name: 'write', short: 'w', long: 'write', arg: 'none' },
    { name: 'all', short: 'a', long: 'all', arg: 'none' },
    { name: 'all', short: 'A', arg: 'none' },
    { name: 'all', short: 'X', arg: 'none' },
    { name: 'ignore', short: 'e', long: 'ignore', arg: 'none' },
    { name: 'names', short: 'N', long: 'names', arg: 'none' },
    { name: 'pattern', short: 'r', long: 'pattern', arg: 'required' },
  ],
};

export const sysctl: Command = (ctx) => {
  let valuesOnly = false;
  let quiet = false;
  let all = false;
  let namesOnly = false;
  let pattern: RegExp | null = null;
  const parsed = getopt(ctx.argv.slice(1), OPTIONS);
  if (parsed.error) {
    ctx.err(`${glibcMessage('sysctl', parsed.error)}\nUsage:\n sysctl [options] [variable[=value] ...]\n`);
    return 1;
  }
  for (const { name } of parsed.options) {
    if (name === 'values') valuesOnly = true;
    else if (name === 'quiet') quiet = true;
    else if (name === 'all') all = true;
    else if (name === 'names') namesOnly = true;
  }
  for (const o of parsed.options) {
    if (o.name !== 'pattern') continue;
    // procps compiles it with regcomp(REG_EXTENDED); one that does not compile matches nothing.
    const t = translateRegex(o.arg!, 'extended');
    pattern = t.ok ? new RegExp(t.source) : /(?!)/;
  }
  const line = (key: string, value: string): string => (namesOnly ? `${key}\n` : valuesOnly ? `${value}\n` : `${key} = ${value}\n`);
  const listUnder = (prefix: string | null): boolean => {
    let found = false;
    for (const [key, value] of ctx.host.sysctl.listAll()) {
      if (prefix !== null && !key.startsWith(`${prefix}.`)) continue;
      found = true;
      if (pattern && !pattern.test(key)) continue;
      ctx.out(line(key, value));
    }
    return found;
  };
  const names = parsed.operands;
  if (all) {
    listUnder(null);
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
    if (value === 'ENOENT' && listUnder(key)) continue;
    if (value === 'ENOENT' || value === 'EINVAL' || value === 'EPERM') {
      ctx.err(`sysctl: cannot stat ${keyToProcPath(key)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    if (!pattern || pattern.test(key)) ctx.out(line(key, value));
  }
  return status;
};
