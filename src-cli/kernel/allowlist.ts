// What the kernel runner lets a scenario step run, as root, inside a host's
// network namespace. An ALLOWLIST of the tools and forms the scenario format
// names (docs/kernel-runner-safety.md): each simple command's argument vector
// is checked here, after the shell words are expanded, right before it is
// spawned (run-step.ts), and once before the run with what is already known
// (refusalReasons in safety.ts). Nothing here runs a shell.
//
// Why each rule: the namespace separates the network, not the file system,
// the processes or the machine-wide sysctls. So a tool may only touch files
// the lab owns (the host's scratch directory, /proc/sys/net, /proc/net,
// /sys/class/net of its own namespace), no option that reads or writes other
// files, runs programs or reaches another namespace is allowed, and sysctl
// writes stay under net.* (kernel.*, vm.* … are shared with the machine).
import { getopt, type GetoptConfig, type OptionSpec } from '../../src-sim/shell/getopt.ts';

/** Why an argument vector may not run (one sentence), or null when it may. */
export type ArgvCheck = (args: string[]) => string | null;

/** A file name of the host's own scratch directory (the step's working directory). */
const SCRATCH_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** Directories of the namespace's own kernel state that tools may read. */
const READABLE_ROOTS = ['/proc/sys/net/', '/proc/net/', '/sys/class/net/'];

/** True when `path` is a plain absolute path under `root` with no `..`, `.` or empty segment. */
function isUnder(path: string, root: string): boolean {
  if (!path.startsWith(root) || !/^[A-Za-z0-9._:/@-]+$/.test(path)) return false;
  return path
    .slice(root.length)
    .split('/')
    .every((segment) => segment !== '..' && segment !== '.' && segment !== '');
}

export function isScratchName(path: string): boolean {
  return SCRATCH_NAME.test(path);
}

/** Why a tool may not read `path` (null: it may). */
export function readProblem(path: string): string | null {
  if (path === '-' || isScratchName(path) || READABLE_ROOTS.some((root) => isUnder(path, root))) return null;
  return `may read only /proc/sys/net, /proc/net, /sys/class/net and the host's scratch files (plain names like notes.txt), not ${JSON.stringify(path)}`;
}

/** Where a `>`/`>>`/`2>` redirection goes: nowhere, a scratch file, or a sysctl of the namespace. */
export type RedirectTarget = { kind: 'null' } | { kind: 'scratch'; name: string } | { kind: 'proc-sys'; path: string };

export function redirectTarget(path: string): RedirectTarget | string {
  if (path === '/dev/null') return { kind: 'null' };
  if (isScratchName(path)) return { kind: 'scratch', name: path };
  if (isUnder(path, '/proc/sys/net/')) return { kind: 'proc-sys', path };
  return `a redirection may write only to /proc/sys/net/…, /dev/null or a scratch file of the host (a plain name like out.txt), not ${JSON.stringify(path)}`;
}

const flags = (letters: string): OptionSpec[] => [...letters].map((letter) => ({ name: letter, short: letter, arg: 'none' as const }));
const valued = (letters: string): OptionSpec[] => [...letters].map((letter) => ({ name: letter, short: letter, arg: 'required' as const }));
const long = (name: string, arg: OptionSpec['arg'] = 'none', short?: string): OptionSpec => ({ name: short ?? name, long: name, arg, ...(short ? { short } : {}) });

/**
 * Checks options against `config` (the tool's own getopt letters minus the
 * dangerous ones) and hands the operands to `operands`. An option outside the
 * list is refused by name.
 */
function withOptions(tool: string, config: GetoptConfig, operands: (operands: string[], options: Map<string, string | null>) => string | null = () => null): ArgvCheck {
  return (args) => {
    const parsed = getopt(args, config);
    if (parsed.error) {
      if (parsed.error.kind === 'unknown') {
        const option = 'short' in parsed.error ? `-${parsed.error.short}` : `--${parsed.error.long}`;
        return `option ${option} of ${tool} is not one the kernel runner allows`;
      }
      // A missing or ambiguous argument: the tool itself says so, harmlessly.
      return null;
    }
    return operands(parsed.operands, new Map(parsed.options.map((o) => [o.name, o.arg])));
  };
}

const anyOperands = (): null => null;

function readableFiles(tool: string, files: string[]): string | null {
  for (const file of files) {
    const problem = readProblem(file);
    if (problem) return `${tool} ${problem}`;
  }
  return null;
}

// --- iproute2 ---------------------------------------------------------------

/** ip.c's table of objects, in its order: `ip OBJ` runs the first whose name starts with OBJ. */
const IP_OBJECTS = [
  'address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl', 'link', 'l2tp', 'fou', 'ila', 'macsec',
  'tunnel', 'tunl', 'tuntap', 'tap', 'token', 'tcpmetrics', 'tcp_metrics', 'monitor', 'xfrm', 'mroute', 'mrule', 'netns', 'netconf', 'vrf',
  'sr', 'nexthop', 'mptcp', 'ioam', 'stats', 'help',
];
/** Objects that only look at or change the namespace's own addresses, links, routes and neighbours. */
const IP_ALLOWED_OBJECTS = new Set(['address', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'link', 'netconf', 'help']);
/** Global options that neither read a batch file, nor switch namespace, nor resolve names. */
const IP_ALLOWED_OPTIONS = new Set(['-4', '-s', '-stats', '-statistics', '-d', '-details', '-o', '-oneline', '-br', '-brief', '-j', '-json', '-p', '-pretty', '-c', '-color']);

const checkIp: ArgvCheck = (args) => {
  let k = 0;
  for (; k < args.length && args[k]!.startsWith('-'); k++) {
    const option = args[k]!.startsWith('--') ? args[k]!.slice(1) : args[k]!;
    if (!IP_ALLOWED_OPTIONS.has(option)) return `option ${args[k]} of ip is not one the kernel runner allows (no -n/-netns, -b/-batch, -force, -resolve)`;
  }
  const word = args[k];
  if (word === undefined) return null;
  const object = IP_OBJECTS.find((full) => full.startsWith(word));
  if (object === undefined) return null; // ip says "Object … is unknown" itself.
  if (!IP_ALLOWED_OBJECTS.has(object)) return `"ip ${word}" (${object}) is not one of the ip objects the kernel runner allows (address, link, route, rule, neigh, maddress, netconf)`;
  // `ip link set DEV netns PID|NAME` and `… peer … netns …` move a device out of the lab.
  const netns = args.slice(k + 1).find((a) => a.startsWith('netns'));
  if (netns !== undefined) return `"${netns}" would move a device to another network namespace`;
  return null;
};

// --- procps sysctl -----------------------------------------------------------

/** A sysctl key in dotted or slashed form, without `..`: net.* are the namespace's own. */
export function sysctlKeyProblem(key: string, write: boolean): string | null {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.:/@-]*$/.test(key) || key.split(/[./]/).some((part) => part === '')) return `sysctl key ${JSON.stringify(key)} is not a plain key`;
  if (write && !/^net[./]/.test(key)) return `sysctl may write only net.* keys (the namespace's own), not ${JSON.stringify(key)}`;
  return null;
}

const checkSysctl = withOptions(
  'sysctl',
  { permute: true, options: [...flags('aAXeNnqwbo'), ...valued('r'), long('all', 'none', 'a'), long('values', 'none', 'n'), long('names', 'none', 'N'), long('quiet', 'none', 'q'), long('write', 'none', 'w'), long('ignore', 'none', 'e'), long('binary', 'none', 'b'), long('pattern', 'required', 'r')] },
  (operands, options) => {
    for (const operand of operands) {
      const eq = operand.indexOf('=');
      const write = eq >= 0 || options.has('w');
      const problem = sysctlKeyProblem(eq >= 0 ? operand.slice(0, eq) : operand, write);
      if (problem) return problem;
    }
    return null;
  },
);

// --- text tools (pipelines of the scripts issue) -----------------------------

/** `head -5`, `tail -3`: the obsolete count form, read as -n. */
function obsoleteCount(args: string[]): string[] {
  return args.length > 0 && /^-\d+$/.test(args[0]!) ? ['-n', args[0]!.slice(1), ...args.slice(1)] : args;
}

function checkAwk(args: string[]): string | null {
  const parsed = getopt(args, { permute: false, options: valued('Fv') });
  if (parsed.error) return parsed.error.kind === 'unknown' ? `option ${parsed.error.word} of awk is not one the kernel runner allows (only -F and -v; no -f)` : null;
  const [program, ...rest] = parsed.operands;
  if (program === undefined) return null;
  // Strings are data; what is left must not run programs or open files.
  const code = program.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const found = /\b(system|getline|close|fflush)\b/.exec(code) ?? /\|/.exec(code.replace(/\|\|/g, '')) ?? /\bprintf?\b[^;}\n]*>/.exec(code);
  if (found) return `awk programs may not run commands or redirect (${JSON.stringify(found[0])})`;
  return readableFiles('awk', rest.filter((a) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(a)));
}

function checkSed(args: string[]): string | null {
  const parsed = getopt(args, { permute: true, options: [...flags('nErsz'), ...valued('e'), { name: 'i', short: 'i', arg: 'optional' }, long('quiet', 'none', 'n'), long('regexp-extended', 'none', 'E'), long('expression', 'required', 'e'), long('in-place', 'optional', 'i'), long('sandbox')] });
  if (parsed.error) return parsed.error.kind === 'unknown' ? `option ${parsed.error.word} of sed is not one the kernel runner allows (no -f)` : null;
  const files = parsed.options.some((o) => o.name === 'e') ? parsed.operands : parsed.operands.slice(1);
  if (parsed.options.some((o) => o.name === 'i')) {
    const outside = files.find((f) => !isScratchName(f));
    if (outside !== undefined) return `sed -i may edit only the host's scratch files, not ${JSON.stringify(outside)}`;
  }
  return readableFiles('sed', files);
}

function checkGrep(args: string[]): string | null {
  const check = withOptions(
    'grep',
    { permute: true, options: [...flags('EFGiyvncwoxqshHlLbaIz'), ...valued('ABCme'), long('color', 'optional'), long('colour', 'optional'), long('count', 'none', 'c'), long('invert-match', 'none', 'v'), long('line-number', 'none', 'n'), long('ignore-case', 'none', 'i'), long('word-regexp', 'none', 'w'), long('only-matching', 'none', 'o'), long('extended-regexp', 'none', 'E'), long('quiet', 'none', 'q'), long('regexp', 'required', 'e')] },
    (operands, options) => readableFiles('grep', options.has('e') ? operands : operands.slice(1)),
  );
  return check(args);
}

// --- curl ----------------------------------------------------------------------

// curl runs for real (/usr/bin/curl) but only with the options the simulator
// models, to http:// URLs of IPv4 literals or localhost, writing no file.
const CURL_FLAGS = new Set(['s', 'S', 'v', 'i', 'I', '4', 'f', 'silent', 'show-error', 'verbose', 'include', 'head', 'ipv4', 'fail']);
const CURL_VALUES = new Set(['m', 'max-time', 'connect-timeout', 'o', 'output', 'w', 'write-out', 'H', 'header']);
const CURL_URL_RE = /^(?:http:\/\/|https:\/\/)?(\d{1,3}(?:\.\d{1,3}){3}|localhost)(?::\d{1,5})?(?:[/?#][A-Za-z0-9._~/?#=&%+:@!,-]*)?$/;
const CURL_ALLOWED = '-s -S -v -i -I -f -m --connect-timeout -o /dev/null -w -H';

function curlValueProblem(name: string, value: string | undefined): string | null {
  const option = `${name.length === 1 ? '-' : '--'}${name}`;
  if (value === undefined) return `curl option ${option} needs a value`;
  if ((name === 'm' || name === 'max-time' || name === 'connect-timeout') && !/^\d+(\.\d+)?$/.test(value)) return `curl's ${option} takes seconds (a number), got ${JSON.stringify(value)}`;
  if ((name === 'o' || name === 'output') && value !== '/dev/null' && value !== '-') return `curl may write only to /dev/null or stdout on the shared kernel (-o ${value})`;
  if ((name === 'w' || name === 'write-out' || name === 'H' || name === 'header') && value.startsWith('@')) return `curl may not read files on the shared kernel (${option} ${value})`;
  return null;
}

/** Why a curl argument vector (without "curl") cannot run on the shared kernel (empty: fine). */
export function curlArgvProblems(args: readonly string[]): string[] {
  const problems: string[] = [];
  let urls = 0;
  for (let a = 0; a < args.length; a++) {
    const text = args[a]!;
    if (text.startsWith('--') && text.length > 2) {
      const name = text.slice(2);
      if (CURL_FLAGS.has(name)) continue;
      if (CURL_VALUES.has(name)) {
        const p = curlValueProblem(name, args[++a]);
        if (p) problems.push(p);
        continue;
      }
      problems.push(`curl option ${text} is not one the kernel runner allows (${CURL_ALLOWED})`);
    } else if (text.startsWith('-') && text.length > 1) {
      for (let j = 1; j < text.length; j++) {
        const letter = text[j]!;
        if (CURL_FLAGS.has(letter)) continue;
        if (CURL_VALUES.has(letter)) {
          const p = curlValueProblem(letter, j + 1 < text.length ? text.slice(j + 1) : args[++a]);
          if (p) problems.push(p);
          break;
        }
        problems.push(`curl option -${letter} is not one the kernel runner allows (${CURL_ALLOWED})`);
        break;
      }
    } else {
      urls++;
      if (!CURL_URL_RE.test(text)) problems.push(`curl's URL ${JSON.stringify(text)} is not http:// to an IPv4 address or localhost`);
    }
  }
  if (urls === 0) problems.push('curl needs a URL');
  return problems;
}

// --- the table ---------------------------------------------------------------

const TOOLS = new Map<string, ArgvCheck>([
  ['ip', checkIp],
  // net-tools work through ioctls on the namespace's own devices and routes; no file options.
  ['ifconfig', () => null],
  ['route', () => null],
  ['arp', withOptions('arp', { permute: true, options: [...flags('andsevDNV'), ...valued('AHipt'), long('all', 'none', 'a'), long('numeric', 'none', 'n'), long('delete', 'none', 'd'), long('set', 'none', 's'), long('verbose', 'none', 'v'), long('device', 'required', 'i'), long('hw-type', 'required', 'H'), long('use-device', 'none', 'D')] }, anyOperands)],
  // iputils arping: getopt "h?bfDUAqc:w:i:s:I:V0"; it opens no file.
  ['arping', withOptions('arping', { permute: true, options: [...flags('hbfDUAqV0'), ...valued('cwisI')] }, anyOperands)],
  // iputils ping without -f (flood).
  ['ping', withOptions('ping', { permute: true, options: [...flags('4aAbBdDhLnOqrRUvV'), ...valued('cWwiIlmMpQsStT')] }, anyOperands)],
  ['sysctl', checkSysctl],
  ['curl', (args) => curlArgvProblems(args)[0] ?? null],
  ['echo', () => null],
  ['sleep', (args) => (args.every((a) => /^\d+(\.\d+)?[smh]?$/.test(a)) ? null : 'sleep takes only durations (seconds) here')],
  ['seq', withOptions('seq', { permute: true, options: [...flags('w'), ...valued('sf')] }, (operands) => (operands.every((o) => /^-?\d+(\.\d+)?$/.test(o)) ? null : 'seq takes only numbers here'))],
  ['cat', withOptions('cat', { permute: true, options: flags('AbeEnstTuv') }, (files) => readableFiles('cat', files))],
  ['grep', checkGrep],
  ['head', (args) => withOptions('head', { permute: true, options: [...flags('qvz'), ...valued('nc')] }, (files) => readableFiles('head', files))(obsoleteCount(args))],
  ['tail', (args) => withOptions('tail', { permute: true, options: [...flags('qvz'), ...valued('nc')] }, (files) => readableFiles('tail', files))(obsoleteCount(args))],
  ['wc', withOptions('wc', { permute: true, options: flags('lwcmL') }, (files) => readableFiles('wc', files))],
  ['sort', withOptions('sort', { permute: true, options: [...flags('nrubfghMVsd'), ...valued('kt')] }, (files) => readableFiles('sort', files))],
  ['uniq', withOptions('uniq', { permute: true, options: [...flags('cdui'), ...valued('fsw')] }, (files) => (files.length > 1 ? 'uniq may not write an output file here (one input at most)' : readableFiles('uniq', files)))],
  ['cut', withOptions('cut', { permute: true, options: [...flags('sn'), ...valued('dfcb'), long('complement'), long('only-delimited', 'none', 's'), long('output-delimiter', 'required')] }, (files) => readableFiles('cut', files))],
  ['tr', withOptions('tr', { permute: true, options: flags('cCdst') }, anyOperands)],
  ['awk', checkAwk],
  ['sed', checkSed],
  // Socket and interface listings of the namespace (from /proc/net and netlink). Not: ss -K (kills
  // sockets), -N (another namespace), -F/-D (files); netstat -c (runs forever).
  ['ss', withOptions('ss', { permute: true, options: flags('tualnH4rpexwmio') }, anyOperands)],
  ['netstat', withOptions('netstat', { permute: true, options: flags('tualnpreiWv4') }, (operands) => (operands.length > 0 ? 'netstat takes only options here' : null))],
  // hostname only prints: setting it would change the machine's name (a netns shares the UTS namespace).
  ['hostname', withOptions('hostname', { permute: true, options: flags('Iis') }, (operands) => (operands.length > 0 ? 'hostname may only print here (-I, -i, -s), not set a name' : null))],
  ['printf', () => null],
  // tee writes what it reads to /proc/sys/net, /dev/null or a scratch file (the redirection targets).
  ['tee', withOptions('tee', { permute: true, options: flags('ai') }, (files) => files.map((f) => redirectTarget(f)).find((t): t is string => typeof t === 'string') ?? null)],
]);

/**
 * tcpdump, which the runner starts only as a background job (jobs.ts): the
 * options that decode and print, on the namespace's own interfaces, and a
 * filter expression. Not: -w/-r/-F/-V (files), -z (runs a program), -Z,
 * -C/-G/-W (file rotation), -E (a secret), -m/-M, -I (monitor mode), -j/-J,
 * -D/-L (lists), -B.
 */
export const checkTcpdump: ArgvCheck = withOptions('tcpdump', { permute: true, options: [...flags('AdeflnNOpqStuvxX#K'), ...valued('cisQyT'), long('number', 'none', '#'), long('immediate-mode')] }, anyOperands);

/** The tools a step may run, for messages and the documentation. */
export const ALLOWED_TOOLS: readonly string[] = [...TOOLS.keys()];

/**
 * Why the kernel runner will not run this argument vector (one sentence
 * naming the word), or null. `argv[0]` must be a bare tool name: a path
 * (`/bin/sh`, `./x`) is refused like any tool outside the list.
 */
export function argvProblem(argv: readonly string[]): string | null {
  const [name, ...args] = argv;
  if (name === undefined) return null;
  const check = TOOLS.get(name);
  if (!check) return `"${name}" is not a command the kernel runner runs (it runs only ${ALLOWED_TOOLS.join(', ')})`;
  return check(args);
}

/** The argument vector as spawned: sed always runs with --sandbox (no e, r, w commands). */
export function spawnArgv(argv: readonly string[]): string[] {
  return argv[0] === 'sed' ? ['sed', '--sandbox', ...argv.slice(1)] : [...argv];
}
