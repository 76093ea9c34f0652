// ipvsadm (ipvsadm.c with libipvs): the IPVS table of this host.
// Messages and exit statuses follow the source: fail() exits 2, popt and
// kernel errors exit 255 (main returns -1), a missing service for -L exits 1.
//
// -R: the lab shell has no stdin, so `ipvsadm -R` reads its rules from the
// file /etc/ipvsadm.rules (Debian's path), which `ipvsadm -S > /etc/ipvsadm.rules`
// writes. Without -n, addresses still print numerically (the lab has no DNS);
// ports print as /etc/services names (80 → http).
import { parseIp4 } from '../../net/addr.ts';
import { listAll, listConnections, serviceEntry, title, type ListFormat } from '../../ipvs/format.ts';
import { namedPort } from '../../ipvs/services.ts';
import type { DestSpec, IpvsError, IpvsState, ServiceSpec } from '../../ipvs/state.ts';
import type { ForwardMethod } from '../../ipvs/types.ts';
import type { Command, CommandContext } from '../context.ts';
import { literalWords } from '../script.ts';
import { popt } from './ipvsadm-options.ts';
import { USAGE, VERSION } from './ipvsadm-usage.ts';

const CMD_OF: Record<string, string> = { A: 'add-service', E: 'edit-service', D: 'delete-service', C: 'flush', L: 'list', l: 'list', a: 'add-server', d: 'delete-server', e: 'edit-server', set: 'set', 'start-daemon': 'start-daemon', 'stop-daemon': 'stop-daemon', R: 'restore', S: 'save', Z: 'zero' };
const OPT_NAMES = ['numeric', 'connection', 'service-address', 'scheduler', 'persistent', 'netmask', 'real-server', 'forwarding-method', 'weight', 'u-threshold', 'l-threshold', 'mcast-interface', 'timeout', 'daemon', 'stats', 'rate', 'thresholds', 'persistent-conn', 'nosort', 'syncid', 'exact', 'ops'];
/** commands_v_options: '+' compulsory, 'x' illegal, '1' exclusive, ' ' optional (columns in OPT_NAMES order). */
const TABLE: Record<string, string> = {
  'add-service': 'xx+   xxxxxxxxxxxxxxx ',
  'edit-service': 'xx+   xxxxxxxxxxxxxxx ',
  'delete-service': 'xx+xxxxxxxxxxxxxxxxxxx',
  flush: 'xxxxxxxxxxxxxxxxxxxxxx',
  list: ' 11xxxxxxxxx11       x',
  'add-server': 'xx+xxx+    xxxxxxxxxxx',
  'delete-server': 'xx+xxx+xxxxxxxxxxxxxxx',
  'edit-server': 'xx+xxx+    xxxxxxxxxxx',
  set: 'xxxxxxxxxxxxxxxxxxxxxx',
  'start-daemon': 'xxxxxxxxxxx xxxxxxx xx',
  'stop-daemon': 'xxxxxxxxxxxxxxxxxxx xx',
  restore: 'xxxxxxxxxxxxxxxxxxxxxx',
  save: ' xxxxxxxxxxxxxxxxxxxxx',
  zero: 'xx xxxxxxxxxxxxxxxxxxx',
};

const MAX_TIMEOUT = 86400 * 31;
const PERSISTENT_TIMEOUT = 300;

/** ipvs_strerror: the message for an errno, by the libipvs call that failed. */
const MESSAGES: Record<string, Partial<Record<IpvsError, string>>> = {
  'add-service': { EEXIST: 'Service already exists', ENOENT: 'Scheduler not found' },
  'edit-service': { ESRCH: 'No such service', ENOENT: 'Scheduler not found' },
  'delete-service': { ESRCH: 'No such service' },
  zero: { ESRCH: 'No such service' },
  'add-server': { ESRCH: 'Service not defined', EEXIST: 'Destination already exists' },
  'edit-server': { ESRCH: 'Service not defined', ENOENT: 'No such destination' },
  'delete-server': { ESRCH: 'Service not defined', ENOENT: 'No such destination' },
};
const GENERIC: Record<IpvsError, string> = {
  EINVAL: 'Invalid operation.  Possibly wrong module version, address not unicast, ...',
  ERANGE: 'Numerical result out of range',
  ESRCH: 'No such process',
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
};

/** fail() and the *_exit() helpers end the whole program, restore included. */
class Exit {
  constructor(readonly code: number) {}
}

export const ipvsadm: Command = (ctx) => {
  try {
    return run(ctx, ctx.argv, false);
  } catch (e) {
    if (e instanceof Exit) return e.code;
    throw e;
  }
};

function run(ctx: CommandContext, argv: readonly string[], readingRules: boolean): number {
  const ipvs = ctx.host.ipvs;
  const program = argv[0]!;
  const fail = (code: number, message: string): never => {
    ctx.err(`${message}\n`);
    throw new Exit(code);
  };
  const tryHelp = (): never => {
    ctx.err(`Try \`${program} -h' or '${program} --help' for more information.\n`);
    throw new Exit(255);
  };
  const now = ctx.host.clock.now;
  if (argv.length === 1) {
    ctx.out(listAll(ipvs, {}, now));
    return 0;
  }

  const parsed = popt(argv.slice(1));
  const [first, ...rest] = parsed.options;
  if (!first) return tryHelp();
  if (first.tag === 'h') {
    ctx.out(VERSION + USAGE(program));
    throw new Exit(0);
  }
  if (first.tag === 'v') {
    ctx.out(VERSION);
    throw new Exit(0);
  }
  const cmd = CMD_OF[first.tag];
  if (!cmd) return tryHelp();
  if (cmd === 'start-daemon' || cmd === 'stop-daemon') fail(2, `${program}: the connection synchronisation daemon is not simulated in this lab`);

  const svc: ServiceSpec = { proto: 'tcp', addr: 0, port: 0, fwmark: 0, schedName: '', persistent: false, timeout: 0, netmask: 0xffffffff };
  const dest: DestSpec = { addr: 0, port: 0, fwd: 'Route', weight: 1, uThreshold: 0, lThreshold: 0 };
  const fmt: ListFormat = {};
  const given = new Set<string>();
  const setOption = (name: string): void => {
    if (given.has(name)) fail(2, `multiple '${name}' options specified`);
    given.add(name);
  };
  const number = (text: string, min: number, max: number, message: string): number => {
    const n = stringToNumber(text, min, max);
    return n === null ? fail(2, message) : n;
  };
  const timeout = (text: string, min: number): number => number(text, min, MAX_TIMEOUT, `invalid timeout value \`${text}' specified`);
  const forward = (fwd: ForwardMethod): void => {
    setOption('forwarding-method');
    dest.fwd = fwd;
  };

  for (const { tag, arg, word } of rest) {
    switch (tag) {
      case 't':
      case 'u': {
        setOption('service-address');
        svc.proto = tag === 't' ? 'tcp' : 'udp';
        const s = parseService(arg!, svc.proto);
        if (!s) return fail(2, 'illegal virtual server address[:port] specified');
        svc.addr = s.addr;
        svc.port = s.port ?? 0;
        break;
      }
      case 'f':
        setOption('service-address');
        svc.proto = 'tcp';
        svc.fwmark = number(arg!, 1, 0xffffffff, `invalid fwmark value \`${arg}' specified`);
        break;
      case 's':
        setOption('scheduler');
        svc.schedName = arg!.slice(0, 15);
        break;
      case 'p':
        setOption('persistent');
        svc.persistent = true;
        svc.timeout = arg === null ? PERSISTENT_TIMEOUT : timeout(arg, 1);
        break;
      case 'M': {
        setOption('netmask');
        const mask = parseIp4(arg!);
        if (mask === null) fail(2, 'illegal virtual server persistent mask specified');
        svc.netmask = mask!;
        break;
      }
      case 'r': {
        setOption('real-server');
        const s = parseService(arg!, svc.proto);
        if (!s) return fail(2, 'illegal real server address[:port] specified');
        dest.addr = s.addr;
        // Without a port the real server takes the service's (as parsed so far).
        dest.port = s.port ?? svc.port;
        break;
      }
      case 'g':
        forward('Route');
        break;
      case 'm':
        forward('Masq');
        break;
      case 'i':
        forward('Tunnel');
        break;
      case 'w':
        setOption('weight');
        dest.weight = number(arg!, 0, 65535, 'illegal weight specified');
        break;
      case 'x':
        setOption('u-threshold');
        dest.uThreshold = number(arg!, 0, 2147483647, 'illegal u_threshold specified');
        break;
      case 'y':
        setOption('l-threshold');
        dest.lThreshold = number(arg!, 0, 2147483647, 'illegal l_threshold specified');
        break;
      case 'c':
        setOption('connection');
        break;
      case 'n':
        setOption('numeric');
        fmt.numeric = true;
        break;
      case 'mcast-interface':
        setOption('mcast-interface');
        break;
      case 'I':
        setOption('syncid');
        number(arg!, 0, 255, 'illegal syncid specified');
        break;
      case 'timeout':
      case 'daemon':
      case 'nosort':
        setOption(tag);
        if (tag === 'nosort') fmt.nosort = true;
        break;
      case 'stats':
      case 'rate':
      case 'thresholds':
        setOption(tag);
        fmt[tag] = true;
        break;
      case 'persistent-conn':
        setOption(tag);
        fmt.persistentConn = true;
        break;
      case 'sort':
        break; // the default; accepted for compatibility
      case 'X':
        setOption('exact');
        fmt.exact = true;
        break;
      case '6':
        if (!svc.fwmark) fail(2, '-6 used before -f\n');
        fail(2, `${program}: IPv6 is not simulated in this lab`);
        break;
      case 'o':
        setOption('ops');
        fail(2, `${program}: one-packet scheduling (--ops) is not simulated in this lab`);
        break;
      default:
        // A second command lands in parse_options' default case.
        fail(2, `invalid option \`${word}'`);
    }
  }
  if (parsed.error) {
    ctx.err(`${parsed.error.badOption}: ${parsed.error.text}\n`);
    return 255;
  }
  const positional = [...parsed.args];
  let timeouts: [number, number, number] | null = null;
  if (cmd === 'set') {
    if (positional.length < 3) fail(2, '--set option requires 3 timeout values');
    const [a, b, c] = positional.splice(0, 3) as [string, string, string];
    timeouts = [timeout(a, 0), timeout(b, 0), timeout(c, 0)];
  }
  if (positional.length > 0) fail(2, `unexpected argument ${positional[0]}`);

  checkOptions(cmd, given, fail);

  if (cmd === 'add-service' || cmd === 'edit-service') {
    if (!svc.fwmark && !svc.port && !svc.persistent) fail(2, 'Zero port specified for non-persistent service');
    if (svc.schedName === '') svc.schedName = 'wlc';
  }
  // DR and TUN cannot change the port: the real server gets the service's.
  if ((cmd === 'add-server' || cmd === 'edit-server') && !svc.fwmark && (dest.fwd === 'Route' || dest.fwd === 'Tunnel')) dest.port = svc.port;

  const report = (error: IpvsError | null): number => {
    if (!error) return 0;
    ctx.err(`${MESSAGES[cmd]?.[error] ?? GENERIC[error]}\n`);
    return 255;
  };

  switch (cmd) {
    case 'list':
      return list(ctx, ipvs, svc, given, fmt, fail);
    case 'save':
      ctx.out(listAll(ipvs, { ...fmt, rule: true }, now));
      return 0;
    case 'restore':
      return readingRules ? tryHelp() : restore(ctx);
    case 'flush':
      ipvs.flush();
      return 0;
    case 'set':
      ipvs.setTimeouts(...timeouts!);
      return 0;
    case 'add-service':
      return report(ipvs.addService(svc));
    case 'edit-service':
      return report(ipvs.editService(svc));
    case 'delete-service':
      return report(ipvs.deleteService(svc));
    case 'zero':
      return report(ipvs.zero(given.has('service-address') ? svc : null));
    case 'add-server':
      return report(ipvs.addDest(svc, dest));
    case 'edit-server':
      return report(ipvs.editDest(svc, dest));
    case 'delete-server':
      return report(ipvs.deleteDest(svc, dest.addr, dest.port));
  }
  return 0;
}

/** generic_opt_check. */
function checkOptions(cmd: string, given: Set<string>, fail: (code: number, message: string) => never): void {
  const row = TABLE[cmd]!;
  let last: string | null = null;
  OPT_NAMES.forEach((name, j) => {
    const rule = row[j];
    if (!given.has(name)) {
      if (rule === '+') fail(2, `You need to supply the '${name}' option for the '${cmd}' command`);
      return;
    }
    if (rule === 'x') fail(2, `Illegal '${name}' option with the '${cmd}' command`);
    if (rule === '1') {
      if (last === null) last = name;
      else fail(2, `The option '${name}' conflicts with the '${last}' option in the '${cmd}' command`);
    }
  });
}

function list(ctx: CommandContext, ipvs: IpvsState, svc: ServiceSpec, given: Set<string>, fmt: ListFormat, fail: (code: number, message: string) => never): number {
  const now = ctx.host.clock.now;
  if (['connection', 'timeout', 'daemon'].some((o) => given.has(o)) && ['stats', 'persistent-conn', 'rate', 'thresholds'].some((o) => given.has(o))) fail(2, 'options conflicts in the list command');
  if (given.has('connection')) ctx.out(listConnections(ipvs, fmt.numeric ?? false));
  else if (given.has('service-address')) {
    const found = ipvs.findService(svc);
    if (!found) fail(1, 'No such service');
    ctx.out(title(fmt) + serviceEntry(found!, fmt, now));
  } else if (given.has('timeout')) ctx.out(`Timeout (tcp tcpfin udp): ${ipvs.timeouts.listed.join(' ')}\n`);
  else if (!given.has('daemon')) ctx.out(listAll(ipvs, fmt, now));
  return 0;
}

/**
 * restore_table: one ipvsadm command per line of standard input (`ipvsadm -R
 * < /etc/ipvsadm.rules`, `ipvsadm-save | ipvsadm-restore`); the last line's
 * status is the result. At the terminal it reads end of file at once.
 */
function restore(ctx: CommandContext): number {
  const text = ctx.stdin ?? '';
  let result = 0;
  for (const line of text.split('\n')) {
    const words = literalWords(line);
    if (words.length > 0) result = run(ctx, [ctx.argv[0]!, ...words], true);
  }
  return result;
}

/** strtol with nothing after the number, in [min, max]. */
function stringToNumber(text: string, min: number, max: number): number | null {
  if (!/^\s*[+-]?\d+$/.test(text)) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
}

/** parse_service: ADDR[:PORT]; the port may be a service name. Only dotted quads: the lab has no resolver. */
function parseService(text: string, proto: string): { addr: number; port: number | null } | null {
  if (text === '' || /^\d+$/.test(text) || text.startsWith('[')) return null;
  const colon = text.lastIndexOf(':');
  const addr = parseIp4(colon >= 0 ? text.slice(0, colon) : text);
  if (addr === null) return null;
  if (colon < 0) return { addr, port: null };
  const portText = text.slice(colon + 1);
  const port = stringToNumber(portText, 0, 65535) ?? namedPort(portText, proto);
  return port === null ? null : { addr, port };
}
