// What the kernel runner refuses to run. The runner is root on a shared machine:
// only documentation address blocks (plus loopback) may appear anywhere in a
// scenario, and steps may only use tools that exist on the comparison kernel.
// `curl` runs for real (/usr/bin/curl) but only with the options the simulator
// models, to http:// URLs of allowed IPv4 literals or localhost, writing no
// file; `systemctl` only as `systemctl start|stop|restart|is-active|status
// nginx`, which the runner maps to its own web server (web-server.ts), never
// to the machine's systemd.
import { UNLIMITED } from '../../src-sim/core/budget.ts';
import type { Scenario } from '../../src-sim/scenario/types.ts';
import { parseScript, type ListNode, type SimpleNode, type Word } from '../../src-sim/shell/script.ts';
import { ALLOWED_TOOLS, argvProblem, redirectTarget } from './allowlist.ts';
import { isLiteral, wordFields } from '../../src-sim/shell/words.ts';

/** How script.ts marks a $((…)) substitution. */
export const ARITHMETIC = '\u0000arith ';

const ADDRESS_NOTE = 'only 198.51.100.0/24, 203.0.113.0/24, 192.0.2.0/24 and 127.0.0.0/8 are allowed on the shared kernel';

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
  const addrNote = ADDRESS_NOTE;
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
    for (const problem of lineProblems(step.run)) reasons.push(`$.steps[${s}].run: ${problem}`);
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
  if (nginxControl(run) !== null) return true;
  const parsed = parseScript(run);
  return parsed.ok && simpleCommands(parsed.list).some((node) => node.words[0] !== undefined && literalText(node.words[0]) === 'curl');
}

const SYSTEMCTL_FORMS = 'the kernel runner only maps "systemctl start|stop|restart|is-active|status nginx", alone on the line, to its web server';

/**
 * Why the kernel runner will not run this argument vector, checked after
 * expansion right before it is spawned: simulator-only tools, the allowlist
 * (allowlist.ts), and addresses outside the documentation blocks.
 */
export function commandProblem(argv: readonly string[]): string | null {
  const problem = toolProblem(argv);
  if (problem) return problem;
  const bad = badAddressesIn(argv.join(' '));
  return bad.length > 0 ? `address ${bad[0]} is outside the allowed blocks (${ADDRESS_NOTE})` : null;
}

/** commandProblem without the addresses (refusalReasons reads those from the whole line). */
function toolProblem(argv: readonly string[]): string | null {
  const name = argv[0];
  if (name === undefined) return null;
  if ((SIMULATOR_ONLY_TOOLS as readonly string[]).includes(name)) return `"${name}" is simulator-only and cannot be compared with the kernel`;
  if (name === 'systemctl') return SYSTEMCTL_FORMS;
  return argvProblem(argv);
}

/** Every simple command of a list, loops' bodies included (not inside substitutions). */
function simpleCommands(list: ListNode): SimpleNode[] {
  return list.items.flatMap(({ command }) => (command.type === 'simple' ? [command] : simpleCommands(command.body)));
}

function literalText(word: Word): string | null {
  return isLiteral(word) ? word.map((part) => (part as { text: string }).text).join('') : null;
}

/**
 * Why a step's command line cannot run on the kernel, found before anything
 * runs: it must parse as the lab shell parses it; every command name must be
 * written out and allowed; commands whose words are all known now are checked
 * whole (the rest again once expanded, in run-step.ts); substitutions are
 * checked like lines; no NAME=value may set a tool's environment.
 */
export function lineProblems(line: string): string[] {
  if (nginxControl(line) !== null) return [];
  const parsed = parseScript(line);
  if (!parsed.ok) return [`the kernel runner cannot run this line: ${parsed.error}`];
  const problems: string[] = [];
  const inWord = (word: Word): void => {
    for (const part of word) {
      if (part.kind === 'subst' && !part.script.startsWith(ARITHMETIC)) problems.push(...lineProblems(part.script).map((p) => `in $(${part.script}): ${p}`));
    }
  };
  const walk = (list: ListNode): void => {
    for (const { command } of list.items) {
      if (command.type === 'for') {
        command.items?.forEach(inWord);
        walk(command.body);
        continue;
      }
      if (command.type === 'arith-for') {
        walk(command.body);
        continue;
      }
      command.assignments.forEach((a) => inWord(a.value));
      command.words.forEach(inWord);
      for (const r of command.redirects) {
        if ('toStdout' in r) continue;
        inWord(r.target);
        const target = literalText(r.target);
        const where = target === null ? null : redirectTarget(target);
        if (typeof where === 'string') problems.push(where);
      }
      const [first] = command.words;
      if (first === undefined) continue;
      const name = literalText(first);
      if (name === null) {
        problems.push('a command name must be written out, not come from a $variable or $(…)');
        continue;
      }
      if (command.assignments.length > 0) {
        problems.push(`"${command.assignments[0]!.name}=…" before "${name}" would set the tool's environment, which the kernel runner does not allow`);
        continue;
      }
      if (command.words.every(isLiteral)) {
        const argv = command.words.flatMap((word) => wordFields(word, () => '', UNLIMITED));
        const problem = toolProblem(argv);
        if (problem) problems.push(problem);
      } else if (!ALLOWED_TOOLS.includes(name)) {
        problems.push(toolProblem([name])!);
      }
    }
  };
  walk(parsed.list);
  return [...new Set(problems)];
}
