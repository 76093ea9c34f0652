// The local and main routing tables, filled as the kernel fills them
// (fib_add_ifaddr in net/ipv4/fib_frontend.c), and the lookup that walks
// them in rule order: local, then main.
import { broadcastOf, networkOf, prefixMask, type Ip4 } from '../net/addr.ts';
import { type IfAddr, type NetDevice, type Scope } from './device.ts';

export type RouteType = 'unicast' | 'local' | 'broadcast' | 'unreachable' | 'blackhole' | 'prohibit';
export type TableName = 'local' | 'main';

export interface Route {
  table: TableName;
  type: RouteType;
  dst: Ip4;
  len: number;
  dev: NetDevice | null;
  gateway: Ip4 | null;
  scope: Scope;
  proto: 'kernel' | 'boot' | 'static' | string;
  src: Ip4 | null;
  metric: number;
  /** RTNH_F_ONLINK: added with `onlink` (ifupdown's default route); ip prints it after the attributes. */
  onlink?: boolean;
}

export class RoutingTables {
  private routes: Route[] = [];
  /**
   * rt_genid: one more at every change of the tables and at `ip route flush cache`
   * (rt_cache_flush). What was learned for the old tables (redirect.ts) ends with it.
   */
  generation = 0;

  /** rt_cache_flush, as `ip route flush cache` asks. */
  flushCache(): void {
    this.generation++;
  }

  all(): readonly Route[] {
    return this.routes;
  }

  table(name: TableName): Route[] {
    // Trie order: ascending key, then longer prefixes first, then insertion.
    return this.routes
      .map((route, order) => ({ route, order }))
      .filter(({ route }) => route.table === name)
      .sort((a, b) => a.route.dst - b.route.dst || b.route.len - a.route.len || a.route.metric - b.route.metric || a.order - b.order)
      .map(({ route }) => route);
  }

  find(match: Partial<Route> & Pick<Route, 'table' | 'dst' | 'len'>): Route | undefined {
    return this.routes.find((r) => sameKey(r, match));
  }

  /** Adds a route; returns false when an equal one exists (EEXIST). */
  add(route: Route): boolean {
    if (this.routes.some((r) => r.table === route.table && r.dst === route.dst && r.len === route.len && r.metric === route.metric && (r.type === route.type || route.table === 'main'))) {
      return false;
    }
    this.routes.push(route);
    this.generation++;
    return true;
  }

  remove(predicate: (route: Route) => boolean): Route[] {
    const removed = this.routes.filter(predicate);
    this.routes = this.routes.filter((r) => !predicate(r));
    if (removed.length > 0) this.generation++;
    return removed;
  }

  /**
   * Longest-prefix match in the local table, then main (rules 0 and 32766).
   * With `oif`, only routes through that device count (as for a bound socket).
   */
  lookup(dst: Ip4, oif: NetDevice | null = null): Route | null {
    // One walk keeps the best match of each table (this runs for every
    // received frame); local wins whenever it has one, as rule 0 comes first.
    let bestLocal: Route | null = null;
    let bestMain: Route | null = null;
    for (const r of this.routes) {
      if ((r.table !== 'local' && r.table !== 'main') || networkOf(dst, r.len) !== r.dst) continue;
      if (r.dev && !r.dev.up && r.type !== 'local') continue;
      // fib_lookup_good_nhc: with an output device only its routes match, local ones too.
      if (oif && r.dev && r.dev !== oif) continue;
      const best = r.table === 'local' ? bestLocal : bestMain;
      if (!best || r.len > best.len || (r.len === best.len && r.metric < best.metric)) {
        if (r.table === 'local') bestLocal = r;
        else bestMain = r;
      }
    }
    return bestLocal ?? bestMain;
  }

  /**
   * Rebuilds the routes the kernel derives from addresses. Local routes exist
   * while the address does; prefix and broadcast routes only while the device
   * is up (checked in netns: link down keeps `local`, drops the rest).
   */
  syncKernelRoutes(devices: readonly NetDevice[]): void {
    this.routes = this.routes.filter((r) => r.proto !== 'kernel');
    this.generation++;
    const all = devices.flatMap((dev) => dev.addresses.map((ifa) => ({ dev, ifa })));
    all.sort((a, b) => (a.ifa.seq ?? 0) - (b.ifa.seq ?? 0));
    for (const { dev, ifa } of all) this.addIfaddrRoutes(dev, ifa);
  }

  private addIfaddrRoutes(dev: NetDevice, ifa: IfAddr): void {
    const prim = ifa.secondary ? (dev.addresses.find((a) => !a.secondary && a.prefixLen === ifa.prefixLen && networkOf(a.local, a.prefixLen) === networkOf(ifa.local, ifa.prefixLen)) ?? ifa) : ifa;
    const src = prim.local;
    const kernel = (table: TableName, type: RouteType, dst: Ip4, len: number, scope: Scope): void => {
      if (this.routes.some((r) => r.proto === 'kernel' && r.table === table && r.type === type && r.dst === dst && r.len === len && r.dev === dev)) return;
      this.routes.push({ table, type, dst, len, dev, gateway: null, scope, proto: 'kernel', src, metric: 0 });
    };
    kernel('local', 'local', ifa.local, 32, 'host');
    if (!dev.up) return;
    if (ifa.broadcast !== null && ifa.broadcast !== 0xffffffff) kernel('local', 'broadcast', ifa.broadcast, 32, 'link');
    const prefix = networkOf(ifa.local, ifa.prefixLen);
    if (prefix !== 0 && !ifa.secondary && (prefix !== ifa.local || ifa.prefixLen < 32)) {
      // On a loopback device the whole prefix becomes local: a /24 on lo
      // makes every address of that /24 this host's own.
      if (dev.isLoopback) kernel('local', 'local', prefix, ifa.prefixLen, 'host');
      else kernel('main', 'unicast', prefix, ifa.prefixLen, 'link');
      if (ifa.prefixLen < 31) kernel('local', 'broadcast', broadcastOf(ifa.local, ifa.prefixLen), 32, 'link');
    }
  }
}

function sameKey(r: Route, m: Partial<Route>): boolean {
  for (const [key, value] of Object.entries(m)) {
    if ((r as unknown as Record<string, unknown>)[key] !== value) return false;
  }
  return true;
}

export function maskOf(len: number): Ip4 {
  return prefixMask(len);
}
