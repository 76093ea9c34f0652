// IPVS in a director's packet path (ip_vs_core.c, ip_vs_xmit.c):
//
// - LOCAL_IN (ip_vs_in): a packet routed to a local address is offered to
//   IPVS before any socket sees it. A packet of a connection entry, or a SYN
//   to a virtual service, is taken and sent to the chosen real server by the
//   server's forwarding method; anything else goes on to the local stack.
//   So the VIP must be local on the director: otherwise the packet is never
//   routed to LOCAL_IN and IPVS never sees it.
// - The methods (__ip_vs_get_out_rt, then per method):
//   DR  (-g, ip_vs_dr_xmit): the IP packet unchanged, TTL − 1, out by the
//       route to the RIP; next hop = the RIP when on-link (FLOWI_FLAG_KNOWN_NH),
//       else the route's gateway (which loops the packet back while the
//       director answers ARP for the VIP, until the TTL runs out);
//   NAT (-m, ip_vs_nat_xmit): daddr/dport rewritten to RIP:port, TTL − 1;
//       replies are un-NATed at FORWARD (ipvsForward), so the real server's
//       route back to the client must go through the director, and the
//       director must forward (ip_forward = 1);
//   TUN (-i, ip_vs_tunnel_xmit): inner packet TTL − 1, wrapped in an outer
//       IPv4 header (protocol 4, IPIP) from the director's address chosen
//       by route to the RIP; the real server decapsulates it on tunl0.
//   A RIP that is local to the director: the packet goes to the local stack
//   unchanged (the "local" path of each method).
//
// IPVS registers its hooks with each host's netfilter when the host is built
// (ipvsInit, as ip_vs_init registers ip_vs_ops); IPv4 does not know about it.
import { formatIp4 } from '../net/addr.ts';
import { ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, ICMP_PORT_UNREACH, ICMP_TIME_EXCEEDED, type EthernetFrame, type Ipv4Packet } from '../net/frame.ts';
import type { NetDevice } from '../host/device.ts';
import type { Host } from '../host/host.ts';
import { dstOutput, sendIcmpError } from '../host/ipv4.ts';
import { routeOutput } from '../host/route.ts';
import { msg } from '../i18n/catalogue.ts';
import type { IpvsConn, IpvsDest, IpvsPacket } from './types.ts';

/** nf_register_net_hooks(ip_vs_ops): ip_vs_in at LOCAL_IN, ip_vs_out (the NAT replies) at FORWARD. */
export function ipvsInit(host: Host): void {
  host.nfHooks.register('LOCAL_IN', ipvsLocalIn);
  host.nfHooks.register('FORWARD', ipvsForward);
}

function ipvsPacketOf(ip: Ipv4Packet): IpvsPacket | null {
  if ((ip.proto !== 'tcp' && ip.proto !== 'udp') || ip.sport === undefined || ip.dport === undefined) return null;
  const packet: IpvsPacket = { proto: ip.proto, src: ip.src, sport: ip.sport, dst: ip.dst, dport: ip.dport, length: ip.length };
  if (ip.tcp) packet.tcpFlags = ip.tcp.flags;
  return packet;
}

/**
 * ip_vs_in at LOCAL_IN: null when IPVS took the packet (sent it to a real server
 * or dropped it); the packet itself when it is not IPVS's, or when the real
 * server is this host (NF_ACCEPT: on to the local stack).
 */
function ipvsLocalIn(host: Host, ip: Ipv4Packet, dev: NetDevice | null, _out: NetDevice | null, frame?: EthernetFrame): Ipv4Packet | null {
  if ((ip.proto !== 'tcp' && ip.proto !== 'udp') || !host.ipvs.active) return ip;
  const packet = ipvsPacketOf(ip);
  if (!packet) return ip;
  const result = host.ipvs.schedule(packet);
  if (result === null) return ip;
  if ('noDestination' in result) {
    // ip_vs_leave: no real server → drop, ICMP port unreachable to the client (TCP too).
    sendIcmpError(host, ip, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH);
    return null;
  }
  if ('drop' in result) return null;
  host.ipvs.onPacket(result.conn, packet);
  return transmit(host, ip, result.conn, result.dest, frame);
}

/** The forwarding method's xmit: null when the packet was sent or dropped, the packet when the real server is local. */
function transmit(host: Host, ip: Ipv4Packet, conn: IpvsConn, dest: IpvsDest, frame?: EthernetFrame): Ipv4Packet | null {
  const rip = dest.addr;
  const route = routeOutput(host, rip, null, null);
  const tracing = host.tracing;
  const ids = () => ({ src: formatIp4(ip.src), sport: ip.sport ?? 0, vip: formatIp4(ip.dst), vport: ip.dport ?? 0, rs: `${formatIp4(rip)}:${conn.dport}`, method: dest.fwd });
  if ('error' in route) {
    if (tracing) host.trace('ipvs.xmit.no-route', { ...ids(), reason: route.reason }, frame);
    sendIcmpError(host, ip, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH);
    return null;
  }
  if (route.type === 'local') {
    // The real server is this host: the packet (not rewritten) goes on to the local stack.
    if (tracing) host.trace('ipvs.xmit.local', ids(), frame);
    return ip;
  }
  if (route.type !== 'unicast') {
    if (tracing) host.trace('ipvs.xmit.no-route', { ...ids(), reason: msg('route.broadcast-rs', { rip: formatIp4(rip) }) }, frame);
    return null;
  }
  // decrement_ttl: at TTL ≤ 1 the director answers ICMP time exceeded.
  if (ip.ttl <= 1) {
    if (tracing) host.trace('ipvs.xmit.ttl', ids(), frame);
    sendIcmpError(host, ip, ICMP_TIME_EXCEEDED, 0);
    return null;
  }
  const hop = () => ({ dev: route.dev.name, via: formatIp4(route.nexthop), ttl: ip.ttl - 1 });
  let out: Ipv4Packet;
  if (dest.fwd === 'Masq') {
    out = { ...ip, ttl: ip.ttl - 1, dst: rip, dport: conn.dport };
    if (tracing) host.trace('ipvs.xmit.nat', { ...ids(), ...hop() }, frame);
  } else if (dest.fwd === 'Tunnel') {
    const inner: Ipv4Packet = { ...ip, ttl: ip.ttl - 1 };
    // ip_vs_prepare_tunneled_skb: the outer header takes the inner packet's (decremented) TTL.
    out = { src: route.src, dst: rip, ttl: inner.ttl, proto: 'ipip', length: inner.length + 20, inner };
    if (tracing) host.trace('ipvs.xmit.tun', { ...ids(), ...hop(), outer: formatIp4(route.src), rip: formatIp4(rip) }, frame);
  } else {
    out = { ...ip, ttl: ip.ttl - 1 };
    if (tracing) host.trace(route.gateway === null ? 'ipvs.xmit.dr' : 'ipvs.xmit.dr-gateway', { ...ids(), ...hop() }, frame);
  }
  dstOutput(host, out, route.dev, route.nexthop, () => sendIcmpError(host, ip, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH));
  return null;
}

/**
 * ip_vs_out at FORWARD: a reply RIP:rport → client of a masqueraded
 * connection leaves with the VIP:vport as its source. Any other packet is
 * returned unchanged.
 */
function ipvsForward(host: Host, ip: Ipv4Packet, _in: NetDevice | null, _out: NetDevice | null, frame?: EthernetFrame): Ipv4Packet {
  if (!host.ipvs.hasConnections) return ip;
  const packet = ipvsPacketOf(ip);
  if (!packet) return ip;
  const conn = host.ipvs.onReply(packet);
  if (!conn) return ip;
  if (host.tracing) host.trace('ipvs.nat.reply', { rs: `${formatIp4(ip.src)}:${ip.sport}`, client: `${formatIp4(ip.dst)}:${ip.dport}`, vip: `${formatIp4(conn.vaddr)}:${conn.vport}` }, frame);
  return { ...ip, src: conn.vaddr, sport: conn.vport };
}
