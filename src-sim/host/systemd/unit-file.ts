// A systemd unit file as systemd 252 reads it (src/shared/conf-parser.c,
// src/core/load-fragment.c), for the settings the lab acts on: Description,
// Documentation, After, Type, RemainAfterExit, ExecStart, ExecStop,
// ExecReload and WantedBy. `#` and `;` start comments, a line ending in a
// backslash continues on the next, white space around `=` is dropped, an
// empty ExecStart= (or WantedBy=) empties the list, a later Type= wins.

export type ServiceType = 'simple' | 'exec' | 'oneshot' | 'forking' | 'notify' | 'dbus' | 'idle';
const SERVICE_TYPES: readonly ServiceType[] = ['simple', 'exec', 'oneshot', 'forking', 'notify', 'dbus', 'idle'];

/** One ExecStart= command: its argument vector and whether a failure is ignored (the `-` prefix). */
export interface ExecCommand {
  argv: string[];
  ignoreFailure: boolean;
  /** The setting's value as written after the prefixes, as `systemctl status` shows it. */
  text: string;
}

export interface UnitFile {
  description: string | null;
  documentation: string[];
  after: string[];
  type: ServiceType;
  remainAfterExit: boolean;
  execStart: ExecCommand[];
  execStop: ExecCommand[];
  execReload: ExecCommand[];
  wantedBy: string[];
  /** Whether [Install] names anything that enabling acts on. */
  installable: boolean;
  /** Why service_verify refuses the unit (it loads as bad-setting), in the words it logs; null when it is fine. */
  badSetting: string | null;
}

/** parse_boolean: 1/yes/y/true/t/on and their opposites, any case; anything else is not a boolean. */
export function parseBoolean(text: string): boolean | null {
  const t = text.toLowerCase();
  if (['1', 'yes', 'y', 'true', 't', 'on'].includes(t)) return true;
  if (['0', 'no', 'n', 'false', 'f', 'off'].includes(t)) return false;
  return null;
}

/** The (section, key, value) assignments of a unit file, continuation lines joined. */
function assignments(text: string): Array<{ section: string; key: string; value: string }> {
  const out: Array<{ section: string; key: string; value: string }> = [];
  let section = '';
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    // A comment inside a continued setting is skipped, the setting goes on.
    if (pending === '' && (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';'))) continue;
    if (pending !== '' && (trimmed.startsWith('#') || trimmed.startsWith(';'))) continue;
    if (trimmed.endsWith('\\')) {
      pending += `${trimmed.slice(0, -1)} `;
      continue;
    }
    const whole = (pending + trimmed).trim();
    pending = '';
    if (whole.startsWith('[') && whole.endsWith(']')) {
      section = whole.slice(1, -1);
      continue;
    }
    const eq = whole.indexOf('=');
    if (eq < 0) continue;
    out.push({ section, key: whole.slice(0, eq).trim(), value: whole.slice(eq + 1).trim() });
  }
  return out;
}

/**
 * The words of a command line as systemd splits them (extract_first_word
 * with quotes and C escapes): white space separates, '…' and "…" quote,
 * backslash escapes. Enough for the command lines of LVS tutorials.
 */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    let word = '';
    while (i < text.length && !/\s/.test(text[i]!)) {
      const c = text[i]!;
      if (c === "'" || c === '"') {
        const end = text.indexOf(c, i + 1);
        const stop = end < 0 ? text.length : end;
        word += c === '"' ? text.slice(i + 1, stop).replace(/\\(.)/g, '$1') : text.slice(i + 1, stop);
        i = stop + 1;
      } else if (c === '\\' && i + 1 < text.length) {
        const next = text[i + 1]!;
        word += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        i += 2;
      } else {
        word += c;
        i++;
      }
    }
    words.push(word);
  }
  return words;
}

/** An Exec*= value: the prefixes `-@:+!` and the command (`%%` is a percent sign). */
function execCommand(value: string): ExecCommand | null {
  let rest = value;
  let ignoreFailure = false;
  while (rest !== '' && '-@:+!'.includes(rest[0]!)) {
    if (rest[0] === '-') ignoreFailure = true;
    rest = rest.slice(1);
  }
  const argv = splitCommand(rest.replace(/%%/g, '%'));
  return argv.length === 0 ? null : { argv, ignoreFailure, text: rest };
}

export function parseUnitFile(text: string): UnitFile {
  const unit: UnitFile = { description: null, documentation: [], after: [], type: 'simple', remainAfterExit: false, execStart: [], execStop: [], execReload: [], wantedBy: [], installable: false, badSetting: null };
  let typeSet = false;
  for (const { section, key, value } of assignments(text)) {
    if (section === 'Unit') {
      if (key === 'Description') unit.description = value;
      else if (key === 'Documentation') unit.documentation = value === '' ? [] : [...unit.documentation, ...value.split(/\s+/)];
      else if (key === 'After') unit.after.push(...value.split(/\s+/).filter((w) => w !== ''));
    } else if (section === 'Service') {
      if (key === 'Type' && (SERVICE_TYPES as readonly string[]).includes(value)) {
        unit.type = value as ServiceType;
        typeSet = true;
      } else if (key === 'RemainAfterExit') unit.remainAfterExit = parseBoolean(value) ?? unit.remainAfterExit;
      else if (key === 'ExecStart' || key === 'ExecStop' || key === 'ExecReload') {
        const list = key === 'ExecStart' ? unit.execStart : key === 'ExecStop' ? unit.execStop : unit.execReload;
        if (value === '') list.length = 0;
        else {
          const command = execCommand(value);
          if (command) list.push(command);
        }
      }
    } else if (section === 'Install') {
      if (key === 'WantedBy') {
        if (value === '') unit.wantedBy = [];
        else unit.wantedBy.push(...value.split(/\s+/).filter((w) => w !== ''));
      }
      if (['WantedBy', 'RequiredBy', 'UpheldBy', 'Also', 'Alias'].includes(key) && value !== '') unit.installable = true;
    }
  }
  // A service with no ExecStart= and no Type= is a oneshot (service_add_extras).
  if (!typeSet && unit.execStart.length === 0) unit.type = 'oneshot';
  unit.badSetting = verify(unit);
  return unit;
}

/** service_verify (src/core/service.c, systemd 252). */
function verify(unit: UnitFile): string | null {
  if (unit.execStart.length === 0 && unit.execStop.length === 0) return 'Service has no ExecStart=, ExecStop=, or SuccessAction=. Refusing.';
  if (unit.type !== 'oneshot' && unit.execStart.length === 0) return 'Service has no ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.';
  if (unit.type !== 'oneshot' && unit.execStart.length > 1) return 'Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.';
  return null;
}
