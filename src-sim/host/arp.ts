// ARP receive (arp_process) and solicitation (arp_solicit), net/ipv4/arp.c.
// Every decision leaves a trace event naming the rule and the values used.
import { BROADCAST_MAC, formatIp4, isLoopbackNet, isMulticast, ZERO_MAC, type Ip4 } from '../net/addr.ts';
import { ARP_REPLY, ARP_REQUEST, type ArpPacket, type EthernetFrame, type Ipv4Packet, type PacketType } from '../net/frame.ts';
import { addrOnLink, addrType, confirmAddrAnyDevice, confirmAddrOnDevice, deviceHolding, selectAddress } from './addressing.ts';
import type { NetDevice } from './device.ts';
import type { Host } from './host.ts';
import { msg, type CauseName, type Message } from '../i18n/catalogue.ts';
import type { NeighbourEntry, UpdateFlags } from './neighbour/table.ts';
import { timerWheelDelayUs } from './neighbour/timer-wheel.ts';
import { routeInput, routeOutput } from './route.ts';

/**
 * The sentence that shows how an effective sysctl value was combined. Built
 * only when an explanation is recorded: the value itself is read with
 * `sysctl.effective`, and this code runs for every ARP frame received.
 */
function combinedText(host: Host, dev: NetDevice, key: string, value: number): string {
  return `${key} = max(all=${host.sysctl.allConf(key)}, ${dev.name}=${host.sysctl.conf(dev.name, key)}) = ${value}`;
}

function whereIs(host: Host, ip: Ip4): string {
  const holder = deviceHolding(host.devices, ip);
  return holder ? holder.name : '?';
}

/**
 * arp_ignore (arp.c): returns null when the request may be answered, else the
 * trace parameters that explain why not.
 */
/** Why a request was not answered: the rule, its clause, and where the target address is. */
interface Refusal {
  rule: string;
  cause: CauseName;
  on: string;
}

function arpIgnore(host: Host, dev: NetDevice, sip: Ip4, tip: Ip4): Refusal | null {
  const value = host.sysctl.effectiveConf(dev.name).arp_ignore;
  if (value === 0) return null; // the default answers; nothing to build
  const params = (cause: CauseName): Refusal => ({ rule: combinedText(host, dev, 'arp_ignore', value), cause, on: whereIs(host, tip) });
  switch (value) {
    case 1:
      return confirmAddrOnDevice(dev, 0, tip, 'host') !== null ? null : params('not-on-dev');
    case 2:
      if (confirmAddrOnDevice(dev, sip, tip, 'host') !== null) return null;
      return params(confirmAddrOnDevice(dev, 0, tip, 'host') === null ? 'not-on-dev' : 'not-same-subnet');
    case 3:
      return confirmAddrAnyDevice(host.devices, 0, tip, 'link') !== null ? null : params('scope-host');
    case 8:
      return params('never');
    default:
      return null; // 0, the reserved 4-7, and anything above 8 answer
  }
}

/** arp_filter: answer only if the route from tip back to sip leaves through dev. */
function arpFilter(host: Host, dev: NetDevice, sip: Ip4, tip: Ip4): Refusal | null {
  const route = routeOutput(host, sip, tip, null);
  if ('error' in route) return { rule: 'arp_filter = 1', cause: 'filter-no-route', on: '' };
  if (route.dev !== dev) return { rule: 'arp_filter = 1', cause: 'filter-other-dev', on: route.dev.name };
  return null;
}

/** arp_accept (its effective value is `value`): may unsolicited ARP create an entry? */
function arpAccept(value: number, dev: NetDevice, sip: Ip4): boolean {
  if (value === 1) return true;
  if (value === 2) return confirmAddrOnDevice(dev, sip, 0, 'link') !== null;
  return false;
}

/** The parameters every ARP explanation starts with. */
function baseParams(dev: NetDevice, arp: ArpPacket): { dev: string; sip: string; tip: string; sha: string } {
  return { dev: dev.name, sip: formatIp4(arp.senderIp), tip: formatIp4(arp.targetIp), sha: arp.senderMac };
}

/** Update flags of ARP-driven neighbour updates, shared so that no frame allocates them. */
const OVERRIDE_NOT_ADMIN: UpdateFlags = Object.freeze({ override: true, admin: false });
const NOT_ADMIN: UpdateFlags = Object.freeze({ override: false, admin: false });

/** Why an answer carries its sender IP, shared for the same reason. */
const WHY_REPLY = msg('why.reply');
const WHY_DAD = msg('why.dad');

// Explanations below are built inside `if (host.tracing)`: arpReceive runs
// for every ARP frame every NIC receives, and a closure or parameter object
// per frame is most of its cost when explanations are off.
export function arpReceive(host: Host, dev: NetDevice, frame: EthernetFrame, arp: ArpPacket, pktType: PacketType): void {
  const sip = arp.senderIp;
  const tip = arp.targetIp;
  // arp_rcv: a device with IFF_NOARP takes no ARP at all (the device it arrives on, not the one holding the address).
  if (dev.noarpFlag) {
    if (host.tracing) host.trace('arp.drop.noarp', baseParams(dev, arp), frame);
    return;
  }
  if (isMulticast(tip) || (isLoopbackNet(tip) && host.sysctl.effectiveConf(dev.name).route_localnet === 0)) {
    if (host.tracing) host.trace('arp.drop.target', baseParams(dev, arp), frame);
    return;
  }
  if (sip === tip && host.sysctl.effectiveConf(dev.name).drop_gratuitous_arp !== 0) {
    if (host.tracing) host.trace('arp.drop.garp', { ...baseParams(dev, arp), rule: `drop_gratuitous_arp = ${host.sysctl.allConf('drop_gratuitous_arp')}|${host.sysctl.conf(dev.name, 'drop_gratuitous_arp')}` }, frame);
    return;
  }
  if (sip === 0) {
    receiveDadProbe(host, dev, frame, arp);
    return;
  }
  if (arp.op === ARP_REQUEST) {
    const route = routeInput(host, tip, sip, dev);
    if (route.kind === 'local') {
      const refused = arpIgnore(host, dev, sip, tip) ?? (host.sysctl.effectiveConf(dev.name).arp_filter !== 0 ? arpFilter(host, dev, sip, tip) : null);
      if (refused) {
        // Processing ends here: an ignored request leaves the cache alone.
        if (host.tracing) host.trace('arp.ignore', { ...baseParams(dev, arp), ...refused }, frame);
        return;
      }
      // neigh_event_ns: the asker's entry becomes STALE, overriding locktime.
      const entry = host.neigh.create(sip, dev);
      const before = entry.lladdr;
      host.neigh.update(entry, arp.senderMac, 'STALE', OVERRIDE_NOT_ADMIN, 'request-for-us');
      if (host.tracing) host.trace('arp.answer', { ...baseParams(dev, arp), mac: dev.mac, on: whereIs(host, tip), learned: before === arp.senderMac ? 'kept' : 'learned' }, frame);
      host.sendArp(dev, ARP_REPLY, tip, arp.senderMac, arp.senderMac, sip, WHY_REPLY);
      return;
    }
    // A forwarding host answers with its own MAC for an address it routes out of
    // another device when proxy_arp is on (arp_fwd_proxy) or a proxy entry names
    // it (pneigh_lookup), and with proxy_arp_pvlan for one routed back out of
    // the asking device (arp_fwd_pvlan: the device's own value, no conf/all),
    // never for a sender asking for itself.
    if (route.kind === 'forward' && proxiesFor(host, dev, route.route.dev!, arp)) {
      proxyArpReply(host, dev, frame, arp, pktType);
      return;
    }
    if (host.tracing) {
      if (route.kind === 'error' && (route.code === 'own-source' || route.code === 'rp-filter' || route.code === 'martian-source')) {
        host.trace('arp.request.refused', { ...baseParams(dev, arp), reason: route.detail }, frame);
      } else {
        host.trace('arp.request.not-local', baseParams(dev, arp), frame);
      }
    }
  }
  updateCache(host, dev, frame, arp, pktType);
}

function proxiesFor(host: Host, dev: NetDevice, outDev: NetDevice, arp: ArpPacket): boolean {
  if (outDev !== dev) return host.sysctl.effective(dev.name, 'proxy_arp') !== 0 || host.neigh.hasProxy(arp.targetIp, dev);
  return arp.senderIp !== arp.targetIp && host.sysctl.conf(dev.name, 'proxy_arp_pvlan') !== 0;
}

/**
 * The proxy's answer. neigh_event_ns makes the asker's entry STALE at once;
 * a broadcast request is answered after a random part of proxy_delay
 * (pneigh_enqueue arms the proxy timer on the wheel), a unicast one at once.
 */
function proxyArpReply(host: Host, dev: NetDevice, frame: EthernetFrame, arp: ArpPacket, pktType: PacketType): void {
  const entry = host.neigh.create(arp.senderIp, dev);
  host.neigh.update(entry, arp.senderMac, 'STALE', OVERRIDE_NOT_ADMIN, 'request-for-us');
  if (host.tracing) host.trace('arp.proxy', { ...baseParams(dev, arp), mac: dev.mac }, frame);
  const send = (): void => {
    if (dev.up) host.sendArp(dev, ARP_REPLY, arp.targetIp, arp.senderMac, arp.senderMac, arp.senderIp, WHY_REPLY);
  };
  const delayJiffies = Math.floor(host.sysctl.neighParms(dev.name).values.proxy_delay / 4);
  if (pktType === 'host' || delayJiffies === 0) return send();
  host.clock.schedule(timerWheelDelayUs(host.clock.now, host.env.random.int(0, delayJiffies) * 4), send);
}

/** Duplicate address detection probe (sip 0.0.0.0): answer if tip is ours anywhere and arp_ignore allows. */
function receiveDadProbe(host: Host, dev: NetDevice, frame: EthernetFrame, arp: ArpPacket): void {
  const tip = arp.targetIp;
  if (arp.op !== ARP_REQUEST || addrType(host.fib, tip) !== 'local') {
    if (host.tracing) host.trace('arp.dad.not-ours', baseParams(dev, arp), frame);
    return;
  }
  const refused = arpIgnore(host, dev, 0, tip);
  if (refused) {
    if (host.tracing) host.trace('arp.dad.ignored', { ...baseParams(dev, arp), ...refused }, frame);
    return;
  }
  if (host.tracing) host.trace('arp.dad.answer', baseParams(dev, arp), frame);
  host.sendArp(dev, ARP_REPLY, tip, arp.senderMac, arp.senderMac, 0, WHY_DAD);
}

function updateCache(host: Host, dev: NetDevice, frame: EthernetFrame, arp: ArpPacket, pktType: PacketType): void {
  const sip = arp.senderIp;
  const tip = arp.targetIp;
  let entry = host.neigh.lookup(sip, dev);
  const acceptValue = host.sysctl.effectiveConf(dev.name).arp_accept;
  const accepted = arpAccept(acceptValue, dev, sip);
  let isGarp = false;
  let sipType: string | null = null;
  if (entry || accepted) {
    isGarp = sip === tip && (arp.op === ARP_REQUEST || arp.targetMac === arp.senderMac);
    if (isGarp) {
      sipType = addrType(host.fib, sip);
      if (sipType !== 'unicast') isGarp = false;
    }
  }
  if (!entry) {
    const createable = isGarp || (arp.op === ARP_REPLY && (sipType ?? addrType(host.fib, sip)) === 'unicast');
    if (!accepted || !createable) {
      if (host.tracing) host.trace('arp.cache.not-created', { ...baseParams(dev, arp), rule: accepted ? msg('rule.not-garp-or-reply') : combinedText(host, dev, 'arp_accept', acceptValue) }, frame);
      return;
    }
    entry = host.neigh.create(sip, dev);
  }
  const locktimeUs = host.sysctl.neighParms(dev.name).values.locktime * 1000;
  const now = host.clock.now;
  const override = now > entry.updated + locktimeUs || isGarp;
  // Broadcast replies and requests do not prove reachability.
  const state = arp.op === ARP_REPLY && pktType === 'host' ? 'REACHABLE' : 'STALE';
  const oldMac = entry.lladdr;
  const oldState = entry.nud;
  const outcome = host.neigh.update(entry, arp.senderMac, state, override ? OVERRIDE_NOT_ADMIN : NOT_ADMIN, isGarp ? 'garp' : arp.op === ARP_REPLY ? 'reply' : 'request');
  // 'unchanged' (most receivers of a broadcast) is not explained: nothing to build.
  if (!host.tracing || outcome === 'unchanged') return;
  // Literals rather than spreads: the same keys in the same order, built faster.
  const sipText = formatIp4(sip);
  const tipText = formatIp4(tip);
  const age = Math.round((now - entry.updated) / 1000);
  if (outcome === 'ignored-locked') {
    host.trace('arp.cache.locked', { dev: dev.name, sip: sipText, tip: tipText, sha: arp.senderMac, old: oldMac ?? '', oldState, state: entry.nud, age, locktime: locktimeUs / 1000 }, frame);
    return;
  }
  const params = { dev: dev.name, sip: sipText, tip: tipText, sha: arp.senderMac, old: oldMac ?? '', oldState, state: entry.nud, age };
  if (outcome === 'ignored-permanent') host.trace('arp.cache.permanent', params, frame);
  else host.trace(oldMac && oldMac !== arp.senderMac ? 'arp.cache.changed' : 'arp.cache.updated', params, frame);
}

/**
 * arp_solicit: who-has for an entry. The sender IP follows arp_announce; the
 * request is broadcast while resolving and unicast to the cached MAC in PROBE.
 */
export function arpSolicit(host: Host, entry: NeighbourEntry, queued: Ipv4Packet | null): void {
  const dev = entry.dev;
  const target = entry.ip;
  const announce = host.sysctl.effectiveConf(dev.name).arp_announce;
  let saddr: Ip4 = 0;
  if (announce === 1) {
    if (queued && addrType(host.fib, queued.src) === 'local' && addrOnLink(dev, target, queued.src)) saddr = queued.src;
  } else if (announce !== 2) {
    if (queued && addrType(host.fib, queued.src) === 'local') saddr = queued.src;
  }
  const why = host.tracing ? announceReason(host, dev, target, announce, saddr) : NO_REASON;
  if (!saddr) saddr = selectAddress(host.devices, dev, target, 'link') ?? 0;
  const p = host.sysctl.neighParms(dev.name).values;
  const probes = entry.probes - p.ucast_solicit;
  const unicast = probes < 0 && entry.lladdr !== null;
  if (!unicast && probes - p.app_solicit < 0) return; // app_solicit: user space would be asked
  host.sendArp(dev, ARP_REQUEST, saddr, unicast ? entry.lladdr! : BROADCAST_MAC, ZERO_MAC, target, why);
}

/** Why arp_solicit chose (or did not choose) the queued packet's source, for the explanation. */
function announceReason(host: Host, dev: NetDevice, target: Ip4, announce: number, saddr: Ip4): Message {
  const rule = combinedText(host, dev, 'arp_announce', announce);
  const where = { rule, dev: dev.name, target: formatIp4(target) };
  if (announce === 1) return saddr ? msg('why.announce-1-shared', { ...where, src: formatIp4(saddr) }) : msg('why.announce-1-not-shared', where);
  if (announce === 2) return msg('why.announce-2', { rule });
  return saddr ? msg('why.announce-0-local', { rule, src: formatIp4(saddr) }) : msg('why.announce-0-none', { rule });
}

/** The reason passed when explanations are off: never shown. */
const NO_REASON: Message = msg('why.announce-0-none', { rule: '' });
