// ICMP redirects, both ends (net/ipv4/route.c, Linux 6.18):
//
// - A router that forwards a packet back out of the interface it came in on,
//   to a sender that is on that link, tells the sender of the better first hop
//   (__mkroute_input sets IPSKB_DOREDIRECT; ip_forward calls
//   ip_rt_send_redirect, which paces the redirects per sender: the first at
//   once, then after 40 ms, 80 ms, … at most 9, and starts again after 20.48 s
//   without one).
// - A host that takes the redirect (__ip_do_redirect, accept_redirects) keeps
//   the new first hop as a route exception of the route it used (fnhe, 300 s);
//   it does so only when the new gateway's neighbour entry is already valid,
//   else it only starts resolving it — so with cold caches the first redirect
//   changes nothing and the second one takes effect (kernel run, lead scenario
//   zz-lead-g-redirect). `ip route flush cache` and any routing change end the
//   exceptions (rt_cache_flush bumps the genid, fnhe_gw is reset).
import { formatIp4, isMulticast, isZeronet, LIMITED_BROADCAST, type Ip4 } from '../net/addr.ts';
import { ICMP_ECHO_REQUEST, type Ipv4Packet } from '../net/frame.ts';
import { connectionKey } from './tcp/connection.ts';
import { addrOnLink, addrType } from './addressing.ts';
import type { NetDevice } from './device.ts';
import type { Route } from './fib.ts';
import type { Host } from './host.ts';
import { NUD_VALID } from './neighbour/table.ts';

/** ip_rt_redirect_number, ip_rt_redirect_load (HZ/50) and ip_rt_redirect_silence ((HZ/50) << 10). */
const REDIRECT_NUMBER = 9;
const REDIRECT_LOAD_US = 20_000;
const REDIRECT_SILENCE_US = REDIRECT_LOAD_US << 10;
/** ip_rt_gc_timeout: how long a learned first hop is kept. */
const EXCEPTION_LIFETIME_US = 300_000_000;

/** inet_peer's redirect pacing for one sender. */
export interface RedirectPeer {
  rateLast: number;
  count: number;
}

/** fib_nh_exception: a first hop learned from a redirect, for one destination through one route. */
export interface RouteException {
  gateway: Ip4;
  expiresUs: number;
  route: Route;
  /** The routing tables' generation it was learned in: any later change ends it. */
  generation: number;
}

/**
 * IPSKB_DOREDIRECT: forwarded out of the device it came in on, with send_redirects
 * (all OR device), the sender reached directly through that device (fib_validate_source
 * returns 1), and, unless shared_media, the sender and the next hop in one of its subnets.
 */
export function shouldRedirect(host: Host, inDev: NetDevice, outDev: NetDevice, src: Ip4, gateway: Ip4 | null): boolean {
  if (inDev !== outDev) return false;
  if (host.sysctl.effective(inDev.name, 'send_redirects') === 0) return false;
  if (!sourceOnLink(host, src, inDev)) return false;
  if (host.sysctl.effective(inDev.name, 'shared_media') !== 0) return true;
  return addrOnLink(inDev, src, gateway ?? 0);
}

/** __fib_validate_source's answer: the route back to the source is a direct one through `dev`. */
function sourceOnLink(host: Host, src: Ip4, dev: NetDevice): boolean {
  const back = host.fib.lookup(src);
  if (back && back.type === 'unicast' && back.dev === dev) return back.gateway === null;
  if (host.sysctl.effectiveConf(dev.name).rp_filter === 1) return false;
  const viaDev = host.fib.lookup(src, dev);
  return viaDev !== null && viaDev.type === 'unicast' && viaDev.gateway === null;
}

/** ip_rt_send_redirect: whether this sender gets a redirect now (the pacing above). */
export function redirectAllowed(host: Host, sender: Ip4): boolean {
  const now = host.clock.now;
  const peer = host.redirectPeers.get(sender) ?? { rateLast: now, count: 0 };
  host.redirectPeers.set(sender, peer);
  if (now - peer.rateLast > REDIRECT_SILENCE_US) peer.count = 0;
  if (peer.count >= REDIRECT_NUMBER) {
    peer.rateLast = now;
    return false;
  }
  if (peer.count === 0 || now - peer.rateLast > REDIRECT_LOAD_US * 2 ** peer.count) {
    peer.rateLast = now;
    peer.count++;
    return true;
  }
  return false;
}

/** IN_DEV_RX_REDIRECTS: accept_redirects, AND of all and the device when forwarding, OR when not. */
function acceptsRedirects(host: Host, dev: NetDevice): boolean {
  const all = host.sysctl.allConf('accept_redirects') !== 0;
  const own = host.sysctl.conf(dev.name, 'accept_redirects') !== 0;
  return host.sysctl.effectiveConf(dev.name).forwarding !== 0 ? all && own : all || own;
}

/**
 * icmp_redirect → the quoted protocol's error handler → __ip_do_redirect. `redirect` is the
 * ICMP packet; its quoted header names the flow. Only echo requests (icmp_err) and TCP
 * segments of a socket this host has (tcp_v4_err finds none for others): the lab has no UDP.
 * tcp_v4_err skips the redirect while the process owns the socket (sock_owned_by_user): the
 * redirect about a SYN comes back while connect() still holds it, on veth and bridges at least,
 * so a connection's SYN is never redirected (kernel run of zz-lead-h-redirect-tcp: no ARP for
 * the new gateway, the route unchanged) and its later segments are (the pacing allows one 40 ms on).
 */
export function takeRedirect(host: Host, redirect: Ipv4Packet, dev: NetDevice | null): void {
  const icmp = redirect.icmp;
  const flow = icmp?.original;
  const newGateway = icmp?.gateway;
  if (!icmp || !flow || newGateway === undefined || !dev) return;
  if (icmp.code > 3) return;
  if (flow.proto === 'icmp' ? flow.icmp?.type !== ICMP_ECHO_REQUEST : flow.proto !== 'tcp' || !tcpTakesRedirect(host, flow)) return;
  if (!host.isLocalAddress(flow.src)) return;
  const route = host.fib.lookup(flow.dst);
  if (!route || route.type !== 'unicast' || !route.dev) return;
  // rt_gw4 != old_gw: only the gateway the flow uses now (an exception's, if it has one) may redirect it.
  const current = routeException(host, flow.dst, route)?.gateway ?? route.gateway;
  if (current === null || current !== redirect.src) return;
  if (newGateway === redirect.src || !acceptsRedirects(host, route.dev)) return;
  if (isMulticast(newGateway) || newGateway === LIMITED_BROADCAST || isZeronet(newGateway)) return;
  if (host.sysctl.effective(route.dev.name, 'shared_media') !== 0) {
    if (addrType(host.fib, newGateway) !== 'unicast') return;
  } else {
    if (!addrOnLink(route.dev, newGateway, current)) return;
    // secure_redirects: only to a gateway of a default route (ip_fib_check_default).
    const isDefaultGateway = host.fib.all().some((r) => r.len === 0 && r.gateway === newGateway && r.dev === route.dev);
    if (host.sysctl.effective(route.dev.name, 'secure_redirects') !== 0 && !isDefaultGateway) return;
  }
  const entry = host.neigh.lookup(newGateway, route.dev) ?? host.neigh.create(newGateway, route.dev);
  if (!NUD_VALID.has(entry.nud)) {
    // neigh_event_send: resolve it now; a later redirect finds it valid.
    host.neigh.eventSend(entry);
    return;
  }
  host.routeExceptions.set(flow.dst, { gateway: newGateway, expiresUs: host.clock.now + EXCEPTION_LIFETIME_US, route, generation: host.fib.generation });
  host.trace('icmp.redirect.taken', { dst: formatIp4(flow.dst), gateway: formatIp4(newGateway), from: formatIp4(redirect.src) });
}

function tcpTakesRedirect(host: Host, segment: Ipv4Packet): boolean {
  const state = host.tcp.connections.get(connectionKey(segment.src, segment.sport ?? 0, segment.dst, segment.dport ?? 0))?.state;
  return state !== undefined && state !== 'SYN_SENT';
}

/** find_exception: the live exception for `dst` through `route`, if any (an expired one is dropped). */
export function routeException(host: Host, dst: Ip4, route: Route): RouteException | null {
  const exception = host.routeExceptions.get(dst);
  if (!exception) return null;
  if (host.clock.now > exception.expiresUs || exception.generation !== host.fib.generation) {
    host.routeExceptions.delete(dst);
    return null;
  }
  return exception.route === route ? exception : null;
}

