// ip address show | add | del | flush
import { broadcastOf, formatIp4, parseCidr, parseIp4 } from '../../net/addr.ts';
import type { IfAddr, NetDevice, Scope } from '../../host/device.ts';
import type { CommandContext } from '../context.ts';
import { familyWord, matches, unknownVerb, type IpOptions } from './ip-object.ts';
import { addrJson, ipJsonOutput, linkJson } from './ip-json.ts';
import { linkHeader, linkLine, oneLine, operState, paint, statsLines } from './ip-format.ts';

export function ipAddr(ctx: CommandContext, args: string[], options: IpOptions): number {
  const verb = args[0];
  if (verb === undefined || matches(verb, 'show') || matches(verb, 'list') || verb === 'lst') return show(ctx, args.slice(1), options);
  if (matches(verb, 'add') || matches(verb, 'replace')) return add(ctx, args.slice(1), verb.startsWith('r'), options);
  if (matches(verb, 'delete')) return del(ctx, args.slice(1), options);
  if (matches(verb, 'flush')) return flush(ctx, args.slice(1));
  return unknownVerb(ctx, verb, 'address');
}

function findDevice(ctx: CommandContext, name: string | undefined): NetDevice | null {
  const dev = name === undefined ? undefined : ctx.host.deviceByName(name);
  return dev ?? null;
}

function show(ctx: CommandContext, args: string[], options: IpOptions): number {
  let devName: string | undefined;
  let upOnly = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === 'dev') devName = args[++i];
    else if (args[i] === 'up') upOnly = true;
    else if (args[i] === 'scope' || args[i] === 'label') i++;
    else devName = args[i];
  }
  // `up`: filter.up, only devices with IFF_UP.
  let devices = ctx.host.devices.filter((d) => !upOnly || d.up);
  if (devName !== undefined) {
    const dev = findDevice(ctx, devName);
    if (!dev) {
      ctx.err(`Device "${devName}" does not exist.\n`);
      return 1;
    }
    devices = [dev];
  }
  if (options.json) {
    const records = devices
      .filter((dev) => !(options.family4 && dev.addresses.length === 0))
      .map((dev) => ({ ...linkJson(dev, { linkmode: false, linkLayer: !options.family4 }), addr_info: dev.addresses.map(addrJson) }));
    ctx.out(ipJsonOutput(records, options.pretty));
    return 0;
  }
  for (const dev of devices) {
    if (options.brief) {
      const addrs = dev.addresses.map((a) => `${formatIp4(a.local)}/${a.prefixLen} `).join('');
      if (options.family4 && dev.addresses.length === 0) continue;
      ctx.out(`${(dev.tunnel ? `${dev.name}@NONE` : dev.name).padEnd(16)} ${operState(dev).padEnd(14)} ${options.family4 ? addrs : addrs || ''}\n`);
      continue;
    }
    if (options.oneline) {
      // iproute2 prints no link record in -o mode of `ip addr`, one line per address.
      for (const a of dev.addresses) ctx.out(`${dev.index}: ${dev.name}${oneLine(inetLine(a))}`);
      continue;
    }
    if (options.family4 && dev.addresses.length === 0) continue;
    ctx.out(linkHeader(dev, false, options.color));
    if (!options.family4) ctx.out(linkLine(dev, options.color));
    for (const a of dev.addresses) ctx.out(inetLine(a, options.color));
    if (options.stats) ctx.out(statsLines(dev));
  }
  return 0;
}

export function inetLine(a: IfAddr, color = false): string {
  const brd = a.broadcast !== null && a.broadcast !== 0 ? `brd ${paint(color, 'inet', `${formatIp4(a.broadcast)} `)}` : '';
  const secondary = a.secondary ? ' secondary' : '';
  return `    inet ${paint(color, 'inet', formatIp4(a.local))}/${a.prefixLen} ${brd}scope ${a.scope}${secondary} ${a.label}\n       valid_lft forever preferred_lft forever\n`;
}

interface AddrArgs {
  cidr: { ip: number; len: number } | null;
  bare: boolean;
  dev?: string;
  label?: string;
  scope: Scope;
  broadcast: number | null | '+';
}

function parseAddrArgs(ctx: CommandContext, args: string[], options: IpOptions): AddrArgs | number {
  const parsed: AddrArgs = { cidr: null, bare: false, scope: 'global', broadcast: null };
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const next = (): string | undefined => args[++i];
    if (word === 'dev') parsed.dev = next();
    else if (word === 'label') parsed.label = next();
    else if (word === 'scope') {
      const s = next();
      if (s !== 'global' && s !== 'link' && s !== 'host') {
        ctx.err(`Error: argument "${s ?? ''}" is wrong: invalid scope value.\n`);
        return 1;
      }
      parsed.scope = s;
    } else if (word === 'brd' || word === 'broadcast') {
      const b = next();
      if (b === '+') parsed.broadcast = '+';
      else {
        const ip = b === undefined ? null : parseIp4(b);
        if (ip === null) {
          ctx.err(`Error: an inet address is expected rather than "${b ?? ''}".\n`);
          return 1;
        }
        parsed.broadcast = ip;
      }
    } else if (word === 'local' || parsed.cidr === null) {
      const text = word === 'local' ? next() ?? '' : word;
      const cidr = parseCidr(text, true, true);
      if (!cidr) {
        ctx.err(`Error: ${familyWord(options)} prefix is expected rather than "${text}".\n`);
        return 1;
      }
      parsed.cidr = cidr;
      parsed.bare = !text.includes('/');
    } else {
      ctx.err(`Error: either "local" is duplicate, or "${word}" is a garbage.\n`);
      return 1;
    }
  }
  return parsed;
}

/** The address and device that add and del both require, or the exit status of the error. */
function parseTarget(ctx: CommandContext, args: string[], options: IpOptions): { parsed: AddrArgs; dev: NetDevice; cidr: { ip: number; len: number } } | number {
  const parsed = parseAddrArgs(ctx, args, options);
  if (typeof parsed === 'number') return parsed;
  if (!parsed.dev) {
    ctx.err('Not enough information: "dev" argument is required.\n');
    return 2;
  }
  const dev = findDevice(ctx, parsed.dev);
  if (!dev) {
    ctx.err(`Cannot find device "${parsed.dev}"\n`);
    return 1;
  }
  if (!parsed.cidr) {
    ctx.err('Not enough information: "local" argument is required.\n');
    return 2;
  }
  return { parsed, dev, cidr: parsed.cidr };
}

function add(ctx: CommandContext, args: string[], replace: boolean, options: IpOptions): number {
  const target = parseTarget(ctx, args, options);
  if (typeof target === 'number') return target;
  const { parsed, dev, cidr } = target;
  // iproute2 6.1 sends any label (is_valid_label was dropped upstream): `label eth0:1` on lo is
  // stored as given (kernel run 507).
  const label = parsed.label ?? dev.name;
  const { ip, len } = cidr;
  const broadcast = parsed.broadcast === '+' ? (len < 31 ? broadcastOf(ip, len) : null) : parsed.broadcast;
  const scope: Scope = ip >>> 24 === 127 && parsed.scope === 'global' ? 'host' : parsed.scope;
  // inet_rtm_newaddr with NLM_F_REPLACE: find_matching_ifa finds the same
  // address and mask and only its lifetimes and metric are refreshed; scope,
  // label, broadcast and its place in the list stay as they were.
  if (replace && dev.addresses.some((a) => a.local === ip && a.prefixLen === len)) return 0;
  const error = ctx.host.addAddress(dev, { local: ip, prefixLen: len, label, scope, broadcast });
  if (error === 'EEXIST') {
    ctx.err('Error: ipv4: Address already assigned.\n');
    return 2;
  }
  if (error) {
    // __inet_insert_ifa: a secondary must have its primary's scope.
    ctx.err('Error: ipv4: Invalid scope value.\n');
    return 2;
  }
  return 0;
}

function del(ctx: CommandContext, args: string[], options: IpOptions): number {
  const target = parseTarget(ctx, args, options);
  if (typeof target === 'number') return target;
  const { parsed, dev, cidr } = target;
  const { ip, len } = cidr;
  if (parsed.bare) {
    ctx.err(`Warning: Executing wildcard deletion to stay compatible with old scripts.\n         Explicitly specify the prefix length (${formatIp4(ip)}/32) to avoid this warning.\n         This special behaviour is likely to disappear in further releases,\n         fix your scripts!\n`);
  }
  const ifa = dev.addresses.find((a) => a.local === ip && (parsed.bare || a.prefixLen === len) && (parsed.label === undefined || a.label === parsed.label));
  if (!ifa) {
    ctx.err('Error: ipv4: Address not found.\n');
    return 2;
  }
  ctx.host.deleteAddress(dev, ifa);
  return 0;
}

function flush(ctx: CommandContext, args: string[]): number {
  const devName = args[0] === 'dev' ? args[1] : args[0];
  if (devName === undefined) {
    ctx.err('Flush requires arguments.\n');
    return 1;
  }
  const dev = findDevice(ctx, devName);
  if (!dev) {
    ctx.err(`Device "${devName}" does not exist.\n`);
    return 1;
  }
  while (dev.addresses.length > 0) ctx.host.deleteAddress(dev, dev.addresses[0]!);
  return 0;
}

