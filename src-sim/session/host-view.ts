// A snapshot of one simulated host for the live tables and the topology,
// read from the simulator's own state (never recomputed here): addresses,
// neighbour entries with their ages, routes as `ip route` prints them, the
// effective ARP sysctls with how all and dev combine, and the IPVS table.
import type { Host } from '../host/host.ts';
import { CONF_COMBINE, type Combine } from '../host/sysctl.ts';
import { formatIp4 } from '../net/addr.ts';
import { addrPort } from '../ipvs/format.ts';
import { formatRoute } from '../shell/commands/ip-format.ts';

export interface InterfaceView {
  name: string;
  mac: string;
  up: boolean;
  segment: string | null;
  loopback: boolean;
  /** "198.51.100.11/24", with the label when it is an alias ("198.51.100.100/32 lo:0"). */
  addresses: string[];
}

export interface NeighbourView {
  ip: string;
  dev: string;
  lladdr: string | null;
  state: string;
  /** Seconds since the entry last changed (`ip -s neigh`'s third number). */
  updatedAgo: number;
  /** "rs1 eth0" when the MAC belongs to a host in the lab. */
  owner: string | null;
}

export interface SysctlView {
  dev: string;
  key: string;
  all: number;
  dev_: number;
  effective: number;
  combine: Combine;
}

export interface RealServerView {
  server: string;
  owner: string | null;
  forward: string;
  weight: number;
  active: number;
  inactive: number;
  /** Connections scheduled to it since it was added. */
  total: number;
}

export interface ServiceView {
  service: string;
  scheduler: string;
  servers: RealServerView[];
}

/** The ARP-related sysctls whose effective value combines all and the device. */
export const ARP_SYSCTLS = ['arp_ignore', 'arp_announce', 'arp_filter', 'arp_accept', 'arp_notify', 'rp_filter'] as const;

const MICROS = 1_000_000;

export function interfacesOf(host: Host): InterfaceView[] {
  return host.devices.map((dev) => ({
    name: dev.name,
    mac: dev.mac,
    up: dev.up,
    segment: dev.segment?.name ?? null,
    loopback: dev.isLoopback,
    addresses: dev.addresses.map((a) => `${formatIp4(a.local)}/${a.prefixLen}${a.label !== dev.name ? ` ${a.label}` : ''}`),
  }));
}

/** Entries as `ip neigh` lists them: NOARP and NONE are hidden (see src-sim/host/neighbour/rows.ts). */
export function neighboursOf(host: Host, owners: ReadonlyMap<string, string>): NeighbourView[] {
  const now = host.clock.now;
  return host.neigh
    .list()
    .filter((e) => e.nud !== 'NOARP' && e.nud !== 'NONE')
    .map((e) => {
      const lladdr = e.lladdr !== null && e.nud !== 'INCOMPLETE' && e.nud !== 'FAILED' ? e.lladdr : null;
      return { ip: e.ipText, dev: e.dev.name, lladdr, state: e.nud, updatedAgo: (now - e.updated) / MICROS, owner: lladdr ? (owners.get(lladdr) ?? null) : null };
    });
}

export function routesOf(host: Host): string[] {
  return host.fib.table('main').map((r) => formatRoute(r, false).trim());
}

export function arpSysctlsOf(host: Host): SysctlView[] {
  const rows: SysctlView[] = [];
  for (const dev of host.devices) {
    for (const key of ARP_SYSCTLS) {
      rows.push({ dev: dev.name, key, all: host.sysctl.allConf(key), dev_: host.sysctl.conf(dev.name, key), effective: host.sysctl.effective(dev.name, key), combine: CONF_COMBINE[key] ?? 'dev' });
    }
  }
  return rows;
}

/** IP → "rs1" for every address of every host, to name real servers. */
export function ipOwners(hosts: Iterable<Host>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const host of hosts) {
    for (const dev of host.devices) {
      if (dev.isLoopback) continue;
      for (const a of dev.addresses) if (!owners.has(formatIp4(a.local))) owners.set(formatIp4(a.local), host.name);
    }
  }
  return owners;
}

export function ipvsOf(host: Host, owners: ReadonlyMap<string, string>): ServiceView[] {
  return host.ipvs.services.map((svc) => ({
    service: svc.fwmark ? `FWM ${svc.fwmark}` : `${svc.proto.toUpperCase()} ${addrPort(svc.addr, svc.port, svc.proto, true)}`,
    scheduler: svc.schedName,
    servers: svc.dests.map((d) => ({
      server: addrPort(d.addr, d.port, svc.proto, true),
      owner: owners.get(formatIp4(d.addr)) ?? null,
      forward: d.fwd,
      weight: d.weight,
      active: d.activeConns,
      inactive: d.inactConns,
      total: d.stats.count.conns,
    })),
  }));
}

/** How the kernel combines all and dev, as a formula: "max(all=1, eth0=0)". */
export function combineText(row: SysctlView): string {
  if (row.combine === 'dev') return `${row.dev}=${row.dev_}`;
  return `${row.combine}(all=${row.all}, ${row.dev}=${row.dev_})`;
}

/** Sysctl rows by key, one column per device (devices on a segment first, lo last). */
export function sysctlGrid(rows: readonly SysctlView[]): { devices: string[]; keys: Array<{ key: string; cells: SysctlView[] }> } {
  const devices = [...new Set(rows.map((r) => r.dev))].sort((a, b) => Number(a === 'lo') - Number(b === 'lo'));
  const keys = [...new Set(rows.map((r) => r.key))].map((key) => ({
    key,
    cells: devices.map((dev) => rows.find((r) => r.key === key && r.dev === dev)!),
  }));
  return { devices, keys };
}
