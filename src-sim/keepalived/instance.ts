// A VRRP instance on a host: the machine (vrrp-machine.ts) running on the
// lab's clock, and what it does to the host. Adverts leave from the
// interface's own MAC and primary address to 224.0.0.18 (no use_vmac),
// TTL 255, TOS 0xc0, IP id counting from 1 (keepalived builds the header
// itself); gratuitous ARPs are requests to the broadcast address with sender
// = target = the virtual address and target MAC ff:ff:ff:ff:ff:ff
// (send_gratuitous_arp), as Linux captured them.
import { createActor, type Actor } from 'xstate';
import type { TimerHandle } from '../core/event-queue.ts';
import { BROADCAST_MAC, formatIp4, type Ip4 } from '../net/addr.ts';
import { vrrpPacketLength, type Ipv4Packet } from '../net/frame.ts';
import { VRRP_GROUP, VRRP_GROUP_MAC } from '../net/vrrp.ts';
import type { NetDevice } from '../host/device.ts';
import { ipOutput } from '../host/ipv4.ts';
import type { Host } from '../host/host.ts';
import { msg } from '../i18n/catalogue.ts';
import type { GlobalDefs, VrrpInstanceConfig } from './config.ts';
import { masterDownInterval, skewTime, vrrpMachine, type VrrpIo, type VrrpTimers } from './vrrp-machine.ts';

const SECOND = 1_000_000;
/**
 * keepalived's thread scheduler runs a timer up to a few ms late: a steady
 * master's adverts left 1.000-1.005 s apart on Linux, and two masters that
 * refuse each other's adverts (each restarting the other's timer) take turns
 * at random. The lab draws the delay from its seeded random source.
 */
const TIMER_LATENCY_US = 4000;
/** The state names keepalived logs and `systemctl status` shows. */
export type VrrpState = 'INIT' | 'BACKUP' | 'MASTER' | 'FAULT' | 'stopped';

/** The lab's clock as xstate's timers (milliseconds) on the event queue (microseconds). */
function queueClock(host: Host) {
  return {
    setTimeout: (fn: (...args: unknown[]) => void, ms: number): TimerHandle => host.clock.schedule(Math.round(ms * 1000), () => fn()),
    clearTimeout: (handle: unknown): void => (handle as TimerHandle).cancel(),
  };
}

/** Seconds as the explanations show them, without the unit (each language's sentence adds it): "1", "0.61". */
export function seconds(us: number): string {
  return `${Number((us / SECOND).toFixed(2))}`;
}

/** The machine's timers from an instance's configuration and global_defs. */
function vrrpTimers(config: VrrpInstanceConfig, global: GlobalDefs): VrrpTimers {
  return {
    priority: config.priority,
    advertInt: Math.round(config.advertInt * SECOND),
    wantMaster: config.state === 'MASTER',
    nopreempt: config.nopreempt,
    preemptDelay: Math.round(config.preemptDelay * SECOND),
    garpDelay: (config.garpMasterDelay ?? global.garpMasterDelay) * SECOND,
    garpRepeat: config.garpMasterRepeat ?? global.garpMasterRepeat,
    garpRefresh: (config.garpMasterRefresh ?? global.garpMasterRefresh) * SECOND,
    garpRefreshRepeat: global.garpMasterRefreshRepeat,
  };
}

export class VrrpInstance {
  readonly actor: Actor<typeof vrrpMachine>;
  private ipId = 0;
  /** The source of the last advertisement accepted from another router (the master, as far as we know). */
  private lastMaster: string | null = null;

  constructor(
    readonly host: Host,
    public config: VrrpInstanceConfig,
    readonly dev: NetDevice,
    global: GlobalDefs,
    private readonly log: (text: string) => void,
  ) {
    this.actor = createActor(vrrpMachine, { input: { io: this.io(), timers: vrrpTimers(config, global) }, clock: queueClock(host) });
    this.actor.start();
  }

  /**
   * SIGHUP with the instance still configured (same VRID and interface):
   * it keeps its state; a MASTER removes the addresses no longer listed
   * (clear_diff_vrrp_vip), adds the new ones and, when it added any, sends
   * a burst for all of them (restore_vrrp_state, vrrp_send_link_update).
   */
  reload(config: VrrpInstanceConfig, global: GlobalDefs): void {
    const master = this.state === 'MASTER';
    const key = (v: VrrpInstanceConfig['virtualAddresses'][number]) => `${v.ip}/${v.prefixLen}/${v.dev ?? ''}`;
    const kept = new Set(config.virtualAddresses.map(key));
    const before = new Set(this.config.virtualAddresses.map(key));
    if (master) this.removeAddresses(this.config.virtualAddresses.filter((v) => !kept.has(key(v))));
    this.config = config;
    this.actor.send({ type: 'RELOAD', timers: vrrpTimers(config, global) });
    if (!master) return;
    const added = config.virtualAddresses.filter((v) => !before.has(key(v)));
    if (added.length === 0) return;
    this.addAddresses(added);
    this.gratuitousArps(config.garpMasterRepeat ?? global.garpMasterRepeat);
  }

  get name(): string {
    return this.config.name;
  }

  get state(): VrrpState {
    const value = this.actor.getSnapshot().value;
    return (typeof value === 'string' ? value : 'MASTER') as VrrpState;
  }

  get vrid(): number {
    return this.config.vrid!;
  }

  /** vrrp->saddr: unicast_src_ip, else the interface's primary address. */
  get sourceAddress(): Ip4 {
    return this.config.unicastSrcIp ?? this.dev.primaryAddresses()[0]?.local ?? 0;
  }

  /** The devices whose state the instance follows: its interface and track_interface. */
  get trackedDevices(): NetDevice[] {
    const tracked = this.config.trackInterfaces.map((t) => this.host.device(t.name)).filter((d): d is NetDevice => d !== undefined);
    return [this.dev, ...tracked];
  }

  start(): void {
    this.actor.send({ type: 'START', linkUp: this.trackedDevices.every((d) => d.up) });
  }

  stop(): void {
    this.actor.send({ type: 'STOP' });
  }

  linkChanged(): void {
    this.actor.send({ type: 'LINK', up: this.trackedDevices.every((d) => d.up) });
  }

  /** A packet with our VRID that failed vrrp_check_packet. */
  receiveInvalid(): void {
    this.actor.send({ type: 'INVALID' });
  }

  /** A valid advertisement for this instance. */
  receiveAdvert(packet: Ipv4Packet): void {
    const priority = packet.vrrp!.priority;
    const ours = this.sourceAddress >>> 0;
    const theirs = packet.src >>> 0;
    if (priority > 0) this.lastMaster = formatIp4(packet.src);
    this.actor.send({ type: 'ADVERT', priority, source: formatIp4(packet.src), sourceCmp: Math.sign(theirs - ours) });
  }

  private io(): VrrpIo {
    return {
      name: this.config.name,
      now: () => this.host.clock.now,
      sendAdvert: (priority) => this.sendAdvert(priority),
      addAddresses: () => this.addAddresses(),
      removeAddresses: () => this.removeAddresses(),
      gratuitousArps: (count) => this.gratuitousArps(count),
      log: (text) => this.log(text),
      timerLatency: () => this.host.env.random.int(0, TIMER_LATENCY_US + 1),
      explainMaster: (downTimer) => this.explainMaster(downTimer),
      explainBackup: (source, priority) => this.host.trace('vrrp.backup', { instance: this.name, source, priority, ours: this.config.priority }),
      explainFault: () => this.host.trace('vrrp.fault', { instance: this.name, dev: this.trackedDevices.find((d) => !d.up)?.name ?? this.dev.name }),
    };
  }

  private explainMaster(downTimer: number): void {
    const advert = Math.round(this.config.advertInt * SECOND);
    const params = { instance: this.name, master: this.lastMaster ?? '' };
    if (downTimer === masterDownInterval({ priority: this.config.priority, advertInt: advert })) {
      this.host.trace(this.lastMaster ? 'vrrp.master.down' : 'vrrp.master.down-first', { ...params, timer: `3 × ${seconds(advert)} + ${seconds(skewTime(this.config.priority))}` });
    } else if (downTimer === skewTime(this.config.priority)) {
      this.host.trace('vrrp.master.resigned', { ...params, timer: seconds(downTimer) });
    } else {
      this.host.trace('vrrp.master.state-master', { ...params, timer: seconds(downTimer) });
    }
  }

  /**
   * vrrp_send_adv: to 224.0.0.18 from the interface's MAC, or with
   * unicast_peer one packet to each peer, which the kernel routes and
   * resolves like any other (an ARP request for the peer first).
   */
  private sendAdvert(priority: number): void {
    const addresses = this.config.virtualAddresses.map((v) => v.ip);
    const packetTo = (dst: Ip4): Ipv4Packet => ({
      src: this.sourceAddress,
      dst,
      ttl: 255,
      tos: 0xc0,
      id: ++this.ipId & 0xffff,
      proto: 'vrrp',
      length: vrrpPacketLength(addresses.length),
      vrrp: {
        vrid: this.vrid,
        priority,
        authType: this.config.authType === 'PASS' ? 1 : this.config.authType === 'AH' ? 2 : 0,
        advertInt: Math.max(1, Math.round(this.config.advertInt)),
        addresses,
        authData: this.config.authType === 'PASS' ? this.config.authPass : '',
      },
    });
    const params = { instance: this.name, vrid: this.vrid, priority, dev: this.dev.name };
    if (this.unicast) {
      for (const peer of this.config.unicastPeers) {
        this.host.trace('vrrp.advert', params);
        ipOutput(this.host, packetTo(peer), { oif: this.dev });
      }
      return;
    }
    const frame = { id: this.host.env.nextFrameId(), src: this.dev.mac, dst: VRRP_GROUP_MAC, payload: { type: 'ipv4' as const, ip: packetTo(VRRP_GROUP) } };
    this.host.trace('vrrp.advert', params, frame);
    this.host.transmit(this.dev, frame);
  }

  /** With unicast_peer the instance neither sends to nor listens on 224.0.0.18. */
  get unicast(): boolean {
    return this.config.unicastPeers.length > 0;
  }

  private addressDevice(dev: string | null): NetDevice {
    return (dev !== null ? this.host.device(dev) : undefined) ?? this.dev;
  }

  private addAddresses(vips = this.config.virtualAddresses): void {
    for (const vip of vips) {
      const dev = this.addressDevice(vip.dev);
      this.host.addAddress(dev, { local: vip.ip, prefixLen: vip.prefixLen, label: vip.label ?? dev.name, scope: vip.scope, broadcast: null });
    }
  }

  private removeAddresses(vips = this.config.virtualAddresses): void {
    for (const vip of vips) {
      const dev = this.addressDevice(vip.dev);
      const ifa = dev.addresses.find((a) => a.local === vip.ip && a.prefixLen === vip.prefixLen);
      if (ifa) this.host.deleteAddress(dev, ifa);
    }
  }

  /** vrrp_send_link_update: `count` rounds, one gratuitous ARP per address each. */
  private gratuitousArps(count: number): void {
    for (let round = 0; round < count; round++) {
      for (const vip of this.config.virtualAddresses) {
        const dev = this.addressDevice(vip.dev);
        this.host.sendArp(dev, 1, vip.ip, BROADCAST_MAC, BROADCAST_MAC, vip.ip, msg('why.vrrp-garp', { instance: this.name }));
      }
    }
  }
}
