// Output formats shared by the ip objects (iproute2 6.1).
import { formatIp4 } from '../../net/addr.ts';
import type { NetDevice } from '../../host/device.ts';
import type { Route } from '../../host/fib.ts';

export function linkFlags(dev: NetDevice): string {
  const flags = dev.isLoopback ? ['LOOPBACK'] : ['BROADCAST', 'MULTICAST'];
  if (dev.up) flags.push('UP', 'LOWER_UP');
  return `<${flags.join(',')}>`;
}

export function operState(dev: NetDevice): string {
  if (dev.isLoopback) return dev.up ? 'UNKNOWN' : 'DOWN';
  return dev.up ? 'UP' : 'DOWN';
}

export function linkHeader(dev: NetDevice, mode: boolean): string {
  return `${dev.index}: ${dev.name}: ${linkFlags(dev)} mtu ${dev.mtu} qdisc noqueue state ${operState(dev)}${mode ? ' mode DEFAULT' : ''} group default qlen 1000\n`;
}

export function linkLine(dev: NetDevice): string {
  return dev.isLoopback ? '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' : `    link/ether ${dev.mac} brd ff:ff:ff:ff:ff:ff\n`;
}

/** One route as `ip route show` prints it, trailing space included. */
export function formatRoute(r: Route, showType: boolean): string {
  let text = '';
  if (showType || r.type !== 'unicast') text += `${r.type} `;
  text += r.dst === 0 && r.len === 0 ? 'default' : r.len === 32 ? formatIp4(r.dst) : `${formatIp4(r.dst)}/${r.len}`;
  if (r.gateway !== null) text += ` via ${formatIp4(r.gateway)}`;
  if (r.dev) text += ` dev ${r.dev.name}`;
  if (r.proto !== 'boot') text += ` proto ${r.proto}`;
  if (r.scope !== 'global') text += ` scope ${r.scope}`;
  if (r.src !== null) text += ` src ${formatIp4(r.src)}`;
  if (r.metric !== 0) text += ` metric ${r.metric}`;
  return `${text} \n`;
}
