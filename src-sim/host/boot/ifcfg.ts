// Rocky Linux 9's network at boot: NetworkManager (1.46) with its ifcfg-rh
// plugin reading /etc/sysconfig/network-scripts/ifcfg-* (the network-scripts
// package, with `ifup lo:0` and network.service, is gone from RHEL 9).
// What the plugin does with the files LVS tutorials write
// (src/core/settings/plugins/ifcfg-rh/nms-ifcfg-rh-reader.c, -utils.c):
// - ifcfg-lo, and any file whose DEVICE is lo, is ignored ("Ignoring
//   loopback device config."): a VIP in ifcfg-lo:0 never comes up at boot.
// - a file whose name has a colon (ifcfg-eth0:0) is not a connection: it is
//   an alias merged into its parent's (ifcfg-eth0) as one more address,
//   labelled with the alias's DEVICE.
// - ONBOOT (default yes) is autoconnect; BOOTPROTO none/static (or absent
//   with an IPADDR) is manual addressing: IPADDR, PREFIX or NETMASK, and
//   IPADDR1…/PREFIX1…; GATEWAY is the default route.
// The lab adds the addresses and the gateway as `ip` would; NetworkManager's
// own route metric (100) and noprefixroute are not modelled.
import type { HostFileSystem } from '../fs.ts';

export const NETWORK_SCRIPTS = '/etc/sysconfig/network-scripts';

/** svParseFile's view of one file: KEY=value with shell quoting removed. */
export function parseIfcfg(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2]!.trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1);
    values.set(match[1]!, value);
  }
  return values;
}

/** A dotted netmask's prefix length, or null when it is not one. */
function netmaskPrefix(mask: string): number | null {
  const parts = mask.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  const bits = parts.reduce((n, p) => n * 256 + p, 0);
  const prefix = bits.toString(2).replace(/0+$/, '').length;
  return (bits === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0) === bits ? prefix : null;
}

/** nm_utils_ip4_get_default_prefix: the classful length of an address given without PREFIX or NETMASK. */
function classfulPrefix(ip: string): number {
  const first = Number(ip.split('.')[0]);
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}

/** IPADDRn with PREFIXn (or NETMASKn; neither: the classful length): `ip/len`. */
function addressesOf(values: Map<string, string>): string[] {
  const found: string[] = [];
  for (const suffix of ['', '0', ...Array.from({ length: 255 }, (_, i) => String(i + 1))]) {
    const ip = values.get(`IPADDR${suffix}`);
    if (ip === undefined || ip === '') continue;
    const prefix = values.get(`PREFIX${suffix}`);
    const netmask = values.get(`NETMASK${suffix}`);
    const len = prefix !== undefined ? Number(prefix) : netmask !== undefined ? netmaskPrefix(netmask) : classfulPrefix(ip);
    if (len === null || !Number.isInteger(len)) continue;
    found.push(`${ip}/${len}`);
  }
  return found;
}

/** One connection NetworkManager activates at boot. */
export interface IfcfgConnection {
  file: string;
  device: string;
  /** Addresses with the label each gets (the device, or an alias's DEVICE). */
  addresses: Array<{ cidr: string; label: string }>;
  gateway: string | null;
}

/** The connections the ifcfg-rh plugin would autoconnect at boot, in file-name order. */
export function bootConnections(fs: HostFileSystem): IfcfgConnection[] {
  const names = fs.list(NETWORK_SCRIPTS);
  if (!names.ok) return [];
  const files = names.value.filter((n) => n.startsWith('ifcfg-') && !/(\.bak|\.orig|\.rej|~|\.rpmnew|\.rpmsave)$/.test(n)).sort();
  const read = (name: string): Map<string, string> | null => {
    const text = fs.read(`${NETWORK_SCRIPTS}/${name}`);
    return text.ok ? parseIfcfg(text.value) : null;
  };
  const connections: IfcfgConnection[] = [];
  for (const name of files) {
    if (name.includes(':')) continue;
    const values = read(name);
    if (!values) continue;
    const device = values.get('DEVICE') ?? name.slice('ifcfg-'.length);
    if (device === 'lo' || name === 'ifcfg-lo') continue;
    const onboot = (values.get('ONBOOT') ?? 'yes').toLowerCase();
    if (['no', 'n', 'false', '0'].includes(onboot)) continue;
    const bootproto = (values.get('BOOTPROTO') ?? 'none').toLowerCase();
    if (bootproto !== 'none' && bootproto !== 'static' && bootproto !== '') continue;
    const addresses = addressesOf(values).map((cidr) => ({ cidr, label: device }));
    // Aliases: ifcfg-<parent>:<name>, whose name part is letters, digits and '_'.
    for (const alias of files.filter((n) => n.startsWith(`${name}:`) && /^[A-Za-z0-9_]+$/.test(n.slice(name.length + 1)))) {
      const aliasValues = read(alias);
      if (!aliasValues) continue;
      const label = aliasValues.get('DEVICE') ?? `${device}:${alias.slice(name.length + 1)}`;
      for (const cidr of addressesOf(aliasValues)) addresses.push({ cidr, label });
    }
    connections.push({ file: `${NETWORK_SCRIPTS}/${name}`, device, addresses, gateway: values.get('GATEWAY') ?? null });
  }
  return connections;
}

/** The commands that do what activating a connection does to the kernel's tables. */
export function activationCommands(connection: IfcfgConnection): string[] {
  const dev = connection.device;
  const commands = [`ip link set dev ${dev} up`];
  for (const { cidr, label } of connection.addresses) commands.push(`ip addr add ${cidr} brd + dev ${dev}${label === dev ? '' : ` label ${label}`}`);
  if (connection.gateway !== null) commands.push(`ip route add default via ${connection.gateway} dev ${dev}`);
  return commands;
}
