// What the kernel runner refuses to run. The runner is root on a shared machine:
// only documentation address blocks (plus loopback) may appear anywhere in a
// scenario, and steps may only use tools that exist on the comparison kernel.
// `curl` runs for real (/usr/bin/curl) but only with the options the simulator
// models, to http:// URLs of allowed IPv4 literals or localhost, writing no
// file; `systemctl` only as `systemctl start|stop|restart|is-active|status
// nginx`, which the runner maps to its own web server (web-server.ts), and
// `systemctl start|stop|restart|is-active keepalived`, which it maps to
// keepalived in the host's namespace (keepalived.ts) — never to the
// machine's systemd; files only as `cat > /etc/keepalived/NAME <<'EOF'`,
// written to that host's /etc/netns/NS/keepalived.
import { UNLIMITED } from '../../src-sim/core/budget.ts';
import type { Scenario } from '../../src-sim/scenario/types.ts';
import { parseScript, type CommandNode, type ListNode, type Redirect, type SimpleNode, type Word } from '../../src-sim/shell/script.ts';
import { routeWords } from '../../src-sim/schema/scenario.ts';
import { ALLOWED_TOOLS, argvProblem, checkTcpdump, isScratchName, redirectTarget, sysctlKeyProblem } from './allowlist.ts';
import { BACKGROUND_TOOLS } from './jobs.ts';
import { JOB_BUILTINS, jobBuiltinProblem } from './job-builtins.ts';
import { isLiteral, wordFields } from './words.ts';
import { keepalivedConfigProblem, keepalivedControl, keepalivedFileWrite } from './keepalived-steps.ts';

const ADDRESS_NOTE = 'only 198.51.100.0/24, 203.0.113.0/24, 192.0.2.0/24 and 127.0.0.0/8 are allowed on the shared kernel';

/** Documentation blocks (RFC 5737) and loopback, as [network, prefix length]. */
const ALLOWED_BLOCKS: [number, number][] = [
  [ip(198, 51, 100, 0), 24],
  [ip(203, 0, 113, 0), 24],
  [ip(192, 0, 2, 0), 24],
  [ip(127, 0, 0, 0), 8],
];

/**
 * Tools the comparison kernel does not run: no IPVS module; tcpdump only as
 * a job left running (`tcpdump -n -i eth0 &`, jobs.ts; in the foreground it
 * would hold the step until its deadline); ab is not installed; modprobe would load a module into the machine's kernel (ipip
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
      const problem = argvProblem(['ip', 'route', 'add', ...routeWords(r)]);
      if (problem) reasons.push(`$.hosts[${h}].routes[${k}]: ${problem}`);
    });
    // Booting writes them inside the namespace, where only net.* belong to the lab.
    for (const key of Object.keys(host.sysctl ?? {})) {
      const problem = sysctlKeyProblem(key, true);
      if (problem) reasons.push(`$.hosts[${h}].sysctl[${JSON.stringify(key)}]: ${problem}`);
    }
  });
  scenario.steps.forEach((step, s) => {
    if ('write' in step) reasons.push(`$.steps[${s}].write: a file saved by the simulator's editor cannot be compared with the kernel (the kernel runner writes no files)`);
    // A process left running at a terminal until Ctrl-C: the kernel runner runs each step to its end.
    if ('interrupt' in step) reasons.push(`$.steps[${s}].interrupt: Ctrl-C at a live terminal is not run on the kernel (the kernel runner runs each step to its end)`);
    if ('power' in step) reasons.push(`$.steps[${s}].power: a network namespace cannot be powered off or rebooted (the simulator boots hosts as systemd does; see docs/scenario-format.md)`);
    if (!('run' in step)) return;
    if (step.live) reasons.push(`$.steps[${s}].live: a command left running at a live terminal is not run on the kernel (the kernel runner runs each step to its end)`);
    for (const bad of badAddressesIn(step.run)) {
      reasons.push(`$.steps[${s}].run: address ${bad} is outside the allowed blocks (${addrNote})`);
    }
    for (const problem of lineProblems(step.run)) reasons.push(`$.steps[${s}].run: ${problem}`);
    const file = keepalivedFileWrite(step.run);
    const problem = file && keepalivedConfigProblem(file.text);
    if (problem) reasons.push(`$.steps[${s}].run: ${problem}`);
  });
  return reasons;
}

export type NginxVerb = 'start' | 'stop' | 'restart' | 'is-active' | 'status';

/** `systemctl VERB nginx[.service]` alone on the line: the verb; anything else: null. */
export function nginxControl(run: string): NginxVerb | null {
  const m = /^\s*systemctl\s+(start|stop|restart|is-active|status)\s+nginx(?:\.service)?\s*$/.exec(run);
  return m ? (m[1] as NginxVerb) : null;
}

const WEB_SERVER_USERS = new Set(['curl', 'ss', 'netstat']);

/** True when a step runs curl, lists sockets (ss, netstat) or controls nginx, so hosts need their web servers. */
export function usesWebServer(run: string): boolean {
  if (nginxControl(run) !== null) return true;
  const parsed = parseScript(run);
  // curl reaches one; ss and netstat list its listening socket, which the simulator's nginx has from boot.
  return parsed.ok && commandsOf(parsed.list).some(({ command }) => command.type === 'simple' && command.words[0] !== undefined && WEB_SERVER_USERS.has(literalText(command.words[0]) ?? ''));
}

const SYSTEMCTL_FORMS = 'the kernel runner only maps "systemctl start|stop|restart|is-active|status nginx" (to its web server) and "systemctl start|stop|restart|is-active keepalived" (to keepalived in the host\'s namespace), alone on the line';

/**
 * Why the kernel runner will not run this argument vector, checked after
 * expansion right before it is spawned: simulator-only tools, the allowlist
 * (allowlist.ts), and addresses outside the documentation blocks.
 */
export function commandProblem(argv: readonly string[], background = false): string | null {
  const problem = toolProblem(argv, background, false);
  if (problem) return problem;
  const bad = badAddressesIn(argv.join(' '));
  return bad.length > 0 ? `address ${bad[0]} is outside the allowed blocks (${ADDRESS_NOTE})` : null;
}

const BACKGROUND_FORM = `a background job (&) the kernel runner runs is one command of ${BACKGROUND_TOOLS.join(', ')}, alone on the line, without redirections (tcpdump -n -i eth0 icmp &)`;

/**
 * commandProblem without the addresses (refusalReasons reads those from the
 * whole line). `background`: the command is a job left running; `literal`:
 * its words are the scenario's own, not yet expanded.
 */
function toolProblem(argv: readonly string[], background: boolean, literal: boolean): string | null {
  const name = argv[0];
  if (name === undefined) return null;
  if (background && !BACKGROUND_TOOLS.includes(name)) return BACKGROUND_FORM;
  if (name === 'tcpdump' && background) return checkTcpdump(argv.slice(1));
  if ((SIMULATOR_ONLY_TOOLS as readonly string[]).includes(name)) return `"${name}" is simulator-only and cannot be compared with the kernel${name === 'tcpdump' ? ' (the kernel runner runs it only left running: tcpdump -n -i eth0 &)' : ''}`;
  if (name === 'systemctl') return SYSTEMCTL_FORMS;
  if (JOB_BUILTINS.includes(name)) return jobBuiltinProblem(argv, literal);
  return argvProblem(argv);
}

/** The command a line leaves running, when the line is `COMMAND &` and nothing else; null otherwise. */
export function backgroundCommand(list: ListNode): SimpleNode | null {
  const [item, ...rest] = list.items;
  if (!item || rest.length > 0 || !item.background || item.command.rest.length > 0) return null;
  const { stages, negate } = item.command.first;
  const command = stages.length === 1 && !negate ? stages[0]!.command : null;
  return command?.type === 'simple' && command.redirects.length === 0 && command.assignments.length === 0 ? command : null;
}

/** The compound commands the kernel runner interprets (run-step.ts); the rest of the lab shell's language is refused. */
const RUNNER_COMPOUNDS = new Set(['simple', 'for', 'arith-for', 'if', 'while', 'group']);

/** Redirections the runner applies (run-step.ts): to files it allows, duplications, and stdin from text or a scratch file. */
const RUNNER_REDIRECTS = new Set(['>', '>>', '>|', '&>', '&>>', '>&', '<', '<<', '<<-', '<<<']);

/** The lists a command holds (loop bodies, if clauses, groups). */
function innerLists(command: CommandNode): ListNode[] {
  switch (command.type) {
    case 'for':
    case 'arith-for':
    case 'group':
    case 'subshell':
      return [command.body];
    case 'if':
      return [...command.clauses.flatMap((c) => [c.cond, c.body]), ...(command.otherwise ? [command.otherwise] : [])];
    case 'while':
      return [command.cond, command.body];
    case 'case':
      return command.items.map((item) => item.body);
    case 'function':
      return innerLists(command.body);
    default:
      return [];
  }
}

/** Every command of a list with its background flag, pipelines' stages and compound bodies included (not inside substitutions). */
function commandsOf(list: ListNode): Array<{ command: CommandNode; background: boolean }> {
  const out: Array<{ command: CommandNode; background: boolean }> = [];
  for (const { command: andOr, background } of list.items) {
    for (const pipeline of [andOr.first, ...andOr.rest.map((r) => r.pipeline)]) {
      for (const { command } of pipeline.stages) {
        out.push({ command, background });
        for (const inner of innerLists(command)) out.push(...commandsOf(inner));
      }
    }
  }
  return out;
}

function literalText(word: Word): string | null {
  return isLiteral(word) ? word.map((part) => (part as { text: string }).text).join('') : null;
}

/** The words a command holds that expand: its words, loop items, assignment values, redirection targets, here-documents. */
function wordsOf(command: CommandNode): Word[] {
  const redirects = 'redirects' in command ? command.redirects.flatMap((r) => [r.target, ...(r.body ? [r.body] : [])]) : [];
  if (command.type === 'simple') return [...command.assignments.map((a) => a.value), ...command.words, ...redirects];
  if (command.type === 'for') return [...(command.items ?? []), ...redirects];
  if (command.type === 'case') return [command.word, ...command.items.flatMap((i) => i.patterns), ...redirects];
  return redirects;
}

/** Why the runner cannot apply a redirection (null: it can, or its target is only known once expanded). */
function redirectProblem(r: Redirect): string | null {
  if (!RUNNER_REDIRECTS.has(r.op)) return `the redirection ${r.op} is not one the kernel runner applies`;
  if (r.op === '<<' || r.op === '<<-' || r.op === '<<<') return null;
  const target = literalText(r.target);
  if (target === null || (r.op === '>&' && /^[12]$/.test(target))) return null;
  if (r.op === '<') return target === '/dev/null' || isScratchName(target) ? null : `input may come only from /dev/null or a scratch file of the host, not ${JSON.stringify(target)}`;
  const where = redirectTarget(target);
  return typeof where === 'string' ? where : null;
}

/**
 * Why a step's command line cannot run on the kernel, found before anything
 * runs: it must parse as the lab shell parses it and use only the constructs
 * the runner interprets; every command name must be written out and allowed;
 * commands whose words are all known now are checked whole (the rest again
 * once expanded, in run-step.ts); substitutions are checked like lines; no
 * NAME=value may set a tool's environment.
 */
export function lineProblems(line: string): string[] {
  if (nginxControl(line) !== null || keepalivedControl(line) !== null || keepalivedFileWrite(line) !== null) return [];
  const parsed = parseScript(line);
  if (!parsed.ok) return [`the kernel runner cannot run this line: ${parsed.error}`];
  const problems: string[] = [];
  const job = backgroundCommand(parsed.list);
  for (const { command, background } of commandsOf(parsed.list)) {
    if (background && command !== job) problems.push(BACKGROUND_FORM);
    if (!RUNNER_COMPOUNDS.has(command.type)) {
      problems.push(`${command.type === 'cond' ? '[[ ]]' : command.type === 'arith' ? '(( ))' : command.type} is not something the kernel runner interprets (it runs ; && || | for while if { } and simple commands)`);
      continue;
    }
    for (const word of wordsOf(command)) {
      for (const part of word) {
        if (part.kind === 'param') problems.push(`\${${part.name}…} with an operator is not something the kernel runner expands`);
        if (part.kind === 'subst') problems.push(...lineProblems(part.script).map((p) => `in $(${part.script}): ${p}`));
      }
    }
    if (command.type !== 'simple' && 'redirects' in command && command.redirects.length > 0) problems.push('a redirection of a whole loop, if or group is not applied by the kernel runner (redirect the commands inside)');
    if (command.type === 'simple') {
      for (const r of command.redirects) {
        const problem = redirectProblem(r);
        if (problem) problems.push(problem);
      }
    }
    if (command.type !== 'simple') continue;
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
      const problem = toolProblem(command.words.flatMap((word) => wordFields(word, () => '', UNLIMITED)), background, true);
      if (problem) problems.push(problem);
    } else if (background ? !BACKGROUND_TOOLS.includes(name) : !ALLOWED_TOOLS.includes(name) && !JOB_BUILTINS.includes(name)) {
      problems.push(toolProblem([name], background, true)!);
    }
  }
  return [...new Set(problems)];
}
