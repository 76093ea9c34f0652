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
// - route-<name> beside ifcfg-<name> holds the connection's static routes
//   (read_route_file): in the key form ADDRESS0=, NETMASK0= (required),
//   GATEWAY0=, METRIC0= and on while the numbers follow, where a bad value
//   makes the whole connection unreadable (it does not come up at all); or
//   in `ip route` form, one route a line, where a line NetworkManager cannot
//   read, and a default route, is skipped with a warning.
// The lab adds the addresses, the gateway and the routes as `ip` would;
// NetworkManager's own route metric (100), proto static and noprefixroute
// are not modelled.
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
  /** The route file's routes, as `ip route add` arguments (without the device). */
  routes: string[];
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
    const routeFile = fs.read(`${NETWORK_SCRIPTS}/route-${name.slice('ifcfg-'.length)}`);
    const routes = routeFileRoutes(routeFile.ok ? routeFile.value : '');
    // A route file in the key form with a bad value: the connection cannot be read.
    if (routes === null) continue;
    connections.push({ file: `${NETWORK_SCRIPTS}/${name}`, device, addresses, gateway: values.get('GATEWAY') ?? null, routes });
  }
  return connections;
}

/** The commands that do what activating a connection does to the kernel's tables. */
export function activationCommands(connection: IfcfgConnection): string[] {
  const dev = connection.device;
  const commands = [`ip link set dev ${dev} up`];
  for (const { cidr, label } of connection.addresses) commands.push(`ip addr add ${cidr} brd + dev ${dev}${label === dev ? '' : ` label ${label}`}`);
  if (connection.gateway !== null) commands.push(`ip route add default via ${connection.gateway} dev ${dev}`);
  for (const route of connection.routes) commands.push(`ip route add ${route} dev ${dev}`);
  return commands;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const isIpv4 = (text: string): boolean => IPV4.test(text) && text.split('.').every((p) => Number(p) <= 255);

/** utils_has_route_file_new_syntax_content: a line "ADDRESS<digits>=" (or an empty file) means the key form. */
function keyForm(text: string): boolean {
  return text.trim() === '' || text.split('\n').some((line) => /^\s*ADDRESS\d+=/.test(line));
}

/** The routes of a route-<name> file as `ip route add` arguments; null when the key form has an error (read_one_ip4_route). */
export function routeFileRoutes(text: string): string[] | null {
  if (!keyForm(text)) return text.split('\n').map(routeLine).filter((r): r is string => r !== null);
  const values = parseIfcfg(text);
  const routes: string[] = [];
  for (let i = 0; values.has(`ADDRESS${i}`); i++) {
    const address = values.get(`ADDRESS${i}`)!;
    const gateway = values.get(`GATEWAY${i}`) ?? '';
    const netmask = values.get(`NETMASK${i}`);
    const metric = values.get(`METRIC${i}`);
    if (!isIpv4(address) || (gateway !== '' && !isIpv4(gateway)) || netmask === undefined) return null;
    const prefix = netmaskPrefix(netmask);
    if (prefix === null || (metric !== undefined && !/^\d+$/.test(metric))) return null;
    // A missing GATEWAY and 0.0.0.0 are the same: a route straight out of the device.
    const via = gateway === '' || gateway === '0.0.0.0' ? '' : ` via ${gateway}`;
    routes.push(`${address}/${prefix}${via}${metric === undefined ? '' : ` metric ${metric}`}`);
  }
  return routes;
}

/**
 * parse_route_line for the `ip route` words LVS setups write: [to] DEST[/LEN]
 * via GW, dev, metric, src, scope, table, onlink. A default route, a line
 * with any other word or a bad value is skipped (NetworkManager warns and
 * reads the next line); comments and blank lines are nothing.
 */
function routeLine(raw: string): string | null {
  const words = raw.trim().split(/[ \t]+/).filter(Boolean);
  if (words.length === 0 || words[0]!.startsWith('#')) return null;
  let dest: string | null = null;
  const extra: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const value = words[i + 1];
    if (seen.has(word)) return null;
    if (['via', 'src', 'metric', 'table', 'scope', 'dev', 'to'].includes(word)) {
      if (value === undefined) return null;
      seen.add(word);
      i++;
      if (word === 'to') dest = value;
      else if ((word === 'via' || word === 'src') && !isIpv4(value)) return null;
      else if ((word === 'metric' || word === 'table') && !/^\d+$/.test(value)) return null;
      else if (word === 'scope' && !['global', 'link', 'host', 'site', 'nowhere'].includes(value)) return null;
      if (word !== 'to' && word !== 'dev') extra.push(word, value);
    } else if (word === 'onlink') {
      seen.add(word);
      extra.push(word);
    } else if (dest === null) dest = word;
    else return null;
  }
  if (dest === null || dest === 'default') return null;
  const [ip, len] = dest.split('/');
  if (!isIpv4(ip!) || (len !== undefined && !(/^\d+$/.test(len) && Number(len) <= 32))) return null;
  // A prefix of 0 is the default route, which the file may not set.
  if (len === '0') return null;
  return [`${ip}/${len ?? 32}`, ...extra].join(' ');
}
