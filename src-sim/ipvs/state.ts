// The IPVS state of one director: virtual services and real servers as
// ipvsadm edits them (ip_vs_ctl.c), and the two calls the packet path makes
// for every client → VIP packet on LOCAL_IN (ip_vs_in in ip_vs_core.c):
//
//   const r = host.ipvs.schedule(packet);
//   null                    → not IPVS traffic: deliver locally as usual
//   { noDestination: true } → drop; send ICMP port unreachable (ip_vs_leave)
//   { drop: true }          → drop silently (its real server was removed)
//   { conn, dest, isNew }   → host.ipvs.onPacket(r.conn, packet), then
//                             transmit to r.dest by r.dest.fwd (Route = DR)
import { MICROS_PER_SECOND, type EventQueue } from '../core/event-queue.ts';
import { formatIp4, type Ip4 } from '../net/addr.ts';
import { ConnTable } from './conn-table.ts';
import { createScheduler } from './schedulers/index.ts';
import type { Scheduler } from './schedulers/scheduler.ts';
import { Stats } from './stats.ts';
import { nextTcpState, tcpStateActive, Timeouts, TCP_ESTABLISHED, type TcpDirection } from './tcp-states.ts';
import type { ForwardMethod, IpvsConn, IpvsDest, IpvsPacket, IpvsProto, IpvsService } from './types.ts';
import { msg, type CauseName } from '../i18n/catalogue.ts';
import type { TraceKey, TraceParams, TraceParamsOf } from '../i18n/trace.ts';
import { connText, destText, explainCandidates, serviceText, stateName } from './describe.ts';

/** The direction of a packet of a NAT connection, as its state change names it. */
const DIR_INPUT = msg('ipvs.dir.input');
const DIR_OUTPUT = msg('ipvs.dir.output');

/** What IPVS needs from its host. */
export interface IpvsHost {
  readonly clock: EventQueue;
  readonly tracing: boolean;
  trace<K extends TraceKey>(key: K, params: TraceParamsOf<K>): void;
  readonly sysctl: { read(name: string): string };
  /** inet_addr_type in the director's namespace: what its local table says of an address. */
  addressType(ip: Ip4): 'local' | 'broadcast' | 'multicast' | 'unicast';
}

export interface ServiceKey {
  proto: IpvsProto;
  addr: Ip4;
  port: number;
  fwmark: number;
}

export interface ServiceSpec extends ServiceKey {
  schedName: string;
  persistent: boolean;
  timeout: number;
  netmask: number;
}

export interface DestSpec {
  addr: Ip4;
  port: number;
  fwd: ForwardMethod;
  weight: number;
  uThreshold: number;
  lThreshold: number;
}

/** Kernel errno values ipvsadm turns into its messages. */
export type IpvsError = 'EEXIST' | 'ENOENT' | 'ESRCH' | 'ERANGE' | 'EINVAL';

export type ScheduleResult =
  | { conn: IpvsConn; dest: IpvsDest; isNew: boolean }
  | { noDestination: true; service: IpvsService }
  | { drop: true; conn: IpvsConn }
  | null;

const FTP_PORT = 21;

export class IpvsState {
  /** In the order they were added; ipvsadm sorts them for display. */
  readonly services: IpvsService[] = [];
  readonly timeouts = new Timeouts();
  readonly conns: ConnTable;
  private readonly schedulers = new Map<IpvsService, Scheduler>();
  /** Removed real servers that still have entries (the kernel's dest trash), to be reused when added back. */
  private trash: Array<{ key: ServiceKey; dest: IpvsDest }> = [];

  constructor(private readonly host: IpvsHost) {
    this.conns = new ConnTable(host, (conn) => this.traceConn('ipvs.conn.expire', conn, {}));
  }

  /** Whether the packet path needs to ask IPVS at all (a service or a connection entry exists). */
  get active(): boolean {
    return this.services.length > 0 || this.conns.size > 0;
  }

  get hasConnections(): boolean {
    return this.conns.size > 0;
  }

  /**
   * A reply of a masqueraded connection, seen at FORWARD (ip_vs_out →
   * handle_response): OutPkts/OutBytes and the TCP state. Returns the entry,
   * or undefined when the packet is not a reply of one.
   */
  onReply(packet: IpvsPacket): IpvsConn | undefined {
    const conn = this.conns.findOut(packet.proto, packet.src, packet.sport, packet.dst, packet.dport);
    if (!conn || conn.gone || conn.dest.fwd !== 'Masq') return undefined;
    const dest = conn.dest;
    dest.stats.add(this.now, 'outpkts', 1);
    dest.stats.add(this.now, 'outbytes', packet.length);
    const svc = this.conns.serviceOf.get(conn);
    if (svc && this.services.includes(svc)) {
      svc.stats.add(this.now, 'outpkts', 1);
      svc.stats.add(this.now, 'outbytes', packet.length);
    }
    if (conn.proto === 'tcp') this.setTcpState(conn, packet, 'output');
    else conn.timeoutUs = this.timeouts.udpUs;
    this.conns.arm(conn);
    return conn;
  }

  private get now(): number {
    return this.host.clock.now;
  }

  // ---- services and real servers (ipvsadm) ----

  findService(key: ServiceKey): IpvsService | undefined {
    // A fwmark service is found by its mark alone; the protocol must still match (do_ip_vs_set_ctl).
    const svc = this.services.find((s) => (key.fwmark ? s.fwmark === key.fwmark : s.fwmark === 0 && s.proto === key.proto && s.addr === key.addr && s.port === key.port));
    return svc && svc.proto === key.proto ? svc : undefined;
  }

  addService(spec: ServiceSpec): IpvsError | null {
    if (this.findService(spec)) return 'EEXIST';
    const svc: IpvsService = { ...spec, dests: [], stats: new Stats(this.now) };
    const sched = createScheduler(spec.schedName, svc.dests);
    if (!sched) return 'ENOENT';
    this.services.push(svc);
    this.schedulers.set(svc, sched);
    return null;
  }

  /** ip_vs_edit_service: every setting is replaced; a new scheduler starts fresh. */
  editService(spec: ServiceSpec): IpvsError | null {
    const svc = this.findService(spec);
    if (!svc) return 'ESRCH';
    if (spec.schedName !== svc.schedName) {
      const sched = createScheduler(spec.schedName, svc.dests);
      if (!sched) return 'ENOENT';
      this.schedulers.set(svc, sched);
    }
    Object.assign(svc, { schedName: spec.schedName, persistent: spec.persistent, timeout: spec.timeout, netmask: spec.netmask });
    return null;
  }

  deleteService(key: ServiceKey): IpvsError | null {
    const svc = this.findService(key);
    if (!svc) return 'ESRCH';
    for (const dest of [...svc.dests]) this.unlinkDest(svc, dest);
    this.services.splice(this.services.indexOf(svc), 1);
    this.schedulers.delete(svc);
    return null;
  }

  /** ipvsadm -C. Connection entries stay until their timers run out. */
  flush(): void {
    for (const svc of [...this.services]) this.deleteService(svc);
  }

  /** ipvsadm -Z: one service, or all of them when `key` is null. */
  zero(key: ServiceKey | null): IpvsError | null {
    const targets = key ? [this.findService(key)] : this.services;
    if (targets[0] === undefined && key) return 'ESRCH';
    for (const svc of targets as IpvsService[]) {
      svc.stats.zero(this.now);
      for (const d of svc.dests) d.stats.zero(this.now);
    }
    return null;
  }

  addDest(key: ServiceKey, spec: DestSpec): IpvsError | null {
    const svc = this.findService(key);
    if (!svc) return 'ESRCH';
    const bad = checkThresholds(spec);
    if (bad) return bad;
    if (findDest(svc, spec)) return 'EEXIST';
    // ip_vs_new_dest: inet_addr_type must be RTN_LOCAL or RTN_UNICAST, so a
    // subnet broadcast address of the director is refused too, not only 0,
    // 255.255.255.255 and multicast.
    const type = this.host.addressType(spec.addr);
    if (type !== 'local' && type !== 'unicast') return 'EINVAL';
    this.trash = this.trash.filter((t) => t.dest.activeConns + t.dest.inactConns + t.dest.persistConns > 0);
    const reused = this.trash.find((t) => sameService(t.key, svc) && t.dest.addr === spec.addr && t.dest.port === spec.port);
    let dest: IpvsDest;
    if (reused) {
      // ip_vs_trash_get_dest: the old server object comes back with its counters.
      this.trash.splice(this.trash.indexOf(reused), 1);
      dest = reused.dest;
    } else {
      dest = { addr: spec.addr, port: spec.port, fwd: spec.fwd, weight: 0, uThreshold: 0, lThreshold: 0, activeConns: 0, inactConns: 0, persistConns: 0, overloaded: false, available: true, stats: new Stats(this.now) };
    }
    updateDest(dest, spec);
    dest.available = true;
    svc.dests.unshift(dest); // list_add_rcu: the head of the list
    this.schedulers.get(svc)!.changed?.(svc.dests);
    return null;
  }

  /** ip_vs_edit_dest: weight, method and thresholds replaced; connections stay. */
  editDest(key: ServiceKey, spec: DestSpec): IpvsError | null {
    const svc = this.findService(key);
    if (!svc) return 'ESRCH';
    const bad = checkThresholds(spec);
    if (bad) return bad;
    const dest = findDest(svc, spec);
    if (!dest) return 'ENOENT';
    updateDest(dest, spec);
    this.schedulers.get(svc)!.changed?.(svc.dests);
    return null;
  }

  deleteDest(key: ServiceKey, addr: Ip4, port: number): IpvsError | null {
    const svc = this.findService(key);
    if (!svc) return 'ESRCH';
    const dest = findDest(svc, { addr, port });
    if (!dest) return 'ENOENT';
    this.unlinkDest(svc, dest);
    return null;
  }

  setTimeouts(tcp: number, tcpFin: number, udp: number): void {
    this.timeouts.set(tcp, tcpFin, udp);
  }

  private unlinkDest(svc: IpvsService, dest: IpvsDest): void {
    const index = svc.dests.indexOf(dest);
    svc.dests.splice(index, 1);
    dest.available = false;
    this.schedulers.get(svc)!.removed?.(svc.dests, dest, index);
    if (dest.activeConns + dest.inactConns + dest.persistConns > 0) this.trash.push({ key: { ...svc }, dest });
  }

  // ---- the packet path ----

  /**
   * ip_vs_in up to the scheduling decision: the packet's existing entry, or a
   * new one when it opens a connection to a virtual service.
   */
  schedule(packet: IpvsPacket): ScheduleResult {
    let conn = this.conns.find(packet.proto, packet.src, packet.sport, packet.dst, packet.dport);
    if (conn && this.shouldReschedule(conn, packet)) {
      if (conn.nControl === 0) this.conns.expire(conn);
      conn = undefined;
    }
    if (conn) {
      if (!conn.dest.available) {
        // The real server was removed: its entries only drop packets (expire_nodest_conn = 0).
        this.traceConn('ipvs.drop.no-dest', conn, {});
        if (this.vsSysctl('expire_nodest_conn', 0)) this.conns.expire(conn);
        return { drop: true, conn };
      }
      return { conn, dest: conn.dest, isNew: false };
    }
    if (packet.proto === 'tcp') {
      // tcp_conn_schedule: only a SYN (or with sloppy_tcp, any non-RST) opens a connection.
      const f = packet.tcpFlags ?? {};
      if (!(f.syn || this.vsSysctl('sloppy_tcp', 0)) || f.rst) return null;
    }
    const svc = this.serviceFor(packet);
    if (!svc) return null;
    return svc.persistent ? this.schedulePersistent(svc, packet) : this.scheduleNew(svc, packet);
  }

  /**
   * The rest of ip_vs_in for a packet that belongs to `conn` (call it for the
   * packet that created the entry too): InPkts/InBytes, the TCP state, and
   * the timer restarted with the state's timeout.
   */
  onPacket(conn: IpvsConn, packet: IpvsPacket): void {
    if (conn.gone) return;
    const dest = conn.dest;
    if (dest.available) {
      dest.stats.add(this.now, 'inpkts', 1);
      dest.stats.add(this.now, 'inbytes', packet.length);
      const svc = this.conns.serviceOf.get(conn);
      if (svc && this.services.includes(svc)) {
        svc.stats.add(this.now, 'inpkts', 1);
        svc.stats.add(this.now, 'inbytes', packet.length);
      }
    }
    if (conn.proto === 'tcp') this.setTcpState(conn, packet, conn.dest.fwd === 'Masq' ? 'input' : 'input-only');
    else conn.timeoutUs = this.timeouts.udpUs;
    this.conns.arm(conn);
  }

  /** What ipvsadm -Lnc lists. */
  listConnections(): IpvsConn[] {
    return this.conns.list();
  }

  private serviceFor(packet: IpvsPacket): IpvsService | undefined {
    // ip_vs_service_find: the exact service, else a port-zero one. Packets carry no fwmark here.
    const exact = this.findService({ proto: packet.proto, addr: packet.dst, port: packet.dport, fwmark: 0 });
    return exact ?? this.findService({ proto: packet.proto, addr: packet.dst, port: 0, fwmark: 0 });
  }

  private pickDest(svc: IpvsService, packet: IpvsPacket): IpvsDest | null {
    const dest = this.schedulers.get(svc)!.schedule(svc.dests, packet);
    if (this.host.tracing) {
      const params = { svc: serviceText(svc), client: `${formatIp4(packet.src)}:${packet.sport}`, sched: svc.schedName, list: explainCandidates(svc.dests) };
      if (dest) this.host.trace('ipvs.schedule', { ...params, rs: destText(dest), cause: `ipvs-${svc.schedName}` as CauseName });
      else this.host.trace('ipvs.no-destination', params);
    }
    return dest;
  }

  /** ip_vs_schedule for a service without persistence. */
  private scheduleNew(svc: IpvsService, packet: IpvsPacket): ScheduleResult {
    if (!svc.fwmark && packet.dport !== svc.port) return { noDestination: true, service: svc };
    const dest = this.pickDest(svc, packet);
    if (!dest) return { noDestination: true, service: svc };
    const conn = this.newConn(svc, packet, dest, dest.port || packet.dport);
    return { conn, dest, isNew: true };
  }

  /** ip_vs_sched_persist: reuse the client's template, or schedule and make one. */
  private schedulePersistent(svc: IpvsService, packet: IpvsPacket): ScheduleResult {
    const snet = (packet.src & svc.netmask) >>> 0;
    let proto: IpvsConn['proto'] = packet.proto;
    let vaddr = packet.dst;
    let vport = 0;
    if (packet.dport === svc.port) {
      if (svc.port !== FTP_PORT) vport = packet.dport;
    } else if (svc.fwmark) {
      proto = 'ip';
      vaddr = svc.fwmark;
    }
    let ct = this.conns.findTemplate(proto, snet, vaddr, vport);
    if (ct && !this.checkTemplate(ct)) ct = undefined;
    let dest: IpvsDest;
    if (!ct) {
      const picked = this.pickDest(svc, packet);
      if (!picked) return { noDestination: true, service: svc };
      dest = picked;
      const dport = packet.dport === svc.port && svc.port !== FTP_PORT ? dest.port : 0;
      ct = this.conns.create({ proto, caddr: snet, cport: 0, vaddr, vport, daddr: dest.addr, dport, dest, template: true }, svc.timeout * MICROS_PER_SECOND);
      this.traceConn('ipvs.persist.new', ct, { timeout: svc.timeout });
    } else {
      dest = ct.dest;
      this.traceConn('ipvs.persist.reuse', ct, { client: formatIp4(packet.src), left: this.conns.secondsLeft(ct), timeout: ct.timeoutUs / MICROS_PER_SECOND });
    }
    const dport = packet.dport === svc.port && dest.port ? dest.port : packet.dport;
    const conn = this.newConn(svc, packet, dest, dport);
    conn.control = ct;
    ct.nControl++;
    this.conns.arm(ct); // ip_vs_conn_put(ct): the template's timer starts again
    return { conn, dest, isNew: true };
  }

  private newConn(svc: IpvsService, packet: IpvsPacket, dest: IpvsDest, dport: number): IpvsConn {
    const conn = this.conns.create({ proto: packet.proto, caddr: packet.src, cport: packet.sport, vaddr: packet.dst, vport: packet.dport, daddr: dest.addr, dport, dest, template: false }, 0);
    this.conns.serviceOf.set(conn, svc);
    // ip_vs_conn_stats
    dest.stats.add(this.now, 'conns', 1);
    svc.stats.add(this.now, 'conns', 1);
    return conn;
  }

  /** ip_vs_check_template: a template to a removed (or, optionally, quiesced) server is dropped. */
  private checkTemplate(ct: IpvsConn): boolean {
    const quiescent = this.vsSysctl('expire_quiescent_template', 0) !== 0 && ct.dest.weight === 0;
    if (ct.dest.available && !quiescent) return true;
    this.traceConn('ipvs.persist.invalid', ct, { cause: quiescent ? 'ipvs-quiescent' : 'ipvs-removed' });
    this.conns.invalidateTemplate(ct);
    return false;
  }

  /** conn_reuse_mode: a new SYN on the tuple of a closed entry starts over with a new choice. */
  private shouldReschedule(conn: IpvsConn, packet: IpvsPacket): boolean {
    const mode = this.vsSysctl('conn_reuse_mode', 1);
    const f = packet.tcpFlags ?? {};
    if (!mode || packet.proto !== 'tcp' || !f.syn || f.ack) return false;
    if (this.vsSysctl('expire_nodest_conn', 0) && conn.dest.weight === 0) return true;
    if (conn.control) return false;
    const name = stateName(conn);
    return name === 'TIME_WAIT' || name === 'CLOSE' || ((mode & 2) !== 0 && name === 'FIN_WAIT');
  }

  /** set_tcp_state with the INPUT-ONLY table, moving the server's Active/InAct counters. */
  private setTcpState(conn: IpvsConn, packet: IpvsPacket, direction: TcpDirection): void {
    const from = conn.state;
    const to = nextTcpState(from, packet.tcpFlags ?? {}, direction);
    if (to !== from) {
      const dest = conn.dest;
      if (!conn.inactive && !tcpStateActive(to)) {
        dest.activeConns--;
        dest.inactConns++;
        conn.inactive = true;
      } else if (conn.inactive && tcpStateActive(to)) {
        dest.activeConns++;
        dest.inactConns--;
        conn.inactive = false;
      }
      // ip_vs_control_assure_ct: the template is marked ASSURED.
      if (to === TCP_ESTABLISHED && conn.control) conn.control.state = 1;
    }
    const fromName = stateName(conn);
    conn.state = to;
    conn.timeoutUs = this.timeouts.tcpUs(to);
    if (to !== from) {
      const params = { from: fromName, to: stateName(conn), timeout: conn.timeoutUs / MICROS_PER_SECOND };
      if (direction === 'input-only') this.traceConn('ipvs.conn.state', conn, params);
      else this.traceConn('ipvs.conn.state.nat', conn, { ...params, dir: direction === 'input' ? DIR_INPUT : DIR_OUTPUT });
    }
  }

  private vsSysctl(name: string, fallback: number): number {
    const value = Number(this.host.sysctl.read(`net.ipv4.vs.${name}`));
    return Number.isFinite(value) ? value : fallback;
  }

  /** A connection's event: `extra` holds what its sentence needs beyond the connection, real server and state. */
  private traceConn<K extends TraceKey>(key: K, conn: IpvsConn, extra: TraceParams): void {
    if (this.host.tracing) this.host.trace(key, { conn: connText(conn), rs: destText(conn.dest), state: stateName(conn), ...extra } as unknown as TraceParamsOf<K>);
  }
}

function findDest(svc: IpvsService, spec: { addr: Ip4; port: number }): IpvsDest | undefined {
  return svc.dests.find((d) => d.addr === spec.addr && d.port === spec.port);
}

function sameService(a: ServiceKey, b: ServiceKey): boolean {
  return a.proto === b.proto && a.fwmark === b.fwmark && (a.fwmark !== 0 || (a.addr === b.addr && a.port === b.port));
}

/** ip_vs_add_dest / ip_vs_edit_dest refuse a lower threshold above the upper one. */
function checkThresholds(spec: DestSpec): IpvsError | null {
  return spec.weight < 0 || spec.lThreshold > spec.uThreshold ? 'ERANGE' : null;
}

/** __ip_vs_update_dest: raising or removing the upper threshold clears OVERLOAD. */
function updateDest(dest: IpvsDest, spec: DestSpec): void {
  if (spec.uThreshold === 0 || spec.uThreshold > dest.uThreshold) dest.overloaded = false;
  dest.weight = spec.weight;
  dest.fwd = spec.fwd;
  dest.uThreshold = spec.uThreshold;
  dest.lThreshold = spec.lThreshold;
}
