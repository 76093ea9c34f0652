// Output formats shared by the ip objects (iproute2 6.1).
import { formatIp4 } from '../../net/addr.ts';
import type { NetDevice } from '../../host/device.ts';
import type { Route } from '../../host/fib.ts';

/** iproute2's color.c palette for what `ip -c` paints. */
export const IP_COLORS = { ifname: 36, mac: 33, inet: 35, up: 32, down: 31 } as const;

/** `text` in one of those colours when `on` (ip -c), as print_color_string writes it. */
export function paint(on: boolean, color: keyof typeof IP_COLORS, text: string): string {
  return on ? `\x1b[${IP_COLORS[color]}m${text}\x1b[0m` : text;
}

export function linkFlags(dev: NetDevice): string {
  const flags = dev.isLoopback ? ['LOOPBACK'] : dev.tunnel ? [] : ['BROADCAST', 'MULTICAST'];
  if (dev.noarpFlag) flags.push('NOARP');
  if (dev.up) flags.push('UP', 'LOWER_UP');
  return `<${flags.join(',')}>`;
}

export function operState(dev: NetDevice): string {
  if (dev.isLoopback || dev.tunnel) return dev.up ? 'UNKNOWN' : 'DOWN';
  return dev.up ? 'UP' : 'DOWN';
}

export function linkHeader(dev: NetDevice, mode: boolean, color = false): string {
  const name = dev.tunnel ? `${dev.name}@NONE` : dev.name;
  const qdisc = dev.tunnel && !dev.up ? 'noop' : 'noqueue';
  const state = operState(dev);
  // print_operstate paints only UP and DOWN, with the space after them.
  const stateText = state === 'UP' ? paint(color, 'up', 'UP ') : state === 'DOWN' ? paint(color, 'down', 'DOWN ') : `${state} `;
  return `${dev.index}: ${paint(color, 'ifname', `${name}: `)}${linkFlags(dev)} mtu ${dev.mtu} qdisc ${qdisc} state ${stateText}${mode ? 'mode DEFAULT ' : ''}group default qlen 1000\n`;
}

export function linkLine(dev: NetDevice, color = false): string {
  const [type, address, broadcast] = dev.tunnel ? ['ipip', '0.0.0.0', '0.0.0.0'] : dev.isLoopback ? ['loopback', '00:00:00:00:00:00', '00:00:00:00:00:00'] : ['ether', dev.mac, 'ff:ff:ff:ff:ff:ff'];
  return `    link/${type} ${paint(color, 'mac', address)} brd ${paint(color, 'mac', broadcast)}\n`;
}

/**
 * `ip -s`'s counter block (iproute2 6.1 print_stats64): RX and TX share
 * column widths, each the wider of its heading and its largest number.
 */
export function statsLines(dev: NetDevice): string {
  const s = dev.stats;
  const rx = [s.rxBytes, s.rxPackets, 0, s.rxDropped, 0, 0];
  const tx = [s.txBytes, s.txPackets, 0, 0, 0, 0];
  const widths = ['*X errors:', 'packets', 'errors', 'dropped', 'heartbt', 'overrun'].map((h, i) => Math.max(h.length, String(rx[i]).length, String(tx[i]).length));
  const heading = (names: string[]): string => `${names.map((n, i) => n.padStart(i === 0 ? widths[0]! - 4 : widths[i]!)).join(' ')} ${''.padStart(10)}`;
  const values = (v: number[]): string => `    ${v.map((n, i) => `${String(n).padStart(widths[i]!)} `).join('')}\n`;
  return `    RX: ${heading(['bytes', 'packets', 'errors', 'dropped', 'missed', 'mcast'])}\n${values(rx)}    TX: ${heading(['bytes', 'packets', 'errors', 'dropped', 'carrier', 'collsns'])}\n${values(tx)}`;
}

/** A multi-line record as `ip -o` prints it: every line break but the last becomes a backslash. */
export function oneLine(record: string): string {
  const body = record.endsWith('\n') ? record.slice(0, -1) : record;
  return `${body.replace(/\n/g, '\\')}\n`;
}

/** One route as `ip route show` prints it, trailing space included. */
export function formatRoute(r: Route, showType: boolean, color = false): string {
  // Each field ends in its space, inside the colour as print_color_string writes it.
  let text = '';
  if (showType || r.type !== 'unicast') text += `${r.type} `;
  text += paint(color, 'inet', `${r.dst === 0 && r.len === 0 ? 'default' : r.len === 32 ? formatIp4(r.dst) : `${formatIp4(r.dst)}/${r.len}`} `);
  if (r.gateway !== null) text += `via ${paint(color, 'inet', `${formatIp4(r.gateway)} `)}`;
  if (r.dev) text += `dev ${paint(color, 'ifname', `${r.dev.name} `)}`;
  if (r.proto !== 'boot') text += `proto ${r.proto} `;
  if (r.scope !== 'global') text += `scope ${r.scope} `;
  if (r.src !== null) text += `src ${paint(color, 'inet', `${formatIp4(r.src)} `)}`;
  if (r.metric !== 0) text += `metric ${r.metric} `;
  if (r.onlink) text += 'onlink ';
  return `${text}\n`;
}
