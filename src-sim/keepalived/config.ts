// keepalived.conf as keepalived 2.2.7 reads it. keepalived parses the file
// once per process, each with its own keywords active (the parent:
// global_defs; the checker: virtual_server; VRRP: vrrp_instance and
// vrrp_script; BFD: none of ours), and each reports what it does not know at
// the top level: `keepalived -t` prints those passes in that order, which is
// why one stray top-level word is reported four times. Messages and their
// severities are lib/parser.c's, vrrp_parser.c's and global_parser.c's.
import { parseIp4, type Ip4 } from '../net/addr.ts';
import type { Scope } from '../host/device.ts';
import { readConfigLines, type ConfigLine, type ConfigSource } from './lines.ts';

export const DEFAULT_CONFIG_FILE = '/etc/keepalived/keepalived.conf';

/** config_err_t, in its order: exit status of `keepalived -t` follows the largest one reported. */
export const ConfigError = {
  ok: 0,
  fileNotFound: 1,
  badIf: 2,
  fatal: 3,
  multipleFiles: 4,
  unknownKeyword: 5,
  unexpectedBob: 6,
  missingBob: 7,
  unexpectedEob: 8,
  missingEob: 9,
  unmatchedQuote: 10,
  missingParameter: 11,
  invalidNumber: 12,
  generalError: 13,
  warning: 14,
  deprecated: 15,
  securityError: 16,
} as const;
export type ConfigErrorLevel = (typeof ConfigError)[keyof typeof ConfigError];

export type ConfigPass = 'parent' | 'checker' | 'vrrp' | 'bfd';
const PASSES: readonly ConfigPass[] = ['parent', 'checker', 'vrrp', 'bfd'];

export interface ConfigMessage {
  pass: ConfigPass;
  level: ConfigErrorLevel;
  text: string;
}

export interface GlobalDefs {
  routerId: string | null;
  /** Seconds between becoming MASTER and the second burst of gratuitous ARPs (VRRP_GARP_DELAY: 5). */
  garpMasterDelay: number;
  garpMasterRepeat: number;
  /** Seconds between refresh bursts while MASTER; 0: none. */
  garpMasterRefresh: number;
  garpMasterRefreshRepeat: number;
  /** Seconds between two gratuitous ARPs of a burst (0: back to back). */
  garpInterval: number;
  enableScriptSecurity: boolean;
  scriptUser: string | null;
}

export interface VirtualAddress {
  ip: Ip4;
  prefixLen: number;
  /** Absent: the instance's interface. */
  dev: string | null;
  label: string | null;
  scope: Scope;
}

export interface VrrpScriptConfig {
  name: string;
  script: string | null;
  interval: number;
  timeout: number | null;
  weight: number;
  rise: number;
  fall: number;
  user: string | null;
}

export interface VrrpInstanceConfig {
  name: string;
  /** `state MASTER` only lets the instance start as master when it owns the addresses; keepalived starts BACKUP otherwise. */
  state: 'MASTER' | 'BACKUP' | null;
  interface: string | null;
  vrid: number | null;
  priority: number;
  /** Seconds (keepalived keeps centiseconds). */
  advertInt: number;
  nopreempt: boolean;
  /** Seconds. */
  preemptDelay: number;
  authType: 'PASS' | 'AH' | null;
  /** At most 8 characters (sizeof auth_data). */
  authPass: string;
  virtualAddresses: VirtualAddress[];
  unicastSrcIp: Ip4 | null;
  unicastPeers: Ip4[];
  trackInterfaces: Array<{ name: string; weight: number }>;
  trackScripts: Array<{ name: string; weight: number | null }>;
  notify: { master: string | null; backup: string | null; fault: string | null; stop: string | null; any: string | null };
  /** Per-instance garp_master_* (null: the global_defs value). */
  garpMasterDelay: number | null;
  garpMasterRepeat: number | null;
  garpMasterRefresh: number | null;
}

/** The checker settings a virtual server and a real server can give their checkers (null: inherited). */
export interface CheckerDefaults {
  /** Seconds. */
  connectTimeout: number | null;
  retry: number | null;
  /** Seconds. */
  delayBeforeRetry: number | null;
  /** Seconds. */
  delayLoop: number | null;
}

export interface CheckerConfig {
  kind: 'TCP_CHECK' | 'HTTP_GET' | 'MISC_CHECK';
  /** The block's keywords as written (connect_port, connect_timeout, retry, …); check.ts reads them. */
  settings: Record<string, string[]>;
  urls: Array<Record<string, string>>;
}

export interface RealServerConfig extends CheckerDefaults {
  ip: Ip4;
  port: number;
  weight: number;
  /** null: the virtual server's. */
  inhibitOnFailure: boolean | null;
  checkers: CheckerConfig[];
}

export interface VirtualServerConfig extends CheckerDefaults {
  ip: Ip4 | null;
  port: number;
  fwmark: number | null;
  /** Seconds (KEEPALIVED_DEFAULT_DELAY: 60). */
  delayLoop: number;
  /** Seconds (5 unless set). */
  connectTimeout: number;
  lbAlgo: string;
  lbKind: 'DR' | 'NAT' | 'TUN';
  persistenceTimeout: number | null;
  protocol: 'TCP' | 'UDP' | null;
  sorryServer: { ip: Ip4; port: number } | null;
  inhibitOnFailure: boolean;
  /** The sum of live weights below which the sorry server takes over. */
  quorum: number;
  realServers: RealServerConfig[];
}

export interface KeepalivedConfig {
  global: GlobalDefs;
  scripts: VrrpScriptConfig[];
  instances: VrrpInstanceConfig[];
  virtualServers: VirtualServerConfig[];
  /** have_vrrp_config: a vrrp_instance block (the VRRP process is started only then). */
  haveVrrpConfig: boolean;
  /** have_checker_config: a virtual_server block (the checker process is started only then). */
  haveCheckerConfig: boolean;
}

export interface ParsedConfig {
  config: KeepalivedConfig;
  /** Every message, pass by pass, as `keepalived -t` prints them. */
  messages: ConfigMessage[];
  /** The largest ConfigError reported (what `keepalived -t` exits by). */
  status: ConfigErrorLevel;
}

export interface ParseOptions {
  /** The host's interface names (keepalived looks them up as it parses). */
  interfaces: readonly string[];
  /** `keepalived -t`: number errors read without "WARNING - ". */
  configTest: boolean;
}

function noCheckerDefaults(): CheckerDefaults {
  return { connectTimeout: null, retry: null, delayBeforeRetry: null, delayLoop: null };
}

function defaultGlobal(): GlobalDefs {
  return { routerId: null, garpMasterDelay: 5, garpMasterRepeat: 5, garpMasterRefresh: 0, garpMasterRefreshRepeat: 1, garpInterval: 0, enableScriptSecurity: false, scriptUser: null };
}

function newInstance(name: string): VrrpInstanceConfig {
  return {
    name, state: null, interface: null, vrid: null, priority: 100, advertInt: 1, nopreempt: false, preemptDelay: 0,
    authType: null, authPass: '', virtualAddresses: [], unicastSrcIp: null, unicastPeers: [], trackInterfaces: [], trackScripts: [],
    notify: { master: null, backup: null, fault: null, stop: null, any: null }, garpMasterDelay: null, garpMasterRepeat: null, garpMasterRefresh: null,
  };
}

/** A keyword of a block: a value handler, or a sub-block (`block` gives the keywords inside, `lines` takes its raw lines). */
interface Keyword {
  value?: (line: ConfigLine) => void;
  block?: (line: ConfigLine) => KeywordTable;
  /** A block whose lines are values, not keywords (virtual_ipaddress, unicast_peer, track_interface). */
  lines?: (line: ConfigLine) => (line: ConfigLine) => void;
  /** Parsed by this pass only; in another pass the keyword is known but its block skipped. */
  pass?: ConfigPass;
}
type KeywordTable = Record<string, Keyword>;

/** Parses the configuration file `file` (and its includes) as keepalived 2.2.7 does. */
export function parseKeepalivedConfig(source: ConfigSource, file: string, options: ParseOptions): ParsedConfig {
  const lines = readConfigLines(source, file);
  const messages: ConfigMessage[] = [];
  let status: ConfigErrorLevel = ConfigError.ok;
  const config: KeepalivedConfig = { global: defaultGlobal(), scripts: [], instances: [], virtualServers: [], haveVrrpConfig: false, haveCheckerConfig: false };
  let pass: ConfigPass = 'parent';
  let at: ConfigLine | null = null;

  const report = (level: ConfigErrorLevel, text: string): void => {
    // The parent process has not named the main file yet: its lines are "(Line N)".
    const where = at ? (pass === 'parent' && at.mainFile ? `(Line ${at.line}) ` : `(${at.file}: Line ${at.line}) `) : '';
    messages.push({ pass, level, text: where + text });
    if (level > status) status = level;
  };
  const warn = options.configTest ? '' : 'WARNING - ';

  const missing = (line: ConfigLine, position: number): void => {
    report(ConfigError.missingParameter, `*** Configuration line starting \`${line.words[0]}\` is missing a parameter after keyword \`${line.words[position - 1]}\` at word position ${position + 1}`);
  };
  const word = (line: ConfigLine, position: number): string | null => {
    const w = line.words[position];
    if (w === undefined) missing(line, position);
    return w ?? null;
  };
  /** read_unsigned_strvec: strtoul, then the range. */
  const unsigned = (text: string, min: number, max: number): number | null => {
    if (text.trimStart().startsWith('-')) report(ConfigError.invalidNumber, `${warn}negative number '${text}'`);
    else if (!/^\s*(\d+)$/.test(text)) report(ConfigError.invalidNumber, `${warn}invalid number '${text}'`);
    else {
      const value = Number(text);
      if (value > 0xffffffff) report(ConfigError.invalidNumber, `${warn}number '${text}' outside unsigned integer range`);
      else if (value < min || value > max) report(ConfigError.invalidNumber, `${warn}number '${text}' outside range [${min}, ${max}]`);
      else return value;
    }
    return null;
  };
  /** read_int_strvec. */
  const integer = (text: string, min: number, max: number): number | null => {
    if (!/^\s*[-+]?\d+$/.test(text)) report(ConfigError.invalidNumber, `${warn}invalid number '${text}'`);
    else {
      const value = Number(text);
      if (value < min || value > max) report(ConfigError.invalidNumber, `number '${text}' outside range [${min}, ${max}]`);
      else return value;
    }
    return null;
  };
  /** read_decimal_unsigned_strvec with TIMER_HZ_DIGITS (6) places, in seconds. */
  const decimal = (text: string, min: number, max: number): number | null => {
    const range = `[${min.toFixed(6)}, ${max.toFixed(6)}]`;
    if (text.startsWith('-')) {
      report(ConfigError.invalidNumber, `${warn}negative number '${text}'`);
      return null;
    }
    if (!/^\d*(\.\d*)?$/.test(text) || text === '' || text === '.') {
      report(ConfigError.invalidNumber, `${warn}invalid number '${text}'`);
      return null;
    }
    const dp = text.indexOf('.');
    if (dp >= 0 && text.length - dp - 1 > 6) report(ConfigError.invalidNumber, `${warn}number '${text}' has too many decimal places`);
    const value = Math.round(Number(text) * 1e6) / 1e6;
    if (value < min || value > max) {
      report(ConfigError.invalidNumber, `${warn}number '${text}' outside range ${range}`);
      return null;
    }
    return value;
  };
  const setWord = (line: ConfigLine, set: (w: string) => void): void => {
    const w = word(line, 1);
    if (w !== null) set(w);
  };

  // ---------- global_defs (the parent's pass)
  const g = config.global;
  const unsignedGlobal = (name: string, set: (n: number) => void, min = 0, max = 0xffffffff, repeat = false) => (line: ConfigLine) => {
    const w = word(line, 1);
    if (w === null) return;
    const n = unsigned(w, min, max);
    if (n === null) report(ConfigError.generalError, `${name === 'vrrp_garp_master_refresh' ? `Invalid ${name} '${w}'` : `${name} '${w}' invalid`} - ignoring`);
    else if (repeat && n === 0) {
      report(ConfigError.generalError, `${name} must be greater than 0, setting to 1`);
      set(1);
    } else set(n);
  };
  const globalDefs: KeywordTable = {
    router_id: { value: (line) => (line.words.length < 2 ? report(ConfigError.generalError, 'routerid name missing - ignoring') : (g.routerId = line.words[1]!)) },
    vrrp_garp_master_delay: { value: unsignedGlobal('vrrp_garp_master_delay', (n) => (g.garpMasterDelay = n), 0, 4294) },
    vrrp_garp_master_repeat: { value: unsignedGlobal('vrrp_garp_master_repeat', (n) => (g.garpMasterRepeat = n), 0, 0xffffffff, true) },
    vrrp_garp_master_refresh: { value: unsignedGlobal('vrrp_garp_master_refresh', (n) => (g.garpMasterRefresh = n)) },
    vrrp_garp_master_refresh_repeat: { value: unsignedGlobal('vrrp_garp_master_refresh_repeat', (n) => (g.garpMasterRefreshRepeat = n), 0, 0xffffffff, true) },
    vrrp_garp_interval: {
      value: (line) => {
        const w = word(line, 1);
        if (w === null) return;
        const n = decimal(w, 0, 1);
        if (n === null) report(ConfigError.generalError, `vrrp_garp_interval '${w}' is invalid`);
        else g.garpInterval = n;
      },
    },
    enable_script_security: { value: () => (g.enableScriptSecurity = true) },
    script_user: { value: (line) => setWord(line, (w) => (g.scriptUser = w)) },
    // Kept so that common configurations read cleanly; the lab sends no mail.
    notification_email: { lines: () => () => undefined },
    notification_email_from: { value: () => undefined },
    smtp_server: { value: () => undefined },
    smtp_connect_timeout: { value: () => undefined },
    vrrp_skip_check_adv_addr: { value: () => undefined },
    vrrp_strict: { value: () => undefined },
    vrrp_iptables: { value: () => undefined },
    max_auto_priority: { value: () => undefined },
    lvs_id: { value: () => undefined },
  };

  // ---------- vrrp_script and vrrp_instance (the VRRP pass)
  const vrrpScript = (line: ConfigLine): KeywordTable => {
    const s: VrrpScriptConfig = { name: line.words[1] ?? '', script: null, interval: 1, timeout: null, weight: 0, rise: 1, fall: 1, user: null };
    config.scripts.push(s);
    const count = (key: 'rise' | 'fall') => (l: ConfigLine) => {
      const w = word(l, 1);
      if (w === null) return;
      const n = unsigned(w, 1, 0x7fffffff);
      if (n === null) report(ConfigError.generalError, `(${s.name}): vrrp script ${key} value '${w}' invalid, defaulting to 1`);
      s[key] = n ?? 1;
    };
    return {
      script: { value: (l) => (s.script = l.words.slice(1).join(' ') || null) },
      interval: {
        value: (l) => {
          const w = word(l, 1);
          if (w === null) return;
          const n = unsigned(w, 0, 4294);
          if (n === null) report(ConfigError.generalError, `(${s.name}): vrrp script interval '${w}' must be between 1 and 4294 - ignoring`);
          else if (n === 0) {
            report(ConfigError.generalError, `(${s.name}): vrrp script interval must be greater than 0, setting to 1`);
            s.interval = 1;
          } else s.interval = n;
        },
      },
      timeout: {
        value: (l) => {
          const w = word(l, 1);
          if (w === null) return;
          const n = unsigned(w, 0, 4294);
          if (n === null) report(ConfigError.generalError, `(${s.name}): vrrp script timeout '${w}' invalid - ignoring`);
          else s.timeout = n === 0 ? 1 : n;
          if (n === 0) report(ConfigError.generalError, `(${s.name}): vrrp script timeout must be greater than 0, setting to 1`);
        },
      },
      weight: {
        value: (l) => {
          const w = word(l, 1);
          if (w === null) return;
          const n = integer(w, -253, 253);
          if (n === null) report(ConfigError.generalError, `vrrp_script ${s.name} weight ${w} must be in [-253, 253]`);
          else s.weight = n;
        },
      },
      rise: { value: count('rise') },
      fall: { value: count('fall') },
      user: { value: (l) => setWord(l, (w) => (s.user = w)) },
    };
  };

  const vrrpInstance = (line: ConfigLine): KeywordTable => {
    const v = newInstance(line.words[1] ?? '');
    config.instances.push(v);
    const garp = (key: 'garpMasterDelay' | 'garpMasterRepeat' | 'garpMasterRefresh', name: string, max: number) => (l: ConfigLine) => {
      const w = word(l, 1);
      if (w === null) return;
      const n = unsigned(w, 0, max);
      if (n === null) report(ConfigError.generalError, name === 'garp_master_refresh' ? `(${v.name}): Invalid ${name} '${w}' - ignoring` : `(${v.name}): ${name} '${w}' invalid - ignoring`);
      else if (key === 'garpMasterRepeat' && n === 0) {
        report(ConfigError.generalError, `(${v.name}): garp_master_repeat must be greater than 0, setting to 1`);
        v[key] = 1;
      } else v[key] = n;
    };
    const notify = (key: keyof VrrpInstanceConfig['notify'], name: string) => (l: ConfigLine) => {
      if (v.notify[key] !== null) report(ConfigError.generalError, `(${v.name}) ${name} script already specified - ignoring ${l.words[1] ?? ''}`);
      else v.notify[key] = l.words.slice(1).join(' ') || null;
    };
    return {
      state: {
        value: (l) => {
          const w = word(l, 1);
          if (w === 'MASTER') v.state = 'MASTER';
          else if (w === 'BACKUP') {
            if (v.state === 'MASTER') report(ConfigError.generalError, `(${v.name}) state previously set as MASTER - ignoring BACKUP`);
            else v.state = 'BACKUP';
          } else if (w !== null) {
            report(ConfigError.generalError, `(${v.name}) unknown state '${w}', defaulting to BACKUP`);
            v.state = 'BACKUP';
          }
        },
      },
      interface: {
        value: (l) => {
          const w = word(l, 1);
          if (w === null) return;
          if (w.length >= 16) report(ConfigError.generalError, `Interface name '${w}' too long - ignoring`);
          else if (w === 'lo') report(ConfigError.generalError, `(${v.name}) cannot use a loopback interface (${w}) for vrrp - ignoring`);
          else {
            if (!options.interfaces.includes(w)) report(ConfigError.generalError, `WARNING - interface ${w} for vrrp_instance ${v.name} doesn't exist`);
            v.interface = w;
          }
        },
      },
      virtual_router_id: {
        value: (l) => {
          const w = word(l, 1);
          if (w === null) return;
          const n = unsigned(w, 1, 255);
          if (n === null) report(ConfigError.generalError, `(${v.name}): VRID '${w}' not valid - must be between 1 & 255`);
          else v.vrid = n;
        },
      },
      priority: {
        value: (l) => {
          const w = word(l, 1);
          if (w === null) return;
          const n = unsigned(w, 1, 255);
          if (n === null) report(ConfigError.generalError, `(${v.name}) Priority not valid! must be between 1 & 255. Using default 100`);
          v.priority = n ?? 100;
        },
      },
      advert_int: {
        value: (l) => {
          const w = word(l, 1);
          if (w === null) return;
          const n = decimal(w, 0.01, 255);
          if (n === null || n <= 0) report(ConfigError.generalError, `(${v.name}) Advert interval (${w}) not valid! Must be > 0 - ignoring`);
          else v.advertInt = n;
        },
      },
      nopreempt: { value: () => (v.nopreempt = true) },
      preempt_delay: {
        value: (l) => {
          const w = word(l, 1);
          if (w === null) return;
          const n = decimal(w, 0, 2147);
          if (n === null) report(ConfigError.generalError, `(${v.name}) Preempt_delay not valid! must be between 0-2147`);
          else v.preemptDelay = n;
        },
      },
      authentication: {
        block: () => ({
          auth_type: {
            value: (l) => {
              const w = word(l, 1);
              if (w === 'PASS' || w === 'AH') v.authType = w;
              else if (w !== null) report(ConfigError.generalError, `(${v.name}) unknown authentication type '${w}'`);
            },
          },
          auth_pass: {
            value: (l) => {
              const w = word(l, 1);
              if (w === null) return;
              if (w.length > 8) report(ConfigError.generalError, 'Truncating auth_pass to 8 characters');
              v.authPass = w.slice(0, 8);
            },
          },
        }),
      },
      virtual_ipaddress: { lines: () => (l) => parseVirtualAddress(l, v) },
      virtual_ipaddress_excluded: { lines: () => (l) => parseVirtualAddress(l, v) },
      unicast_src_ip: {
        value: (l) => {
          const w = word(l, 1);
          if (w === null) return;
          const ip = parseIp4(w);
          if (ip === null) report(ConfigError.generalError, `(${v.name}) Unicast source address '${w}' is invalid - ignoring`);
          else v.unicastSrcIp = ip;
        },
      },
      unicast_peer: {
        lines: () => (l) => {
          const ip = parseIp4(l.words[0]!);
          if (ip === null) report(ConfigError.generalError, `(${v.name}) Invalid unicast peer address ${l.words[0]}`);
          else v.unicastPeers.push(ip);
        },
      },
      track_interface: {
        lines: () => (l) => {
          const name = l.words[0]!;
          if (!options.interfaces.includes(name)) {
            report(ConfigError.generalError, `(${v.name}) tracked interface ${name} doesn't exist`);
            return;
          }
          let weight = 0;
          if (l.words[1] === 'weight' && l.words[2] !== undefined) weight = integer(l.words[2], -253, 253) ?? 0;
          v.trackInterfaces.push({ name, weight });
        },
      },
      track_script: {
        lines: () => (l) => {
          const weight = l.words[1] === 'weight' && l.words[2] !== undefined ? integer(l.words[2], -253, 253) : null;
          v.trackScripts.push({ name: l.words[0]!, weight });
        },
      },
      notify_master: { value: notify('master', 'notify_master') },
      notify_backup: { value: notify('backup', 'notify_backup') },
      notify_fault: { value: notify('fault', 'notify_fault') },
      notify_stop: { value: notify('stop', 'notify_stop') },
      notify: { value: notify('any', 'notify') },
      garp_master_delay: { value: garp('garpMasterDelay', 'garp_master_delay', 4294) },
      garp_master_repeat: { value: garp('garpMasterRepeat', 'garp_master_repeat', 0xffffffff) },
      garp_master_refresh: { value: garp('garpMasterRefresh', 'garp_master_refresh', 0xffffffff) },
      smtp_alert: { value: () => undefined },
      dont_track_primary: { value: () => undefined },
    };
  };

  /** alloc_ipaddress: ADDR[/LEN] [dev DEV] [scope SCOPE] [label LABEL] [brd ADDR]. */
  const parseVirtualAddress = (l: ConfigLine, v: VrrpInstanceConfig): void => {
    const text = l.words[0]!;
    const [addr = '', len] = text.split('/');
    const ip = parseIp4(addr);
    if (ip === null) {
      report(ConfigError.generalError, `VRRP parsed invalid IP ${text}. skipping IP...`);
      return;
    }
    let prefixLen = 32;
    if (len !== undefined) {
      const n = /^\d+$/.test(len) ? Number(len) : NaN;
      if (!(n >= 0 && n <= 32)) report(ConfigError.generalError, `Invalid address prefix len ${len} for address ${text} - using 32`);
      else prefixLen = n;
    }
    const vip: VirtualAddress = { ip, prefixLen, dev: null, label: null, scope: 'global' };
    for (let i = 1; i < l.words.length; i++) {
      const key = l.words[i]!;
      const param = l.words[i + 1];
      if (key === 'dev' || key === 'scope' || key === 'label' || key === 'brd' || key === 'broadcast') {
        if (param === undefined) {
          report(ConfigError.generalError, `No ${key} parameter specified for ${text}`);
          break;
        }
        i++;
        if (key === 'dev') {
          if (vip.dev !== null) report(ConfigError.generalError, `Cannot specify ipaddress device more than once for ${text}`);
          else if (!options.interfaces.includes(param)) report(ConfigError.generalError, `WARNING - interface ${param} for ip address ${text} doesn't exist`);
          vip.dev = param;
        } else if (key === 'scope') {
          if (param === 'global' || param === 'link' || param === 'host') vip.scope = param;
          else if (param === 'site' || param === 'nowhere') vip.scope = 'global';
          else report(ConfigError.generalError, `Invalid scope '${param}' specified for ${text} - ignoring`);
        } else if (key === 'label') {
          if (param.length > 15) {
            report(ConfigError.generalError, `Address label ${param} is longer than maximum length 15 - removing address`);
            return;
          }
          vip.label = param;
        }
      } else report(ConfigError.generalError, `Unknown configuration entry '${key}' for ip address - ignoring`);
    }
    v.virtualAddresses.push(vip);
  };

  // ---------- virtual_server (the checker's pass)
  /** The checker keywords of check_parser.c a virtual server and a real server share (read_timer: seconds, 6 decimals). */
  const checkerDefaults = (target: CheckerDefaults): KeywordTable => {
    const timer = (key: 'connectTimeout' | 'delayBeforeRetry' | 'delayLoop', name: string, min: number) => (l: ConfigLine) => {
      const w = word(l, 1);
      if (w === null) return;
      const n = decimal(w, min, 4294);
      if (n === null) report(ConfigError.generalError, `${name} '${w}' is invalid - ignoring`);
      else target[key] = n;
    };
    return {
      connect_timeout: { value: timer('connectTimeout', 'connect_timeout', 0.000001) },
      delay_before_retry: { value: timer('delayBeforeRetry', 'delay_before_retry', 0) },
      delay_loop: { value: timer('delayLoop', 'delay_loop', 0.000001) },
      retry: {
        value: (l) => {
          const w = word(l, 1);
          if (w === null) return;
          const n = unsigned(w, 0, 0xffffffff);
          if (n === null) report(ConfigError.generalError, `Invalid retry connection value '${w}'`);
          else target.retry = n;
        },
      },
    };
  };
  const realServer = (vs: VirtualServerConfig) => (line: ConfigLine): KeywordTable => {
    const rs: RealServerConfig = { ip: parseIp4(line.words[1] ?? '') ?? 0, port: Number(line.words[2] ?? 0) || 0, weight: 1, inhibitOnFailure: null, checkers: [], ...noCheckerDefaults() };
    vs.realServers.push(rs);
    const checker = (kind: CheckerConfig['kind']) => (): KeywordTable => {
      const c: CheckerConfig = { kind, settings: {}, urls: [] };
      rs.checkers.push(c);
      const setting = { value: (l: ConfigLine) => (c.settings[l.words[0]!] = l.words.slice(1)) };
      const table: KeywordTable = {};
      for (const key of ['connect_timeout', 'connect_port', 'connect_ip', 'retry', 'nb_get_retry', 'delay_before_retry', 'warmup', 'misc_path', 'misc_timeout', 'misc_dynamic', 'user', 'bindto']) table[key] = setting;
      if (kind === 'HTTP_GET') {
        table.url = {
          block: () => {
            const url: Record<string, string> = {};
            c.urls.push(url);
            const field = { value: (l: ConfigLine) => (url[l.words[0]!] = l.words.slice(1).join(' ')) };
            return { path: field, status_code: field, digest: field };
          },
        };
      }
      return table;
    };
    return {
      weight: { value: (l) => setWord(l, (w) => (rs.weight = integer(w, 0, 65535) ?? rs.weight)) },
      inhibit_on_failure: { value: () => (rs.inhibitOnFailure = true) },
      ...checkerDefaults(rs),
      TCP_CHECK: { block: checker('TCP_CHECK') },
      HTTP_GET: { block: checker('HTTP_GET') },
      MISC_CHECK: { block: checker('MISC_CHECK') },
    };
  };
  const virtualServer = (line: ConfigLine): KeywordTable => {
    const fwmark = line.words[1] === 'fwmark';
    const vs: VirtualServerConfig = {
      ip: fwmark ? null : parseIp4(line.words[1] ?? ''), port: fwmark ? 0 : Number(line.words[2] ?? 0) || 0, fwmark: fwmark ? Number(line.words[2] ?? 0) : null,
      lbAlgo: 'wlc', lbKind: 'NAT', persistenceTimeout: null, protocol: null, sorryServer: null, inhibitOnFailure: false, quorum: 1, realServers: [],
      ...noCheckerDefaults(), delayLoop: 60, connectTimeout: 5,
    };
    config.virtualServers.push(vs);
    return {
      ...checkerDefaults(vs),
      inhibit_on_failure: { value: () => (vs.inhibitOnFailure = true) },
      quorum: {
        value: (l) => {
          const w = word(l, 1);
          if (w === null) return;
          const n = unsigned(w, 1, 0xffffffff);
          if (n === null) report(ConfigError.generalError, `Invalid quorum '${w}' - using 1`);
          vs.quorum = n ?? 1;
        },
      },
      lb_algo: { value: (l) => setWord(l, (w) => (vs.lbAlgo = w)) },
      lvs_sched: { value: (l) => setWord(l, (w) => (vs.lbAlgo = w)) },
      lb_kind: {
        value: (l) => {
          const w = word(l, 1);
          if (w === 'DR' || w === 'NAT' || w === 'TUN') vs.lbKind = w;
          else if (w !== null) report(ConfigError.generalError, `unknown forwarding method ${w}`);
        },
      },
      lvs_method: { value: (l) => setWord(l, (w) => (w === 'DR' || w === 'NAT' || w === 'TUN' ? (vs.lbKind = w) : undefined)) },
      persistence_timeout: { value: (l) => (vs.persistenceTimeout = l.words[1] === undefined ? 360 : unsigned(l.words[1], 1, 0x7fffffff)) },
      protocol: {
        value: (l) => {
          const w = word(l, 1);
          if (w === 'TCP' || w === 'UDP') vs.protocol = w;
          else if (w !== null) report(ConfigError.generalError, `Unknown protocol ${w} - ignoring`);
        },
      },
      sorry_server: { value: (l) => (vs.sorryServer = { ip: parseIp4(l.words[1] ?? '') ?? 0, port: Number(l.words[2] ?? 0) || 0 }) },
      real_server: { block: realServer(vs) },
    };
  };

  const topLevel: KeywordTable = {
    global_defs: { block: () => globalDefs, pass: 'parent' },
    vrrp_script: { block: vrrpScript, pass: 'vrrp' },
    vrrp_instance: { block: vrrpInstance, pass: 'vrrp' },
    vrrp_sync_group: { lines: () => () => undefined, pass: 'vrrp' },
    virtual_server: { block: virtualServer, pass: 'checker' },
    virtual_server_group: { lines: () => () => undefined, pass: 'checker' },
  };

  /**
   * An `include` that matched nothing is read_line's to report, wherever it
   * stands (a block of addresses, a block this pass skips): the first pass
   * reports it, and no keyword ever sees it. Returns whether `line` was one.
   */
  const reportedProblem = (line: ConfigLine): boolean => {
    if (line.problem === undefined) return false;
    if (pass === 'parent') report(ConfigError.ok, line.problem);
    return true;
  };

  /** process_stream over `lines` from `start`; returns the index after the block's `}`. */
  const walk = (start: number, table: KeywordTable, depth: number): number => {
    let i = start;
    while (i < lines.length) {
      const line = lines[i]!;
      at = line;
      i++;
      if (reportedProblem(line)) continue;
      const key = line.words[0]!;
      if (key === '}') {
        if (depth > 0) return i;
        report(ConfigError.unexpectedEob, "Extra '}' found");
        continue;
      }
      if (key === '{') {
        report(ConfigError.unexpectedBob, "Unexpected '{' - ignoring");
        continue;
      }
      const keyword = Object.hasOwn(table, key) ? table[key]! : null;
      if (!keyword) {
        report(ConfigError.unknownKeyword, `Unknown keyword '${key}'`);
        continue;
      }
      const parse = keyword.pass === undefined || keyword.pass === pass;
      // vrrp_handler and vs_handler run in every process, and note that the configuration has them.
      if (key === 'vrrp_instance' && depth === 0) config.haveVrrpConfig = true;
      if (key === 'virtual_server' && depth === 0) config.haveCheckerConfig = true;
      if (keyword.value) {
        if (parse) keyword.value(line);
        continue;
      }
      const hasBlock = lines[i]?.words[0] === '{';
      if (!hasBlock) {
        if (parse) report(ConfigError.missingBob, "Missing '{' at beginning of configuration block");
        continue;
      }
      i++;
      if (!parse) {
        // skip_sublevel: a block this pass does not parse is skipped by counting braces.
        for (let open = 1; i < lines.length && open > 0; i++) {
          at = lines[i]!;
          if (!reportedProblem(lines[i]!)) open += lines[i]!.words[0] === '{' ? 1 : lines[i]!.words[0] === '}' ? -1 : 0;
        }
        continue;
      }
      if (keyword.lines) {
        const take = keyword.lines(line);
        while (i < lines.length && lines[i]!.words[0] !== '}') {
          at = lines[i]!;
          if (!reportedProblem(lines[i]!)) take(lines[i]!);
          i++;
        }
        i++;
        continue;
      }
      i = walk(i, keyword.block!(line), depth + 1);
    }
    return i;
  };

  for (const current of PASSES) {
    pass = current;
    walk(0, topLevel, 0);
    at = null;
    const unclosed = unclosedBlocks(lines);
    if (unclosed > 0) report(ConfigError.missingEob, `There are ${unclosed} missing '}'s or extra '{'s`);
    if (current === 'checker') for (const vs of config.virtualServers) validateVirtualServer(vs, report);
    if (current === 'vrrp') validateInstances(config, options, report);
  }
  return { config, messages, status };
}

/** read_line's block_depth at the end of the file: `{` opens, `}` closes (never below 0). */
function unclosedBlocks(lines: readonly ConfigLine[]): number {
  let depth = 0;
  for (const line of lines) {
    if (line.words[0] === '{') depth++;
    else if (line.words[0] === '}') depth = Math.max(0, depth - 1);
  }
  return depth;
}

function validateVirtualServer(vs: VirtualServerConfig, report: (level: ConfigErrorLevel, text: string) => void): void {
  if (vs.protocol === null && vs.fwmark === null) {
    report(ConfigError.generalError, `Virtual server [${vs.ip === null ? '' : ipText(vs.ip)}]:none:${vs.port}: no protocol set - defaulting to UDP`);
  }
}

/**
 * vrrp_complete_init: chk_min_cfg drops an instance without a VRID or an
 * interface; an instance without addresses is warned about (by
 * vrrp_complete_instance and again by the second check, so twice).
 */
function validateInstances(config: KeepalivedConfig, options: ParseOptions, report: (level: ConfigErrorLevel, text: string) => void): void {
  config.instances = config.instances.filter((v) => {
    if (v.vrid === null) {
      report(ConfigError.generalError, `(${v.name}) the virtual router id must be set`);
      return false;
    }
    if (v.interface === null && v.unicastPeers.length === 0) {
      report(ConfigError.generalError, `(${v.name}) Unknown interface!`);
      return false;
    }
    return true;
  });
  for (const v of config.instances) {
    if (v.virtualAddresses.length === 0) {
      report(ConfigError.generalError, `(${v.name}) No VIP specified; at least one is sensible`);
      report(ConfigError.warning, `(${v.name}) No VIP specified; at least one is sensible`);
    }
  }
  if (config.instances.some((v) => v.interface !== null && !options.interfaces.includes(v.interface))) {
    report(ConfigError.badIf, 'Non-existent interface specified in configuration');
  }
}

function ipText(ip: Ip4): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}
