// net-tools route: -n listing of the main table, add/del -host/-net/default.
import { formatIp4, maskToLen, parseIp4, prefixMask } from '../../net/addr.ts';
import type { Route } from '../../host/fib.ts';
import type { Command, CommandContext } from '../context.ts';

function flagsOf(r: Route): string {
  let f = 'U';
  if (r.gateway !== null) f += 'G';
  if (r.len === 32) f += 'H';
  return f;
}

/** The main table's rows as net-tools lists them (/proc/net/route: unicast routes with a device). */
export function kernelRouteRows(ctx: CommandContext): { dst: string; gateway: string; mask: string; flags: string; metric: number; dev: string }[] {
  return ctx.host.fib
    .table('main')
    .filter((r) => r.type === 'unicast' && r.dev)
    .map((r) => ({ dst: formatIp4(r.dst), gateway: formatIp4(r.gateway ?? 0), mask: formatIp4(prefixMask(r.len)), flags: flagsOf(r), metric: r.metric, dev: r.dev!.name }));
}

/** net-tools' two route listings: route's own (Metric Ref Use) and netstat's (MSS Window irtt); -e swaps them. */
export function printRouteTable(ctx: CommandContext, style: 'route' | 'netstat'): void {
  ctx.out(`Kernel IP routing table\nDestination     Gateway         Genmask         Flags ${style === 'route' ? 'Metric Ref    Use' : '  MSS Window  irtt'} Iface\n`);
  for (const r of kernelRouteRows(ctx)) {
    const cols = [r.dst.padEnd(15), r.gateway.padEnd(15), r.mask.padEnd(15), r.flags.padEnd(5)];
    if (style === 'route') cols.push(String(r.metric).padEnd(6), '0'.padEnd(2), '0'.padStart(7));
    else cols.push('0'.padStart(5), '0'.padEnd(6), '0'.padStart(5));
    ctx.out(`${cols.join(' ')} ${r.dev}\n`);
  }
}

export const route: Command = (ctx) => {
  const words = ctx.argv.slice(1);
  const args = words.filter((a) => a !== '-n' && a !== '-e' && a !== '-ee');
  if (args.length === 0) {
    printRouteTable(ctx, words.includes('-e') ? 'netstat' : 'route');
    return 0;
  }
  const verb = args.shift();
  if (verb !== 'add' && verb !== 'del') {
    ctx.err('Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables\n       route {add|del} [-host|-net] TARGET [netmask NM] [gw GW] [dev IF]\n');
    return 4;
  }
  let host = false;
  let target: string | undefined;
  let netmask: string | undefined;
  let gw: string | undefined;
  let dev: string | undefined;
  let metric: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-host') host = true;
    else if (a === '-net') host = false;
    else if (a === 'netmask') netmask = args[++i];
    else if (a === 'gw' || a === 'gateway') gw = args[++i];
    else if (a === 'dev') dev = args[++i];
    else if (a === 'metric') metric = args[++i];
    else if (target === undefined) target = a;
    else dev = a;
  }
  // inet_getsock/INET_resolve: `-net 192.0.2.0/24` carries its own netmask.
  const slash = target?.indexOf('/') ?? -1;
  if (target !== undefined && slash > 0 && netmask === undefined) {
    const bits = Number(target.slice(slash + 1));
    if (Number.isInteger(bits) && bits >= 0 && bits <= 32) netmask = formatIp4(prefixMask(bits));
    target = target.slice(0, slash);
  }
  const ip = target === 'default' ? 0 : parseIp4(target ?? '');
  if (ip === null) {
    ctx.err(`${target ?? ''}: Unknown host\n`);
    return 4;
  }
  let len = target === 'default' ? 0 : host ? 32 : 32;
  if (netmask !== undefined) {
    const mask = parseIp4(netmask);
    const l = mask === null ? null : maskToLen(mask);
    if (l === null) {
      ctx.err(`route: bogus netmask ${netmask}\n`);
      return 4;
    }
    len = l;
  }
  const parts = [verb === 'add' ? 'add' : 'del', `${formatIp4(ip)}/${len}`];
  if (gw !== undefined) parts.push('via', gw);
  // An alias label (lo:0) picks the device and makes the alias address the preferred
  // source; a label no address carries is ENODEV (rtentry_to_fib_config).
  if (dev !== undefined) {
    const [base, alias] = dev.split(':');
    parts.push('dev', base!);
    if (alias !== undefined) {
      const d = ctx.host.device(base!);
      const ifa = d?.addresses.find((a) => a.label === dev);
      if (d && !ifa) {
        ctx.err(`SIOC${verb === 'add' ? 'ADD' : 'DEL'}RT: No such device\n`);
        return 7;
      }
      if (ifa) parts.push('src', formatIp4(ifa.local));
    }
  }
  if (metric !== undefined) parts.push('metric', metric);
  const result = ctx.run(`ip route ${parts.join(' ')}`);
  if (result.exit !== 0) {
    const msg = result.stderr.includes('File exists') ? 'File exists' : result.stderr.includes('No such process') ? 'No such process' : result.stderr.includes('Cannot find device') ? 'No such device' : 'Network is unreachable';
    ctx.err(`SIOC${verb === 'add' ? 'ADD' : 'DEL'}RT: ${msg}\n`);
    return 7;
  }
  return 0;
};
