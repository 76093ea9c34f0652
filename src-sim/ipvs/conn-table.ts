// The connection table (ip_vs_conn.c): entries and persistence templates,
// their timers on the virtual clock, and the ActiveConn / InActConn /
// PersistConn counters of the real server each entry is bound to.
import { MICROS_PER_SECOND, type EventQueue } from '../core/event-queue.ts';
import type { IpvsConn, IpvsDest, IpvsService } from './types.ts';

export type ConnFields = Pick<IpvsConn, 'proto' | 'caddr' | 'cport' | 'vaddr' | 'vport' | 'daddr' | 'dport' | 'dest' | 'template'>;

/** A template's timer is pushed back by 60 s while it still controls connections. */
const EXPIRE_LATER_US = 60 * MICROS_PER_SECOND;

/** IPVS connection tuple keys; templates live in their own map. */
const connKey = (proto: string, caddr: number, cport: number, vaddr: number, vport: number): string => `${proto}|${caddr}|${cport}|${vaddr}|${vport}`;

const PROTO_INDEX: Record<string, number> = { tcp: 0, udp: 1, ip: 2 };
const TWO_48 = 2 ** 48;

/**
 * Entries by (proto, address:port, address:port) without building a string
 * per packet: an outer map on proto and the second pair, an inner one on the
 * first pair, each pair packed into one exact number (32 + 16 bits).
 */
class TupleMap<T> {
  private readonly outer = new Map<number, Map<number, T>>();

  private static outerKey(proto: string, addr: number, port: number): number {
    return (PROTO_INDEX[proto] ?? 3) * TWO_48 + (addr >>> 0) * 65536 + port;
  }

  get(proto: string, a1: number, p1: number, a2: number, p2: number): T | undefined {
    return this.outer.get(TupleMap.outerKey(proto, a2, p2))?.get((a1 >>> 0) * 65536 + p1);
  }

  set(proto: string, a1: number, p1: number, a2: number, p2: number, value: T): void {
    const key = TupleMap.outerKey(proto, a2, p2);
    let inner = this.outer.get(key);
    if (!inner) this.outer.set(key, (inner = new Map()));
    inner.set((a1 >>> 0) * 65536 + p1, value);
  }

  delete(proto: string, a1: number, p1: number, a2: number, p2: number): void {
    const key = TupleMap.outerKey(proto, a2, p2);
    const inner = this.outer.get(key);
    if (!inner) return;
    inner.delete((a1 >>> 0) * 65536 + p1);
    if (inner.size === 0) this.outer.delete(key);
  }
}

export class ConnTable {
  /** Every entry, in creation order (the order ipvsadm -Lnc lists them in). */
  private readonly all = new Set<IpvsConn>();
  private readonly conns = new TupleMap<IpvsConn>();
  private readonly templates = new Map<string, IpvsConn>();
  /** Entries by their real-server side (RIP:port ↔ client), for NAT replies (ip_vs_conn_out_get). */
  private readonly byOut = new TupleMap<IpvsConn>();
  /** The service each connection was scheduled by, for its statistics. */
  readonly serviceOf = new WeakMap<IpvsConn, IpvsService>();
  private nextId = 1;

  /** `owner.clock` is read when used: the host may still be under construction. */
  constructor(
    private readonly owner: { readonly clock: EventQueue },
    private readonly onExpire: (conn: IpvsConn) => void,
  ) {}

  private get clock(): EventQueue {
    return this.owner.clock;
  }

  get size(): number {
    return this.all.size;
  }

  list(): IpvsConn[] {
    return [...this.all];
  }

  find(proto: string, caddr: number, cport: number, vaddr: number, vport: number): IpvsConn | undefined {
    return this.conns.get(proto, caddr, cport, vaddr, vport);
  }

  /** ip_vs_conn_out_get: the entry a reply RIP:rport → client:cport belongs to. */
  findOut(proto: string, daddr: number, dport: number, caddr: number, cport: number): IpvsConn | undefined {
    return this.byOut.get(proto, daddr, dport, caddr, cport);
  }

  findTemplate(proto: string, snet: number, vaddr: number, vport: number): IpvsConn | undefined {
    return this.templates.get(connKey(proto, snet, 0, vaddr, vport));
  }

  /** ip_vs_conn_new + ip_vs_bind_dest. The timer starts with the first packet (or, for a template, at once). */
  create(fields: ConnFields, timeoutUs: number): IpvsConn {
    const conn: IpvsConn = {
      ...fields,
      id: this.nextId++,
      state: 0,
      // Every dest's conn_flags carry IP_VS_CONN_F_INACTIVE: a new entry counts as inactive.
      inactive: true,
      timeoutUs,
      expiresAt: this.clock.now + timeoutUs,
      timer: null,
      control: null,
      nControl: 0,
      gone: false,
    };
    this.all.add(conn);
    if (conn.template) this.templates.set(connKey(conn.proto, conn.caddr, conn.cport, conn.vaddr, conn.vport), conn);
    else {
      this.conns.set(conn.proto, conn.caddr, conn.cport, conn.vaddr, conn.vport, conn);
      this.byOut.set(conn.proto, conn.daddr, conn.dport, conn.caddr, conn.cport, conn);
    }
    const dest = conn.dest;
    if (conn.template) dest.persistConns++;
    else dest.inactConns++;
    if (dest.uThreshold !== 0 && dest.activeConns + dest.inactConns >= dest.uThreshold) dest.overloaded = true;
    return conn;
  }

  /** __ip_vs_conn_put_timer: restart the timer with the entry's timeout. */
  arm(conn: IpvsConn): void {
    conn.timer?.cancel();
    conn.expiresAt = this.clock.now + conn.timeoutUs;
    conn.timer = this.clock.schedule(conn.timeoutUs, () => this.expire(conn));
  }

  /** Seconds left, as /proc/net/ip_vs_conn prints them. */
  secondsLeft(conn: IpvsConn): number {
    return Math.max(0, Math.floor((conn.expiresAt - this.clock.now) / MICROS_PER_SECOND));
  }

  /**
   * ip_vs_check_template found the template unusable: it is rehashed with
   * ports 0xffff so no new connection finds it, and left to its timer.
   */
  invalidateTemplate(ct: IpvsConn): void {
    this.templates.delete(connKey(ct.proto, ct.caddr, ct.cport, ct.vaddr, ct.vport));
    ct.cport = 0;
    ct.vport = 0xffff;
    ct.dport = 0xffff;
  }

  /** ip_vs_conn_expire: runs when the timer fires, or at once (expire_now). */
  expire(conn: IpvsConn): void {
    if (conn.gone) return;
    if (conn.nControl > 0) {
      // expire_later: a template outlives the connections it controls.
      conn.timeoutUs = EXPIRE_LATER_US;
      this.arm(conn);
      return;
    }
    conn.timer?.cancel();
    conn.gone = true;
    this.all.delete(conn);
    if (conn.template) {
      const key = connKey(conn.proto, conn.caddr, conn.cport, conn.vaddr, conn.vport);
      if (this.templates.get(key) === conn) this.templates.delete(key);
    } else {
      if (this.conns.get(conn.proto, conn.caddr, conn.cport, conn.vaddr, conn.vport) === conn) this.conns.delete(conn.proto, conn.caddr, conn.cport, conn.vaddr, conn.vport);
      if (this.byOut.get(conn.proto, conn.daddr, conn.dport, conn.caddr, conn.cport) === conn) this.byOut.delete(conn.proto, conn.daddr, conn.dport, conn.caddr, conn.cport);
    }
    if (conn.control) {
      conn.control.nControl--;
      conn.control = null;
    }
    unbindDest(conn);
    this.onExpire(conn);
  }
}

/** ip_vs_unbind_dest: the counters drop, and OVERLOAD may clear. */
function unbindDest(conn: IpvsConn): void {
  const dest: IpvsDest = conn.dest;
  if (conn.template) dest.persistConns--;
  else if (conn.inactive) dest.inactConns--;
  else dest.activeConns--;
  const total = dest.activeConns + dest.inactConns;
  if (dest.lThreshold !== 0) {
    if (total < dest.lThreshold) dest.overloaded = false;
  } else if (dest.uThreshold !== 0) {
    if (total * 4 < dest.uThreshold * 3) dest.overloaded = false;
  } else {
    dest.overloaded = false;
  }
}
