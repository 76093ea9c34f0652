// Address questions the kernel asks of a host (net/ipv4/devinet.c, fib_frontend.c).
import { inPrefix, isMulticast, LIMITED_BROADCAST, networkOf, type Ip4 } from '../net/addr.ts';
import { SCOPE_VALUE, type IfAddr, type NetDevice, type Scope } from './device.ts';
import type { RoutingTables } from './fib.ts';

export function ifaMatches(ip: Ip4, ifa: IfAddr): boolean {
  return inPrefix(ip, ifa.local, ifa.prefixLen);
}

/**
 * inet_select_addr: the first primary address of `dev` within `scope` whose
 * prefix holds `dst`, else the first such address; else a primary address of
 * any device (lo first) that is not link-scoped.
 */
export function selectAddress(devices: readonly NetDevice[], dev: NetDevice | null, dst: Ip4, scope: Scope): Ip4 | null {
  const limit = SCOPE_VALUE[scope];
  let addr: Ip4 | null = null;
  if (dev) {
    for (const ifa of dev.addresses) {
      if (ifa.secondary || SCOPE_VALUE[ifa.scope] > limit) continue;
      if (dst === 0 || ifaMatches(dst, ifa)) return ifa.local;
      if (addr === null) addr = ifa.local;
    }
    if (addr !== null) return addr;
  }
  for (const d of devices) {
    for (const ifa of d.addresses) {
      if (ifa.secondary) continue;
      if (ifa.scope !== 'link' && SCOPE_VALUE[ifa.scope] <= limit) return ifa.local;
    }
  }
  return null;
}

/** confirm_addr_indev, used by arp_ignore and arp_accept=2. */
export function confirmAddrOnDevice(dev: NetDevice, dst: Ip4, local: Ip4, scope: Scope): Ip4 | null {
  const limit = SCOPE_VALUE[scope];
  let addr: Ip4 | null = null;
  let same = false;
  for (const ifa of dev.addresses) {
    const ifaScope = SCOPE_VALUE[ifa.scope];
    if (addr === null && (local === ifa.local || local === 0) && ifaScope <= limit) {
      addr = ifa.local;
      if (same) break;
    }
    if (!same) {
      same = (local === 0 || ifaMatches(local, ifa)) && (dst === 0 || ifaMatches(dst, ifa));
      if (same && addr !== null) {
        if (local !== 0 || dst === 0) break;
        if (ifaMatches(addr, ifa)) break;
        if (ifaScope <= limit) {
          addr = ifa.local;
          break;
        }
        same = false;
      }
    }
  }
  return same ? addr : null;
}

/** inet_confirm_addr with in_dev = NULL: any device. */
export function confirmAddrAnyDevice(devices: readonly NetDevice[], dst: Ip4, local: Ip4, scope: Scope): Ip4 | null {
  for (const dev of devices) {
    const addr = confirmAddrOnDevice(dev, dst, local, scope);
    if (addr !== null) return addr;
  }
  return null;
}

export type AddrType = 'local' | 'broadcast' | 'multicast' | 'unicast';

/** inet_addr_type_dev_table: what the local table says about an address. */
export function addrType(fib: RoutingTables, ip: Ip4): AddrType {
  if (ip >>> 24 === 0 || ip === LIMITED_BROADCAST) return 'broadcast';
  if (isMulticast(ip)) return 'multicast';
  let best: { len: number; type: string } | null = null;
  for (const r of fib.all()) {
    if (r.table !== 'local' || networkOf(ip, r.len) !== r.dst) continue;
    if (!best || r.len > best.len) best = r;
  }
  if (best?.type === 'local') return 'local';
  if (best?.type === 'broadcast') return 'broadcast';
  return 'unicast';
}

/** inet_addr_onlink: one address of `dev` has a prefix holding both. */
export function addrOnLink(dev: NetDevice, a: Ip4, b: Ip4): boolean {
  return dev.addresses.some((ifa) => ifaMatches(a, ifa) && (b === 0 || ifaMatches(b, ifa)));
}

/** Where an address is configured, for explanations ("it is on lo"). */
export function deviceHolding(devices: readonly NetDevice[], ip: Ip4): NetDevice | null {
  return devices.find((d) => d.addresses.some((a) => a.local === ip)) ?? null;
}
