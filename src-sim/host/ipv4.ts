// IPv4 input, local delivery, forwarding and output (ip_rcv, ip_forward,
// ip_finish_output2) and the ICMP the kernel answers by itself. Modules plug in
// through the host's netfilter hooks and protocol handlers (netfilter.ts), as
// IPVS and IPIP do: this file imports none of them.
import { BROADCAST_MAC, formatIp4, type Ip4, type Mac } from '../net/addr.ts';
import { ICMP_DEST_UNREACH, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_HOST_UNREACH, ICMP_PROT_UNREACH, ICMP_REDIR_HOST, ICMP_REDIRECT, ICMP_TIME_EXCEEDED, type EthernetFrame, type Ipv4Packet, type PacketType } from '../net/frame.ts';
import { addrType } from './addressing.ts';
import type { NetDevice } from './device.ts';
import type { Host } from './host.ts';
import type { HostQueueHold } from './neighbour/table.ts';
import { routeInput, routeOutput, type RouteError } from './route.ts';
import { redirectAllowed, shouldRedirect, takeRedirect } from './redirect.ts';

/** Per-destination ICMP error rate limit (inet_peer_xrlim_allow, icmp_ratelimit = 1 s, burst 6). */
function icmpErrorAllowed(host: Host, dst: Ip4): boolean {
  const timeout = 1_000_000;
  const peers = host.icmpRateLimit;
  const now = host.clock.now;
  const peer = peers.get(dst) ?? { tokens: 0, last: now - 60_000_000 };
  let token = peer.tokens + (now - peer.last);
  peer.last = now;
  if (token > 6 * timeout) token = 6 * timeout;
  const allowed = token >= timeout;
  if (allowed) token -= timeout;
  peer.tokens = token;
  peers.set(dst, peer);
  return allowed;
}

export function ipReceive(host: Host, dev: NetDevice, frame: EthernetFrame, packet: Ipv4Packet, pktType: PacketType): void {
  const ip = host.nfHooks.run('PRE_ROUTING', host, packet, dev, null, frame);
  if (ip === null) return;
  // Parameters of explanations are built only when one is recorded (hot path).
  const base = () => ({ dev: dev.name, src: formatIp4(ip.src), dst: formatIp4(ip.dst), proto: ip.proto });
  const route = routeInput(host, ip.dst, ip.src, dev);
  switch (route.kind) {
    case 'local':
    case 'multicast': {
      const whole = reassemble(host, ip);
      if (whole) deliverLocal(host, whole, dev, frame);
      return;
    }
    case 'broadcast': {
      const whole = reassemble(host, ip);
      if (whole) deliverBroadcast(host, whole, dev, frame);
      return;
    }
    case 'forward':
      if (host.tracing && host.ipvs.services.length > 0) explainVipNotLocal(host, ip, frame);
      forward(host, dev, frame, ip, route.route.dev!, route.route.gateway);
      return;
    case 'error':
      if (pktType === 'broadcast') return;
      if (host.tracing && host.ipvs.services.length > 0) explainVipNotLocal(host, ip, frame);
      if (host.tracing) host.trace(`ip.drop.${route.code}`, { ...base(), detail: route.detail }, frame);
  }
}

/** A broadcast for this host: icmp_rcv ignores echo requests to it while icmp_echo_ignore_broadcasts is set. */
function deliverBroadcast(host: Host, ip: Ipv4Packet, dev: NetDevice, frame?: EthernetFrame): void {
  if (ip.proto === 'icmp' && ip.icmp?.type === ICMP_ECHO_REQUEST && host.sysctl.global('icmp_echo_ignore_broadcasts') !== 0) {
    if (host.tracing) host.trace('ip.drop.broadcast-echo', { dev: dev.name, src: formatIp4(ip.src), dst: formatIp4(ip.dst), proto: ip.proto }, frame);
    return;
  }
  deliverLocal(host, ip, dev, frame);
}

/** A packet to a virtual service's address that is not local here never reaches LOCAL_IN, so IPVS never sees it. */
function explainVipNotLocal(host: Host, ip: Ipv4Packet, frame: EthernetFrame): void {
  const svc = host.ipvs.services.find((s) => s.fwmark === 0 && s.addr === ip.dst && s.proto === ip.proto);
  if (svc) host.trace('ipvs.vip-not-local', { vip: formatIp4(ip.dst), port: svc.port, src: formatIp4(ip.src) }, frame);
}

function forward(host: Host, inDev: NetDevice, frame: EthernetFrame, packet: Ipv4Packet, outDev: NetDevice, gateway: Ip4 | null): void {
  const nexthop = gateway ?? packet.dst;
  // ip_forward checks and decreases the TTL before NF_INET_FORWARD: a packet
  // that dies here never reaches the hook, and the hook sees the new TTL.
  if (packet.ttl <= 1) {
    if (host.tracing) host.trace('ip.forward.ttl', { in: inDev.name, out: outDev.name, src: formatIp4(packet.src), dst: formatIp4(packet.dst), via: formatIp4(nexthop) }, frame);
    sendIcmpError(host, packet, ICMP_TIME_EXCEEDED, 0);
    return;
  }
  const forwarded = { ...packet, ttl: packet.ttl - 1 };
  // ip_forward: the redirect goes before the packet (and before NF_INET_FORWARD), quoting it with its new TTL.
  if (shouldRedirect(host, inDev, outDev, packet.src, gateway) && redirectAllowed(host, packet.src)) {
    if (host.tracing) host.trace('ip.forward.redirect', { dev: inDev.name, src: formatIp4(packet.src), dst: formatIp4(packet.dst), via: formatIp4(nexthop) }, frame);
    sendIcmpError(host, forwarded, ICMP_REDIRECT, ICMP_REDIR_HOST, nexthop);
  }
  // NF_INET_FORWARD (IPVS un-NATs the replies of its masqueraded connections there).
  const ip = host.nfHooks.run('FORWARD', host, forwarded, inDev, outDev, frame);
  if (ip === null) return;
  if (host.tracing) host.trace('ip.forward', { in: inDev.name, out: outDev.name, src: formatIp4(ip.src), dst: formatIp4(ip.dst), via: formatIp4(nexthop), ttl: ip.ttl }, frame);
  dstOutput(host, ip, outDev, nexthop, () => sendIcmpError(host, ip, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH));
}

/**
 * ip_local_deliver: NF_INET_LOCAL_IN first (IPVS takes the packets of its
 * virtual services there), then the handler of the packet's protocol.
 */
export function deliverLocal(host: Host, packet: Ipv4Packet, dev: NetDevice | null, frame?: EthernetFrame): void {
  const ip = host.nfHooks.run('LOCAL_IN', host, packet, dev, null, frame);
  if (ip === null) return;
  // raw_local_deliver: raw sockets of the protocol (bound to this device or to none) get a copy first.
  let raw = false;
  for (const socket of host.rawSockets) {
    if (socket.proto !== ip.proto || (socket.dev !== null && socket.dev !== dev)) continue;
    raw = true;
    socket.receive(ip, dev, frame);
  }
  const handler = host.inetProtocols.get(ip.proto);
  if (handler) handler(host, ip, dev, frame);
  else if (!raw) {
    if (host.tracing) host.trace('ip.deliver.no-socket', { dev: dev?.name ?? 'lo', src: formatIp4(ip.src), dst: formatIp4(ip.dst), proto: ip.proto }, frame);
    // ip_protocol_deliver_rcu: no raw socket took it and the kernel has no handler for the
    // protocol (VRRP: keepalived stopped): protocol unreachable, to a unicast packet only
    // (icmp_send never answers a broadcast or multicast). UDP's and TCP's handlers answer for themselves.
    if (!KERNEL_PROTOCOLS.has(ip.proto) && addrType(host.fib, ip.dst) === 'local') sendIcmpError(host, ip, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH);
  }
}

/** The protocols Linux always has a handler for (inet_add_protocol at boot; IPIP's tunnel4 answers itself, ipip.ts). */
const KERNEL_PROTOCOLS: ReadonlySet<Ipv4Packet['proto']> = new Set(['icmp', 'tcp', 'udp', 'ipip']);

/** icmp_rcv: echo requests are answered by the kernel; other messages go to the raw ICMP sockets. */
export function icmpReceive(host: Host, ip: Ipv4Packet, dev: NetDevice | null, frame?: EthernetFrame): void {
  if (!ip.icmp) {
    if (host.tracing) host.trace('ip.deliver.no-socket', { dev: dev?.name ?? 'lo', src: formatIp4(ip.src), dst: formatIp4(ip.dst), proto: ip.proto }, frame);
    return;
  }
  const base = () => ({ dev: dev?.name ?? 'lo', src: formatIp4(ip.src), dst: formatIp4(ip.dst), proto: ip.proto });
  if (ip.icmp.type === ICMP_ECHO_REQUEST) {
    if (host.sysctl.global('icmp_echo_ignore_all') !== 0) {
      if (host.tracing) host.trace('icmp.echo.ignored', base(), frame);
      return;
    }
    if (host.tracing) host.trace('icmp.echo.reply', { ...base(), on: dev?.name ?? 'lo' }, frame);
    // The reply's source is the address the request was sent to: the VIP
    // when a real server answers for it. A request to a broadcast address is
    // answered from the source of the route back (fib_compute_spec_dst).
    const toLocalAddress = addrType(host.fib, ip.dst) === 'local';
    const reply: Ipv4Packet = { src: toLocalAddress ? ip.dst : 0, dst: ip.src, ttl: host.sysctl.global('ip_default_ttl'), proto: 'icmp', length: ip.length, icmp: { type: ICMP_ECHO_REPLY, code: 0, id: ip.icmp.id, seq: ip.icmp.seq } };
    ipOutput(host, reply, null);
    return;
  }
  // icmp_redirect: the quoted flow's error handler learns the new first hop; raw sockets (ping) see it too.
  if (ip.icmp.type === ICMP_REDIRECT) takeRedirect(host, ip, dev);
  for (const listener of host.icmpListeners) listener.onIcmp(ip, dev);
}

/**
 * icmp_send quotes as much of the offending packet as fits in 576 bytes
 * (room = 576 − 20 − 8): an error about an 84-byte ping is 112 bytes long,
 * about a 60-byte SYN 88 (Linux 6.18, scenario 408).
 */
const ICMP_ERROR_QUOTE_MAX = 576 - 20 - 8;

/** icmp_ratemask's default, 6168: types 3, 4, 11 and 12. */
const ICMP_RATEMASK: ReadonlySet<number> = new Set([3, 4, 11, 12]);

/** icmp_send: an error back to the packet's source, never about an ICMP error; `gateway` for a redirect. */
export function sendIcmpError(host: Host, original: Ipv4Packet, type: number, code: number, gateway?: Ip4): void {
  // icmp_send: only the first fragment of a packet is ever answered with an error.
  if (original.fragment && original.fragment.offset > 0) return;
  if (original.proto === 'icmp' && original.icmp && original.icmp.type !== ICMP_ECHO_REQUEST && original.icmp.type !== ICMP_ECHO_REPLY) return;
  const back = routeOutput(host, original.src, null, null);
  if ('error' in back) return;
  // icmpv4_mask_allow: only the types of icmp_ratemask (unreachable, source quench, time exceeded, parameter problem) are paced.
  if (back.type !== 'local' && ICMP_RATEMASK.has(type) && !icmpErrorAllowed(host, original.src)) return;
  const error: Ipv4Packet = { src: back.src, dst: original.src, ttl: host.sysctl.global('ip_default_ttl'), proto: 'icmp', length: 20 + 8 + Math.min(original.length, ICMP_ERROR_QUOTE_MAX), icmp: { type, code, id: original.icmp?.id ?? 0, seq: original.icmp?.seq ?? 0, original, ...(gateway !== undefined ? { gateway } : {}) } };
  ipOutput(host, error, null);
}

export interface OutputOptions {
  oif?: NetDevice | null;
  /** Held while this packet waits for its next hop's address (a TCP segment's fast clone). */
  hold?: HostQueueHold;
}

/** Sends a locally generated packet. Returns the routing error, if any. */
export function ipOutput(host: Host, packet: Ipv4Packet, options: OutputOptions | null): RouteError | null {
  const route = routeOutput(host, packet.dst, packet.src || null, options?.oif ?? null);
  if ('error' in route) {
    host.trace('ip.output.unreachable', { dst: formatIp4(packet.dst), reason: route.reason });
    return route;
  }
  if (!packet.src) packet.src = route.src;
  // __ip_local_out: NF_INET_LOCAL_OUT, then ip_output's NF_INET_POST_ROUTING.
  const local = host.nfHooks.run('LOCAL_OUT', host, packet, null, route.dev);
  if (local === null) return null;
  if (route.type === 'unicast') {
    dstOutput(host, local, route.dev, route.nexthop, () => sendIcmpError(host, local, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH), options?.hold);
    return null;
  }
  // Loopback and broadcast: ip_output's NF_INET_POST_ROUTING, then out.
  const ip = host.nfHooks.run('POST_ROUTING', host, local, null, route.dev);
  if (ip === null) return null;
  if (route.type === 'local') {
    // Loopback: no frame leaves the host.
    host.trace('ip.output.loopback', { src: formatIp4(ip.src), dst: formatIp4(ip.dst) });
    // loopback_xmit counts the packet as sent and received on lo, after
    // eth_type_trans has pulled the Ethernet header: the IP length.
    // ip_finish_output2 still takes a neighbour: lo's one entry, 0.0.0.0
    // NOARP (ip_neigh_gw4), made by the first packet that goes through lo.
    loopbackNeighbour(host);
    const lo = host.loopback.stats;
    lo.txPackets++;
    lo.rxPackets++;
    lo.txBytes += ip.length;
    lo.rxBytes += ip.length;
    host.tapLoopback(ip);
    host.clock.schedule(1, () => deliverLocal(host, ip, host.loopback));
    return null;
  }
  // ip_finish_output2: a broadcast goes through its own NOARP entry (arp_constructor, RTN_BROADCAST).
  const entry = host.neigh.lookup(ip.dst, route.dev) ?? host.neigh.create(ip.dst, route.dev);
  sendFrame(host, route.dev, entry.lladdr ?? BROADCAST_MAC, ip);
  // ip_mc_output loops every broadcast back to this host too (dev_loopback_xmit):
  // it arrives as received on the device, without counting in its statistics.
  host.clock.schedule(1, () => deliverBroadcast(host, ip, route.dev));
  return null;
}

function loopbackNeighbour(host: Host): void {
  const lo = host.loopback;
  if (!host.neigh.lookup(0, lo)) host.neigh.create(0, lo);
}

/** dst_output → ip_output: NF_INET_POST_ROUTING, then the neighbour (finishOutput). */
export function dstOutput(host: Host, packet: Ipv4Packet, dev: NetDevice, nexthop: Ip4, onFail: () => void, hold?: HostQueueHold): void {
  const ip = host.nfHooks.run('POST_ROUTING', host, packet, null, dev);
  if (ip !== null) finishOutput(host, ip, dev, nexthop, onFail, hold);
}

/** ip_finish_output2: resolve the next hop through the neighbour table, then send. */
function finishOutput(host: Host, packet: Ipv4Packet, dev: NetDevice, nexthop: Ip4, onFail: () => void, hold: HostQueueHold | undefined): void {
  if (!dev.up) return;
  // ip_neigh_gw4: on a loopback device every next hop shares the entry of 0.0.0.0.
  const key = dev.isLoopback ? 0 : nexthop;
  const entry = host.neigh.lookup(key, dev) ?? host.neigh.create(key, dev);
  const mac = host.neigh.output(entry, {
    packet,
    transmit: (resolved) => sendFrame(host, dev, resolved, packet),
    fail: () => {
      host.trace('ip.output.neigh-failed', { dst: formatIp4(packet.dst), via: formatIp4(nexthop), dev: dev.name });
      onFail();
    },
    ...(hold ? { hold } : {}),
  });
  if (mac) sendFrame(host, dev, mac, packet);
}

function sendFrame(host: Host, dev: NetDevice, mac: Mac, packet: Ipv4Packet): void {
  for (const piece of fragmentsFor(packet, dev.mtu)) host.transmit(dev, { id: host.env.nextFrameId(), src: dev.mac, dst: mac, payload: { type: 'ipv4', ip: piece } });
}

/**
 * ip_finish_output → ip_fragment: a packet longer than the device's MTU leaves
 * as fragments of at most MTU bytes, each carrying a multiple of 8 data bytes
 * but the last (a packet with DF set never gets here: ping -M do is refused by
 * sendmsg, ip_forward answers Fragmentation Needed).
 */
function fragmentsFor(packet: Ipv4Packet, mtu: number): Ipv4Packet[] {
  if (packet.length <= mtu || packet.fragment) return [packet];
  const data = packet.length - 20;
  const step = Math.floor((mtu - 20) / 8) * 8;
  const pieces: Ipv4Packet[] = [];
  for (let offset = 0; offset < data; offset += step) {
    const size = Math.min(step, data - offset);
    const more = offset + size < data;
    pieces.push({ ...packet, length: 20 + size, fragment: { offset, more, whole: packet } });
  }
  return pieces;
}

/**
 * ip_defrag in ip_local_deliver: the whole packet once every fragment has come
 * (the fragments of one packet share its object here, so no id matching); null
 * while some are missing. The queue is dropped after ipfrag_time (30 s).
 */
function reassemble(host: Host, fragment: Ipv4Packet): Ipv4Packet | null {
  const piece = fragment.fragment;
  if (!piece) return fragment;
  const queues = host.fragmentQueues;
  const have = (queues.get(piece.whole) ?? 0) + (fragment.length - 20);
  if (have < piece.whole.length - 20) {
    if (!queues.has(piece.whole)) host.clock.schedule(IPFRAG_TIME_US, () => queues.delete(piece.whole));
    queues.set(piece.whole, have);
    return null;
  }
  queues.delete(piece.whole);
  return { ...piece.whole, ttl: fragment.ttl };
}

/** ipfrag_time: how long an incomplete packet's fragments wait. */
const IPFRAG_TIME_US = 30_000_000;
