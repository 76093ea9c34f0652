// `ip -j` (and `-j -p`): the records of ip addr, link, neigh and route as
// iproute2 6.1 prints them in JSON, key order included (ipaddress.c,
// ipneigh.c, iproute.c through json_print.c), and the layout of its
// json_writer.c: compact without spaces; pretty with four spaces per level,
// array items on one line, `[ ]` for an empty array.
import { formatIp4 } from '../../net/addr.ts';
import type { IfAddr, NetDevice } from '../../host/device.ts';
import type { Route } from '../../host/fib.ts';
import { linkFlags, operState } from './ip-format.ts';

/** A JSON value whose objects keep their keys in the order they were written. */
export type IpJson = string | number | boolean | null | IpJson[] | { [key: string]: IpJson };

const indent = (depth: number): string => '    '.repeat(depth);

/** One value as json_writer writes it at `depth` (the number of arrays and objects around it). */
function write(value: IpJson, pretty: boolean, depth: number): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => write(item, pretty, depth + 1)).join(',');
    return pretty ? `[ ${items}${value.length > 0 ? ' ' : ''}]` : `[${items}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${pretty ? `\n${indent(depth + 1)}` : ''}${JSON.stringify(key)}:${pretty ? ' ' : ''}${write(item, pretty, depth + 1)}`);
    return `{${entries.join(',')}${pretty && entries.length > 0 ? `\n${indent(depth)}` : ''}}`;
  }
  return JSON.stringify(value);
}

/** The whole output of one `ip -j` command: the array of its records and a line break. */
export function ipJsonOutput(records: IpJson[], pretty: boolean): string {
  return `${write(records, pretty, 0)}\n`;
}

/** print_linkinfo's fields up to the addresses; `linkmode` only in `ip link`, the link layer only without -4. */
export function linkJson(dev: NetDevice, options: { linkmode: boolean; linkLayer: boolean }): Record<string, IpJson> {
  const record: Record<string, IpJson> = { ifindex: dev.index, ifname: dev.name };
  // tunl0's IFLA_LINK is 0: the text's "@NONE", JSON's null.
  if (dev.tunnel) record.link = null;
  const flags = linkFlags(dev).slice(1, -1);
  record.flags = flags === '' ? [] : flags.split(',');
  record.mtu = dev.mtu;
  record.qdisc = dev.tunnel && !dev.up ? 'noop' : 'noqueue';
  record.operstate = operState(dev);
  if (options.linkmode) record.linkmode = 'DEFAULT';
  record.group = 'default';
  record.txqlen = 1000;
  if (options.linkLayer) {
    record.link_type = dev.isLoopback ? 'loopback' : dev.tunnel ? 'ipip' : 'ether';
    record.address = dev.isLoopback ? '00:00:00:00:00:00' : dev.tunnel ? '0.0.0.0' : dev.mac;
    record.broadcast = dev.isLoopback ? '00:00:00:00:00:00' : dev.tunnel ? '0.0.0.0' : 'ff:ff:ff:ff:ff:ff';
  }
  return record;
}

/** print_addrinfo: one entry of `addr_info`. */
export function addrJson(a: IfAddr): Record<string, IpJson> {
  const record: Record<string, IpJson> = { family: 'inet', local: formatIp4(a.local), prefixlen: a.prefixLen };
  if (a.broadcast !== null && a.broadcast !== 0) record.broadcast = formatIp4(a.broadcast);
  record.scope = a.scope;
  if (a.secondary) record.secondary = true;
  record.label = a.label;
  record.valid_life_time = 4294967295;
  record.preferred_life_time = 4294967295;
  return record;
}

/** print_route: the fields of `ip route show`'s text in their order, `flags` always. */
export function routeJson(r: Route, showTable: boolean): Record<string, IpJson> {
  const record: Record<string, IpJson> = {};
  if (r.type !== 'unicast') record.type = r.type;
  record.dst = r.dst === 0 && r.len === 0 ? 'default' : r.len === 32 ? formatIp4(r.dst) : `${formatIp4(r.dst)}/${r.len}`;
  if (r.gateway !== null) record.gateway = formatIp4(r.gateway);
  if (r.dev) record.dev = r.dev.name;
  if (showTable && r.table === 'local') record.table = 'local';
  if (r.proto !== 'boot') record.protocol = r.proto;
  if (r.scope !== 'global') record.scope = r.scope;
  if (r.src !== null) record.prefsrc = formatIp4(r.src);
  if (r.metric !== 0) record.metric = r.metric;
  record.flags = r.onlink ? ['onlink'] : [];
  return record;
}
