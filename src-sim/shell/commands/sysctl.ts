// procps-ng 4.0.2 sysctl: read, write (-w or NAME=VALUE), -n, -N, -a, -q, -e,
// -r PATTERN (an ERE on the names, with -a or a directory; on the whole line
// when writing or loading), a directory's name (`sysctl net.ipv4.conf.lo`)
// listing every key under it, and loading files: -p [FILE...] and --system
// (sysctl-load.ts).
import type { Command } from '../context.ts';
import { getopt, glibcMessage, type GetoptConfig } from '../getopt.ts';
import { keyToProcPath, normaliseKey } from '../proc.ts';
import { DEFAULT_PRELOAD, parseLine, preloadFile, preloadSystem, writeOne, writeSettings, type LoadOptions, type Setting } from './sysctl-load.ts';
import { translateRegex } from '../text/posix-regex.ts';

/** procps-ng 4.0.2's Usage(), as `sysctl` without arguments prints it to stderr (kernel run 424). */
const USAGE = '\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n  -a, --all            display all variables\n  -A                   alias of -a\n  -X                   alias of -a\n      --deprecated     include deprecated parameters to listing\n      --dry-run        Print the key and values but do not write\n  -b, --binary         print value without new line\n  -e, --ignore         ignore unknown variables errors\n  -N, --names          print variable names without values\n  -n, --values         print only values of the given variable(s)\n  -p, --load[=<file>]  read values from file\n  -f                   alias of -p\n      --system         read values from all system directories\n  -r, --pattern <expression>\n                       select setting that match expression\n  -q, --quiet          do not echo variable set\n  -w, --write          enable writing a value to variable\n  -o                   does nothing\n  -x                   does nothing\n  -d                   alias of -h\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see sysctl(8).\n';

/** procps-ng sysctl's getopt_long options modelled here. */
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
    // -p's file is optional and only ever attached (-pFILE, --load=FILE); -f is NetBSD's spelling.
    { name: 'load', short: 'p', long: 'load', arg: 'optional' },
    { name: 'load', short: 'f', arg: 'optional' },
    { name: 'system', long: 'system', arg: 'none' },
  ],
};

export const sysctl: Command = (ctx) => {
  let valuesOnly = false;
  let quiet = false;
  let all = false;
  let namesOnly = false;
  let write = false;
  let ignoreErrors = false;
  let load = false;
  let loadFile: string | null = null;
  let pattern: RegExp | null = null;
  const parsed = getopt(ctx.argv.slice(1), OPTIONS);
  // getopt_long's loop returns at --system: what follows it is never parsed.
  const systemAt = parsed.options.findIndex((o) => o.name === 'system');
  const options = systemAt >= 0 ? parsed.options.slice(0, systemAt) : parsed.options;
  if (parsed.error && systemAt < 0) {
    ctx.err(`${glibcMessage('sysctl', parsed.error)}\nUsage:\n sysctl [options] [variable[=value] ...]\n`);
    return 1;
  }
  for (const { name, arg } of options) {
    if (name === 'values') valuesOnly = true;
    else if (name === 'quiet') quiet = true;
    else if (name === 'all') all = true;
    else if (name === 'names') namesOnly = true;
    else if (name === 'write') write = true;
    else if (name === 'ignore') ignoreErrors = true;
    else if (name === 'load') {
      load = true;
      if (arg !== null) loadFile = arg;
    } else if (name === 'pattern') {
      // procps compiles it with regcomp(REG_EXTENDED); one that does not compile matches nothing.
      const t = translateRegex(arg!, 'extended');
      pattern = t.ok ? new RegExp(t.source) : /(?!)/;
    }
  }
  const line = (key: string, value: string): string => (namesOnly ? `${key}\n` : valuesOnly ? `${value}\n` : `${key} = ${value}\n`);
  // WriteSetting's echo: -N and -n both print the value alone.
  const loadOptions: LoadOptions = { quiet, ignoreErrors, pattern, echo: (key, value) => (namesOnly || valuesOnly ? `${value}\n` : `${key} = ${value}\n`) };
  if (systemAt >= 0) {
    // --system ignores keys that do not exist (IgnoreError = true).
    const systemOptions = { ...loadOptions, ignoreErrors: true };
    const list: Setting[] = [];
    const status = preloadSystem(ctx, list, systemOptions);
    return status | writeSettings(ctx, list, systemOptions);
  }
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
  if (load) {
    // -pFILE loads FILE and the operands; a bare -p loads /etc/sysctl.conf only when there are none.
    const files = loadFile !== null ? [loadFile, ...names] : names.length > 0 ? names : [DEFAULT_PRELOAD];
    const list: Setting[] = [];
    let status = 0;
    for (const file of files) status |= preloadFile(ctx, file, list, loadOptions);
    return status | writeSettings(ctx, list, loadOptions);
  }
  if (names.length === 0) {
    // main() prints Usage only for a bare `sysctl`; options without a variable get xerrx's message.
    ctx.err(ctx.argv.length === 1 ? USAGE : 'sysctl: no variables specified\nTry `sysctl --help\' for more information.\n');
    return 1;
  }
  let status = 0;
  for (const arg of names) {
    if (write || arg.includes('=')) {
      // The command line goes through the same line parser as a file ("command line(0)").
      const setting = parseLine(ctx, 'command line', 0, arg, loadOptions);
      status |= setting === null ? 1 : writeOne(ctx, setting.path, setting.value ?? '(null)', loadOptions);
      continue;
    }
    const key = normaliseKey(arg);
    const value = ctx.host.sysctl.read(key);
    if (value === 'ENOENT' && listUnder(key)) continue;
    if (value === 'ENOENT' || value === 'EINVAL' || value === 'EPERM') {
      // -e: ReadSetting's missing file is no error at all (kernel run 424).
      if (ignoreErrors) continue;
      ctx.err(`sysctl: cannot stat ${keyToProcPath(key)}: No such file or directory\n`);
      status = 1;
      continue;
    }
    if (!pattern || pattern.test(key)) ctx.out(line(key, value));
  }
  return status;
};
