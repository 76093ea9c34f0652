// Evaluates declarative checks on a lab. State checks read the lab as it is;
// behaviour probes (and any check with `after`) run on a copy (`forkLab`), so
// the learner's world is never disturbed. A failure says what is wrong and,
// where the simulator recorded why, explains it with the kernel's reasons
// (trace events rendered by describeEvent).
import type { Lang, LabFrame, TraceEvent } from '../../api.ts';
import { describeEvent } from '../../i18n/trace.ts';
import type { Host } from '../../host/host.ts';
import { CONF_COMBINE } from '../../host/sysctl.ts';
import { forkLab, type Lab } from '../../lab.ts';
import { formatIp4, inPrefix, parseCidr, parseIp4 } from '../../net/addr.ts';
import type { ServiceKey } from '../../ipvs/state.ts';
import type { AddressCheck, ArpProbe, Check, CheckResult, ConfCheck, HttpProbe, IpvsDestCheck, IpvsServiceCheck, NeighbourCheck, PingProbe, SysctlCheck } from './check-types.ts';
import { parseCommandsFile } from './commands-file.ts';
import { describeCheck } from './describe-check.ts';

export interface EvaluateOptions {
  lang?: Lang;
}

type Outcome = { pass: boolean; message: string; explanation?: string[] };

/** Evaluates every check; one result per check, in order. Never changes `lab`. */
export function evaluateChecks(lab: Lab, checks: readonly Check[], options: EvaluateOptions = {}): CheckResult[] {
  const lang = options.lang ?? 'en';
  return checks.map((check) => {
    const title = check.title?.[lang] ?? describeCheck(check, lang);
    let outcome: Outcome;
    try {
      outcome = evaluateOne(lab, check, lang);
    } catch (error) {
      // A check that cannot be evaluated fails; it must never take the app down.
      outcome = { pass: false, message: tr(lang, `the check could not run: ${(error as Error).message}`, `检查无法执行：${(error as Error).message}`) };
    }
    return { id: check.id, pass: outcome.pass, title, message: outcome.message, explanation: outcome.explanation ?? [] };
  });
}

function evaluateOne(lab: Lab, check: Check, lang: Lang): Outcome {
  const isProbe = check.type === 'arp-probe' || check.type === 'ping-probe' || check.type === 'http-probe';
  let target = lab;
  if (isProbe || check.after) {
    const parsed = parseCommandsFile((check.after ?? []).join('\n'), { hosts: lab.hostNames });
    if (!parsed.ok) throw new Error(`after, line ${parsed.problems[0]!.line}: ${parsed.problems[0]!.message}`);
    target = forkLab(lab, { trace: true, after: parsed.steps });
  }
  const ctx = new Ctx(target, lang);
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

export function tr(lang: Lang, en: string, zh: string): string {
  return lang === 'en' ? en : zh;
}

/** What a check needs to name hosts by MAC and to explain events. */
class Ctx {
  readonly macOwner = new Map<string, string>();

  constructor(
    readonly lab: Lab,
    readonly lang: Lang,
  ) {
    for (const [name, host] of lab.hosts) for (const dev of host.devices) if (!dev.isLoopback) this.macOwner.set(dev.mac, name);
  }

  t(en: string, zh: string): string {
    return tr(this.lang, en, zh);
  }

  /** "rs1 (02:00:00:00:00:11)", or the bare MAC when no host owns it. */
  who(mac: string | null): string {
    if (mac === null) return this.t('no MAC', '无 MAC');
    const owner = this.macOwner.get(mac);
    return owner ? `${owner} (${mac})` : mac;
  }

  explain(events: readonly TraceEvent[]): string[] {
    const seen = new Set<string>();
    const lines: string[] = [];
    for (const event of events) {
      const line = `${event.host}: ${describeEvent(event, this.lang)}`;
      if (!seen.has(line)) {
        seen.add(line);
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
  explainEntry(host: string, ip: string): string[] {
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
  const list = found.map((f) => ctx.t(`${formatIp4(cidr.ip)}/${f.len} on ${f.label}`, `${f.label} 上的 ${formatIp4(cidr.ip)}/${f.len}`)).join(ctx.t(', ', '、'));
  const where = check.dev ? ctx.t(` on ${check.dev}`, `（${check.dev} 上）`) : '';
  if (check.present) {
    if (matches.length > 0) return { pass: true, message: ctx.t(`${check.host} has ${list}`, `${check.host} 配置了 ${list}`) };
    if (found.length > 0) return { pass: false, message: ctx.t(`${check.host} has ${list}, not ${check.address}${where}`, `${check.host} 配置的是 ${list}，而不是${where} ${check.address}`) };
    return { pass: false, message: ctx.t(`${check.host} does not have ${check.address}${where} (ip addr shows no ${formatIp4(cidr.ip)})`, `${check.host} 没有配置${where} ${check.address}（ip addr 中没有 ${formatIp4(cidr.ip)}）`) };
  }
  if (matches.length === 0) return { pass: true, message: ctx.t(`${check.host} does not have ${check.address}${where}`, `${check.host} 没有配置${where} ${check.address}`) };
  return { pass: false, message: ctx.t(`${check.host} still has ${list}`, `${check.host} 仍然配置了 ${list}`) };
}

function confCheck(ctx: Ctx, check: ConfCheck): Outcome {
  const host = ctx.lab.host(check.host);
  if (!host.device(check.dev)) return { pass: false, message: ctx.t(`${check.host} has no device ${check.dev}`, `${check.host} 没有设备 ${check.dev}`) };
  const value = host.sysctl.effective(check.dev, check.key);
  const all = host.sysctl.allConf(check.key);
  const dev = host.sysctl.conf(check.dev, check.key);
  const rule = CONF_COMBINE[check.key] ?? 'dev';
  const how =
    rule === 'max'
      ? ctx.t(`the larger of conf.all (${all}) and conf.${check.dev} (${dev})`, `取 conf.all（${all}）与 conf.${check.dev}（${dev}）中较大者`)
      : rule === 'or'
        ? ctx.t(`on if conf.all (${all}) or conf.${check.dev} (${dev}) is on`, `conf.all（${all}）或 conf.${check.dev}（${dev}）任一开启即生效`)
        : rule === 'and'
          ? ctx.t(`on only if conf.all (${all}) and conf.${check.dev} (${dev}) are on`, `conf.all（${all}）与 conf.${check.dev}（${dev}）都开启才生效`)
          : ctx.t(`conf.${check.dev} alone`, `只看 conf.${check.dev}`);
  const said = ctx.t(`${check.host} uses ${check.key}=${value} on ${check.dev} (${how})`, `${check.host} 在 ${check.dev} 上实际使用 ${check.key}=${value}（${how}）`);
  if (check.oneOf.includes(value)) return { pass: true, message: said };
  return { pass: false, message: `${said}${ctx.t(`; needed ${check.oneOf.join(' or ')}`, `；需要 ${check.oneOf.join(' 或 ')}`)}` };
}

function sysctlCheck(ctx: Ctx, check: SysctlCheck): Outcome {
  const value = ctx.lab.host(check.host).sysctl.read(check.name);
  if (!/^-?\d+$/.test(value)) return { pass: false, message: ctx.t(`${check.host}: sysctl: cannot stat ${check.name}`, `${check.host}：sysctl 无法读取 ${check.name}`) };
  const said = `${check.host}: ${check.name} = ${value}`;
  if (check.oneOf.includes(Number(value))) return { pass: true, message: said };
  return { pass: false, message: `${said}${ctx.t(`; needed ${check.oneOf.join(' or ')}`, `；需要 ${check.oneOf.join(' 或 ')}`)}` };
}

function neighbourCheck(ctx: Ctx, check: NeighbourCheck): Outcome {
  const rows = ctx.lab.neighbors(check.host).filter((r) => r.ip === check.ip && (check.dev === undefined || r.dev === check.dev));
  const row = rows[0];
  const present = check.present ?? true;
  const why = (): string[] => ctx.explainEntry(check.host, check.ip);
  if (!present) {
    if (!row) return { pass: true, message: ctx.t(`${check.host} has no ARP entry for ${check.ip}`, `${check.host} 没有 ${check.ip} 的 ARP 条目`) };
    return { pass: false, message: ctx.t(`${check.host} still has ${check.ip} → ${ctx.who(row.lladdr)} ${row.state}`, `${check.host} 仍有 ${check.ip} → ${ctx.who(row.lladdr)} ${row.state}`), explanation: why() };
  }
  if (!row) return { pass: false, message: ctx.t(`${check.host} has no ARP entry for ${check.ip}`, `${check.host} 没有 ${check.ip} 的 ARP 条目`), explanation: why() };
  const shown = `${check.host}: ${check.ip} → ${ctx.who(row.lladdr)} ${row.state}`;
  if (check.mac !== undefined) {
    const want = ctx.resolveMac(check.mac);
    if (row.lladdr !== want) return { pass: false, message: `${shown}${ctx.t(`; it should be ${ctx.who(want)}`, `；应当是 ${ctx.who(want)}`)}`, explanation: why() };
  }
  if (check.states && !check.states.includes(row.state)) return { pass: false, message: `${shown}${ctx.t(`; expected ${check.states.join(' or ')}`, `；应为 ${check.states.join(' 或 ')}`)}`, explanation: why() };
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
  const name = serviceText(check.service);
  if (!check.present) {
    if (!service) return { pass: true, message: ctx.t(`${check.host} has no virtual service ${name}`, `${check.host} 没有虚拟服务 ${name}`) };
    return { pass: false, message: ctx.t(`${check.host} still has the virtual service ${name}`, `${check.host} 仍有虚拟服务 ${name}`) };
  }
  if (!service) return { pass: false, message: ctx.t(`${check.host} has no virtual service ${name}: ipvsadm -Ln does not list it, so IPVS does not take these packets`, `${check.host} 没有虚拟服务 ${name}：ipvsadm -Ln 中没有它，IPVS 不会接管这些数据包`) };
  if (check.scheduler && service.schedName !== check.scheduler) return { pass: false, message: ctx.t(`${name} on ${check.host} schedules with ${service.schedName}, not ${check.scheduler}`, `${check.host} 上 ${name} 的调度算法是 ${service.schedName}，不是 ${check.scheduler}`) };
  return { pass: true, message: ctx.t(`${check.host} has the virtual service ${name} (${service.schedName})`, `${check.host} 有虚拟服务 ${name}（${service.schedName}）`) };
}

const FWD_OPTION: Record<string, string> = { Route: '-g', Masq: '-m', Tunnel: '-i', Local: '-g' };

function ipvsDestCheck(ctx: Ctx, check: IpvsDestCheck): Outcome {
  const service = ctx.lab.host(check.host).ipvs.findService(parseServiceKey(check.service)!);
  const name = serviceText(check.service);
  const [ip, port] = check.dest.split(':');
  const dest = service?.dests.find((d) => formatIp4(d.addr) === ip && d.port === Number(port));
  const present = check.present ?? true;
  if (!present) {
    if (!dest) return { pass: true, message: ctx.t(`${name} has no real server ${check.dest}`, `${name} 没有真实服务器 ${check.dest}`) };
    return { pass: false, message: ctx.t(`${name} still sends to ${check.dest}, which is not a real server of this lab`, `${name} 仍把请求发往 ${check.dest}，而它不是本实验中的真实服务器`) };
  }
  if (!service) return { pass: false, message: ctx.t(`${check.host} has no virtual service ${name}`, `${check.host} 没有虚拟服务 ${name}`) };
  if (!dest) {
    const listed = service.dests.map((d) => `${formatIp4(d.addr)}:${d.port}`).join(', ') || ctx.t('none', '无');
    return { pass: false, message: ctx.t(`${name} has no real server ${check.dest} (it has: ${listed})`, `${name} 没有真实服务器 ${check.dest}（现有：${listed}）`) };
  }
  const problems: string[] = [];
  if (check.fwd && dest.fwd !== check.fwd) {
    problems.push(ctx.t(`forwards by ${dest.fwd} (${FWD_OPTION[dest.fwd]}), not ${check.fwd} (${FWD_OPTION[check.fwd]})`, `转发方式是 ${dest.fwd}（${FWD_OPTION[dest.fwd]}），不是 ${check.fwd}（${FWD_OPTION[check.fwd]}）`));
  }
  if (check.minWeight !== undefined && dest.weight < check.minWeight) {
    problems.push(dest.weight === 0 ? ctx.t('has weight 0: quiesced, it gets no new connections', '权重为 0：已静默，不会再分到新连接') : ctx.t(`has weight ${dest.weight}, below ${check.minWeight}`, `权重为 ${dest.weight}，低于 ${check.minWeight}`));
  }
  const head = ctx.t(`${check.dest} in ${name}`, `${name} 中的 ${check.dest}`);
  if (problems.length > 0) return { pass: false, message: `${head} ${problems.join(ctx.t(' and ', '，且'))}` };
  return { pass: true, message: ctx.t(`${head}: ${dest.fwd}, weight ${dest.weight}`, `${head}：${dest.fwd}，权重 ${dest.weight}`) };
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

function arpProbe(ctx: Ctx, check: ArpProbe): Outcome {
  const lab = ctx.lab;
  const from = lab.host(check.from);
  const targetIp = parseIp4(check.target)!;
  const dev = check.dev ?? deviceToward(from, targetIp);
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
  const who = answered.length > 0 ? answered.join(ctx.t(', ', '、')) : ctx.t('nobody', '没有主机');
  const said = ctx.t(`${check.from} asked who-has ${check.target} on ${dev}; answered by ${who}`, `${check.from} 在 ${dev} 上询问 ${check.target}；应答者：${who}`);
  if (extra.length === 0 && missing.length === 0) return { pass: true, message: said };
  const problems: string[] = [];
  if (extra.length > 0) problems.push(ctx.t(`${extra.join(', ')} should not answer`, `${extra.join('、')} 不应应答`));
  if (missing.length > 0) problems.push(ctx.t(`${missing.join(', ')} should answer`, `${missing.join('、')} 应当应答`));
  const explanation = events.filter(
    (e) =>
      (extra.includes(e.host) && e.key === 'arp.answer' && e.params['tip'] === check.target) ||
      (missing.includes(e.host) && (e.key.startsWith('arp.ignore') || e.key.startsWith('arp.request.') || e.key.startsWith('arp.drop')) && e.params['tip'] === check.target),
  );
  return { pass: false, message: `${said}${ctx.t(': ', '：')}${problems.join(ctx.t('; ', '；'))}`, explanation: ctx.explain(explanation) };
}

function pingProbe(ctx: Ctx, check: PingProbe): Outcome {
  const lab = ctx.lab;
  const frameMark = lab.frames.length;
  const traceMark = lab.trace.length;
  const result = lab.run(check.from, `ping -c 1 -W 1 ${check.target}`);
  const replies = framesSince(lab, frameMark).filter((f) => f.kind === 'ipv4' && f.proto === 'icmp' && f.src === check.target);
  const senders = [...new Set(replies.map((f) => ctx.macOwner.get(f.ethSrc) ?? f.ethSrc))];
  const events = lab.trace.slice(traceMark);
  const said = `${check.from}$ ping ${check.target}`;
  const involved = [check.from, check.answeredBy];
  if (result.exit === 0 && senders.includes(check.answeredBy)) {
    return { pass: true, message: ctx.t(`${said}: answered by ${check.answeredBy} over the wire`, `${said}：由 ${check.answeredBy} 经网络应答`) };
  }
  if (result.exit === 0) {
    const from = senders.length > 0 ? senders.join(', ') : ctx.t(`${check.from} itself (no frame crossed the wire)`, `${check.from} 自己（网络上没有任何帧）`);
    return { pass: false, message: ctx.t(`${said}: the reply came from ${from}, not ${check.answeredBy}`, `${said}：应答来自 ${from}，而不是 ${check.answeredBy}`), explanation: ctx.explain(troubleEvents(events, involved)) };
  }
  return { pass: false, message: ctx.t(`${said}: no reply (ping exit ${result.exit})`, `${said}：没有应答（ping 退出码 ${result.exit}）`), explanation: ctx.explain(troubleEvents(events, involved)) };
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
  const problems: string[] = [];
  const explanation: TraceEvent[] = [];
  const counts = [...new Set(answers)].map((a) => `${a} ×${answers.filter((x) => x === a).length}`).join(ctx.t(', ', '、'));
  const said = ctx.t(`${check.count} requests from ${check.from} to ${check.url}: ${check.count - failures.length} answered${counts ? ` (${counts})` : ''}`, `${check.from} 向 ${check.url} 发出 ${check.count} 个请求：${check.count - failures.length} 个得到应答${counts ? `（${counts}）` : ''}`);
  if (failures.length > 0) {
    const exits = [...new Set(failures.map((f) => f.exit))].join(', ');
    problems.push(ctx.t(`${failures.length} failed (curl exit ${exits})`, `${failures.length} 个失败（curl 退出码 ${exits}）`));
    explanation.push(...troubleEvents(failures[0]!.events, [check.from, ...check.servers, ...(check.via ? [check.via] : [])]));
  }
  const missing = check.servers.filter((s) => !answers.includes(s));
  if (missing.length > 0) problems.push(ctx.t(`${missing.join(', ')} never answered`, `${missing.join('、')} 从未应答`));
  let bypassNote: string[] = [];
  if (check.via) {
    const viaHost = lab.host(check.via);
    const viaMacs = new Set(viaHost.devices.filter((d) => !d.isLoopback).map((d) => d.mac));
    const viaSegments = new Set(viaHost.devices.map((d) => d.segment?.name).filter((s) => s !== undefined));
    const bypass = framesSince(lab, frameMark).find((f) => f.kind === 'ipv4' && f.dst === vip && f.dport === port && viaSegments.has(f.segment) && !viaMacs.has(f.ethSrc) && !viaMacs.has(f.ethDst));
    if (bypass) {
      const sender = ctx.macOwner.get(bypass.ethSrc) ?? bypass.ethSrc;
      problems.push(ctx.t(`${sender} sent requests for ${vip} straight to ${ctx.who(bypass.ethDst)}, bypassing ${check.via}`, `${sender} 把发往 ${vip} 的请求直接交给了 ${ctx.who(bypass.ethDst)}，绕过了 ${check.via}`));
      bypassNote = ctx.explainEntry(sender, vip);
    }
  }
  if (problems.length === 0) return { pass: true, message: check.via ? `${said}${ctx.t(`, all through ${check.via}`, `，全部经过 ${check.via}`)}` : said };
  return { pass: false, message: `${said}${ctx.t(': ', '：')}${problems.join(ctx.t('; ', '；'))}`, explanation: [...bypassNote, ...ctx.explain(explanation)] };
}
