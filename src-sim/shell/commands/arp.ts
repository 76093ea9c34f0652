// net-tools arp: the listing (Linux style, -a's BSD style, -i DEV), and the
// /proc/net/arp file it reads; -s IP MAC
// [temp] [dev DEV | -i DEV] sets a permanent (or stale) entry and -d IP
// deletes one, with SIOCSARP/SIOCDARP's device found as the kernel finds it
// (a link-scope route to the address) and net-tools' messages.
import { parseIp4, parseMac } from '../../net/addr.ts';
import type { Host } from '../../host/host.ts';
import { NUD_VALID } from '../../host/neighbour/table.ts';
import type { Command, CommandContext } from '../context.ts';

export function procNetArp(host: Host): string {
  let text = 'IP address       HW type     Flags       HW address            Mask     Device\n';
  for (const e of host.neigh.list()) {
    if (e.nud === 'NOARP' || e.dev.isLoopback) continue;
    const flags = e.nud === 'PERMANENT' ? '0x6' : NUD_VALID.has(e.nud) ? '0x2' : '0x0';
    const mac = NUD_VALID.has(e.nud) && e.lladdr ? e.lladdr : '00:00:00:00:00:00';
    text += `${e.ipText.padEnd(16)} 0x1         ${flags.padEnd(11)} ${mac}     *        ${e.dev.name}\n`;
  }
  return text;
}

/**
 * The device SIOCSARP/SIOCDARP use without -i: a link-scope route's
 * (ip_route_output with RT_SCOPE_LINK). A local address routes to the
 * loopback device (ip_route_output_key_hash_rcu: RTN_LOCAL -> loopback_dev),
 * wherever the address itself lives.
 */
function arpDevice(ctx: CommandContext, ip: number): string | null {
  const route = ctx.host.fib.lookup(ip);
  if (!route || !route.dev || route.scope === 'global') return null;
  if (route.type === 'local') return ctx.host.devices.find((d) => d.isLoopback)?.name ?? null;
  return route.dev.name;
}

function setOrDelete(ctx: CommandContext, args: string[]): number {
  let dev: string | null = null;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '-i') dev = args[++i] ?? null;
    else if (args[i] !== '-n') words.push(args[i]!);
  }
  const mode = words.shift();
  const host = words.shift();
  if (host === undefined) {
    ctx.err('arp: need host name\n');
    return 255;
  }
  const ip = parseIp4(host);
  if (ip === null) {
    ctx.err(`${host}: Host name lookup failure\n`);
    return 255;
  }
  if (mode === '-d') {
    const device = dev ?? arpDevice(ctx, ip);
    if (device === null) {
      ctx.err('SIOCDARP(dontpub): Network is unreachable\n');
      return 255;
    }
    const exists = ctx.host.neigh.list().some((e) => e.ipText === host && e.dev.name === device && e.nud !== 'NONE');
    if (!exists) {
      ctx.out(`No ARP entry for ${host}\n`);
      return 255;
    }
    return ctx.run(`ip neigh del ${host} dev ${device}`).exit === 0 ? 0 : 255;
  }
  const macText = words.shift();
  if (macText === undefined) {
    ctx.err('arp: need hardware address\n');
    return 255;
  }
  const mac = parseMac(macText);
  if (!mac) {
    ctx.err('arp: invalid hardware address\n');
    return 255;
  }
  let permanent = true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'temp') permanent = false;
    else if (w === 'dev') dev = words[++i] ?? null;
    else if (w === 'pub') {
      // arp_req_set_public: without a device the kernel looks for the one whose
      // own address is the MAC given (dev_getbyhwaddr); another MAC is ENODEV.
      if (!ctx.host.devices.some((d) => d.mac === mac)) {
        ctx.err('SIOCSARP: No such device\n');
        return 255;
      }
      ctx.err('arp: proxy ARP entries (pub) are not simulated in this lab\n');
      return 255;
    }
  }
  const device = dev ?? arpDevice(ctx, ip);
  if (device === null) {
    ctx.err('SIOCSARP: Network is unreachable\n');
    return 255;
  }
  const netDevice = ctx.host.deviceByName(device);
  if (!netDevice) {
    ctx.err('SIOCSARP: No such device\n');
    return 255;
  }
  // arp_req_set: the hardware address family (ARPHRD_ETHER from net-tools)
  // must be the device's type; lo (ARPHRD_LOOPBACK) and tunl0 (ARPHRD_TUNNEL) are not.
  if (netDevice.isLoopback || netDevice.tunnel) {
    ctx.err('SIOCSARP: Invalid argument\n');
    return 255;
  }
  // SIOCSARP updates the entry as an administrator (override), stale unless permanent.
  const r = ctx.run(`ip neigh replace ${host} lladdr ${mac} dev ${device} nud ${permanent ? 'permanent' : 'stale'}`);
  return r.exit === 0 ? 0 : 255;
}

export const arp: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.includes('-s') || args.includes('-d')) return setOrDelete(ctx, args.includes('-s') ? ['-s', ...args.filter((a) => a !== '-s')] : ['-d', ...args.filter((a) => a !== '-d')]);
  let bsd = false;
  let device: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-i' || a === '--device') {
      device = args[++i] ?? '';
      continue;
    }
    // Letters may be grouped (-an); -a picks BSD style, -e Linux style (the default).
    const bad = /^-[ane]+$/.test(a) ? undefined : a.replace(/^-+/, '').slice(0, 1);
    if (bad !== undefined) {
      ctx.err(`arp: invalid option -- '${bad}'\n`);
      return 255;
    }
    if (a.includes('a')) bsd = true;
    if (a.includes('e')) bsd = false;
  }
  // arp_show reads every line of /proc/net/arp and shows those on the device asked for.
  const all = ctx.host.neigh.list().filter((e) => e.nud !== 'NOARP' && e.nud !== 'NONE' && !e.dev.isLoopback);
  const entries = all.filter((e) => device === null || e.dev.name === device);
  if (entries.length === 0) {
    if (device !== null) ctx.out(`arp: in ${all.length} entries no match found.\n`);
    return 0;
  }
  if (!bsd) ctx.out('Address                  HWtype  HWaddress           Flags Mask            Iface\n');
  for (const e of entries) {
    const complete = NUD_VALID.has(e.nud) && e.lladdr;
    if (bsd) {
      // The name lookup finds nothing for lab addresses: net-tools prints "?".
      ctx.out(`? (${e.ipText}) at ${complete ? `${e.lladdr} [ether] ` : '<incomplete> '}${e.nud === 'PERMANENT' ? 'PERM ' : ''}on ${e.dev.name}\n`);
      continue;
    }
    const hw = complete ? `${'ether'.padEnd(8)}${e.lladdr!.padEnd(20)}` : `${''.padEnd(8)}${'(incomplete)'.padEnd(20)}`;
    const flags = complete ? (e.nud === 'PERMANENT' ? 'CM' : 'C') : '';
    ctx.out(`${e.ipText.padEnd(23)}  ${hw}${flags.padEnd(6)}${''.padEnd(16)}${e.dev.name}\n`);
  }
  return 0;
};
