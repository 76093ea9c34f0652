// One host's systemd (252, as Debian 12 and Rocky 9 ship it), for services:
// unit files found on the unit path, loaded once and kept until
// `daemon-reload` (a file changed on disk since is reported, the loaded
// version used), enablement as symlinks in /etc/systemd/system/*.wants/,
// start/stop/reload running the Exec*= command lines (through the lab's
// shell: `exec`) or a built-in daemon's hooks (daemons.ts), and the journal
// lines `systemctl status` shows. The words are systemd's (libsystemd-core,
// libsystemd-shared 252.38 strings); the states and results are its
// service state machine reduced to processes that end at once.
import type { CommandResult } from '../../api.ts';
import type { Host } from '../host.ts';
import { builtinDaemon, builtinDaemons, type BuiltinDaemon } from './daemons.ts';
import { parseUnitFile, type ExecCommand, type UnitFile } from './unit-file.ts';
import type { CatalogRef } from './catalog.ts';

/** The system unit search path (lookup_paths_init), most important first. */
export const UNIT_PATH = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/lib/systemd/system', '/usr/lib/systemd/system'] as const;
export const WANTS_ROOT = '/etc/systemd/system';
/** Where ExecStart= looks for a command that is not a path (systemd ≥ 239's fixed search path). */
const EXEC_SEARCH_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Runs one command of a unit: its argument vector, no shell. */
export type UnitExec = (argv: string[]) => CommandResult;

export interface LoadedUnit {
  name: string;
  /** The fragment path: the unit file it was loaded from. */
  path: string;
  /** The text loaded (a later edit on disk is not seen until daemon-reload). */
  text: string;
  file: UnitFile;
  daemon: BuiltinDaemon | undefined;
}

export type ActiveState = 'active' | 'inactive' | 'failed';

/** A process a unit ran, for status's Process: and Main PID: lines. */
export interface UnitProcess {
  pid: number;
  setting: 'ExecStart' | 'ExecStop' | 'ExecReload';
  command: ExecCommand;
  /** Exit status; 203 is systemd's EXEC (the program could not be run). */
  status: number;
}

interface UnitRuntime {
  active: ActiveState;
  sub: 'dead' | 'exited' | 'running' | 'failed';
  since: number | null;
  result: 'success' | 'exit-code';
  processes: UnitProcess[];
  mainPid: number | null;
}

export interface JournalLine {
  at: number;
  /** systemd[1], ip[512], vip.sh[513]… */
  ident: string;
  unit: string;
  message: string;
  /** Its MESSAGE_ID and fields, for `journalctl -x` (catalog.ts). */
  catalog?: CatalogRef;
}

/** What a verb did: text for the terminal and systemctl's exit status. */
export interface VerbResult {
  exit: number;
  stdout: string;
  stderr: string;
}

const ok = (stdout = '', stderr = ''): VerbResult => ({ exit: 0, stdout, stderr });

/** exit_status_to_string for the statuses a lab command returns. */
export function exitStatusName(status: number): string {
  const names: Record<number, string> = { 0: 'SUCCESS', 1: 'FAILURE', 2: 'INVALIDARGUMENT', 3: 'NOTIMPLEMENTED', 4: 'NOPERMISSION', 5: 'NOTINSTALLED', 6: 'NOTCONFIGURED', 7: 'NOTRUNNING', 203: 'EXEC' };
  return names[status] === undefined ? `${status}` : `${status}/${names[status]}`;
}

/** A word quoted for the lab shell, so a unit's argument vector reaches the program unchanged (no shell in between, as systemd execs it). */
export const shellQuote = (word: string): string => `'${word.replace(/'/g, "'\\''")}'`;

/** `vip` → `vip.service`; a name with a known suffix stays. */
export function unitName(arg: string): string {
  return /\.(service|target|socket|timer|mount|path|slice|scope|device|swap|automount)$/.test(arg) ? arg : `${arg}.service`;
}

export class Systemd {
  private readonly loaded = new Map<string, LoadedUnit>();
  private readonly runtime = new Map<string, UnitRuntime>();
  readonly journal: JournalLine[] = [];
  /** PIDs systemd hands out to the processes it forks. */
  private nextPid = 400;
  /**
   * Job IDs (journalctl -x prints them): a boot's own jobs have used the
   * first couple of hundred by the time multi-user.target's units start
   * (not measured: Rocky 9 logs show sshd's start job at 219-236).
   */
  private nextJob = 220;

  constructor(private readonly host: Host) {}

  /** The unit file on disk: the first directory of the unit path that has it. */
  findFile(name: string): { path: string; text: string } | null {
    for (const dir of UNIT_PATH) {
      const path = `${dir}/${name}`;
      const read = this.host.fs.read(path);
      if (read.ok) return { path, text: read.value };
    }
    return null;
  }

  /** The loaded unit (loading it on first use, as systemd loads a unit it is asked about); null when no file has it. */
  unit(name: string): LoadedUnit | null {
    const cached = this.loaded.get(name);
    if (cached) return cached;
    const found = this.findFile(name);
    if (!found) return null;
    const unit: LoadedUnit = { name, path: found.path, text: found.text, file: parseUnitFile(found.text), daemon: builtinDaemon(name) };
    this.loaded.set(name, unit);
    return unit;
  }

  /** Whether the file on disk is no longer what was loaded (systemctl warns, and acts on the loaded version). */
  changedOnDisk(unit: LoadedUnit): boolean {
    const found = this.findFile(unit.name);
    return found === null || found.path !== unit.path || found.text !== unit.text;
  }

  changedWarning(name: string): string {
    return `Warning: The unit file, source configuration file or drop-ins of ${name} changed on disk. Run 'systemctl daemon-reload' to reload units.\n`;
  }

  daemonReload(): void {
    this.loaded.clear();
  }

  private state(name: string): UnitRuntime {
    let state = this.runtime.get(name);
    if (!state) {
      state = { active: 'inactive', sub: 'dead', since: null, result: 'success', processes: [], mainPid: null };
      this.runtime.set(name, state);
    }
    return state;
  }

  activeState(unit: LoadedUnit): ActiveState {
    if (unit.daemon) return unit.daemon.isActive(this.host) ? 'active' : 'inactive';
    return this.state(unit.name).active;
  }

  /** The runtime view status prints. */
  view(unit: LoadedUnit): Readonly<UnitRuntime> {
    if (unit.daemon) {
      const active = unit.daemon.isActive(this.host);
      return { active: active ? 'active' : 'inactive', sub: active ? 'running' : 'dead', since: unit.daemon.since(this.host), result: 'success', processes: [], mainPid: null };
    }
    return this.state(unit.name);
  }

  /** The units active now, in the order they became active (a shutdown stops them in reverse). */
  activeUnits(): string[] {
    const names = [...this.runtime].filter(([, state]) => state.active === 'active').map(([name]) => name);
    for (const daemon of builtinDaemons()) if (daemon.isActive(this.host) && !names.includes(daemon.unit)) names.unshift(daemon.unit);
    return names;
  }

  /** Journal lines of one unit, oldest first. */
  unitJournal(name: string): JournalLine[] {
    return this.journal.filter((l) => l.unit === name);
  }

  private log(unit: string, message: string, ident = 'systemd[1]', catalog?: CatalogRef): void {
    this.journal.push({ at: this.host.clock.now, ident, unit, message, ...(catalog ? { catalog } : {}) });
  }

  /** A line of PID 1 with its catalog entry. */
  private logCatalog(unit: string, message: string, catalog: CatalogRef['id'], fields: CatalogRef['fields'] = {}): void {
    this.log(unit, message, 'systemd[1]', { id: catalog, fields: { UNIT: unit, ...fields } });
  }

  /** "vip.service - LVS VIP" as systemd 252 names a unit in its messages. */
  private label(unit: LoadedUnit): string {
    return unit.file.description === null || unit.file.description === unit.name ? unit.name : `${unit.name} - ${unit.file.description}`;
  }

  /**
   * Runs one Exec*= command as systemd would exec it: a path that is not
   * there, or not executable, fails with 203/EXEC before anything runs; the
   * command's output goes to the journal under its program's name.
   */
  private execute(unit: LoadedUnit, setting: UnitProcess['setting'], command: ExecCommand, exec: UnitExec): UnitProcess {
    const pid = this.nextPid++;
    const program = command.argv[0]!;
    const resolved = program.startsWith('/') ? program : (EXEC_SEARCH_PATH.map((d) => `${d}/${program}`).find((p) => this.host.fs.stat(p).ok) ?? null);
    const stat = resolved === null ? null : this.host.fs.stat(resolved);
    if (resolved === null || stat === null || !stat.ok || stat.value.type === 'dir' || (stat.value.mode & 0o111) === 0) {
      const why = stat?.ok ? 'Permission denied' : 'No such file or directory';
      // Both are logged by the forked child (exec_child), under its own PID, with ERRNO (ENOENT 2, EACCES 13).
      const spawnFailed: CatalogRef = { id: 'spawn-failed', fields: { EXECUTABLE: program, ERRNO: stat?.ok ? 13 : 2 } };
      if (resolved === null || !stat?.ok) this.log(unit.name, `${unit.name}: Failed to locate executable ${program}: ${why}`, `systemd[${pid}]`, spawnFailed);
      this.log(unit.name, `${unit.name}: Failed at step EXEC spawning ${program}: ${why}`, `systemd[${pid}]`, spawnFailed);
      return { pid, setting, command, status: 203 };
    }
    const result = exec([resolved, ...command.argv.slice(1)]);
    const ident = `${resolved.slice(resolved.lastIndexOf('/') + 1)}[${pid}]`;
    for (const line of `${result.stdout}${result.stderr}`.split('\n')) if (line !== '') this.log(unit.name, line, ident);
    return { pid, setting, command, status: result.exit };
  }

  start(name: string, exec: UnitExec): VerbResult {
    const unit = this.unit(name);
    if (!unit) return { exit: 5, stdout: '', stderr: `Failed to start ${name}: Unit ${name} not found.\n` };
    const warning = this.changedOnDisk(unit) ? this.changedWarning(name) : '';
    if (unit.daemon) {
      unit.daemon.start(this.host);
      return ok('', warning);
    }
    if (unit.file.badSetting !== null) return { exit: 1, stdout: '', stderr: `${warning}Failed to start ${name}: Unit ${name} has a bad unit file setting.\nSee system logs and 'systemctl status ${name}' for details.\n` };
    const state = this.state(name);
    if (state.active === 'active') return ok('', warning);
    const label = this.label(unit);
    const job = this.nextJob++;
    this.logCatalog(name, `Starting ${label}...`, 'unit-starting', { JOB_ID: job });
    state.processes = [];
    let failed: UnitProcess | null = null;
    for (const command of unit.file.execStart) {
      const process = this.execute(unit, 'ExecStart', command, exec);
      state.processes.push(process);
      state.mainPid = process.pid;
      if (process.status !== 0 && !command.ignoreFailure) {
        failed = process;
        break;
      }
    }
    state.since = this.host.clock.now;
    const waits = unit.file.type === 'oneshot' || unit.file.type === 'forking';
    if (failed) {
      this.logCatalog(name, `${name}: Main process exited, code=exited, status=${exitStatusName(failed.status)}`, 'unit-process-exit', { COMMAND: 'ExecStart', EXIT_CODE: 'exited', EXIT_STATUS: failed.status });
      this.logCatalog(name, `${name}: Failed with result 'exit-code'.`, 'unit-failure-result', { UNIT_RESULT: 'exit-code' });
      if (waits) this.logCatalog(name, `Failed to start ${label}.`, 'unit-failed', { JOB_ID: job, JOB_RESULT: 'failed' });
      Object.assign(state, { active: 'failed', sub: 'failed', result: 'exit-code' });
      // A oneshot's or forking service's job waits for the command; simple and exec report success once it is forked.
      if (waits) return { exit: 1, stdout: '', stderr: `${warning}Job for ${name} failed because the control process exited with error code.\nSee "systemctl status ${name}" and "journalctl -xeu ${name}" for details.\n` };
      return ok('', warning);
    }
    if (!waits) this.logCatalog(name, `Started ${label}.`, 'unit-started', { JOB_ID: job });
    if (unit.file.remainAfterExit) Object.assign(state, { active: 'active', sub: 'exited', result: 'success' });
    else {
      this.logCatalog(name, `${name}: Deactivated successfully.`, 'unit-success');
      Object.assign(state, { active: 'inactive', sub: 'dead', result: 'success' });
    }
    if (waits) this.logCatalog(name, `Finished ${label}.`, 'unit-started', { JOB_ID: job });
    return ok('', warning);
  }

  stop(name: string, exec: UnitExec): VerbResult {
    const unit = this.unit(name);
    if (!unit) return { exit: 5, stdout: '', stderr: `Failed to stop ${name}: Unit ${name} not loaded.\n` };
    const warning = this.changedOnDisk(unit) ? this.changedWarning(name) : '';
    if (unit.daemon) {
      unit.daemon.stop(this.host);
      return ok('', warning);
    }
    const state = this.state(name);
    if (state.active === 'failed') {
      // Stopping a failed unit resets it to inactive, quietly.
      Object.assign(state, { active: 'inactive', sub: 'dead' });
      return ok('', warning);
    }
    if (state.active !== 'active') return ok('', warning);
    const label = this.label(unit);
    const job = this.nextJob++;
    this.logCatalog(name, `Stopping ${label}...`, 'unit-stopping', { JOB_ID: job });
    for (const command of unit.file.execStop) {
      const process = this.execute(unit, 'ExecStop', command, exec);
      state.processes.push(process);
      if (process.status !== 0 && !command.ignoreFailure) break;
    }
    this.logCatalog(name, `${name}: Deactivated successfully.`, 'unit-success');
    this.logCatalog(name, `Stopped ${label}.`, 'unit-stopped', { JOB_ID: job, JOB_RESULT: 'done' });
    Object.assign(state, { active: 'inactive', sub: 'dead', since: this.host.clock.now, result: 'success' });
    return ok('', warning);
  }

  reload(name: string, exec: UnitExec): VerbResult {
    const unit = this.unit(name);
    if (!unit) return { exit: 5, stdout: '', stderr: `Failed to reload ${name}: Unit ${name} not found.\n` };
    const warning = this.changedOnDisk(unit) ? this.changedWarning(name) : '';
    if (this.activeState(unit) !== 'active') return { exit: 1, stdout: '', stderr: `${warning}${name} is not active, cannot reload.\n` };
    if (unit.daemon?.reload) {
      unit.daemon.reload(this.host);
      return ok('', warning);
    }
    if (unit.file.execReload.length === 0) return { exit: 1, stdout: '', stderr: `${warning}Failed to reload ${name}: Job type reload is not applicable for unit ${name}.\n` };
    const label = this.label(unit);
    const job = this.nextJob++;
    this.logCatalog(name, `Reloading ${label}...`, 'unit-reloading', { JOB_ID: job });
    for (const command of unit.file.execReload) this.state(name).processes.push(this.execute(unit, 'ExecReload', command, exec));
    this.logCatalog(name, `Reloaded ${label}.`, 'unit-reloaded', { JOB_ID: job, JOB_RESULT: 'done' });
    return ok('', warning);
  }

  /** The targets whose .wants/ directory links to the unit. */
  wantedIn(name: string): string[] {
    const dirs = this.host.fs.list(WANTS_ROOT);
    if (!dirs.ok) return [];
    return dirs.value.filter((d) => d.endsWith('.wants') && this.host.fs.stat(`${WANTS_ROOT}/${d}/${name}`, { follow: false }).ok).map((d) => d.slice(0, -'.wants'.length));
  }

  /** is-enabled's word: enabled, disabled or static; null when there is no unit file. */
  enablement(name: string): 'enabled' | 'disabled' | 'static' | null {
    const found = this.findFile(name);
    if (!found) return null;
    if (this.wantedIn(name).length > 0) return 'enabled';
    return parseUnitFile(found.text).installable ? 'disabled' : 'static';
  }

  /** systemctl enable: a symlink per WantedBy= target (the unit file as it is on disk now), then a daemon-reload. */
  enable(name: string): VerbResult {
    const found = this.findFile(name);
    if (!found) return { exit: 1, stdout: '', stderr: `Failed to enable unit: Unit file ${name} does not exist.\n` };
    const file = parseUnitFile(found.text);
    if (!file.installable) return ok('', NO_INSTALL_CONFIG);
    let stderr = '';
    for (const target of file.wantedBy) {
      const dir = `${WANTS_ROOT}/${target}.wants`;
      const link = `${dir}/${name}`;
      if (this.host.fs.stat(link, { follow: false }).ok) continue;
      this.host.fs.mkdir(dir, { parents: true });
      this.host.fs.symlink(found.path, link);
      stderr += `Created symlink ${link} → ${found.path}.\n`;
    }
    this.daemonReload();
    return ok('', stderr);
  }

  disable(name: string): VerbResult {
    if (!this.findFile(name)) return { exit: 1, stdout: '', stderr: `Failed to disable unit: Unit file ${name} does not exist.\n` };
    let stderr = '';
    for (const target of this.wantedIn(name)) {
      const link = `${WANTS_ROOT}/${target}.wants/${name}`;
      this.host.fs.remove(link);
      stderr += `Removed "${link}".\n`;
    }
    this.daemonReload();
    return ok('', stderr);
  }
}

/** What systemctl enable says of a unit without [Install] (systemctl-enable.c, systemd 252); it is not an error. */
export const NO_INSTALL_CONFIG = `The unit files have no installation config (WantedBy=, RequiredBy=, Also=,
Alias= settings in the [Install] section, and DefaultInstance= for template
units). This means they are not meant to be enabled using systemctl.
 
Possible reasons for having this kind of units are:
• A unit may be statically enabled by being symlinked from another unit's
  .wants/ or .requires/ directory.
• A unit's purpose may be to act as a helper for some other unit which has
  a requirement dependency on it.
• A unit may be started when needed via activation (socket, path, timer,
  D-Bus, udev, scripted systemctl call, ...).
• In case of template units, the unit is meant to be enabled with some
  instance name specified.
`;
