// The ARP neighbour table of one host: entries keyed by (device, IPv4).
// `update` is __neigh_update, `output` is neigh_event_send.
//
// An entry is data, like the kernel's struct neighbour: its NUD state is the
// snapshot of the NUD machine (machine.ts) and nothing else, and the
// machine's guards and actions read and change the kernel's other fields
// (confirmed, used, probes). The table's stepper advances the snapshot.
import type { TimerHandle } from '../../core/event-queue.ts';
import { BROADCAST_MAC, formatIp4, type Ip4, type Mac } from '../../net/addr.ts';
import type { Ipv4Packet } from '../../net/frame.ts';
import type { NetDevice } from '../device.ts';
import type { NeighParms } from '../sysctl.ts';
import type { NudState } from './machine.ts';
import { INITIAL_SNAPSHOT, NudStepper, type NeighbourSnapshot, type SteppedEntry } from './stepper.ts';
import type { CauseName } from '../../i18n/catalogue.ts';

export const NUD_VALID: ReadonlySet<NudState> = new Set(['PERMANENT', 'NOARP', 'REACHABLE', 'PROBE', 'STALE', 'DELAY']);
export const NUD_CONNECTED: ReadonlySet<NudState> = new Set(['PERMANENT', 'NOARP', 'REACHABLE']);

export interface QueuedPacket {
  packet: Ipv4Packet;
  /** Sends the packet once the MAC is known. */
  transmit: (mac: Mac) => void;
  /** Reports the failure (ICMP host unreachable to the sender). */
  fail: () => void;
  /** The sender's hold on this copy, if it keeps one (a TCP segment's fast clone). */
  hold?: HostQueueHold;
}

/**
 * A sender's view of the copy it handed to the output path: `held` while the
 * copy waits in a neighbour's arp_queue, false once it left (sent, bounced,
 * dropped or purged). TCP reads it as skb_fclone_busy: a segment whose clone
 * is still in the host does not retransmit (skb_still_in_host_queue).
 */
export interface HostQueueHold {
  held: boolean;
}

/** unres_qlen_bytes (212992) at ~768 bytes of truesize per small packet. */
const UNRES_QLEN = 277;

/** What a table needs from its host. */
export interface NeighbourHost {
  readonly clock: { readonly now: number; schedule(delayUs: number, run: () => void): TimerHandle };
  parmsFor(dev: NetDevice): NeighParms;
  /** arp_solicit for this entry; `queued` is the newest queued packet, if any. */
  solicit(entry: NeighbourEntry, queued: Ipv4Packet | null): void;
  /** Every state change, for explanations. */
  stateChanged(entry: NeighbourEntry, from: NudState, to: NudState, cause: CauseName): void;
  /** inet_addr_type: whether `ip` is a broadcast address of this host (arp_constructor asks). */
  isBroadcastAddress(ip: Ip4): boolean;
}

export class NeighbourEntry implements SteppedEntry {
  snapshot: NeighbourSnapshot = INITIAL_SNAPSHOT;
  timer: TimerHandle | null = null;
  lladdr: Mac | null = null;
  updated: number;
  used: number;
  confirmed: number;
  probes = 0;
  queue: QueuedPacket[] = [];

  constructor(
    readonly ip: Ip4,
    readonly dev: NetDevice,
    private readonly host: NeighbourHost,
  ) {
    const now = host.clock.now;
    this.updated = now;
    this.used = now;
    // neigh_alloc: confirmed starts in the past so a new entry is not "recently confirmed".
    this.confirmed = now - host.parmsFor(dev).values.base_reachable_time * 1000 * 2;
  }

  /** The NUD state: the machine's snapshot is the only place it is kept. */
  get nud(): NudState {
    return this.snapshot.value as NudState;
  }

  get ipText(): string {
    return formatIp4(this.ip);
  }

  // What the machine reads and does (NudEntry).
  now(): number {
    return this.host.clock.now;
  }

  parms(): NeighParms {
    return this.host.parmsFor(this.dev);
  }

  entered(from: NudState, to: NudState, cause: CauseName): void {
    this.updated = this.host.clock.now;
    this.host.stateChanged(this, from, to, cause);
  }

  solicit(): void {
    const queued = this.queue.length > 0 ? this.queue[this.queue.length - 1]!.packet : null;
    this.host.solicit(this, queued);
    this.probes++;
  }

  /** neigh_invalidate: every queued packet fails. */
  invalidate(): void {
    for (const q of this.takeQueue()) q.fail();
  }

  /** __neigh_event_send: into arp_queue; past unres_qlen the oldest packet is dropped. */
  enqueue(queued: QueuedPacket): void {
    this.queue.push(queued);
    if (queued.hold) queued.hold.held = true;
    if (this.queue.length > UNRES_QLEN) released(this.queue.shift()!);
  }

  /** Empties arp_queue: its packets leave the host now (the caller sends or bounces them), or are purged. */
  takeQueue(): QueuedPacket[] {
    const queue = this.queue;
    this.queue = [];
    for (const q of queue) released(q);
    return queue;
  }
}

function released(queued: QueuedPacket): void {
  if (queued.hold) queued.hold.held = false;
}

export interface UpdateFlags {
  override: boolean;
  admin: boolean;
}

export type UpdateOutcome = 'ignored-permanent' | 'ignored-locked' | 'unchanged' | 'updated';

export class NeighbourTable {
  /** Every entry, in creation order (the order `ip neigh show` lists). */
  private readonly entries = new Set<NeighbourEntry>();
  /**
   * The same entries by device, then address as a signed 32-bit integer: a
   * small integer key keeps the lookup every received ARP frame makes cheap
   * (a device-and-address key above 2^32 was a heap number per lookup).
   */
  private readonly byDevice = new Map<NetDevice, Map<number, NeighbourEntry>>();

  private readonly stepper: NudStepper;

  constructor(private readonly host: NeighbourHost) {
    this.stepper = new NudStepper(host.clock);
  }

  lookup(ip: Ip4, dev: NetDevice): NeighbourEntry | undefined {
    return this.byDevice.get(dev)?.get(ip | 0);
  }

  create(ip: Ip4, dev: NetDevice): NeighbourEntry {
    let onDevice = this.byDevice.get(dev);
    if (onDevice === undefined) {
      onDevice = new Map();
      this.byDevice.set(dev, onDevice);
    }
    const existing = onDevice.get(ip | 0);
    if (existing) return existing;
    const entry = new NeighbourEntry(ip, dev, this.host);
    onDevice.set(ip | 0, entry);
    this.entries.add(entry);
    // arp_constructor: a NOARP or loopback device keeps its own address, a
    // broadcast address the device's broadcast one; neither is ever resolved.
    if (!dev.resolvesWithArp) this.update(entry, dev.mac, 'NOARP', { override: true, admin: true }, 'noarp-device');
    else if (this.host.isBroadcastAddress(ip)) this.update(entry, BROADCAST_MAC, 'NOARP', { override: true, admin: true }, 'noarp-broadcast');
    return entry;
  }

  /** neigh_flush_dev / neigh_destroy: the entry goes and its arp_queue is purged without errors. */
  remove(entry: NeighbourEntry): void {
    this.stepper.stop(entry);
    entry.takeQueue();
    const onDevice = this.byDevice.get(entry.dev);
    const current = onDevice?.get(entry.ip | 0);
    if (current === undefined) return;
    onDevice!.delete(entry.ip | 0);
    this.entries.delete(current);
  }

  list(): NeighbourEntry[] {
    return [...this.entries.values()];
  }

  /**
   * Proxy entries (pneigh, `ip neigh add proxy A dev D`): addresses a
   * forwarding host answers ARP for when it routes them out of another device.
   * In the order added; no state, no timers.
   */
  private readonly proxies: { ip: Ip4; dev: NetDevice }[] = [];

  /** pneigh_lookup(create): adding one that exists changes nothing. */
  addProxy(ip: Ip4, dev: NetDevice): void {
    if (!this.hasProxy(ip, dev)) this.proxies.push({ ip, dev });
  }

  /** pneigh_delete: false when there was none (ENOENT). */
  removeProxy(ip: Ip4, dev: NetDevice): boolean {
    const i = this.proxies.findIndex((p) => p.ip === ip && p.dev === dev);
    if (i < 0) return false;
    this.proxies.splice(i, 1);
    return true;
  }

  hasProxy(ip: Ip4, dev: NetDevice): boolean {
    return this.proxies.some((p) => p.ip === ip && p.dev === dev);
  }

  listProxies(): readonly { ip: Ip4; dev: NetDevice }[] {
    return this.proxies;
  }

  /** pneigh_ifdown: a device going down loses its proxy entries. */
  removeProxies(dev: NetDevice): void {
    for (let i = this.proxies.length - 1; i >= 0; i--) if (this.proxies[i]!.dev === dev) this.proxies.splice(i, 1);
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * __neigh_update: the kernel's rules for a new link-layer address and state.
   * Returns what happened so the caller can explain it.
   */
  update(entry: NeighbourEntry, lladdr: Mac | null, requested: NudState, flags: UpdateFlags, cause: CauseName): UpdateOutcome {
    const now = this.host.clock.now;
    const old = entry.nud;
    if (!flags.admin && (old === 'NOARP' || old === 'PERMANENT')) return 'ignored-permanent';
    if (!NUD_VALID.has(requested)) {
      if (old !== requested) this.stepper.send(entry, 'SET', requested, cause);
      if ((old === 'INCOMPLETE' || old === 'PROBE') && requested === 'FAILED') entry.invalidate();
      return old === requested ? 'unchanged' : 'updated';
    }
    let next = requested;
    let mac = lladdr ?? entry.lladdr;
    if (mac === null) return 'unchanged';
    const wasValid = NUD_VALID.has(old);
    if (NUD_CONNECTED.has(next)) entry.confirmed = now;
    if (wasValid) {
      if (mac !== entry.lladdr && !flags.override) return 'ignored-locked';
      // Same address, STALE requested: keep the current state (a broadcast
      // request does not demote a REACHABLE entry).
      if (mac === entry.lladdr && next === 'STALE' && !flags.admin) next = old;
    }
    const macChanged = mac !== entry.lladdr;
    if (!macChanged && next === old) return 'unchanged';
    if (macChanged) {
      entry.lladdr = mac;
      entry.updated = now;
      if (!NUD_CONNECTED.has(next)) entry.confirmed = now - this.host.parmsFor(entry.dev).values.base_reachable_time * 2000;
    }
    if (next !== old) this.stepper.send(entry, 'SET', next, cause);
    else entry.updated = now;
    mac = entry.lladdr!;
    if (!wasValid && NUD_VALID.has(entry.nud)) {
      // Packets queued while INCOMPLETE leave as soon as the address is known, each through the
      // output path as __neigh_update drains arp_queue with n1->output(): the first one moves an
      // entry made STALE (by a request) to DELAY, as neigh_resolve_output does.
      for (const q of entry.takeQueue()) q.transmit(this.output(entry, q) ?? mac);
    }
    return 'updated';
  }

  /** neigh_event_send without a packet (a redirect's new gateway): starts resolving an entry that is not valid, sends nothing else. */
  eventSend(entry: NeighbourEntry): void {
    if (entry.nud !== 'NONE' && entry.nud !== 'FAILED' && entry.nud !== 'STALE') return;
    entry.used = this.host.clock.now;
    const resolving = entry.nud !== 'STALE';
    this.stepper.send(entry, 'OUTPUT', null, 'output');
    if (resolving && (entry.nud as NudState) !== 'INCOMPLETE') entry.invalidate();
  }

  /**
   * neigh_event_send for an outgoing packet. Returns the MAC to send to now,
   * or null when the packet was queued (or dropped) awaiting resolution.
   */
  output(entry: NeighbourEntry, queued: QueuedPacket): Mac | null {
    if (NUD_CONNECTED.has(entry.nud)) return entry.lladdr;
    entry.used = this.host.clock.now;
    if (entry.nud === 'NONE' || entry.nud === 'FAILED') {
      // The packet is queued before the first solicitation, which reads its
      // source address (arp_solicit looks at the newest queued packet).
      entry.enqueue(queued);
      this.stepper.send(entry, 'OUTPUT', null, 'output');
      if ((entry.nud as NudState) !== 'INCOMPLETE') entry.invalidate();
      return null;
    }
    if (entry.nud === 'STALE') {
      this.stepper.send(entry, 'OUTPUT', null, 'output');
      return entry.lladdr;
    }
    if (entry.nud === 'INCOMPLETE') {
      entry.enqueue(queued);
      return null;
    }
    return entry.lladdr;
  }
}
