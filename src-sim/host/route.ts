// Route lookups as ip_route_output_key and ip_route_input_slow do them,
// including source validation (fib_validate_source: martians, rp_filter).
import { formatIp4, isLoopbackNet, isMulticast, isZeronet, LIMITED_BROADCAST, type Ip4 } from '../net/addr.ts';
import { addrType, selectAddress } from './addressing.ts';
import type { NetDevice } from './device.ts';
import type { Route } from './fib.ts';
import type { Host } from './host.ts';
import { msg, type Message } from '../i18n/catalogue.ts';
import { routeException } from './redirect.ts';

export interface OutputRoute {
  type: 'unicast' | 'local' | 'broadcast';
  dev: NetDevice;
  /** The next hop: the gateway, or the destination itself when on-link. */
  nexthop: Ip4;
  gateway: Ip4 | null;
  src: Ip4;
  route: Route | null;
  /** The first hop came from a redirect (RTCF_REDIRECTED): when that exception expires, in µs of lab time. */
  redirectedUntilUs?: number;
}

export type RouteError = { error: 'ENETUNREACH' | 'EINVAL' | 'EHOSTUNREACH'; reason: Message };

/**
 * ip_route_output_key_hash_rcu: where a locally generated packet to `dst`
 * goes. `src` is the flow's source (`from S`, a bound socket), `oif` its
 * output device (`oif D`, SO_BINDTODEVICE).
 */
export function routeOutput(host: Host, dst: Ip4, src: Ip4 | null, oif: NetDevice | null): OutputRoute | RouteError {
  if (src !== null && src !== 0) {
    if (isMulticast(src) || src === LIMITED_BROADCAST) return { error: 'EINVAL', reason: msg('route.source-multicast') };
    // __ip_dev_find: the source must be local, by address or by a local route (a /24 on lo).
    if (addrType(host.fib, src) !== 'local' && host.sysctl.global('ip_nonlocal_bind') === 0) {
      return { error: 'ENETUNREACH', reason: msg('route.source-not-local') };
    }
  }
  if (oif && !oif.up) return { error: 'ENETUNREACH', reason: msg('route.device-down', { dev: oif.name }) };
  if (dst === LIMITED_BROADCAST) {
    // With a device (or a source naming one) 255.255.255.255 needs no route;
    // without, it takes the route a lookup finds (a default route), as broadcast.
    const dev = oif ?? (src ? host.devices.find((d) => d.addresses.some((a) => a.local === src)) : undefined);
    if (dev) return { type: 'broadcast', dev, nexthop: dst, gateway: null, src: src || selectAddress(host.devices, dev, 0, 'link') || 0, route: null };
  }
  const route = host.fib.lookup(dst, oif);
  if (!route) {
    // "Apparently, routing tables are wrong. Assume, that the destination is
    // on link": a socket bound to a device reaches any address through it.
    if (oif) return { type: 'unicast', dev: oif, nexthop: dst, gateway: null, src: src || selectAddress(host.devices, oif, 0, 'link') || 0, route: null };
    return { error: 'ENETUNREACH', reason: msg('route.no-route', { dst: formatIp4(dst) }) };
  }
  if (route.type === 'unreachable' || route.type === 'prohibit' || route.type === 'blackhole') {
    return { error: 'ENETUNREACH', reason: msg('route.no-route', { dst: formatIp4(dst) }) };
  }
  if (route.type === 'local') {
    // A local destination leaves through lo; the source is the route's
    // preferred source, else the destination itself.
    return { type: 'local', dev: host.loopback, nexthop: dst, gateway: null, src: src || route.src || dst, route };
  }
  const dev = route.dev!;
  // __mkroute_output: a 127/8 source never leaves through a real device.
  if (src !== null && isLoopbackNet(src) && !dev.isLoopback) return { error: 'EINVAL', reason: msg('route.loopback-source', { src: formatIp4(src), dev: dev.name }) };
  const broadcast = dst === LIMITED_BROADCAST || route.type === 'broadcast';
  const chosen = src || route.src || selectAddress(host.devices, dev, route.gateway ?? dst, route.scope === 'global' ? 'global' : route.scope) || 0;
  // rt_bind_exception: a redirect's first hop replaces the route's (the source was chosen before).
  const exception = broadcast || host.routeExceptions.size === 0 ? null : routeException(host, dst, route);
  if (exception) return { type: 'unicast', dev, nexthop: exception.gateway, gateway: exception.gateway, src: chosen, route, redirectedUntilUs: exception.expiresUs };
  const gateway = broadcast ? null : route.gateway;
  return { type: broadcast ? 'broadcast' : 'unicast', dev, nexthop: gateway ?? dst, gateway, src: chosen, route };
}

export type InputRoute =
  | { kind: 'local'; route: Route }
  | { kind: 'broadcast' }
  | { kind: 'multicast' }
  | { kind: 'forward'; route: Route }
  | { kind: 'error'; code: 'martian-source' | 'martian-destination' | 'no-forwarding' | 'unreachable' | 'rp-filter' | 'own-source' | 'not-member'; detail: Message };

/** ip_route_input_slow for a packet (or ARP request) to `dst` from `src` arriving on `dev`. */
export function routeInput(host: Host, dst: Ip4, src: Ip4, dev: NetDevice): InputRoute {
  if (isMulticast(src) || src === LIMITED_BROADCAST) return { kind: 'error', code: 'martian-source', detail: msg('route.invalid-source', { src: formatIp4(src) }) };
  if (dst === LIMITED_BROADCAST || (src === 0 && dst === 0)) return { kind: 'broadcast' };
  if (isZeronet(src)) return { kind: 'error', code: 'martian-source', detail: msg('route.zeronet-source', { src: formatIp4(src) }) };
  if (isZeronet(dst)) return { kind: 'error', code: 'martian-destination', detail: msg('route.zeronet-destination', { dst: formatIp4(dst) }) };
  if (isMulticast(dst)) {
    // ip_route_input_noref: a group is taken only on a device that joined it
    // (ip_check_mc_rcu); this host does not route multicast.
    if (!dev.multicastGroups.has(dst)) return { kind: 'error', code: 'not-member', detail: msg('route.not-member', { dst: formatIp4(dst), dev: dev.name }) };
    const invalid = validateSource(host, src, dev);
    return invalid ?? { kind: 'multicast' };
  }
  // route_localnet is read only when it matters (this runs for every received frame).
  if ((isLoopbackNet(dst) || isLoopbackNet(src)) && host.sysctl.effectiveConf(dev.name).route_localnet === 0) return { kind: 'error', code: 'martian-source', detail: msg('route.localnet') };
  const route = host.fib.lookup(dst);
  if (!route) return { kind: 'error', code: 'unreachable', detail: msg('route.no-route', { dst: formatIp4(dst) }) };
  if (route.type === 'broadcast') {
    const invalid = validateSource(host, src, dev);
    return invalid ?? { kind: 'broadcast' };
  }
  if (route.type === 'local') {
    const invalid = validateSource(host, src, dev);
    return invalid ?? { kind: 'local', route };
  }
  if (host.sysctl.effectiveConf(dev.name).forwarding === 0) {
    return { kind: 'error', code: 'no-forwarding', detail: msg('route.no-forwarding', { dev: dev.name }) };
  }
  if (route.type !== 'unicast') return { kind: 'error', code: 'unreachable', detail: msg('route.type', { type: route.type }) };
  const invalid = validateSource(host, src, dev);
  return invalid ?? { kind: 'forward', route };
}

/** fib_validate_source: returns an error route when the source is refused. */
export function validateSource(host: Host, src: Ip4, dev: NetDevice): InputRoute | null {
  const rpf = host.sysctl.effectiveConf(dev.name).rp_filter;
  const acceptLocal = host.sysctl.effectiveConf(dev.name).accept_local !== 0;
  // The sentence is built only when a refusal needs it.
  const rpText = (): string => `rp_filter = max(all=${host.sysctl.allConf('rp_filter')}, ${dev.name}=${host.sysctl.conf(dev.name, 'rp_filter')}) = ${rpf}`;
  if (rpf === 0) {
    if (acceptLocal) return null;
    if (host.isLocalAddress(src)) {
      return { kind: 'error', code: 'own-source', detail: msg('route.own-source', { src: formatIp4(src) }) };
    }
    return null;
  }
  const reverse = host.fib.lookup(src);
  if (!reverse) return { kind: 'error', code: 'rp-filter', detail: msg('route.rp-no-route', { rule: rpText(), src: formatIp4(src) }) };
  if (reverse.type !== 'unicast' && !(reverse.type === 'local' && acceptLocal)) {
    return { kind: 'error', code: reverse.type === 'local' ? 'own-source' : 'martian-source', detail: msg('route.source-type', { src: formatIp4(src), type: reverse.type }) };
  }
  if (reverse.dev === dev) return null;
  if (dev.addresses.length === 0) return { kind: 'error', code: 'rp-filter', detail: msg('route.rp-no-address', { rule: rpText(), dev: dev.name }) };
  if (rpf === 1) {
    return { kind: 'error', code: 'rp-filter', detail: msg('route.rp-strict', { rule: rpText(), src: formatIp4(src), via: reverse.dev?.name ?? '?', dev: dev.name }) };
  }
  return null;
}
