// What the kernel runner refuses to run. The runner is root on a shared machine:
// only documentation address blocks (plus loopback) may appear anywhere in a
// scenario, and steps may only use tools that exist on the comparison kernel.
// `curl` runs for real (/usr/bin/curl) but only with the options the simulator
// models, to http:// URLs of allowed IPv4 literals or localhost, writing no
// file; `systemctl` only as `systemctl start|stop|restart|is-active|status
// nginx`, which the runner maps to its own web server (web-server.ts), never
// to the machine's systemd.
import type { Scenario } from '../../src-sim/scenario/types.ts';

/** Documentation blocks (RFC 5737) and loopback, as [network, prefix length]. */
const ALLOWED_BLOCKS: [number, number][] = [
  [ip(198, 51, 100, 0), 24],
  [ip(203, 0, 113, 0), 24],
  [ip(192, 0, 2, 0), 24],
  [ip(127, 0, 0, 0), 8],
];

/**
 * Tools the comparison kernel does not run: no IPVS module; tcpdump's own
 * output is not compared (the runner captures every frame anyway); ab is not
 * installed; modprobe would load a module into the machine's kernel (ipip
 * makes tunl0 in every namespace, the root one included).
 */
export const SIMULATOR_ONLY_TOOLS = ['ipvsadm', 'tcpdump', 'ab', 'modprobe'] as const;

function ip(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function parseDotted(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let v = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    v = v * 256 + Number(p);
  }
  return v >>> 0;
}

function isNetmask(v: number): boolean {
  const inv = ~v >>> 0;
  return ((inv + 1) & inv) === 0;
}

export function isAllowedAddress(text: string): boolean {
  const v = parseDotted(text);
  if (v === null) return false;
  if (v === 0) return true; // 0.0.0.0 (any / DAD source)
  return ALLOWED_BLOCKS.some(([net, len]) => (len === 0 ? true : (v >>> (32 - len)) === (net >>> (32 - len))));
}

const DOTTED_RE = /(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d.])/g;

/** Dotted quads in free text that are neither allowed addresses nor netmasks after `netmask`/`mask`. */
function badAddressesIn(text: string): string[] {
  const bad: string[] = [];
  for (const m of text.matchAll(DOTTED_RE)) {
    const literal = m[0];
    if (isAllowedAddress(literal)) continue;
    const before = text.slice(0, m.index).trimEnd();
    const v = parseDotted(literal);
    if (v !== null && isNetmask(v) && /(^|\s)(netmask|mask|genmask)$/.test(before)) continue;
    if (literal === '255.255.255.255') continue; // limited broadcast, never routed
    bad.push(literal);
  }
  return bad;
}

/** Every reason the kernel runner will not run this scenario (empty: fine). */
export function refusalReasons(scenario: Scenario): string[] {
  const reasons: string[] = [];
  const addrNote = 'only 198.51.100.0/24, 203.0.113.0/24, 192.0.2.0/24 and 127.0.0.0/8 are allowed on the shared kernel';
  scenario.hosts.forEach((host, h) => {
    host.interfaces.forEach((iface, i) => {
      (iface.addresses ?? []).forEach((a, k) => {
        const addr = a.split('/')[0] ?? '';
        if (!isAllowedAddress(addr) || addr === '0.0.0.0') {
          reasons.push(`$.hosts[${h}].interfaces[${i}].addresses[${k}]: address ${a} is outside the allowed blocks (${addrNote})`);
        }
      });
    });
    (host.routes ?? []).forEach((r, k) => {
      for (const bad of badAddressesIn(r)) {
        reasons.push(`$.hosts[${h}].routes[${k}]: address ${bad} is outside the allowed blocks (${addrNote})`);
      }
    });
  });
  scenario.steps.forEach((step, s) => {
    if (!('run' in step)) return;
    for (const bad of badAddressesIn(step.run)) {
      reasons.push(`$.steps[${s}].run: address ${bad} is outside the allowed blocks (${addrNote})`);
    }
    const words = step.run.split(/[\s;&|()<>`$]+/);
    for (const tool of SIMULATOR_ONLY_TOOLS) {
      if (words.some((w) => w === tool || w.endsWith(`/${tool}`))) {
        reasons.push(`$.steps[${s}].run: "${tool}" is simulator-only and cannot be compared with the kernel`);
      }
    }
    const isTool = (tool: string) => (w: string): boolean => w === tool || w.endsWith(`/${tool}`);
    if (words.some(isTool('systemctl')) && nginxControl(step.run) === null) {
      reasons.push(`$.steps[${s}].run: the kernel runner only maps "systemctl start|stop|restart|is-active|status nginx", alone on the line, to its web server`);
    }
    if (words.some(isTool('curl'))) {
      for (const problem of curlProblems(step.run)) reasons.push(`$.steps[${s}].run: ${problem}`);
    }
  });
  return reasons;
}

export type NginxVerb = 'start' | 'stop' | 'restart' | 'is-active' | 'status';

/** `systemctl VERB nginx[.service]` alone on the line: the verb; anything else: null. */
export function nginxControl(run: string): NginxVerb | null {
  const m = /^\s*systemctl\s+(start|stop|restart|is-active|status)\s+nginx(?:\.service)?\s*$/.exec(run);
  return m ? (m[1] as NginxVerb) : null;
}

/** True when a step runs curl or controls nginx, so hosts need their web servers. */
export function usesWebServer(run: string): boolean {
  return nginxControl(run) !== null || run.split(/[\s;&|()<>`$]+/).some((w) => w === 'curl' || w.endsWith('/curl'));
}

const SEPARATORS = new Set([';', '&', '|', '&&', '||', '(', ')', '\n']);

/**
 * Splits a shell line into words and separators, honouring quotes and
 * backslashes. A word that contains an unquoted or double-quoted `$` or a
 * backquote is marked (its value is only known when the shell runs).
 */
export function shellTokens(line: string): { text: string; expands: boolean; separator: boolean }[] {
  const tokens: { text: string; expands: boolean; separator: boolean }[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\n' || c === ';' || c === '(' || c === ')') {
      tokens.push({ text: c, expands: false, separator: true });
      i++;
      continue;
    }
    if (c === '&' || c === '|') {
      const two = line.slice(i, i + 2);
      const text = two === '&&' || two === '||' ? two : c;
      tokens.push({ text, expands: false, separator: true });
      i += text.length;
      continue;
    }
    let text = '';
    let expands = false;
    while (i < line.length && !/[\s;&|()]/.test(line[i]!)) {
      const ch = line[i]!;
      if (ch === "'") {
        const end = line.indexOf("'", i + 1);
        text += end < 0 ? line.slice(i + 1) : line.slice(i + 1, end);
        i = end < 0 ? line.length : end + 1;
      } else if (ch === '"') {
        i++;
        while (i < line.length && line[i] !== '"') {
          if (line[i] === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) {
            text += line[i + 1];
            i += 2;
            continue;
          }
          if (line[i] === '$' || line[i] === '`') expands = true;
          text += line[i];
          i++;
        }
        i++;
      } else if (ch === '\\' && i + 1 < line.length) {
        text += line[i + 1];
        i += 2;
      } else {
        if (ch === '$' || ch === '`') expands = true;
        text += ch;
        i++;
      }
    }
    tokens.push({ text, expands, separator: false });
  }
  return tokens.filter((t) => !(t.separator && !SEPARATORS.has(t.text)));
}

const CURL_FLAGS = new Set(['s', 'S', 'v', 'i', 'I', '4', 'f', 'silent', 'show-error', 'verbose', 'include', 'head', 'ipv4', 'fail']);
const CURL_VALUES = new Set(['m', 'max-time', 'connect-timeout', 'o', 'output', 'w', 'write-out', 'H', 'header']);
const CURL_URL_RE = /^(?:http:\/\/|https:\/\/)?(\d{1,3}(?:\.\d{1,3}){3}|localhost)(?::\d{1,5})?(?:[/?#][A-Za-z0-9._~/?#=&%+:@!,-]*)?$/;

function curlValueProblem(name: string, value: string | undefined): string | null {
  if (value === undefined) return `curl option ${name.length === 1 ? '-' : '--'}${name} needs a value`;
  if ((name === 'm' || name === 'max-time' || name === 'connect-timeout') && !/^\d+(\.\d+)?$/.test(value)) {
    return `curl's ${name.length === 1 ? '-' : '--'}${name} takes seconds (a number), got ${JSON.stringify(value)}`;
  }
  if ((name === 'o' || name === 'output') && value !== '/dev/null' && value !== '-') {
    return `curl may write only to /dev/null or stdout on the shared kernel (-o ${value})`;
  }
  if ((name === 'w' || name === 'write-out' || name === 'H' || name === 'header') && value.startsWith('@')) {
    return `curl may not read files on the shared kernel (${name.length === 1 ? '-' : '--'}${name} ${value})`;
  }
  return null;
}

/** Why the curl invocations of a step line cannot run on the shared kernel (empty: fine). */
export function curlProblems(run: string): string[] {
  const tokens = shellTokens(run);
  const problems: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.separator || !(t.text === 'curl' || t.text.endsWith('/curl'))) continue;
    const args: { text: string; expands: boolean }[] = [];
    for (k++; k < tokens.length && !tokens[k]!.separator; k++) args.push(tokens[k]!);
    let urls = 0;
    for (let a = 0; a < args.length; a++) {
      const { text, expands } = args[a]!;
      if (expands) {
        if (!text.startsWith('-')) urls++;
        problems.push(`curl's argument ${JSON.stringify(text)} depends on the shell ($ or \`) and cannot be checked; write it out`);
        continue;
      }
      if (text.startsWith('--') && text.length > 2) {
        const name = text.slice(2);
        if (CURL_FLAGS.has(name)) continue;
        if (CURL_VALUES.has(name)) {
          const p = curlValueProblem(name, args[++a]?.text);
          if (p) problems.push(p);
          continue;
        }
        problems.push(`curl option ${text} is not one the kernel runner allows (-s -S -v -i -I -f -m --connect-timeout -o /dev/null -w -H)`);
      } else if (text.startsWith('-') && text.length > 1) {
        for (let j = 1; j < text.length; j++) {
          const letter = text[j]!;
          if (CURL_FLAGS.has(letter)) continue;
          if (CURL_VALUES.has(letter)) {
            const p = curlValueProblem(letter, j + 1 < text.length ? text.slice(j + 1) : args[++a]?.text);
            if (p) problems.push(p);
            break;
          }
          problems.push(`curl option -${letter} is not one the kernel runner allows (-s -S -v -i -I -f -m --connect-timeout -o /dev/null -w -H)`);
          break;
        }
      } else {
        urls++;
        if (!CURL_URL_RE.test(text)) problems.push(`curl's URL ${JSON.stringify(text)} is not http:// to an IPv4 address or localhost`);
      }
    }
    if (urls === 0) problems.push('curl needs a URL');
  }
  return problems;
}
