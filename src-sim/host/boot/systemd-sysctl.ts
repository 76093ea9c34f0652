// systemd-sysctl.service at boot (systemd 252, src/sysctl/sysctl.c and
// sysctl.d(5)): every *.conf of the sysctl.d directories, one list of files
// sorted by file name, a name in an earlier directory hiding the same name in
// a later one (a link to /dev/null masks it); each file's `key = value`
// lines, a later assignment of a key replacing an earlier one wherever it
// was; then every key written once. /etc/sysctl.conf is read only through
// /etc/sysctl.d/99-sysctl.conf, the link both distributions ship to it.
// This is not procps's `sysctl --system` (shell/commands/sysctl-load.ts),
// which writes every line in order and reads /etc/sysctl.conf once more.
import type { Host } from '../host.ts';
import { normaliseKey } from '../../shell/proc.ts';
import { expandPathname } from '../../shell/shell-files.ts';
import { hasGlob } from '../../shell/pattern.ts';
import type { HostOs } from '../os.ts';

/**
 * CONF_PATHS("sysctl.d"), most important first. Debian 12's systemd is built
 * with split-usr, so /lib/sysctl.d is searched too (the same directory as
 * /usr/lib/sysctl.d once /usr is merged; names already found there are skipped).
 */
export function sysctlDirectories(os: HostOs): string[] {
  const dirs = ['/etc/sysctl.d', '/run/sysctl.d', '/usr/local/lib/sysctl.d', '/usr/lib/sysctl.d'];
  return os === 'debian-12' ? [...dirs, '/lib/sysctl.d'] : dirs;
}

/** One assignment as parse_file keeps it. */
export interface SysctlAssignment {
  /** The key with dots, as sysctl_normalize leaves it. */
  key: string;
  value: string;
  /** `-key = value`: a failure to write is not reported. */
  ignoreFailure: boolean;
  /** Where it was read, for the journal. */
  file: string;
  line: number;
}

/** conf_files_list: the files in the order systemd-sysctl reads them. Masked names (links to /dev/null, empty files) still occupy their name. */
export function sysctlFiles(host: Host): string[] {
  const byName = new Map<string, string>();
  for (const dir of sysctlDirectories(host.os)) {
    const names = host.fs.list(dir);
    if (!names.ok) continue;
    for (const name of names.value) {
      if (!name.endsWith('.conf') || byName.has(name)) continue;
      byName.set(name, `${dir}/${name}`);
    }
  }
  return [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, path]) => path);
}

/** What reading the files found: the assignments in write order, and the warnings parse_file logs. */
export interface SysctlPlan {
  assignments: SysctlAssignment[];
  warnings: string[];
}

/** parse_file for every file: a key assigned again moves to the end with its new value (ordered_hashmap remove, then put). */
export function readSysctlFiles(host: Host): SysctlPlan {
  const byKey = new Map<string, SysctlAssignment>();
  const warnings: string[] = [];
  for (const file of sysctlFiles(host)) {
    const read = host.fs.read(file);
    // /dev/null reads as empty: the name is masked.
    if (!read.ok) continue;
    read.value.split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
      const eq = line.indexOf('=');
      if (eq < 0) {
        warnings.push(`${file}:${i + 1}: Line is not an assignment, ignoring: ${line}`);
        return;
      }
      let key = line.slice(0, eq).trim();
      const value = line.slice(eq + 1).trim();
      const ignoreFailure = key.startsWith('-');
      if (ignoreFailure) key = key.slice(1);
      // sysctl_normalize: the first separator decides; a '/' one means slashes separate.
      const first = /[./]/.exec(key);
      key = first?.[0] === '/' ? normaliseKey(key) : key;
      const existing = byKey.get(key);
      if (existing && existing.value === value) {
        existing.ignoreFailure ||= ignoreFailure;
        return;
      }
      byKey.delete(key);
      byKey.set(key, { key, value, ignoreFailure, file, line: i + 1 });
    });
  }
  return { assignments: [...byKey.values()], warnings };
}

/**
 * apply_all: each key written once, in order. A glob is written to every
 * matching key that no assignment names on its own. A key the kernel does
 * not have is passed over ("Couldn't write …, ignoring"); a value it refuses
 * is logged. Returns the journal's lines of systemd-sysctl.
 */
export function applySysctlFiles(host: Host): string[] {
  const plan = readSysctlFiles(host);
  const log = [...plan.warnings];
  const named = new Set(plan.assignments.filter((a) => !hasGlob(a.key)).map((a) => a.key));
  const write = (assignment: SysctlAssignment, key: string): void => {
    const path = `/proc/sys/${key.replace(/\./g, '/')}`;
    if (!host.fs.stat(path).ok) {
      if (!assignment.ignoreFailure) log.push(`Couldn't write '${assignment.value}' to '${key}', ignoring: No such file or directory`);
      return;
    }
    const error = host.sysctl.write(key, assignment.value);
    if (error !== null && !assignment.ignoreFailure) log.push(`Couldn't write '${assignment.value}' to '${key}': ${error === 'EINVAL' ? 'Invalid argument' : 'Operation not permitted'}`);
  };
  for (const assignment of plan.assignments) {
    if (!hasGlob(assignment.key)) {
      write(assignment, assignment.key);
      continue;
    }
    for (const path of expandPathname(host, '/', `/proc/sys/${assignment.key.replace(/\./g, '/')}`, () => {})) {
      const key = path.slice('/proc/sys/'.length).replace(/\//g, '.');
      if (!named.has(key)) write(assignment, key);
    }
  }
  return log;
}
