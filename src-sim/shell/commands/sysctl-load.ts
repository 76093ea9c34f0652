// Loading sysctl settings from files, as procps-ng 4.0.2's sysctl does it
// (src/sysctl.c: Preload, parse_setting_line, PreloadSystem,
// write_setting_list, WriteSetting): `sysctl -p [FILE...]` and
// `sysctl --system`. Every file is parsed into one list first, then the list
// is written in order, so every "* Applying" line comes before the first
// "key = value" line.
import type { CommandContext } from '../context.ts';
import { absolutePath, workingDirectory } from '../cwd.ts';
import { FS_ERRNO_TEXT } from '../../host/fs.ts';
import { procSysPathToKey } from '../proc.ts';
import { expandPathname } from '../shell-files.ts';
import { hasGlob } from '../pattern.ts';

/**
 * One parsed line: `key = value` or `-key` (a glob's exclusion). procps also
 * reads `-key = value`, whose '-' only quiets a failure to open the file for
 * writing; in the lab a /proc/sys file that stat finds writable always opens.
 */
export interface Setting {
  path: string;
  /** null for an exclusion. */
  value: string | null;
}

export interface LoadOptions {
  /** -q: no "* Applying" and no echo lines. */
  quiet: boolean;
  /** -e, and always with --system: a key that does not exist is passed over silently. */
  ignoreErrors: boolean;
  /** -r: an ERE every line must match (on the line as written, before parsing). */
  pattern: RegExp | null;
  /** The echo line of a key written (-n prints the value only). */
  echo: (key: string, value: string) => string;
}

/** sysctl --system's directories, searched in this order; a name found in an earlier one hides the later ones'. */
export const SYSTEM_DIRECTORIES = ['/etc/sysctl.d', '/run/sysctl.d', '/usr/local/lib/sysctl.d', '/usr/lib/sysctl.d', '/lib/sysctl.d'] as const;
export const DEFAULT_PRELOAD = '/etc/sysctl.conf';

/**
 * parse_setting_line: leading white space skipped; lines shorter than two
 * characters, and `#` or `;` comments, ignored; `key = value` split at the
 * first `=` and both sides trimmed; a line without `=` is a glob exclusion
 * when it starts with `-`, else "invalid syntax".
 */
export function parseLine(ctx: CommandContext, file: string, lineNumber: number, raw: string, opts: LoadOptions): Setting | null {
  const line = raw.replace(/^\s+/, '');
  if (line.length < 2) return null;
  if (line.startsWith('#') || line.startsWith(';')) return null;
  if (opts.pattern && !opts.pattern.test(line)) return null;
  const eq = line.indexOf('=');
  if (eq < 0) {
    if (line.startsWith('-')) return { path: procPath(line.slice(1).trimEnd()), value: null };
    ctx.err(`sysctl: ${file}(${lineNumber}): invalid syntax, continuing...\n`);
    return null;
  }
  const key = line.slice(0, eq).trimEnd();
  return { path: procPath(key.startsWith('-') ? key.slice(1) : key), value: line.slice(eq + 1).trim() };
}

/** setting_new: the key's /proc/sys path. slashdot: when a dot comes first, dots and slashes trade places. */
function procPath(key: string): string {
  const first = /[./]/.exec(key);
  const path = first?.[0] === '.' ? key.replace(/[./]/g, (c) => (c === '.' ? '/' : '.')) : key;
  return `/proc/sys/${path}`;
}

/**
 * Preload: the settings of one file (a glob, GLOB_NOCHECK: a pattern that
 * matches nothing is opened as written; `-` is standard input). A file that
 * cannot be opened ends this file's list with "cannot open" and status 1; a
 * directory opens and reads as empty, as fopen and getline do on Linux.
 */
export function preloadFile(ctx: CommandContext, file: string, list: Setting[], opts: LoadOptions): number {
  const matches = hasGlob(file) ? expandPathname(ctx.host, workingDirectory(ctx.host), file, (n) => ctx.budget.spend(n)) : [];
  for (const name of matches.length > 0 ? matches : [file]) {
    let text: string;
    if (name === '-') text = ctx.stdin ?? '';
    else {
      const path = absolutePath(ctx.host, name);
      const stat = ctx.host.fs.stat(path);
      const read = stat.ok && stat.value.type === 'dir' ? ({ ok: true, value: '' } as const) : ctx.host.fs.read(path);
      if (!read.ok) {
        ctx.err(`sysctl: cannot open "${name}": ${FS_ERRNO_TEXT[read.errno]}\n`);
        return 1;
      }
      text = read.value;
    }
    const lines = text.split(/(?<=\n)/);
    lines.forEach((raw, i) => {
      ctx.budget.spend();
      // getline's lines of fewer than two bytes (an empty line's newline) are skipped before parsing.
      if (raw.length < 2) return;
      const setting = parseLine(ctx, name, i + 1, raw, opts);
      if (setting) list.push(setting);
    });
  }
  return 0;
}

/** PreloadSystem: every *.conf of the system directories, by name (strcmp), then /etc/sysctl.conf when it is a regular file. */
export function preloadSystem(ctx: CommandContext, list: Setting[], opts: LoadOptions): number {
  const byName = new Map<string, string>();
  for (const dir of SYSTEM_DIRECTORIES) {
    const names = ctx.host.fs.list(dir);
    if (!names.ok) continue;
    for (const name of names.value) {
      if (name.length < 5 || !name.endsWith('.conf') || byName.has(name)) continue;
      byName.set(name, `${dir}/${name}`);
    }
  }
  const files = [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, path]) => path);
  const conf = ctx.host.fs.stat(DEFAULT_PRELOAD);
  if (conf.ok && conf.value.type === 'file') files.push(DEFAULT_PRELOAD);
  let status = 0;
  for (const file of files) {
    if (!opts.quiet) ctx.out(`* Applying ${file} ...\n`);
    status |= preloadFile(ctx, file, list, opts);
  }
  return status;
}

/**
 * write_setting_list: each setting in order; a key with a glob is expanded
 * over /proc/sys, leaving out every path the list names on its own (an
 * exclusion or an override).
 */
export function writeSettings(ctx: CommandContext, list: readonly Setting[], opts: LoadOptions): number {
  let status = 0;
  const named = new Set(list.map((s) => s.path));
  for (const setting of list) {
    if (setting.value === null) continue;
    if (!hasGlob(setting.path)) {
      status |= writeOne(ctx, setting.path, setting.value, opts);
      continue;
    }
    for (const path of expandPathname(ctx.host, '/', setting.path, (n) => ctx.budget.spend(n))) {
      if (!named.has(path)) status |= writeOne(ctx, path, setting.value, opts);
    }
  }
  return status;
}

/**
 * WriteSetting for one /proc/sys path. A path that is not there fails
 * (silently with -e or --system); the bare /proc/sys/ (an empty key) is "not
 * under /proc/sys/" once realpath drops its slash; a file without its owner's
 * write bit (a directory, mc_forwarding) is warned about with whatever errno
 * was left, which on procps-ng 4.0.2 reads "Invalid argument", and is not a
 * failure; a value the kernel refuses fails.
 */
export function writeOne(ctx: CommandContext, path: string, value: string, opts: LoadOptions): number {
  const stat = ctx.host.fs.stat(path);
  if (!stat.ok) {
    if (opts.ignoreErrors) return 0;
    ctx.err(`sysctl: cannot stat ${path}: No such file or directory\n`);
    return 1;
  }
  const key = procSysPathToKey(path);
  if (key === null) {
    ctx.err(`sysctl: Path is not under /proc/sys/: ${path}\n`);
    return 1;
  }
  if ((stat.value.mode & 0o200) === 0 || stat.value.type === 'dir') {
    ctx.err(`sysctl: setting key "${key}": Invalid argument\n`);
    return 0;
  }
  const error = ctx.host.sysctl.write(key, value);
  if (error !== null) {
    ctx.err(`sysctl: setting key "${key}": Invalid argument\n`);
    return 1;
  }
  if (!opts.quiet) ctx.out(opts.echo(key, value));
  return 0;
}
