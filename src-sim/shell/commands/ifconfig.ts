// net-tools ifconfig: listing, and `ifconfig IF[:N] ADDR [netmask M] [broadcast B] [mtu N] [up|down]`
// as devinet_ioctl applies it (SIOCSIFADDR gives the classful prefix first).
import { classfulLen, formatIp4, maskToLen, parseIp4, prefixMask } from '../../net/addr.ts';
import type { IfAddr, NetDevice } from '../../host/device.ts';
import type { Command, CommandContext } from '../context.ts';

/** net-tools' interface flags, in the order ifconfig names them, with their values. */
const IFF_NAMES: readonly [string, number, (dev: NetDevice) => boolean][] = [
  ['UP', 0x1, (d) => d.up],
  ['BROADCAST', 0x2, (d) => !d.isLoopback && !d.tunnel],
  ['LOOPBACK', 0x8, (d) => d.isLoopback],
  ['RUNNING', 0x40, (d) => d.up],
  ['NOARP', 0x80, (d) => d.noarpFlag],
  ['MULTICAST', 0x1000, (d) => !d.isLoopback && !d.tunnel],
];

/** ife_print_long's "(606.0 B)", "(2.3 KiB)": tenths, truncated, of the largest binary unit the count exceeds. */
export function scaledBytes(bytes: number): string {
  const units: [number, string][] = [
    [2 ** 40, 'TiB'],
    [2 ** 30, 'GiB'],
    [2 ** 20, 'MiB'],
    [2 ** 10, 'KiB'],
  ];
  const [size, unit] = units.find(([limit]) => bytes > limit) ?? [1, 'B'];
  const tenths = Math.floor((bytes * 10) / size);
  return `${Math.floor(tenths / 10)}.${tenths % 10} ${unit}`;
}

function block(dev: NetDevice, label: string, ifa: IfAddr | undefined): string {
  const set = IFF_NAMES.filter(([, , has]) => has(dev));
  const flags = `${set.reduce((sum, [, value]) => sum + value, 0)}<${set.map(([name]) => name).join(',')}>`;
  let text = `${label}: flags=${flags}  mtu ${dev.mtu}\n`;
  if (ifa) {
    text += `        inet ${formatIp4(ifa.local)}  netmask ${formatIp4(prefixMask(ifa.prefixLen))}`;
    if (!dev.isLoopback && !dev.tunnel) text += `  broadcast ${formatIp4(ifa.broadcast ?? 0)}`;
    text += '\n';
  }
  text += dev.isLoopback ? '        loop  txqueuelen 1000  (Local Loopback)\n' : dev.tunnel ? '        tunnel   txqueuelen 1000  (IPIP Tunnel)\n' : `        ether ${dev.mac}  txqueuelen 1000  (Ethernet)\n`;
  // The counters of /proc/net/dev, under the device's own name only (net-tools 2.10 ife_print_long).
  if (label === dev.name) {
    const s = dev.stats;
    text += `        RX packets ${s.rxPackets}  bytes ${s.rxBytes} (${scaledBytes(s.rxBytes)})\n        RX errors 0  dropped ${s.rxDropped}  overruns 0  frame 0\n`;
    text += `        TX packets ${s.txPackets}  bytes ${s.txBytes} (${scaledBytes(s.txBytes)})\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n`;
  }
  return `${text}\n`;
}

/**
 * net-tools' nstrcmp: names compare character by character, but a number that
 * follows a non-digit compares by value (eth2 before eth10). ifconfig keeps its
 * interface list, aliases included, sorted this way: eth0, lo, lo:0, tunl0.
 */
export function nstrcmp(a: string, b: string): number {
  let i = 0;
  let numberStart = 0;
  const digit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
  while (a[i] === b[i]) {
    if (i === a.length) return 0;
    if (!digit(a[i]) && digit(a[i + 1])) numberStart = i + 1;
    i++;
  }
  if (digit(a[i]) && digit(b[i])) return parseInt(a.slice(numberStart), 10) > parseInt(b.slice(numberStart), 10) ? 1 : -1;
  return (a.charCodeAt(i) || 0) - (b.charCodeAt(i) || 0);
}

function list(ctx: CommandContext, only: string | null, all: boolean): number {
  // SIOCGIFFLAGS loads the module behind a device name (tunl0 → ipip), as host.device does.
  if (only !== null) ctx.host.deviceByName(only.split(':')[0]!);
  const entries: { dev: NetDevice; label: string }[] = [];
  for (const dev of ctx.host.devices) {
    const labels = [dev.name, ...new Set(dev.addresses.map((a) => a.label).filter((l) => l !== dev.name))];
    for (const label of labels) {
      if (only !== null && label !== only) continue;
      if (!dev.up && !all && only === null) continue;
      entries.push({ dev, label });
    }
  }
  entries.sort((x, y) => nstrcmp(x.label, y.label));
  for (const { dev, label } of entries) {
    ctx.out(block(dev, label, dev.addresses.find((a) => a.label === label && !a.secondary) ?? dev.addresses.find((a) => a.label === label)));
  }
  // An alias label with no address still names its device: net-tools prints the
  // device's flags under the label, with no inet line (SIOCGIFADDR fails).
  const aliased = only !== null && only.includes(':') ? ctx.host.deviceByName(only.split(':')[0]!) : undefined;
  if (only !== null && entries.length === 0 && aliased) {
    ctx.out(block(aliased, only, undefined));
    return 0;
  }
  if (only !== null && entries.length === 0) {
    ctx.err(`${only}: error fetching interface information: Device not found\n`);
    return 1;
  }
  return 0;
}

export const ifconfig: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  const all = args[0] === '-a';
  if (all) args.shift();
  if (args.length <= 1) return list(ctx, args[0] ?? null, all);
  const label = args.shift()!;
  const [devName] = label.split(':');
  const dev = ctx.host.deviceByName(devName!);
  if (!dev) {
    ctx.err(`SIOCSIFADDR: No such device\n${label}: ERROR while getting interface flags: No such device\n`);
    return 255;
  }
  const host = ctx.host;
  const current = (): IfAddr | undefined => dev.addresses.find((a) => a.label === label);
  let status = 0;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === 'up' || word === 'down') {
      if (label !== dev.name) {
        // SIOCSIFFLAGS on an alias acts on its address: down deletes it; with none
        // (a netmask that made it a duplicate dropped it) devinet_ioctl says
        // EADDRNOTAVAIL and ifconfig goes on, exiting -1.
        const ifa = current();
        if (!ifa) {
          ctx.err('SIOCSIFFLAGS: Cannot assign requested address\n');
          status = 255;
        } else if (word === 'down') host.deleteAddress(dev, ifa);
      } else host.setLinkUp(dev, word === 'up');
    } else if (word === 'netmask') {
      const mask = parseIp4(args[++i] ?? '');
      const len = mask === null ? null : maskToLen(mask);
      const ifa = current();
      if (len === null) {
        ctx.err(`${args[i] ?? ''}: Unknown host\nifconfig: \`--help' gives usage information.\n`);
        return 1;
      }
      if (!ifa) {
        ctx.err('SIOCSIFNETMASK: Cannot assign requested address\n');
        return 1;
      }
      // The address is taken out and put back with the new mask; if that makes it
      // a duplicate (__inet_insert_ifa: EEXIST) it is gone and ifconfig is not told.
      if (ifa.prefixLen !== len) {
        const oldBroadcast = ifa.broadcast;
        const wasDerived = oldBroadcast !== null && oldBroadcast === ((ifa.local | ~prefixMask(ifa.prefixLen)) >>> 0);
        host.deleteAddress(dev, ifa);
        const broadcast = wasDerived && len < 31 ? (ifa.local | ~prefixMask(len)) >>> 0 : oldBroadcast;
        host.addAddress(dev, { local: ifa.local, prefixLen: len, label, scope: ifa.scope, broadcast });
      }
    } else if (word === 'mtu') {
      // sscanf("%i") then SIOCSIFMTU, which dev_ioctl applies to the device an alias belongs to;
      // dev_validate_mtu's EINVAL is perror'd and ifconfig goes on.
      const text = args[++i] ?? '';
      const mtu = /^[+-]?(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)/i.exec(text);
      if (!mtu) {
        ctx.err(`${text}: Unknown host\nifconfig: \`--help' gives usage information.\n`);
        return 1;
      }
      const value = Number.parseInt(mtu[0], mtu[1]!.startsWith('0x') || mtu[1]!.startsWith('0X') ? 16 : mtu[1]!.startsWith('0') ? 8 : 10);
      const { min, max } = dev.mtuRange;
      if (value < min || value > max) {
        ctx.err('SIOCSIFMTU: Invalid argument\n');
        status = 1;
      } else dev.mtuSet = value;
    } else if (word === 'broadcast') {
      const b = parseIp4(args[++i] ?? '');
      const ifa = current();
      if (b === null || !ifa) {
        ctx.err('SIOCSIFBRDADDR: Cannot assign requested address\n');
        return 1;
      }
      host.deleteAddress(dev, ifa);
      host.addAddress(dev, { ...ifa, broadcast: b });
    } else {
      const ip = parseIp4(word);
      if (ip === null) {
        ctx.err(`${word}: Unknown host\nifconfig: \`--help' gives usage information.\n`);
        return 1;
      }
      const old = current();
      if (old?.local === ip) continue;
      if (old) host.deleteAddress(dev, old);
      const len = classfulLen(ip);
      const broadcast = !dev.isLoopback && len < 31 ? (ip | ~prefixMask(len)) >>> 0 : null;
      const error = host.addAddress(dev, { local: ip, prefixLen: len, label, scope: ip >>> 24 === 127 ? 'host' : 'global', broadcast });
      if (error) {
        ctx.err(`SIOCSIFADDR: ${error === 'EEXIST' ? 'File exists' : 'Invalid argument'}\n`);
        return 1;
      }
    }
  }
  return status;
};
