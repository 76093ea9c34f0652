// ARP receive (arp_process) and solicitation (arp_solicit), net/ipv4/arp.c.
// Every decision leaves a trace event naming the rule and the values used.
import { BROADCAST_MAC, formatIp4, isLoopbackNet, isMulticast, ZERO_MAC, type Ip4 } from '../net/addr.ts';
import { ARP_REPLY, ARP_REQUEST, type ArpPacket, type EthernetFrame, type Ipv4Packet, type PacketType } from '../net/frame.ts';
import { addrOnLink, addrType, confirmAddrAnyDevice, confirmAddrOnDevice, deviceHolding, selectAddress } from './addressing.ts';
import type { NetDevice } from './device.ts';
import type { Host, TraceParams } from './host.ts';
import type { NeighbourEntry } from './neighbour/table.ts';
import { routeInput, routeOutput } from './route.ts';

/** An effective sysctl value, with the sentence that shows how it was combined. */
function combined(host: Host, dev: NetDevice, key: string): { value: number; readonly text: string } {
  const value = host.sysctl.effective(dev.name, key);
  return {
    value,
    // Built only when an explanation is recorded: this runs for every frame.
    get text() {
      return `${key} = max(all=${host.sysctl.allConf(key)}, ${dev.name}=${host.sysctl.conf(dev.name, key)}) = ${value}`;
    },
  };
}

function whereIs(host: Host, ip: Ip4): string {
  const holder = deviceHolding(host.devices, ip);
  return holder ? holder.name : '?';
}

/**
 * arp_ignore (arp.c): returns null when the request may be answered, else the
 * trace parameters that explain why not.
 */
function arpIgnore(host: Host, dev: NetDevice, sip: Ip4, tip: Ip4): TraceParams | null {
  const rule = combined(host, dev, 'arp_ignore');
  const value = rule.value;
  const params = (cause: string): TraceParams => ({ rule: rule.text, cause, on: whereIs(host, tip) });
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
function arpFilter(host: Host, dev: NetDevice, sip: Ip4, tip: Ip4): TraceParams | null {
  const route = routeOutput(host, sip, tip, null);
  if ('error' in route) return { rule: 'arp_filter = 1', cause: 'filter-no-route', on: '' };
  if (route.dev !== dev) return { rule: 'arp_filter = 1', cause: 'filter-other-dev', on: route.dev.name };
  return null;
}

/** arp_accept: may unsolicited ARP create an entry? */
function arpAccept(host: Host, dev: NetDevice, sip: Ip4): { ok: boolean; rule: { readonly text: string } } {
  const rule = combined(host, dev, 'arp_accept');
  if (rule.value === 1) return { ok: true, rule };
  if (rule.value === 2) return { ok: confirmAddrOnDevice(dev, sip, 0, 'link') !== null, rule };
  return { ok: false, rule };
}

/** The parameters every ARP explanation starts with. */
function baseParams(dev: NetDevice, arp: ArpPacket): TraceParams {
  return { dev: dev.name, sip: formatIp4(arp.senderIp), tip: formatIp4(arp.targetIp), sha: arp.senderMac };
}

/** Records an explanation; its parameters are built only when explanations are on (this runs per frame). */
function explain(host: Host, key: string, params: () => TraceParams, frame: EthernetFrame): void {
  if (host.tracing) host.trace(key, params(), frame);
}

export function arpReceive(host: Host, dev: NetDevice, frame: EthernetFrame, arp: ArpPacket, pktType: PacketType): void {
  const sip = arp.senderIp;
  const tip = arp.targetIp;
  const base = (): TraceParams => baseParams(dev, arp);
  if (isMulticast(tip) || (host.sysctl.effective(dev.name, 'route_localnet') === 0 && isLoopbackNet(tip))) {
    explain(host, 'arp.drop.target', base, frame);
    return;
  }
  if (sip === tip && host.sysctl.effective(dev.name, 'drop_gratuitous_arp') !== 0) {
    explain(host, 'arp.drop.garp', () => ({ ...base(), rule: `drop_gratuitous_arp = ${host.sysctl.allConf('drop_gratuitous_arp')}|${host.sysctl.conf(dev.name, 'drop_gratuitous_arp')}` }), frame);
    return;
  }
  if (sip === 0) {
    receiveDadProbe(host, dev, frame, arp);
    return;
  }
  if (arp.op === ARP_REQUEST) {
    const route = routeInput(host, tip, sip, dev);
    if (route.kind === 'local') {
      const refused = arpIgnore(host, dev, sip, tip) ?? (host.sysctl.effective(dev.name, 'arp_filter') !== 0 ? arpFilter(host, dev, sip, tip) : null);
      if (refused) {
        // Processing ends here: an ignored request leaves the cache alone.
        explain(host, 'arp.ignore', () => ({ ...base(), ...refused }), frame);
        return;
      }
      // neigh_event_ns: the asker's entry becomes STALE, overriding locktime.
      const entry = host.neigh.create(sip, dev);
      const before = entry.lladdr;
      host.neigh.update(entry, arp.senderMac, 'STALE', { override: true, admin: false }, 'request-for-us');
      explain(host, 'arp.answer', () => ({ ...base(), mac: dev.mac, on: whereIs(host, tip), learned: before === arp.senderMac ? 'kept' : 'learned' }), frame);
      host.sendArp(dev, ARP_REPLY, tip, arp.senderMac, arp.senderMac, sip, 'reply');
      return;
    }
    if (route.kind === 'error' && (route.code === 'own-source' || route.code === 'rp-filter' || route.code === 'martian-source')) {
      explain(host, 'arp.request.refused', () => ({ ...base(), reason: route.detail }), frame);
    } else {
      explain(host, 'arp.request.not-local', () => ({ ...base() }), frame);
    }
  }
  updateCache(host, dev, frame, arp, pktType);
}

/** Duplicate address detection probe (sip 0.0.0.0): answer if tip is ours anywhere and arp_ignore allows. */
function receiveDadProbe(host: Host, dev: NetDevice, frame: EthernetFrame, arp: ArpPacket): void {
  const tip = arp.targetIp;
  const base = (): TraceParams => baseParams(dev, arp);
  if (arp.op !== ARP_REQUEST || addrType(host.fib, tip) !== 'local') {
    explain(host, 'arp.dad.not-ours', base, frame);
    return;
  }
  const refused = arpIgnore(host, dev, 0, tip);
  if (refused) {
    explain(host, 'arp.dad.ignored', () => ({ ...base(), ...refused }), frame);
    return;
  }
  explain(host, 'arp.dad.answer', base, frame);
  host.sendArp(dev, ARP_REPLY, tip, arp.senderMac, arp.senderMac, 0, 'dad');
}

function updateCache(host: Host, dev: NetDevice, frame: EthernetFrame, arp: ArpPacket, pktType: PacketType): void {
  const sip = arp.senderIp;
  const tip = arp.targetIp;
  const base = (): TraceParams => baseParams(dev, arp);
  let entry = host.neigh.lookup(sip, dev);
  const accept = arpAccept(host, dev, sip);
  let isGarp = false;
  let sipType: string | null = null;
  if (entry || accept.ok) {
    isGarp = sip === tip && (arp.op === ARP_REQUEST || arp.targetMac === arp.senderMac);
    if (isGarp) {
      sipType = addrType(host.fib, sip);
      if (sipType !== 'unicast') isGarp = false;
    }
  }
  if (!entry) {
    const createable = isGarp || (arp.op === ARP_REPLY && (sipType ?? addrType(host.fib, sip)) === 'unicast');
    if (!accept.ok || !createable) {
      explain(host, 'arp.cache.not-created', () => ({ ...base(), rule: accept.ok ? 'not a gratuitous ARP or a reply' : accept.rule.text }), frame);
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
  const outcome = host.neigh.update(entry, arp.senderMac, state, { override, admin: false }, isGarp ? 'garp' : arp.op === ARP_REPLY ? 'reply' : 'request');
  if (!host.tracing) return;
  const params = { ...base(), old: oldMac ?? '', oldState, state: entry.nud, age: Math.round((now - entry.updated) / 1000) };
  if (outcome === 'ignored-locked') host.trace('arp.cache.locked', { ...params, locktime: locktimeUs / 1000 }, frame);
  else if (outcome === 'ignored-permanent') host.trace('arp.cache.permanent', params, frame);
  else if (outcome === 'updated') host.trace(oldMac && oldMac !== arp.senderMac ? 'arp.cache.changed' : 'arp.cache.updated', params, frame);
}

/**
 * arp_solicit: who-has for an entry. The sender IP follows arp_announce; the
 * request is broadcast while resolving and unicast to the cached MAC in PROBE.
 */
export function arpSolicit(host: Host, entry: NeighbourEntry, queued: Ipv4Packet | null): void {
  const dev = entry.dev;
  const target = entry.ip;
  const { value: announce, text } = combined(host, dev, 'arp_announce');
  let saddr: Ip4 = 0;
  let why: string;
  if (announce === 1) {
    if (queued && addrType(host.fib, queued.src) === 'local' && addrOnLink(dev, target, queued.src)) saddr = queued.src;
    why = saddr ? `${text}: the packet's source ${formatIp4(saddr)} shares a subnet of ${dev.name} with ${formatIp4(target)}` : `${text}: the packet's source is not in a subnet of ${dev.name} that holds ${formatIp4(target)}`;
  } else if (announce === 2) {
    why = `${text}: the packet's source is never used`;
  } else {
    if (queued && addrType(host.fib, queued.src) === 'local') saddr = queued.src;
    why = saddr ? `${text}: the packet's source ${formatIp4(saddr)} is local, so it is announced` : `${text}: no queued packet to take a source from`;
  }
  if (!saddr) saddr = selectAddress(host.devices, dev, target, 'link') ?? 0;
  const p = host.sysctl.neighParms(dev.name).values;
  const probes = entry.probes - p.ucast_solicit;
  const unicast = probes < 0 && entry.lladdr !== null;
  if (!unicast && probes - p.app_solicit < 0) return; // app_solicit: user space would be asked
  host.sendArp(dev, ARP_REQUEST, saddr, unicast ? entry.lladdr! : BROADCAST_MAC, ZERO_MAC, target, why);
}
