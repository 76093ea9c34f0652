// ip route show | add | del | replace | get | flush
import { formatIp4, networkOf, parseCidr, parseIp4 } from '../../net/addr.ts';
import type { NetDevice, Scope } from '../../host/device.ts';
import type { Route, RouteType, TableName } from '../../host/fib.ts';
import { routeInput, routeOutput } from '../../host/route.ts';
import type { CommandContext } from '../context.ts';
import { familyWord, matches, unknownVerb, type IpOptions } from './ip-object.ts';
import { formatRoute, paint } from './ip-format.ts';
import { ipJsonOutput, routeJson, type IpJson } from './ip-json.ts';

export function ipRoute(ctx: CommandContext, args: string[], options: IpOptions): number {
  const verb = args[0];
  if (verb === undefined || matches(verb, 'show') || matches(verb, 'list')) return show(ctx, args.slice(1), options);
  if (matches(verb, 'get')) return get(ctx, args.slice(1), options);
  if (matches(verb, 'flush')) return flush(ctx, args.slice(1), options);
  if (matches(verb, 'add') || matches(verb, 'append')) return change(ctx, args.slice(1), 'add');
  if (matches(verb, 'replace')) return change(ctx, args.slice(1), 'replace');
  if (matches(verb, 'delete')) return change(ctx, args.slice(1), 'del');
  return unknownVerb(ctx, verb, 'route');
}

function show(ctx: CommandContext, args: string[], options: IpOptions): number {
  let table: TableName | 'all' = 'main';
  let devName: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'table') {
      const t = args[++i];
      if (t === 'local' || t === 'main' || t === 'all') table = t;
      else if (t === '255') table = 'local';
      else if (t === '254') table = 'main';
      else {
        ctx.err(`Error: argument "${t ?? ''}" is wrong: table id value is invalid\n\n`);
        return 1;
      }
    } else if (args[i] === 'dev') devName = args[++i];
  }
  let dev: NetDevice | undefined;
  if (devName !== undefined) {
    dev = ctx.host.deviceByName(devName);
    if (!dev) {
      ctx.err(`Cannot find device "${devName}"\n`);
      return 1;
    }
  }
  const tables: TableName[] = table === 'all' ? ['main', 'local'] : [table];
  const records: IpJson[] = [];
  for (const name of tables) {
    for (const route of ctx.host.fib.table(name)) {
      if (dev && route.dev !== dev) continue;
      if (options.json) {
        records.push(routeJson(route, table === 'all'));
        continue;
      }
      let line = formatRoute(route, false, options.color);
      if (table === 'all' && name === 'local') line = line.replace(/ \n$/, ' table local \n');
      ctx.out(line);
    }
  }
  if (options.json) ctx.out(ipJsonOutput(records, options.pretty));
  return 0;
}

/**
 * iproute_list_flush_or_save(IPROUTE_FLUSH), iproute2 6.1: `cache` flushes the
 * kernel's cached routes (the exceptions redirects made); otherwise the routes
 * of the main table (or `table T`) matching every selector go, silently unless
 * -s. A bare prefix is `exact`; `all` matches every route.
 */
function flush(ctx: CommandContext, args: string[], options: IpOptions): number {
  if (args.length === 0) {
    ctx.err('"ip route flush" requires arguments.\n');
    return 1;
  }
  let tables: TableName[] = ['main'];
  let dev: NetDevice | undefined;
  let proto: string | undefined;
  let prefix: { dst: number; len: number } | 'all' | undefined;
  let cache = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === 'cache' || matches(word, 'cached') || word === 'cloned') cache = true;
    else if (word === 'table') {
      const t = args[++i];
      if (t === 'main' || t === '254') tables = ['main'];
      else if (t === 'local' || t === '255') tables = ['local'];
      else if (t === 'all' || t === '0') tables = ['main', 'local'];
      else {
        ctx.err(`Error: argument "${t ?? ''}" is wrong: table id value is invalid\n\n`);
        return 1;
      }
    } else if (word === 'dev' || word === 'oif') {
      const name = args[++i] ?? '';
      dev = ctx.host.deviceByName(name);
      if (!dev) {
        ctx.err(`Cannot find device "${name}"\n`);
        return 1;
      }
    } else if (matches(word, 'protocol')) proto = args[++i];
    else {
      const text = word === 'to' || word === 'exact' ? args[++i] : word;
      if (text === 'all' || text === 'any') prefix = 'all';
      else if (text === 'default') prefix = { dst: 0, len: 0 };
      else {
        const cidr = text === undefined ? null : parseCidr(text, true);
        if (!cidr) {
          ctx.err(`Error: ${familyWord(options)} prefix is expected rather than "${text ?? ''}".\n`);
          return 1;
        }
        prefix = { dst: networkOf(cidr.ip, cidr.len), len: cidr.len };
      }
    }
  }
  if (cache) {
    ctx.host.fib.flushCache();
    return 0;
  }
  const chosen = prefix;
  const removed = ctx.host.fib.remove(
    (r) =>
      tables.includes(r.table) &&
      (dev === undefined || r.dev === dev) &&
      (proto === undefined || r.proto === proto) &&
      (chosen === undefined || chosen === 'all' || (r.dst === chosen.dst && r.len === chosen.len)),
  );
  if (options.stats) ctx.out(removed.length === 0 ? 'Nothing to flush.\n' : `\n*** Round 1, deleting ${removed.length} entries ***\n*** Flush is complete after 1 round ***\n`);
  return 0;
}

function get(ctx: CommandContext, args: string[], options: IpOptions): number {
  let dst: number | null = null;
  let from: number | null = null;
  let oif: NetDevice | null = null;
  let iif: NetDevice | null = null;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === 'from') from = parseIp4(args[++i] ?? '');
    else if (word === 'oif' || word === 'dev' || word === 'iif') {
      const name = args[++i];
      const dev = (name && ctx.host.device(name)) || null;
      if (!dev) {
        ctx.err(`Cannot find device "${name ?? ''}"\n`);
        return 1;
      }
      if (word === 'iif') iif = dev;
      else oif = dev;
    } else if (word === 'to') dst = parseIp4(args[++i] ?? '');
    else {
      const cidr = parseCidr(word, true);
      if (!cidr) {
        ctx.err(`Error: ${familyWord(options)} prefix is expected rather than "${word}".\n`);
        return 1;
      }
      dst = cidr.ip;
    }
  }
  if (dst === null) {
    ctx.err('need at least a destination address\n');
    return 1;
  }
  if (iif !== null) return getInput(ctx, dst, from ?? 0, iif);
  const route = routeOutput(ctx.host, dst, from, oif);
  if ('error' in route) {
    ctx.err(route.error === 'EINVAL' ? 'RTNETLINK answers: Invalid argument\n' : 'RTNETLINK answers: Network is unreachable\n');
    return 2;
  }
  const prefix = route.type === 'local' ? 'local ' : route.type === 'broadcast' ? 'broadcast ' : '';
  const inet = (ip: number): string => paint(options.color, 'inet', `${formatIp4(ip)} `);
  const via = route.gateway !== null ? `via ${inet(route.gateway)}` : '';
  // print_route paints the whole "from S " (the other fields paint only their value).
  const fromText = from !== null ? paint(options.color, 'inet', `from ${formatIp4(from)} `) : '';
  // rt_fill_info: RTA_PREFSRC only when the kernel chose a source other than the one asked for.
  const srcText = route.src !== (from ?? 0) ? `src ${inet(route.src)}` : '';
  // RTCF_LOCAL: a route out of lo is local whatever its type.
  const flags = route.type === 'broadcast' ? ['local', 'brd'] : route.type === 'local' || route.dev.isLoopback ? ['local'] : [];
  // A first hop from a redirect: RTCF_REDIRECTED, and the exception's time left (RTA_CACHEINFO rta_expires, whole seconds).
  const expires = route.redirectedUntilUs !== undefined ? Math.floor((route.redirectedUntilUs - ctx.host.clock.now) / 1_000_000) : null;
  if (expires !== null) flags.push('redirected');
  if (options.json) {
    const record: Record<string, IpJson> = {};
    if (prefix !== '') record.type = route.type;
    record.dst = formatIp4(dst);
    if (from !== null) record.from = formatIp4(from);
    if (route.gateway !== null) record.gateway = formatIp4(route.gateway);
    record.dev = route.dev.name;
    if (srcText !== '') record.prefsrc = formatIp4(route.src);
    Object.assign(record, { flags: [], uid: 0, cache: flags, ...(expires !== null ? { expires } : {}) });
    ctx.out(ipJsonOutput([record], options.pretty));
    return 0;
  }
  ctx.out(`${prefix}${inet(dst)}${fromText}${via}dev ${paint(options.color, 'ifname', `${route.dev.name} `)}${srcText}uid 0 \n    cache${flags.length > 0 ? ` <${flags.join(',')}>` : ''} ${expires !== null ? `expires ${expires}sec ` : ''}\n`);
  return 0;
}

/** The errno inet_rtm_getroute returns for each way ip_route_input refuses a packet. */
const INPUT_ERRORS: Record<string, string> = {
  unreachable: 'Network is unreachable',
  'no-forwarding': 'No route to host',
  'rp-filter': 'Invalid cross-device link',
};

/**
 * `ip route get A from S iif D`: the route a packet arriving on D would take
 * (ip_route_input). An input route carries no uid; the cache line names the
 * device it came in on.
 */
function getInput(ctx: CommandContext, dst: number, src: number, iif: NetDevice): number {
  const route = routeInput(ctx.host, dst, src, iif);
  if (route.kind === 'error') {
    ctx.err(`RTNETLINK answers: ${INPUT_ERRORS[route.code] ?? 'Invalid argument'}\n`);
    return 2;
  }
  const fromText = `from ${formatIp4(src)} `;
  if (route.kind === 'forward') {
    const r = route.route;
    const via = r.gateway !== null && r.gateway !== undefined ? `via ${formatIp4(r.gateway)} ` : '';
    ctx.out(`${formatIp4(dst)} ${fromText}${via}dev ${r.dev!.name} \n    cache ${sendsRedirect(ctx, src, iif, r) ? '<redirect> ' : ''}iif ${iif.name} \n`);
    return 0;
  }
  const type = route.kind === 'local' ? 'local' : route.kind === 'broadcast' ? 'broadcast' : 'multicast';
  const flags = route.kind === 'local' ? 'local' : route.kind === 'broadcast' ? 'local,brd' : 'mc';
  ctx.out(`${type} ${formatIp4(dst)} ${fromText}dev lo \n    cache <${flags}> iif ${iif.name} \n`);
  return 0;
}

/**
 * __mkroute_input's RTCF_DOREDIRECT: a packet routed back out of the device it
 * came in on, from a sender on that link (fib_validate_source found the
 * source through a route without gateway), while send_redirects is on (all OR dev).
 */
function sendsRedirect(ctx: CommandContext, src: number, iif: NetDevice, out: Route): boolean {
  if (out.dev !== iif) return false;
  const sysctl = ctx.host.sysctl;
  if (sysctl.allConf('send_redirects') === 0 && sysctl.conf(iif.name, 'send_redirects') === 0) return false;
  const back = ctx.host.fib.lookup(src);
  return back !== undefined && back !== null && back.dev === iif && (back.gateway ?? null) === null;
}

interface RouteSpec {
  type: RouteType;
  dst: number;
  len: number;
  gateway: number | null;
  dev: NetDevice | null;
  src: number | null;
  metric: number;
  proto: string;
  scope: Scope | null;
  table: TableName;
  onlink: boolean;
}

const TYPES: RouteType[] = ['unicast', 'local', 'broadcast', 'unreachable', 'blackhole', 'prohibit'];

function parseSpec(ctx: CommandContext, args: string[]): RouteSpec | number {
  const spec: RouteSpec = { type: 'unicast', dst: 0, len: -1, gateway: null, dev: null, src: null, metric: 0, proto: 'boot', scope: null, table: 'main', onlink: false };
  let tableGiven = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const next = (): string => args[++i] ?? '';
    if (TYPES.includes(word as RouteType) && spec.len < 0) spec.type = word as RouteType;
    else if (word === 'via') {
      const text = next();
      const gw = parseIp4(text.replace(/^inet /, ''));
      if (gw === null) {
        ctx.err(`Error: inet address is expected rather than "${text}".\n`);
        return 1;
      }
      spec.gateway = gw;
    } else if (word === 'dev' || word === 'oif') {
      const name = next();
      const dev = ctx.host.device(name);
      if (!dev) {
        ctx.err(`Cannot find device "${name}"\n`);
        return 1;
      }
      spec.dev = dev;
    } else if (word === 'src') {
      const ip = parseIp4(next());
      if (ip === null) {
        ctx.err(`Error: inet address is expected rather than "${args[i] ?? ''}".\n`);
        return 1;
      }
      spec.src = ip;
    } else if (word === 'metric' || word === 'priority' || word === 'preference') {
      const n = Number(next());
      if (!Number.isInteger(n) || n < 0) {
        ctx.err(`Error: argument "${args[i] ?? ''}" is wrong: "metric" value is invalid\n\n`);
        return 1;
      }
      spec.metric = n;
    } else if (word === 'proto' || word === 'protocol') spec.proto = next();
    else if (word === 'scope') {
      const s = next();
      if (s !== 'global' && s !== 'link' && s !== 'host' && s !== 'universe') {
        ctx.err(`Error: argument "${s}" is wrong: invalid scope value.\n`);
        return 1;
      }
      spec.scope = s === 'universe' ? 'global' : s;
    } else if (word === 'table') {
      const t = next();
      if (t !== 'main' && t !== 'local') {
        ctx.err('Error: only the main and local tables exist in this lab.\n');
        return 2;
      }
      spec.table = t;
      tableGiven = true;
    } else if (word === 'onlink') spec.onlink = true;
    else if (spec.len < 0) {
      const text = word === 'to' ? next() : word;
      if (text === 'default' || text === 'all' || text === 'any') {
        spec.dst = 0;
        spec.len = 0;
      } else {
        const cidr = parseCidr(text, true);
        if (!cidr) {
          ctx.err(`Error: any valid prefix is expected rather than "${text}".\n`);
          return 1;
        }
        spec.dst = cidr.ip;
        spec.len = cidr.len;
      }
    } else {
      ctx.err(`Error: either "to" is duplicate, or "${word}" is a garbage.\n`);
      return 1;
    }
  }
  if (spec.len < 0) {
    ctx.err('Error: destination is required.\n');
    return 1;
  }
  if (!tableGiven && (spec.type === 'local' || spec.type === 'broadcast')) spec.table = 'local';
  return spec;
}

function change(ctx: CommandContext, args: string[], op: 'add' | 'replace' | 'del'): number {
  const spec = parseSpec(ctx, args);
  if (typeof spec === 'number') return spec;
  const fib = ctx.host.fib;
  if (op === 'del') {
    const removed = fib.remove((r) => r.table === spec.table && r.dst === spec.dst && r.len === spec.len && (spec.gateway === null || r.gateway === spec.gateway) && (spec.dev === null || r.dev === spec.dev) && (args.includes('metric') ? r.metric === spec.metric : true));
    if (removed.length === 0) {
      ctx.err('RTNETLINK answers: No such process\n');
      return 2;
    }
    // A deleted route stays deleted; the kernel re-adds its own only on address changes.
    return 0;
  }
  if (networkOf(spec.dst, spec.len) !== spec.dst) {
    ctx.err('Error: Invalid prefix for given prefix length.\n');
    return 2;
  }
  if (spec.src !== null && !ctx.host.isLocalAddress(spec.src)) {
    ctx.err('Error: Invalid prefsrc address.\n');
    return 2;
  }
  let dev = spec.dev;
  if (spec.gateway !== null) {
    // fib_check_nh: the gateway must be on-link, through a link-scope route.
    const viaRoute = fib.lookup(spec.gateway, dev);
    if (!viaRoute || viaRoute.type !== 'unicast' || viaRoute.gateway !== null || (dev && viaRoute.dev !== dev)) {
      ctx.err('Error: Nexthop has invalid gateway.\n');
      return 2;
    }
    dev = viaRoute.dev;
  }
  if (!dev && ['unicast', 'local', 'broadcast'].includes(spec.type)) {
    ctx.err('Error: Device for nexthop is not up.\n');
    return 2;
  }
  if (dev && !dev.up) {
    ctx.err('Error: Nexthop device is not up.\n');
    return 2;
  }
  const scope: Scope = spec.scope ?? (spec.type === 'local' ? 'host' : spec.gateway !== null || spec.type !== 'unicast' ? 'global' : 'link');
  const route: Route = { table: spec.table, type: spec.type, dst: spec.dst, len: spec.len, dev, gateway: spec.gateway, scope, proto: spec.proto, src: spec.src, metric: spec.metric, ...(spec.onlink ? { onlink: true } : {}) };
  if (op === 'replace') fib.remove((r) => r.table === route.table && r.dst === route.dst && r.len === route.len && r.metric === route.metric);
  if (!fib.add(route)) {
    ctx.err('RTNETLINK answers: File exists\n');
    return 2;
  }
  return 0;
}
