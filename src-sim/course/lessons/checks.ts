// Evaluates declarative checks on a lab. State checks read the lab as it is;
// behaviour probes (and any check with `after`) run on a copy (`forkLab`), so
// the learner's world is never disturbed. A failure says what is wrong and,
// where the simulator recorded why, explains it with the kernel's reasons
// (trace events). Results are messages of the catalogue, rendered in the
// learner's language when shown, so one evaluation serves every language.
import type { LabFrame, TraceEvent } from '../../api.ts';
import type { Lang } from '../../api.ts';
import { list, msg, render, renderText, type Message, type ParamValue } from '../../i18n/catalogue.ts';
import { traceMessage } from '../../i18n/trace.ts';
import type { Host } from '../../host/host.ts';
import { CONF_COMBINE } from '../../host/sysctl.ts';
import { forkLab, type Lab } from '../../lab.ts';
import { formatIp4, inPrefix, parseCidr, parseIp4 } from '../../net/addr.ts';
import type { ServiceKey } from '../../ipvs/state.ts';
import type { AddressCheck, ArpProbe, Check, CheckResult, ConfCheck, HttpProbe, IpvsDestCheck, IpvsServiceCheck, NeighbourCheck, PingProbe, SysctlCheck } from './check-types.ts';
import { parseCommandsFile } from './commands-file.ts';
import { describeCheck, describeReads } from './describe-check.ts';

type Outcome = { pass: boolean; message: Message; explanation?: Message[] };

/** Probes send traffic, so they change the lab they run on. */
function isProbe(check: Check): boolean {
  return check.type === 'arp-probe' || check.type === 'ping-probe' || check.type === 'http-probe';
}

/** The lines a check's copy replays after the learner's: its hosts' reboots, then its `after`. */
function copySteps(check: Check): string[] {
  return [...(check.reboot ?? []).map((host) => `${host}$ reboot`), ...(check.after ?? [])];
}

/**
 * Where each check runs: state checks without `after` read the learner's lab
 * itself; every other check needs a copy replayed to its `after`. Copies are
 * shared where that cannot change a verdict: the state checks with the same
 * `after` read one copy, and a probe with that `after` then uses it, since
 * reading left it as a fresh one. Each further probe gets its own copy: a
 * probe's traffic changes neighbour caches and IPVS connections, and the next
 * probe would see them (an arping from the router can move its entry for the
 * VIP, and a later request would then be blamed for bypassing the director).
 * Returns, per check, the index of its copy (null: the lab itself) and the
 * `after` of every copy.
 */
export function planForks(checks: readonly Check[]): { forkOf: Array<number | null>; forks: Array<readonly string[]> } {
  const forks: Array<readonly string[]> = [];
  const shared = new Map<string, number>();
  const forkOf: Array<number | null> = checks.map(() => null);
  const afterKey = (check: Check): string => JSON.stringify(copySteps(check));
  checks.forEach((check, i) => {
    if (isProbe(check) || (!check.after && !check.reboot)) return;
    let fork = shared.get(afterKey(check));
    if (fork === undefined) shared.set(afterKey(check), (fork = forks.push(copySteps(check)) - 1));
    forkOf[i] = fork;
  });
  const readOnly = new Set(shared.values());
  checks.forEach((check, i) => {
    if (!isProbe(check)) return;
    const fork = shared.get(afterKey(check));
    if (fork !== undefined && readOnly.delete(fork)) forkOf[i] = fork;
    else forkOf[i] = forks.push(copySteps(check)) - 1;
  });
  return { forkOf, forks };
}

/**
 * Evaluates every check once; one result per check, in order. Never changes
 * `lab`. State checks run before probes, so a copy they share with a probe is
 * read before the probe's traffic changes it.
 */
export function evaluateChecks(lab: Lab, checks: readonly Check[]): CheckResult[] {
  const { forkOf, forks } = planForks(checks);
  const copies = new Map<number, Lab | Error>();
  const labFor = (i: number): Lab => {
    const fork = forkOf[i];
    if (fork === null || fork === undefined) return lab;
    let copy = copies.get(fork);
    if (copy === undefined) {
      copies.set(fork, (copy = replayTo(lab, forks[fork]!)));
    }
    if (copy instanceof Error) throw copy;
    return copy;
  };
  const outcomes: Outcome[] = new Array<Outcome>(checks.length);
  const order = [...checks.keys()].sort((a, b) => Number(isProbe(checks[a]!)) - Number(isProbe(checks[b]!)));
  for (const i of order) {
    try {
      outcomes[i] = evaluateOne(labFor(i), checks[i]!);
      const reboot = checks[i]!.reboot;
      if (!outcomes[i]!.pass && reboot && reboot.length > 0) outcomes[i] = lostAtReboot(lab, checks[i]!, reboot, outcomes[i]!);
    } catch (error) {
      // A check that cannot be evaluated fails; it must never take the app down.
      outcomes[i] = { pass: false, message: msg('check.error', { error: (error as Error).message }) };
    }
  }
  return checks.map((check, i) => ({
    id: check.id,
    pass: outcomes[i]!.pass,
    title: check.title ?? describeCheck(check),
    reads: describeReads(check, check.type === 'arp-probe' && lab.hostNames.includes(check.from) ? arpDevice(lab, check) : undefined),
    message: outcomes[i]!.message,
    explanation: outcomes[i]!.explanation ?? [],
  }));
}

/** A check result as text, in `lang`: for the command line's output and its JSON. */
export interface CheckResultText {
  id: string;
  pass: boolean;
  title: string;
  reads: string;
  message: string;
  explanation: string[];
}

export function renderCheckResult(result: CheckResult, lang: Lang): CheckResultText {
  return { id: result.id, pass: result.pass, title: renderText(lang, result.title), reads: render(lang, result.reads), message: render(lang, result.message), explanation: result.explanation.map((line) => render(lang, line)) };
}

/**
 * A check that failed after its hosts rebooted, run again without the
 * reboot: passing there means the fix lives only in memory, and the verdict
 * says so (the rebooted copy's reasons follow).
 */
function lostAtReboot(lab: Lab, check: Check, hosts: readonly string[], failed: Outcome): Outcome {
  const withoutReboot: Check = { ...check, reboot: [] };
  const copy = isProbe(check) || (check.after ?? []).length > 0 ? replayTo(lab, check.after ?? []) : lab;
  if (copy instanceof Error || !evaluateOne(copy, withoutReboot).pass) return failed;
  return { pass: false, message: msg('check.lost-at-reboot', { hosts: list(hosts, 'and'), reason: failed.message }), explanation: failed.explanation ?? [] };
}

/** A copy of `lab` with `after` (commands-file lines) applied; an Error when the lines do not parse. */
function replayTo(lab: Lab, after: readonly string[]): Lab | Error {
  const parsed = parseCommandsFile(after.join('\n'), { hosts: lab.hostNames });
  if (!parsed.ok) return new Error(`after, line ${parsed.problems[0]!.line}: ${parsed.problems[0]!.message}`);
  return forkLab(lab, { trace: true, after: parsed.steps });
}

function evaluateOne(lab: Lab, check: Check): Outcome {
  const ctx = new Ctx(lab);
  switch (check.type) {
    case 'address':
      return addressCheck(ctx, check);
    case 'conf':
      return confCheck(ctx, check);
    case 'sysctl':
      return sysctlCheck(ctx, check);
    case 'neighbour':
      return neighbourCheck(ctx, check);
    case 'ipvs-service':
      return ipvsServiceCheck(ctx, check);
    case 'ipvs-dest':
      return ipvsDestCheck(ctx, check);
    case 'arp-probe':
      return arpProbe(ctx, check);
    case 'ping-probe':
      return pingProbe(ctx, check);
    case 'http-probe':
      return httpProbe(ctx, check);
  }
}

/** What a check needs to name hosts by MAC and to explain events. */
class Ctx {
  readonly macOwner = new Map<string, string>();

  constructor(readonly lab: Lab) {
    for (const [name, host] of lab.hosts) for (const dev of host.devices) if (!dev.isLoopback) this.macOwner.set(dev.mac, name);
  }

  /** "rs1 (02:00:00:00:00:11)", or the bare MAC when no host owns it. */
  who(mac: string | null): ParamValue {
    if (mac === null) return msg('check.noMac');
    const owner = this.macOwner.get(mac);
    return owner ? `${owner} (${mac})` : mac;
  }

  /** "host: why", one line per distinct sentence (the English one decides what is distinct). */
  explain(events: readonly TraceEvent[]): Message[] {
    const seen = new Set<string>();
    const lines: Message[] = [];
    for (const event of events) {
      const line = msg('check.because', { host: event.host, event: traceMessage(event) });
      const text = render('en', line);
      if (!seen.has(text)) {
        seen.add(text);
        lines.push(line);
      }
    }
    return lines;
  }

  /** The MAC a reference names: a literal MAC, "host" (its first NIC) or "host/dev". */
  resolveMac(ref: string): string {
    if (/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(ref)) return ref;
    const [hostName, devName] = ref.split('/');
    const host = this.lab.host(hostName!);
    const dev = devName ? host.device(devName) : host.devices.find((d) => !d.isLoopback);
    if (!dev) throw new Error(`${ref}: no such device`);
    return dev.mac;
  }

  /**
   * Why `host` holds what it holds for `ip`: the last event that set the
   * entry, preceded by the event on the host that sent the frame behind it.
   */
  explainEntry(host: string, ip: string): Message[] {
    const trace = this.lab.trace;
    for (let i = trace.length - 1; i >= 0; i--) {
      const e = trace[i]!;
      if (e.host !== host) continue;
      const setsEntry = (e.key === 'arp.cache.changed' || e.key === 'arp.cache.updated' || e.key === 'arp.answer') && e.params['sip'] === ip;
      if (!setsEntry) continue;
      const cause = e.frameId === undefined ? undefined : trace.find((s) => s.frameId === e.frameId && s.host !== host && s.key.startsWith('arp.send.'));
      // A different answer that came too late (within locktime) was ignored: that is the race being lost.
      const locked = trace.slice(i + 1).find((s) => s.host === host && s.key === 'arp.cache.locked' && s.params['sip'] === ip);
      return this.explain([...(cause ? [cause] : []), e, ...(locked ? [locked] : [])]);
    }
    return [];
  }
}

/** Trace events that say why something did not work. */
const TROUBLE_KEY = /drop|ignore|refused|unreachable|loopback|ttl|no-destination|no-socket|no-route|dr-gateway|timeout|neigh-failed|martian|locked|reset/;

/** The trouble events, those on `hosts` first (bystanders seeing a broadcast are rarely the reason). */
function troubleEvents(events: readonly TraceEvent[], hosts: readonly string[] = [], limit = 4): TraceEvent[] {
  // A real server ignoring ARP for the VIP is the configuration working, not a reason.
  const trouble = events.filter((e) => (TROUBLE_KEY.test(e.key) && e.key !== 'arp.ignore') || (e.key === 'neigh.state' && e.params['to'] === 'FAILED'));
  const involved = trouble.filter((e) => hosts.includes(e.host));
  // One event per host and rule: a loop repeats the same decision with only the TTL changing.
  const seen = new Set<string>();
  return (involved.length > 0 ? involved : trouble).filter((e) => !seen.has(`${e.host} ${e.key}`) && seen.add(`${e.host} ${e.key}`)).slice(0, limit);
}

function addressCheck(ctx: Ctx, check: AddressCheck): Outcome {
  const host = ctx.lab.host(check.host);
  const cidr = parseCidr(check.address, true)!;
  const wantLen = check.address.includes('/') ? cidr.len : null;
  const found = host.devices.flatMap((dev) => dev.addresses.filter((a) => a.local === cidr.ip).map((a) => ({ dev: dev.name, label: a.label, len: a.prefixLen })));
  const matches = found.filter((f) => (check.dev === undefined || f.dev === check.dev) && (wantLen === null || f.len === wantLen));
  const addresses = list(found.map((f) => msg('check.address.on', { address: `${formatIp4(cidr.ip)}/${f.len}`, label: f.label })));
  const where = check.dev ? msg('check.address.where', { dev: check.dev }) : '';
  const said = { host: check.host, address: check.address, where };
  if (check.present) {
    if (matches.length > 0) return { pass: true, message: msg('check.address.has', { host: check.host, addresses }) };
    if (found.length > 0) return { pass: false, message: msg('check.address.hasOther', { ...said, addresses }) };
    return { pass: false, message: msg('check.address.missing', { ...said, ip: formatIp4(cidr.ip) }) };
  }
  if (matches.length === 0) return { pass: true, message: msg('check.address.absent', said) };
  return { pass: false, message: msg('check.address.still', { host: check.host, addresses }) };
}

/** `said`, or `said` and the values that were needed when they are not what holds. */
function valueOutcome(said: Message, value: number, oneOf: readonly number[]): Outcome {
  if (oneOf.includes(value)) return { pass: true, message: said };
  return { pass: false, message: msg('check.needed', { said, values: list(oneOf, 'or') }) };
}

function confCheck(ctx: Ctx, check: ConfCheck): Outcome {
  const host = ctx.lab.host(check.host);
  if (!host.device(check.dev)) return { pass: false, message: msg('check.conf.noDevice', { host: check.host, dev: check.dev }) };
  const value = host.sysctl.effective(check.dev, check.key);
  const values = { all: host.sysctl.allConf(check.key), dev: check.dev, devValue: host.sysctl.conf(check.dev, check.key) };
  const rule = CONF_COMBINE[check.key] ?? 'dev';
  const how = rule === 'max' ? msg('check.conf.max', values) : rule === 'or' ? msg('check.conf.or', values) : rule === 'and' ? msg('check.conf.and', values) : msg('check.conf.dev', { dev: check.dev });
  return valueOutcome(msg('check.conf.uses', { host: check.host, name: check.key, value, dev: check.dev, how }), value, check.oneOf);
}

function sysctlCheck(ctx: Ctx, check: SysctlCheck): Outcome {
  const value = ctx.lab.host(check.host).sysctl.read(check.name);
  if (!/^-?\d+$/.test(value)) return { pass: false, message: msg('check.sysctl.cannotStat', { host: check.host, name: check.name }) };
  return valueOutcome(msg('check.sysctl.value', { host: check.host, name: check.name, value }), Number(value), check.oneOf);
}

function neighbourCheck(ctx: Ctx, check: NeighbourCheck): Outcome {
  const rows = ctx.lab.neighbors(check.host).filter((r) => r.ip === check.ip && (check.dev === undefined || r.dev === check.dev));
  const row = rows[0];
  const present = check.present ?? true;
  const why = (): Message[] => ctx.explainEntry(check.host, check.ip);
  const none = msg('check.neigh.none', { host: check.host, ip: check.ip });
  if (!present) {
    if (!row) return { pass: true, message: none };
    return { pass: false, message: msg('check.neigh.still', { host: check.host, ip: check.ip, who: ctx.who(row.lladdr), state: row.state }), explanation: why() };
  }
  if (!row) return { pass: false, message: none, explanation: why() };
  const shown = msg('check.neigh.shown', { host: check.host, ip: check.ip, who: ctx.who(row.lladdr), state: row.state });
  if (check.mac !== undefined) {
    const want = ctx.resolveMac(check.mac);
    if (row.lladdr !== want) return { pass: false, message: msg('check.neigh.shouldBe', { shown, want: ctx.who(want) }), explanation: why() };
  }
  if (check.states && !check.states.includes(row.state)) return { pass: false, message: msg('check.neigh.expected', { shown, states: list(check.states, 'or') }), explanation: why() };
  return { pass: true, message: shown };
}

export function parseServiceKey(text: string): ServiceKey | null {
  const m = /^(tcp|udp):(\d+\.\d+\.\d+\.\d+):(\d{1,5})$/.exec(text);
  const addr = m ? parseIp4(m[2]!) : null;
  if (!m || addr === null || Number(m[3]) > 65535) return null;
  return { proto: m[1] as 'tcp' | 'udp', addr, port: Number(m[3]), fwmark: 0 };
}

function serviceText(text: string): string {
  const [proto, ...rest] = text.split(':');
  return `${proto!.toUpperCase()} ${rest.join(':')}`;
}

function ipvsServiceCheck(ctx: Ctx, check: IpvsServiceCheck): Outcome {
  const service = ctx.lab.host(check.host).ipvs.findService(parseServiceKey(check.service)!);
  const named = { host: check.host, service: serviceText(check.service) };
  if (!check.present) {
    if (!service) return { pass: true, message: msg('check.service.none', named) };
    return { pass: false, message: msg('check.service.still', named) };
  }
  if (!service) return { pass: false, message: msg('check.service.missing', named) };
  if (check.scheduler && service.schedName !== check.scheduler) return { pass: false, message: msg('check.service.scheduler', { ...named, scheduler: service.schedName, want: check.scheduler }) };
  return { pass: true, message: msg('check.service.has', { ...named, scheduler: service.schedName }) };
}

const FWD_OPTION: Record<string, string> = { Route: '-g', Masq: '-m', Tunnel: '-i', Local: '-g' };

function ipvsDestCheck(ctx: Ctx, check: IpvsDestCheck): Outcome {
  const service = ctx.lab.host(check.host).ipvs.findService(parseServiceKey(check.service)!);
  const named = { service: serviceText(check.service), dest: check.dest };
  const [ip, port] = check.dest.split(':');
  const dest = service?.dests.find((d) => formatIp4(d.addr) === ip && d.port === Number(port));
  const present = check.present ?? true;
  if (!present) {
    if (!dest) return { pass: true, message: msg('check.dest.none', named) };
    return { pass: false, message: msg('check.dest.stillSends', named) };
  }
  if (!service) return { pass: false, message: msg('check.service.none', { host: check.host, service: named.service }) };
  if (!dest) {
    const listed = service.dests.length > 0 ? list(service.dests.map((d) => `${formatIp4(d.addr)}:${d.port}`)) : msg('check.none');
    return { pass: false, message: msg('check.dest.missing', { ...named, listed }) };
  }
  const problems: Message[] = [];
  if (check.fwd && dest.fwd !== check.fwd) {
    problems.push(msg('check.dest.fwd', { fwd: dest.fwd, option: FWD_OPTION[dest.fwd]!, want: check.fwd, wantOption: FWD_OPTION[check.fwd]! }));
  }
  if (check.minWeight !== undefined && dest.weight < check.minWeight) {
    problems.push(dest.weight === 0 ? msg('check.dest.quiesced') : msg('check.dest.lowWeight', { weight: dest.weight, min: check.minWeight }));
  }
  if (problems.length > 0) return { pass: false, message: msg('check.dest.problems', { ...named, problems: list(problems, 'and') }) };
  return { pass: true, message: msg('check.dest.ok', { ...named, fwd: dest.fwd, weight: dest.weight }) };
}

/** The device `host` would use for `target`: the first with a subnet holding it, else the first NIC. */
function deviceToward(host: Host, target: number): string {
  const nics = host.devices.filter((d) => !d.isLoopback);
  const onLink = nics.find((d) => d.addresses.some((a) => inPrefix(target, a.local, a.prefixLen)));
  return (onLink ?? nics[0])?.name ?? 'eth0';
}

function framesSince(lab: Lab, mark: number): LabFrame[] {
  return lab.frames.slice(mark);
}

/** The device an ARP probe sends on: its own, or the one `from` would use for the target. */
function arpDevice(lab: Lab, check: ArpProbe): string {
  return check.dev ?? deviceToward(lab.host(check.from), parseIp4(check.target)!);
}

function arpProbe(ctx: Ctx, check: ArpProbe): Outcome {
  const lab = ctx.lab;
  const from = lab.host(check.from);
  const dev = arpDevice(lab, check);
  const fromMac = from.device(dev)?.mac;
  const frameMark = lab.frames.length;
  const traceMark = lab.trace.length;
  lab.run(check.from, `arping -c 1 -w 1 -I ${dev} ${check.target}`);
  lab.sleep(0.2);
  const replies = framesSince(lab, frameMark).filter((f) => f.kind === 'arp' && f.op === 'reply' && f.senderIp === check.target && f.ethDst === fromMac);
  const answered = [...new Set(replies.map((f) => ctx.macOwner.get(f.ethSrc) ?? f.ethSrc))];
  const events = lab.trace.slice(traceMark);
  const extra = answered.filter((h) => !check.answeredBy.includes(h));
  const missing = check.answeredBy.filter((h) => !answered.includes(h));
  const who = answered.length > 0 ? list(answered) : msg('check.nobody');
  const said = msg('check.arp.said', { from: check.from, target: check.target, dev, who });
  if (extra.length === 0 && missing.length === 0) return { pass: true, message: said };
  const problems: Message[] = [];
  if (extra.length > 0) problems.push(msg('check.shouldNotAnswer', { hosts: list(extra) }));
  if (missing.length > 0) problems.push(msg('check.shouldAnswer', { hosts: list(missing) }));
  const explanation = events.filter(
    (e) =>
      (extra.includes(e.host) && e.key === 'arp.answer' && e.params['tip'] === check.target) ||
      (missing.includes(e.host) && (e.key.startsWith('arp.ignore') || e.key.startsWith('arp.request.') || e.key.startsWith('arp.drop')) && e.params['tip'] === check.target),
  );
  return { pass: false, message: msg('check.problems', { said, problems: list(problems, 'semicolon') }), explanation: ctx.explain(explanation) };
}

function pingProbe(ctx: Ctx, check: PingProbe): Outcome {
  const lab = ctx.lab;
  const frameMark = lab.frames.length;
  const traceMark = lab.trace.length;
  const result = lab.run(check.from, `ping -c 1 -W 1 ${check.target}`);
  const replies = framesSince(lab, frameMark).filter((f) => f.kind === 'ipv4' && f.proto === 'icmp' && f.src === check.target);
  const senders = [...new Set(replies.map((f) => ctx.macOwner.get(f.ethSrc) ?? f.ethSrc))];
  const events = lab.trace.slice(traceMark);
  const said = { from: check.from, target: check.target, by: check.answeredBy };
  const involved = [check.from, check.answeredBy];
  if (result.exit === 0 && senders.includes(check.answeredBy)) return { pass: true, message: msg('check.ping.answered', said) };
  if (result.exit === 0) {
    const from = senders.length > 0 ? list(senders) : msg('check.ping.itself', { from: check.from });
    return { pass: false, message: msg('check.ping.wrongSender', { ...said, senders: from }), explanation: ctx.explain(troubleEvents(events, involved)) };
  }
  return { pass: false, message: msg('check.ping.noReply', { from: check.from, target: check.target, exit: result.exit }), explanation: ctx.explain(troubleEvents(events, involved)) };
}

function httpProbe(ctx: Ctx, check: HttpProbe): Outcome {
  const lab = ctx.lab;
  const url = new URL(check.url);
  const vip = url.hostname;
  const port = url.port === '' ? 80 : Number(url.port);
  const frameMark = lab.frames.length;
  const answers: string[] = [];
  const failures: Array<{ n: number; exit: number; events: TraceEvent[] }> = [];
  for (let n = 1; n <= check.count; n++) {
    const traceMark = lab.trace.length;
    const result = lab.run(check.from, `curl -s -m 2 ${check.url}`);
    if (result.exit === 0) answers.push(result.stdout.trim());
    else failures.push({ n, exit: result.exit, events: lab.trace.slice(traceMark) });
  }
  const problems: Message[] = [];
  const explanation: TraceEvent[] = [];
  const counts = [...new Set(answers)].map((a) => msg('check.http.answer', { server: a, n: answers.filter((x) => x === a).length }));
  const said = msg('check.http.said', {
    count: check.count,
    from: check.from,
    url: check.url,
    answered: check.count - failures.length,
    counts: counts.length > 0 ? msg('check.http.counts', { answers: list(counts) }) : '',
  });
  if (failures.length > 0) {
    problems.push(msg('check.http.failed', { failed: failures.length, exits: list([...new Set(failures.map((f) => f.exit))]) }));
    explanation.push(...troubleEvents(failures[0]!.events, [check.from, ...check.servers, ...(check.via ? [check.via] : [])]));
  }
  const missing = check.servers.filter((s) => !answers.includes(s));
  if (missing.length > 0) problems.push(msg('check.http.neverAnswered', { servers: list(missing) }));
  let bypassNote: Message[] = [];
  if (check.via) {
    const viaHost = lab.host(check.via);
    const viaMacs = new Set(viaHost.devices.filter((d) => !d.isLoopback).map((d) => d.mac));
    const viaSegments = new Set(viaHost.devices.map((d) => d.segment?.name).filter((s) => s !== undefined));
    const bypass = framesSince(lab, frameMark).find((f) => f.kind === 'ipv4' && f.dst === vip && f.dport === port && viaSegments.has(f.segment) && !viaMacs.has(f.ethSrc) && !viaMacs.has(f.ethDst));
    if (bypass) {
      const sender = ctx.macOwner.get(bypass.ethSrc) ?? bypass.ethSrc;
      problems.push(msg('check.http.bypass', { sender, vip, to: ctx.who(bypass.ethDst), via: check.via }));
      bypassNote = ctx.explainEntry(sender, vip);
    }
  }
  if (problems.length === 0) return { pass: true, message: check.via ? msg('check.http.through', { said, via: msg('check.via', { via: check.via }) }) : said };
  return { pass: false, message: msg('check.problems', { said, problems: list(problems, 'semicolon') }), explanation: [...bypassNote, ...ctx.explain(explanation)] };
}
