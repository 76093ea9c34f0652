// The output rules of comparison revision 2 (shared/contracts/scenario-v1.md,
// "Comparison, revision 2"; docs/scenario-format.md in the project's words):
// which class a step's command line is in, and how its stdout is normalised
// before two observations are compared. Only what varies between two Linux
// runs of the same scenario is normalised away; everything else must match.
// Pure TypeScript, no Node imports.

/** The classes revision 2 adds; `null` = none of them (revision 1's rules apply). */
export type OutputClass = 'arping' | 'ping' | 'ip-listing' | 'ifconfig' | 'folded' | 'arp-table' | 'curl' | 'socket-table';

/** A command line with any of these is in none of revision 2's classes. */
const SHELL_META_RE = /[;&|<>`]|\$\(/;

function isPrefixOf(word: string, full: string): boolean {
  return word.length >= 1 && full.startsWith(word);
}

/** `show`, `list`, `lst` or a prefix of show/list, as iproute2's matches() reads the listing verb. */
function isListingVerb(word: string | undefined): boolean {
  return word === undefined || word === 'lst' || isPrefixOf(word, 'show') || isPrefixOf(word, 'list');
}

/** `ip [-4] [-s] [-br] [-o] addr … show` and `ip [-s] [-br] [-o] link … show` (-s: the device counters, compared too); any other option: none. */
function ipListingClass(args: string[]): OutputClass | null {
  const options: string[] = [];
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) options.push(args[i]!);
  const object = args[i];
  const verb = args[i + 1];
  if (object === undefined || !isListingVerb(verb)) return null;
  const common = (o: string): boolean => ['-br', '-brief', '-o', '-oneline', '-s', '-stats', '-statistics'].includes(o);
  if (isPrefixOf(object, 'address')) return options.every((o) => common(o) || o === '-4') ? 'ip-listing' : null;
  if (isPrefixOf(object, 'link')) return options.every(common) ? 'ip-listing' : null;
  return null;
}

/** `ip route get A [from S]` (any spelling iproute2 accepts for route and get). */
function isRouteGet(args: string[]): boolean {
  const [object, verb, target, ...rest] = args;
  if (object === undefined || !isPrefixOf(object, 'route') || verb === undefined || !isPrefixOf(verb, 'get')) return false;
  if (target === undefined || target.startsWith('-')) return false;
  return rest.length === 0 || (rest.length === 2 && rest[0] === 'from');
}

/** Which revision 2 class a step's command line is in. */
export function outputClass(run: string): OutputClass | null {
  const line = run.trim();
  if (line === '' || SHELL_META_RE.test(line)) return null;
  const [tool, ...args] = line.split(/\s+/);
  switch (tool) {
    case 'arping':
      return 'arping';
    case 'ping':
      return 'ping';
    case 'curl':
      return 'curl';
    case 'ip':
      if (isRouteGet(args)) return 'folded';
      return ipListingClass(args);
    case 'ifconfig':
      // `ifconfig`, `ifconfig -a`, `ifconfig IF`; configuring forms print nothing.
      if (args.length === 0 || (args.length === 1 && (args[0] === '-a' || !args[0]!.startsWith('-')))) return 'ifconfig';
      return null;
    case 'route':
      return args.length === 1 && args[0] === '-n' ? 'folded' : null;
    case 'arp':
      return args.length === 1 && args[0] === '-n' ? 'arp-table' : null;
    case 'hostname':
      return args.length === 1 && args[0] === '-I' ? 'folded' : null;
    case 'ss':
      return args.every((a) => /^-[tualnH4]+$/.test(a)) ? 'socket-table' : null;
    case 'netstat': {
      if (!args.every((a) => /^-[a-z]+$/.test(a))) return null;
      const letters = new Set(args.join('').replace(/-/g, ''));
      const only = (allowed: string): boolean => [...letters].every((l) => allowed.includes(l));
      if (letters.has('r')) return only('rn') && letters.has('n') ? 'folded' : null;
      if (letters.has('i')) return only('i') ? 'ip-listing' : null;
      return only('taln') && letters.has('n') ? 'socket-table' : null;
    }
    default:
      return null;
  }
}

/** The text tools whose output a pipeline's last stage can be compared by (issue 11); tee and xargs are not among them. */
const TEXT_TOOLS = new Set(['grep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'sed', 'awk', 'printf']);

/**
 * `A | B | … | TOOL` with TOOL a text tool: the stages split at each `|`
 * outside quotes. Null for any other shell syntax (`||`, `;`, `&`, `<`, `>`,
 * backquotes, `$(`), which keeps the line out of the pipeline rule; only
 * `2>/dev/null`, which leaves stdout alone, is allowed.
 */
export function textPipelineStages(run: string): string[] | null {
  const line = run.replace(/(^|\s)2>\s*\/dev\/null(?=\s|\||$)/g, '$1');
  const stages: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
      current += c;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') {
      current += c + (line[i + 1] ?? '');
      i++;
      continue;
    } else if (c === '|') {
      if (line[i + 1] === '|') return null;
      stages.push(current.trim());
      current = '';
      continue;
    } else if (';&<>`'.includes(c) || (c === '$' && line[i + 1] === '(')) return null;
    current += c;
  }
  if (quote !== null) return null;
  stages.push(current.trim());
  if (stages.length < 2 || stages.some((s) => s === '')) return null;
  return TEXT_TOOLS.has(stages[stages.length - 1]!.split(/\s+/)[0]!) ? stages : null;
}

/** White space runs become one space; no leading or trailing white space. */
export function fold(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Split into lines, edit each, fold, drop the empty ones. */
export function lineByLine(text: string, edit: (line: string) => string | null = (l) => l): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n|\r/)) {
    const edited = edit(raw);
    if (edited === null) continue;
    const folded = fold(edited);
    if (folded !== '') out.push(folded);
  }
  return out;
}

/** An arping line reporting an answer: `Unicast|Broadcast reply|request from IP [MAC] …`. */
const ARPING_ANSWER_RE = /^\s*(Unicast|Broadcast) (reply|request) from /;
/** What arping prints after an answer: the time since the probe, or UNSOLICITED? without one. */
const ARPING_TIME_RE = /\s+\d+\.\d+ms\s*$/;
const ARPING_UNSOLICITED_RE = /\s+UNSOLICITED\?\s*$/;

export function isArpingAnswer(line: string): boolean {
  return ARPING_ANSWER_RE.test(line);
}

/** arping's stdout line by line, the reply time removed. */
export function arpingLines(text: string): string[] {
  return lineByLine(text, arpingMask);
}

/** One line of arping without the reply time. */
export function arpingMask(l: string): string {
  return isArpingAnswer(l) ? l.replace(ARPING_TIME_RE, '') : l;
}

/** The answer lines of arping with the time and UNSOLICITED? removed (compared as a set when the order races). */
export function arpingAnswerLines(text: string): string[] {
  return lineByLine(text, (l) => (isArpingAnswer(l) ? l.replace(ARPING_TIME_RE, '').replace(ARPING_UNSOLICITED_RE, '') : null));
}

/** arping's lines that are not answers (header, Sent, Received, …), in order. */
export function arpingOtherLines(text: string): string[] {
  return lineByLine(text, (l) => (isArpingAnswer(l) ? null : l));
}

/** ping's stdout line by line: no rtt line, no per-reply time, no total time. */
export function pingLines(text: string): string[] {
  return lineByLine(text, pingMask);
}

/** One line of ping without its timings (the rtt line: null). */
export function pingMask(l: string): string | null {
  if (/^\s*rtt min\/avg\/max\/mdev = /.test(l)) return null;
  return l.replace(/ time[=<][\d.]+ ms/, '').replace(/(packet loss), time \d+ms/, '$1');
}

/** `ip addr` / `ip link` listings without what differs between a veth and the simulator's NIC. */
export function ipListingLines(text: string): string[] {
  return lineByLine(text, ipListingMask);
}

/** One line of an `ip addr`/`ip link` listing without what differs between a veth and the simulator's NIC (altname lines: null). */
export function ipListingMask(l: string): string | null {
  if (/^\s*altname\s/.test(l)) return null;
  return l
    .replace(/^\d+: /, 'N: ')
    .replace(/^(N: [^\s:@]+)@if\d+/, '$1')
    .replace(/^([^\s:@]+)@if\d+/, '$1')
    .replace(/(valid_lft|preferred_lft) (\S+)/g, '$1 *')
    .replace(/ qlen \d+/, '')
    .replace(/ link-netns \S+/, '')
    .replace(/ link-netnsid \d+/, '');
}

/** ifconfig without its counters and with txqueuelen's value as `*`. */
export function ifconfigLines(text: string): string[] {
  return lineByLine(text, ifconfigMask);
}

/** One line of ifconfig with txqueuelen's value as `*` (counter lines: null). */
export function ifconfigMask(l: string): string | null {
  if (/^\s*(RX packets|RX errors|TX packets|TX errors)/.test(l)) return null;
  return l.replace(/txqueuelen \d+/, 'txqueuelen *');
}

/** `arp -n`: its header line, then the entries (a set: /proc/net/arp is in hash order). */
export function arpTable(text: string): { header: string | null; entries: string[] } {
  const lines = lineByLine(text);
  if (lines.length > 0 && lines[0]!.startsWith('Address ')) return { header: lines[0]!, entries: lines.slice(1) };
  return { header: null, entries: lines };
}

/** The ephemeral ports Linux picks at random (net.ipv4.ip_local_port_range 32768–60999) masked as `*`. */
const EPHEMERAL_PORT_RE = /:(\d{5})\b/g;

/** One line with its ephemeral ports (32768–60999) as `*`. */
export function maskEphemeralPorts(l: string): string {
  return l.replace(EPHEMERAL_PORT_RE, (m, port: string) => (Number(port) >= 32768 && Number(port) <= 60999 ? ':*' : m));
}

/**
 * `ss`/`netstat` socket listings: the header lines in order, then the socket
 * lines as a set (Linux lists them in hash order), their ephemeral ports as `*`.
 */
export function socketTable(text: string): { header: string[]; sockets: string[] } {
  const lines = lineByLine(text, maskEphemeralPorts);
  const isHeader = (l: string): boolean => /^(State|Netid|Active Internet|Proto) /.test(l);
  return { header: lines.filter(isHeader), sockets: lines.filter((l) => !isHeader(l)).sort() };
}

/** curl's options that decide what of its output can be compared. */
export function curlOptions(run: string): { verbose: boolean; silent: boolean; clockInWriteOut: boolean; unrepeatableWriteOut: boolean } {
  const words = run.trim().split(/\s+/).slice(1);
  const short = words.filter((w) => /^-[a-zA-Z0-9]+$/.test(w)).join('');
  return {
    verbose: short.includes('v') || words.includes('--verbose'),
    silent: short.includes('s') || words.includes('--silent'),
    clockInWriteOut: /%\{time_/.test(run),
    unrepeatableWriteOut: /%\{(speed_|local_port)/.test(run),
  };
}

/** A line of curl's progress meter (its two header lines and its counter lines). */
function isProgressMeter(line: string): boolean {
  return /% Total\s+% Received/.test(line) || /^\s*Dload\s+Upload/.test(line) || /^[\s\d.kMGTP%:-]+$/.test(line) && /--:--:--|\d+:\d\d:\d\d/.test(line);
}

/** A `-v` line that only reports time or the connection counters (`#0`, `Closing connection 0`). */
function isVerboseClockLine(line: string): boolean {
  return /^\* /.test(line) && /after \d+ m|#\d+|[Cc]losing connection \d+|left intact/.test(line);
}

/** Values of `%{time_…}` as curl prints them (seconds with six decimals). */
const CURL_SECONDS_RE = /\b\d+\.\d{6}\b/g;

/** curl's output line by line, without the clock: Date headers, the progress meter, -v timing lines, elapsed ms. */
export function curlLines(text: string, run: string): string[] {
  const clock = curlOptions(run).clockInWriteOut;
  return lineByLine(text, (l) => {
    if (/^(< )?Date: /i.test(l) || isProgressMeter(l) || isVerboseClockLine(l)) return null;
    const noElapsed = l.replace(/after \d+ (ms|milliseconds)/g, 'after N $1');
    return clock ? noElapsed.replace(CURL_SECONDS_RE, '*') : noElapsed;
  });
}

/** stderr of a failing step as compared: folded; for curl without what depends on the clock. */
export function failingStderr(text: string, run: string): string {
  const tool = run.trim().split(/\s+/)[0];
  if (tool === 'curl' || /\bdo\s+curl\b/.test(run)) return curlLines(text, run).join(' ');
  return fold(text);
}
