// The net.ipv4 sysctl tree of one host, with the kernel's rules for how
// conf/all, conf/default and conf/<dev> combine (include/linux/inetdevice.h).
//
// Hosts are modelled as the kernel models a network namespace, which is what
// the conformance suite compares against: there is no neigh/default directory
// there, only neigh/<dev>.

/** conf keys in the order `sysctl -a` lists them, with the kernel's defaults. */
export const CONF_DEFAULTS: ReadonlyArray<readonly [string, number]> = [
  ['accept_local', 0],
  ['accept_redirects', 1],
  ['accept_source_route', 1],
  ['arp_accept', 0],
  ['arp_announce', 0],
  ['arp_evict_nocarrier', 1],
  ['arp_filter', 0],
  ['arp_ignore', 0],
  ['arp_notify', 0],
  ['bc_forwarding', 0],
  ['bootp_relay', 0],
  ['disable_policy', 0],
  ['disable_xfrm', 0],
  ['drop_gratuitous_arp', 0],
  ['drop_unicast_in_l2_multicast', 0],
  ['force_igmp_version', 0],
  ['forwarding', 0],
  ['igmpv2_unsolicited_report_interval', 10000],
  ['igmpv3_unsolicited_report_interval', 1000],
  ['ignore_routes_with_linkdown', 0],
  ['log_martians', 0],
  ['mc_forwarding', 0],
  ['medium_id', 0],
  ['promote_secondaries', 0],
  ['proxy_arp', 0],
  ['proxy_arp_pvlan', 0],
  ['route_localnet', 0],
  ['rp_filter', 0],
  ['secure_redirects', 1],
  ['send_redirects', 1],
  ['shared_media', 1],
  ['src_valid_mark', 0],
  ['tag', 0],
];

const CONF_KEYS = new Set(CONF_DEFAULTS.map(([k]) => k));
/** The one conf value where `all` starts different from `default`. */
const ALL_OVERRIDES: Record<string, number> = { accept_source_route: 0 };
const READ_ONLY_CONF = new Set(['mc_forwarding']);

/** How all and dev combine for the values the simulator uses. */
export type Combine = 'max' | 'or' | 'and' | 'dev';
export const CONF_COMBINE: Record<string, Combine> = {
  arp_ignore: 'max',
  arp_announce: 'max',
  arp_accept: 'max',
  arp_notify: 'max',
  rp_filter: 'max',
  arp_filter: 'or',
  drop_gratuitous_arp: 'or',
  accept_local: 'or',
  route_localnet: 'or',
  proxy_arp: 'or',
  log_martians: 'or',
  promote_secondaries: 'or',
  drop_unicast_in_l2_multicast: 'or',
  arp_evict_nocarrier: 'and',
  // IN_DEV_ORCONF in include/linux/inetdevice.h (accept_redirects depends on forwarding: redirect.ts).
  send_redirects: 'or',
  shared_media: 'or',
  secure_redirects: 'or',
  forwarding: 'dev',
};

/** neigh/<dev> keys: stored value, unit of the file, and whether `sysctl -a` shows it. */
interface NeighKey {
  /** Internal parameter the file reads and writes. */
  param: NeighParam;
  /** Multiply the file's value by this to get the internal milliseconds (or count). */
  scale: number;
  listed: boolean;
}
export type NeighParam =
  | 'anycast_delay'
  | 'app_solicit'
  | 'base_reachable_time'
  | 'delay_first_probe_time'
  | 'gc_stale_time'
  | 'interval_probe_time'
  | 'locktime'
  | 'mcast_resolicit'
  | 'mcast_solicit'
  | 'proxy_delay'
  | 'proxy_qlen'
  | 'retrans_time'
  | 'ucast_solicit'
  | 'unres_qlen'
  | 'unres_qlen_bytes';

// Times are kept in milliseconds. USER_HZ files (retrans_time, locktime, …)
// count hundredths of a second; see the reference, "Units".
export const NEIGH_KEYS: ReadonlyArray<readonly [string, NeighKey]> = [
  ['anycast_delay', { param: 'anycast_delay', scale: 10, listed: true }],
  ['app_solicit', { param: 'app_solicit', scale: 1, listed: true }],
  ['base_reachable_time', { param: 'base_reachable_time', scale: 1000, listed: false }],
  ['base_reachable_time_ms', { param: 'base_reachable_time', scale: 1, listed: true }],
  ['delay_first_probe_time', { param: 'delay_first_probe_time', scale: 1000, listed: true }],
  ['gc_stale_time', { param: 'gc_stale_time', scale: 1000, listed: true }],
  ['interval_probe_time_ms', { param: 'interval_probe_time', scale: 1, listed: true }],
  ['locktime', { param: 'locktime', scale: 10, listed: true }],
  ['mcast_resolicit', { param: 'mcast_resolicit', scale: 1, listed: true }],
  ['mcast_solicit', { param: 'mcast_solicit', scale: 1, listed: true }],
  ['proxy_delay', { param: 'proxy_delay', scale: 10, listed: true }],
  ['proxy_qlen', { param: 'proxy_qlen', scale: 1, listed: true }],
  ['retrans_time', { param: 'retrans_time', scale: 10, listed: false }],
  ['retrans_time_ms', { param: 'retrans_time', scale: 1, listed: true }],
  ['ucast_solicit', { param: 'ucast_solicit', scale: 1, listed: true }],
  ['unres_qlen', { param: 'unres_qlen', scale: 1, listed: true }],
  ['unres_qlen_bytes', { param: 'unres_qlen_bytes', scale: 1, listed: true }],
];
const NEIGH_KEY_MAP = new Map(NEIGH_KEYS);

export const NEIGH_DEFAULTS: Record<NeighParam, number> = {
  anycast_delay: 1000,
  app_solicit: 0,
  base_reachable_time: 30000,
  delay_first_probe_time: 5000,
  gc_stale_time: 60000,
  interval_probe_time: 5000,
  locktime: 1000,
  mcast_resolicit: 0,
  mcast_solicit: 3,
  proxy_delay: 800,
  proxy_qlen: 64,
  retrans_time: 1000,
  ucast_solicit: 3,
  unres_qlen: 101,
  unres_qlen_bytes: 212992,
};

/** Global net.ipv4.* values the simulator reads or lists. */
const GLOBAL_DEFAULTS: ReadonlyArray<readonly [string, number]> = [
  ['icmp_echo_ignore_all', 0],
  ['icmp_echo_ignore_broadcasts', 1],
  ['ip_default_ttl', 64],
  ['ip_forward', 0],
  ['ip_nonlocal_bind', 0],
];

/**
 * net.ipv4.vs.* values IPVS reads. They are left out of `sysctl -a`: the
 * kernel the conformance suite compares against has no ip_vs module loaded.
 */
const VS_DEFAULTS: ReadonlyArray<readonly [string, number]> = [
  ['conn_reuse_mode', 1],
  ['expire_nodest_conn', 0],
  ['expire_quiescent_template', 0],
  ['sloppy_tcp', 0],
];

export class DeviceConf {
  readonly values = new Map<string, number>();
  /** Keys written for this device (the kernel's cnf.state bits). */
  readonly explicitlySet = new Set<string>();
}

/**
 * The combined conf values of one device that the per-frame paths read
 * (ARP receive, input routing), as fields: one lookup per frame instead of
 * one per value. Each equals `effective(dev, key)`.
 */
export interface EffectiveConf {
  readonly accept_local: number;
  readonly arp_accept: number;
  readonly arp_announce: number;
  readonly arp_filter: number;
  readonly arp_ignore: number;
  readonly drop_gratuitous_arp: number;
  readonly forwarding: number;
  readonly route_localnet: number;
  readonly rp_filter: number;
}

export interface NeighParms {
  values: Record<NeighParam, number>;
  /** The kernel draws reachable_time uniformly in [0.5, 1.5) × base. */
  reachableTimeMs: number;
}

export type SysctlError = 'ENOENT' | 'EINVAL' | 'EPERM';

export type SysctlWriteHook = (event: { kind: 'base_reachable_time'; dev: string } | { kind: 'forwarding' }) => void;

export class SysctlTree {
  readonly all = new DeviceConf();
  readonly dflt = new DeviceConf();
  private readonly devices = new Map<string, DeviceConf>();
  private readonly neigh = new Map<string, NeighParms>();
  private readonly globals = new Map<string, number>(GLOBAL_DEFAULTS);
  private readonly vs = new Map<string, number>(VS_DEFAULTS);
  /**
   * Effective values by device, then key, as `effective` computed them. ARP
   * receive reads several for every frame; every conf write clears the cache
   * (writes are rare, and one to all or default reaches every device).
   */
  private readonly effectiveCache = new Map<string, Map<string, number>>();
  /** `effectiveConf` results by device, cleared with `effectiveCache`; the last one is kept at hand. */
  private readonly confCache = new Map<string, EffectiveConf>();
  private lastConfDev: string | null = null;
  private lastConf: EffectiveConf | null = null;

  constructor(
    private readonly drawReachable: (baseMs: number) => number,
    private readonly onWrite: SysctlWriteHook = () => {},
  ) {
    for (const [key, value] of CONF_DEFAULTS) {
      this.all.values.set(key, ALL_OVERRIDES[key] ?? value);
      this.dflt.values.set(key, value);
    }
  }

  /** A new device copies conf/default, as inetdev_init does. */
  addDevice(dev: string, isLoopback = false): void {
    const conf = new DeviceConf();
    for (const [key, value] of this.dflt.values) conf.values.set(key, value);
    // The loopback device is exempt from IPsec policy (devinet.c, inetdev_init).
    if (isLoopback) {
      conf.values.set('disable_policy', 1);
      conf.values.set('disable_xfrm', 1);
    }
    this.devices.set(dev, conf);
    this.invalidateEffective();
    const values = { ...NEIGH_DEFAULTS };
    this.neigh.set(dev, { values, reachableTimeMs: this.drawReachable(values.base_reachable_time) });
  }

  deviceNames(): string[] {
    return [...this.devices.keys()];
  }

  /** Adding an IPv4 address marks every conf value of the device as set. */
  markAllSet(dev: string): void {
    const conf = this.devices.get(dev);
    if (conf) for (const key of CONF_KEYS) conf.explicitlySet.add(key);
  }

  conf(dev: string, key: string): number {
    return this.devices.get(dev)?.values.get(key) ?? 0;
  }

  allConf(key: string): number {
    return this.all.values.get(key) ?? 0;
  }

  /** The value the kernel uses on `dev`, combining all and dev. */
  effective(dev: string, key: string): number {
    let byKey = this.effectiveCache.get(dev);
    if (byKey === undefined) {
      byKey = new Map();
      this.effectiveCache.set(dev, byKey);
    }
    let value = byKey.get(key);
    if (value === undefined) {
      value = this.combine(dev, key);
      byKey.set(key, value);
    }
    return value;
  }

  /** The per-frame conf values of `dev`, combined as `effective` combines them. */
  effectiveConf(dev: string): EffectiveConf {
    if (dev === this.lastConfDev) return this.lastConf!;
    let conf = this.confCache.get(dev);
    if (conf === undefined) {
      conf = {
        accept_local: this.effective(dev, 'accept_local'),
        arp_accept: this.effective(dev, 'arp_accept'),
        arp_announce: this.effective(dev, 'arp_announce'),
        arp_filter: this.effective(dev, 'arp_filter'),
        arp_ignore: this.effective(dev, 'arp_ignore'),
        drop_gratuitous_arp: this.effective(dev, 'drop_gratuitous_arp'),
        forwarding: this.effective(dev, 'forwarding'),
        route_localnet: this.effective(dev, 'route_localnet'),
        rp_filter: this.effective(dev, 'rp_filter'),
      };
      this.confCache.set(dev, conf);
    }
    this.lastConfDev = dev;
    this.lastConf = conf;
    return conf;
  }

  /** Every conf write, and a new device, make the cached combined values stale. */
  private invalidateEffective(): void {
    this.effectiveCache.clear();
    this.confCache.clear();
    this.lastConfDev = null;
    this.lastConf = null;
  }

  private combine(dev: string, key: string): number {
    const devValue = this.conf(dev, key);
    const allValue = this.allConf(key);
    switch (CONF_COMBINE[key] ?? 'dev') {
      case 'max':
        return Math.max(allValue, devValue);
      case 'or':
        return allValue !== 0 || devValue !== 0 ? 1 : 0;
      case 'and':
        return allValue !== 0 && devValue !== 0 ? 1 : 0;
      case 'dev':
        return devValue;
    }
  }

  neighParms(dev: string): NeighParms {
    let parms = this.neigh.get(dev);
    if (!parms) {
      parms = { values: { ...NEIGH_DEFAULTS }, reachableTimeMs: NEIGH_DEFAULTS.base_reachable_time };
      this.neigh.set(dev, parms);
    }
    return parms;
  }

  /** neigh_periodic_work re-draws reachable_time every 300 s. */
  redrawReachable(): void {
    for (const parms of this.neigh.values()) parms.reachableTimeMs = this.drawReachable(parms.values.base_reachable_time);
  }

  global(key: string): number {
    return this.globals.get(key) ?? 0;
  }

  /** Every key `sysctl -a` prints for net.ipv4, sorted as procps walks /proc. */
  listAll(): Array<[string, string]> {
    const rows: Array<[string, string]> = [];
    const confSections: Array<[string, DeviceConf]> = [['all', this.all], ['default', this.dflt], ...[...this.devices].sort(([a], [b]) => (a < b ? -1 : 1))];
    for (const [section, conf] of confSections) {
      for (const [key] of CONF_DEFAULTS) rows.push([`net.ipv4.conf.${section}.${key}`, String(conf.values.get(key))]);
    }
    for (const [key] of GLOBAL_DEFAULTS) rows.push([`net.ipv4.${key}`, this.read(`net.ipv4.${key}`) as string]);
    for (const dev of [...this.neigh.keys()].sort()) {
      for (const [file, spec] of NEIGH_KEYS) {
        if (spec.listed) rows.push([`net.ipv4.neigh.${dev}.${file}`, this.read(`net.ipv4.neigh.${dev}.${file}`) as string]);
      }
    }
    // The kernel keeps sysctl entries sorted by name, and procps walks them in that order.
    return rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Whether the key's /proc file is read-only (mode 0444). */
  isReadOnly(name: string): boolean {
    const parts = name.split('.');
    return parts.length === 5 && parts[2] === 'conf' && READ_ONLY_CONF.has(parts[4]!);
  }

  /** Reads a key; returns the text the /proc file holds, or an error. */
  read(name: string): string | SysctlError {
    const parts = name.split('.');
    if (parts[0] !== 'net' || parts[1] !== 'ipv4') return 'ENOENT';
    if (parts.length === 3) {
      const key = parts[2]!;
      if (key === 'ip_forward') return String(this.allConf('forwarding'));
      return this.globals.has(key) ? String(this.globals.get(key)) : 'ENOENT';
    }
    if (parts.length === 4 && parts[2] === 'vs') {
      const value = this.vs.get(parts[3]!);
      return value === undefined ? 'ENOENT' : String(value);
    }
    if (parts.length !== 5) return 'ENOENT';
    const [, , section, dev, key] = parts as [string, string, string, string, string];
    if (section === 'conf') {
      const conf = dev === 'all' ? this.all : dev === 'default' ? this.dflt : this.devices.get(dev);
      const value = conf?.values.get(key);
      return value === undefined ? 'ENOENT' : String(value);
    }
    if (section === 'neigh') {
      const spec = NEIGH_KEY_MAP.get(key);
      const parms = this.neigh.get(dev);
      if (!spec || !parms) return 'ENOENT';
      return String(Math.floor(parms.values[spec.param] / spec.scale));
    }
    return 'ENOENT';
  }

  /** Writes a key as `sysctl -w` or `echo V >` would. */
  write(name: string, text: string): SysctlError | null {
    const current = this.read(name);
    if (current === 'ENOENT' || current === 'EINVAL' || current === 'EPERM') return current;
    const value = parseProcInt(text);
    if (value === null) return 'EINVAL';
    const parts = name.split('.');
    if (parts.length === 3) {
      const key = parts[2]!;
      if (key === 'ip_forward') return this.writeForwardingAll(value);
      this.globals.set(key, value);
      return null;
    }
    if (parts.length === 4) {
      this.vs.set(parts[3]!, value);
      return null;
    }
    const [, , section, dev, key] = parts as [string, string, string, string, string];
    if (section === 'conf') return this.writeConf(dev, key, value);
    return this.writeNeigh(dev, key, value);
  }

  private writeConf(dev: string, key: string, value: number): SysctlError | null {
    if (READ_ONLY_CONF.has(key)) return 'EPERM';
    this.invalidateEffective();
    if (key === 'forwarding' && dev === 'all') return this.writeForwardingAll(value);
    if (dev === 'all') {
      this.all.values.set(key, value);
      return null;
    }
    if (dev === 'default') {
      this.dflt.values.set(key, value);
      // devinet_copy_dflt_conf: reaches only devices whose value was never set.
      for (const conf of this.devices.values()) if (!conf.explicitlySet.has(key)) conf.values.set(key, value);
      return null;
    }
    const conf = this.devices.get(dev)!;
    conf.values.set(key, value);
    conf.explicitlySet.add(key);
    if (key === 'forwarding') this.onWrite({ kind: 'forwarding' });
    return null;
  }

  /**
   * inet_forward_change: all, default and every device follow with the value
   * as written (proc_dointvec keeps 2 as 2: kernel run 424); redirects flip.
   */
  private writeForwardingAll(value: number): null {
    const on = value;
    this.invalidateEffective();
    this.all.values.set('forwarding', on);
    this.all.values.set('accept_redirects', on ? 0 : 1);
    this.dflt.values.set('forwarding', on);
    for (const conf of this.devices.values()) conf.values.set('forwarding', on);
    this.globals.set('ip_forward', on);
    this.onWrite({ kind: 'forwarding' });
    return null;
  }

  private writeNeigh(dev: string, key: string, value: number): SysctlError | null {
    const spec = NEIGH_KEY_MAP.get(key)!;
    const parms = this.neigh.get(dev)!;
    if (value < 0) return 'EINVAL';
    let internal = value * spec.scale;
    if (spec.param === 'retrans_time') internal = Math.max(internal, 10);
    parms.values[spec.param] = internal;
    if (spec.param === 'base_reachable_time') {
      parms.reachableTimeMs = this.drawReachable(internal);
      this.onWrite({ kind: 'base_reachable_time', dev });
    }
    return null;
  }
}

/**
 * The first integer of a write, as __do_proc_dointvec reads it with
 * proc_get_long (kernel/sysctl.c): white space skipped; an optional '-'; a
 * digit; strtoul with base 0 (0x… hex when a hex digit follows, 0… octal);
 * then white space or the end. What follows the first integer is ignored (the
 * files hold one). Out of int's range, or nothing there: null (EINVAL).
 */
export function parseProcInt(text: string): number | null {
  const match = /^\s*(-?)(0[xX](?=[0-9a-fA-F])[0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)(?=[ \t\n]|$)/.exec(text);
  // 21 characters fill the kernel's buffer: too long to know where the number ends.
  if (!match || match[0].trimStart().length >= 21) return null;
  const [, sign, digits] = match as unknown as [string, string, string];
  const magnitude = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.startsWith('0') ? parseInt(digits, 8) : Number(digits);
  const value = sign === '-' ? -magnitude : magnitude;
  return value > 2147483647 || value < -2147483648 ? null : value;
}
