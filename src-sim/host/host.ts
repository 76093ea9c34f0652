// One simulated Linux host: its devices, addresses, routes, sysctls and
// neighbour table, and the entry points frames and packets arrive through.
import type { RedirectPeer, RouteException } from './redirect.ts';
import type { EventQueue } from '../core/event-queue.ts';
import type { SeededRandom } from '../core/random.ts';
import { formatIp4, networkOf, ZERO_MAC, type Ip4, type Mac } from '../net/addr.ts';
import { frameLength, type EthernetFrame, type Ipv4Packet, type PacketType } from '../net/frame.ts';
import type { Segment, SegmentPort } from '../net/segment.ts';
import { NetDevice, type IfAddr, type Scope } from './device.ts';
import { RoutingTables } from './fib.ts';
import { NeighbourTable, type NeighbourEntry, type NeighbourHost } from './neighbour/table.ts';
import type { NudState } from './neighbour/machine.ts';
import { SysctlTree } from './sysctl.ts';
import { arpReceive, arpSolicit } from './arp.ts';
import { icmpReceive, ipReceive } from './ipv4.ts';
import { InetProtocols, NfHooks } from './netfilter.ts';
import type { TraceKey, TraceParams, TraceParamsOf } from '../i18n/trace.ts';
import { msg, type CauseName, type Message } from '../i18n/catalogue.ts';
import { IpvsState } from '../ipvs/state.ts';
import { ipvsInit } from '../ipvs/xmit.ts';
import { TcpStack } from './tcp/stack.ts';
import { ProcessTable } from './processes.ts';
import { WebServer } from './web-server.ts';
import { Systemd } from './systemd/manager.ts';
import type { JournalBoot } from './systemd/journal.ts';
import { IPIP_FALLBACK_DEVICE, ipipInit, loadIpipModule } from './ipip.ts';
import { addrType, type AddrType } from './addressing.ts';
import { HostFileSystem } from './fs.ts';
import { buildBootTree } from './os-tree.ts';
import { DEFAULT_OS, type HostOs } from './os.ts';


/** What a host needs from the lab it lives in. */
export interface HostEnvironment {
  readonly queue: EventQueue;
  readonly random: SeededRandom;
  /** The lab's seed: the host's process IDs derive from it (processes.ts). */
  readonly seed: number;
  nextFrameId(): number;
  /** Whether explanations are recorded; hot paths skip building them when not. */
  readonly tracing: boolean;
  /** Charges the running command line's budget for work a hot path does (throws when it is gone). */
  spend(units: number): void;
  trace(host: Host, key: TraceKey, params: TraceParams, frame?: EthernetFrame): void;
  /** reboot, poweroff and shutdown (cycle: reboot -f): the lab powers the machine down (and up), within the running line (src-sim/power.ts). */
  power(host: Host, action: 'reboot' | 'poweroff' | 'cycle'): void;
}

/** A packet socket (AF_PACKET): arping and tcpdump see frames through it. */
export interface PacketTap {
  dev: NetDevice | null;
  /** Sees frames received on the device (and, when `outgoing`, sent from it). */
  onFrame(dev: NetDevice, frame: EthernetFrame, direction: 'in' | 'out', pktType: PacketType): void;
  outgoing: boolean;
}

/**
 * A raw IP socket of one protocol (keepalived's VRRP socket), bound to a
 * device or not: raw_local_deliver hands it a copy of every packet of its
 * protocol delivered locally, before the protocol's own handler.
 */
export interface RawIpSocket {
  proto: Ipv4Packet['proto'];
  dev: NetDevice | null;
  receive(packet: Ipv4Packet, dev: NetDevice | null, frame?: EthernetFrame): void;
}

/** A raw ICMP socket, as ping opens. */
export interface IcmpListener {
  onIcmp(packet: Ipv4Packet, dev: NetDevice | null): void;
}

export class Host implements NeighbourHost {
  readonly devices: NetDevice[] = [];
  readonly sysctl: SysctlTree;
  readonly fib = new RoutingTables();
  readonly neigh: NeighbourTable;
  readonly taps = new Set<PacketTap>();
  readonly icmpListeners = new Set<IcmpListener>();
  readonly rawSockets = new Set<RawIpSocket>();
  /** Netlink link notifications (RTM_NEWLINK): daemons that follow a device's state (keepalived). */
  readonly linkWatchers = new Set<(dev: NetDevice, up: boolean) => void>();
  /** Netfilter's hook points in the IPv4 path (IPVS registers at LOCAL_IN and FORWARD). */
  readonly nfHooks = new NfHooks();
  /** Local delivery's handler per IPv4 protocol (inet_protos). */
  readonly inetProtocols = new InetProtocols();
  /** The IPVS table; empty (and so inert) unless ipvsadm fills it. */
  readonly ipvs: IpvsState = new IpvsState(this);
  /** The host's TCP layer: sockets, listeners, RST for closed ports. */
  readonly tcp: TcpStack = new TcpStack(this);
  /** nginx on port 80, running from boot on every host (see web-server.ts). */
  readonly nginx: WebServer = new WebServer(this);
  /** systemd: unit files, their states, enablement and journal (systemd/manager.ts). */
  readonly systemd: Systemd = new Systemd(this);
  #processes: ProcessTable | null = null;
  private readonly ports = new Map<NetDevice, SegmentPort>();
  private nextIfIndex = 1;
  private addressSeq = 0;
  /** The variables of the host's terminal (VIP=… typed once stays for later lines; $? too). */
  readonly shellVariables = new Map<string, string>();
  /** icmp_send's rate limit per destination (inet_peer tokens, ipv4.ts). */
  readonly icmpRateLimit = new Map<Ip4, { tokens: number; last: number }>();
  /** ip_rt_send_redirect's pacing per sender (inet_peer, redirect.ts). */
  readonly redirectPeers = new Map<Ip4, RedirectPeer>();
  /** First hops learned from redirects, by destination (fib_nh_exception, redirect.ts). */
  readonly routeExceptions = new Map<Ip4, RouteException>();
  /** ip_defrag's queues: the data bytes of each packet received so far as fragments. */
  readonly fragmentQueues = new Map<Ipv4Packet, number>();
  /** IP identification counter, so ping replies can be matched in captures. */
  ipId = 0;
  /** The host's files: /etc, /root, /tmp, nginx's page and log, and the /proc and /sys views. */
  readonly fs: HostFileSystem;
  /** The distribution it runs (the scenario's `os`): where its configuration files are. */
  os: HostOs = DEFAULT_OS;
  /**
   * Powered off or shutting down (host/boot/): the NICs neither send nor
   * receive, whatever timers of the old kernel still fire. A reboot builds a
   * new Host for the same machine; the old one stays halted.
   */
  halted = false;
  /** Which boot this is: 0 for the lab's first, one more per reboot (journalctl --list-boots, PIDs). */
  boot = 0;
  /** Virtual time (µs) the kernel started (uptime, who -b, systemctl status of the boot's units). */
  bootedAtUs = 0;
  /** Earlier boots' journals kept in /var/log/journal (systemd/journal.ts), oldest first. */
  storedBoots: JournalBoot[] = [];
  /** Whether journald flushed this boot's journal to /var/log/journal (it existed at boot), so the next boot still has it. */
  journalFlushed = false;

  constructor(
    readonly name: string,
    readonly env: HostEnvironment,
  ) {
    // neigh_rand_reach_time: uniform in [0.5, 1.5) × base.
    this.sysctl = new SysctlTree((base) => Math.floor(base / 2 + env.random.next() * base));
    this.neigh = new NeighbourTable(this);
    this.fs = new HostFileSystem(this, () => env.queue.now);
    buildBootTree(this.fs, name);
    const lo = this.addDevice('lo', '00:00:00:00:00:00', null, true);
    this.addAddress(lo, { local: 0x7f000001, prefixLen: 8, label: 'lo', scope: 'host', broadcast: null });
    // inet_init's protocols, then what the lab's modules register (ip_vs, tunnel4).
    this.inetProtocols.add('icmp', icmpReceive);
    this.inetProtocols.add('tcp', (_host, packet, dev, frame) => this.tcp.receive(packet, dev, frame));
    ipipInit(this);
    ipvsInit(this);
  }

  get tracing(): boolean {
    return this.env.tracing;
  }

  get clock(): EventQueue {
    return this.env.queue;
  }

  /** The process table, built when first read: by then the scenario has set the host's distribution. */
  get processes(): ProcessTable {
    // Each boot hands out its own PIDs: the seed moves on with the boot number.
    this.#processes ??= new ProcessTable(this.env.seed + this.boot * 7919, this.name, this.os, () => this.env.queue.now, this.nginx.running ? () => this.nginx.stop() : null);
    return this.#processes;
  }

  get loopback(): NetDevice {
    return this.devices[0]!;
  }

  device(name: string): NetDevice | undefined {
    return this.devices.find((d) => d.name === name);
  }

  /**
   * A device by name as a command run by root looks it up (SIOCGIFINDEX and
   * friends call dev_load): naming tunl0 loads the ipip module
   * (request_module "netdev-tunl0"), which creates tunl0 down, as
   * `modprobe ipip` does. An alias label names its device (`dev lo:0`, as
   * ifupdown writes it). `device()` only looks.
   */
  deviceByName(name: string): NetDevice | undefined {
    // SIOCGIFINDEX cuts an alias label at its colon (dev_ioctl): "lo:0" is lo.
    const colon = name.indexOf(':');
    const found = this.device(colon > 0 ? name.slice(0, colon) : name);
    if (found || name !== IPIP_FALLBACK_DEVICE) return found;
    return loadIpipModule(this);
  }

  /**
   * A NIC on `segment`. `port` is the bridge port of the same NIC before a
   * reboot: the new kernel takes it over (same place on the bridge, same
   * MAC) instead of plugging in a second cable.
   */
  addDevice(name: string, mac: Mac, segment: Segment | null, isLoopback = false, port?: SegmentPort): NetDevice {
    const dev = new NetDevice(name, this.nextIfIndex++, mac, isLoopback);
    this.devices.push(dev);
    this.sysctl.addDevice(name, isLoopback);
    if (segment) {
      dev.segment = segment;
      const receive = (frame: EthernetFrame): void => this.receive(dev, frame);
      if (port) port.receive = receive;
      else segment.attach((port = { receive }));
      this.ports.set(dev, port);
    }
    return dev;
  }

  /** The bridge port a NIC is plugged into (a reboot hands it to the new kernel). */
  portOf(dev: NetDevice): SegmentPort | undefined {
    return this.ports.get(dev);
  }

  /**
   * __inet_insert_ifa: an address in the same subnet (same mask) as an
   * existing one becomes secondary; primaries go after the last primary of
   * equal or wider scope. Returns an errno name on failure.
   */
  addAddress(dev: NetDevice, ifa: Omit<IfAddr, 'secondary'>): 'EEXIST' | 'EINVAL' | null {
    let secondary = false;
    let lastPrimary = 0;
    for (let i = 0; i < dev.addresses.length; i++) {
      const other = dev.addresses[i]!;
      if (!other.secondary && scopeValue(ifa.scope) <= scopeValue(other.scope)) lastPrimary = i + 1;
      if (other.prefixLen === ifa.prefixLen && networkOf(other.local, other.prefixLen) === networkOf(ifa.local, ifa.prefixLen)) {
        if (other.local === ifa.local) return 'EEXIST';
        if (other.scope !== ifa.scope) return 'EINVAL';
        secondary = true;
      }
    }
    const entry: IfAddr = { ...ifa, secondary, seq: ifa.seq ?? this.addressSeq++ };
    if (secondary) dev.addresses.push(entry);
    else dev.addresses.splice(lastPrimary, 0, entry);
    this.sysctl.markAllSet(dev.name);
    this.fib.syncKernelRoutes(this.devices);
    return null;
  }

  /** Deletes an address; deleting a primary also deletes its secondaries (promote_secondaries=0). */
  deleteAddress(dev: NetDevice, ifa: IfAddr): void {
    const promote = this.sysctl.effective(dev.name, 'promote_secondaries') !== 0;
    const index = dev.addresses.indexOf(ifa);
    if (index < 0) return;
    dev.addresses.splice(index, 1);
    if (!ifa.secondary) {
      const sameSubnet = (a: IfAddr): boolean => a.secondary && a.prefixLen === ifa.prefixLen && networkOf(a.local, a.prefixLen) === networkOf(ifa.local, ifa.prefixLen);
      if (promote) {
        const next = dev.addresses.find(sameSubnet);
        if (next) next.secondary = false;
      } else {
        for (let i = dev.addresses.length - 1; i >= 0; i--) if (sameSubnet(dev.addresses[i]!)) dev.addresses.splice(i, 1);
      }
    }
    // fib_sync_down_addr: routes that used the address as source go too.
    this.fib.remove((r) => r.proto !== 'kernel' && r.src === ifa.local);
    if (dev.addresses.length === 0) {
      // fib_inetaddr_event: the last address gone disables IP on the device
      // (fib_disable_ip): every route through it and its neighbours go, as at link down.
      this.fib.remove((r) => r.proto !== 'kernel' && r.dev === dev);
      this.flushNeighbours(dev);
      this.neigh.removeProxies(dev);
    }
    this.fib.syncKernelRoutes(this.devices);
  }

  setLinkUp(dev: NetDevice, up: boolean): void {
    if (dev.up === up) return;
    dev.up = up;
    const port = this.ports.get(dev);
    if (up && port) dev.segment?.carrierOn(port);
    if (!up) {
      // Static routes through the device are flushed and do not come back.
      this.fib.remove((r) => r.proto !== 'kernel' && r.dev === dev);
      // neigh_ifdown: every neighbour of the device goes, permanent ones and proxies included.
      this.flushNeighbours(dev);
      this.neigh.removeProxies(dev);
    }
    this.fib.syncKernelRoutes(this.devices);
    if (up && this.sysctl.effective(dev.name, 'arp_notify') > 0 && !dev.isLoopback) {
      // arp_notify: one gratuitous request per address on NETDEV_UP.
      for (const ifa of dev.addresses) this.sendArp(dev, 1, ifa.local, 'ff:ff:ff:ff:ff:ff', '00:00:00:00:00:00', ifa.local, msg('why.arp-notify'));
    }
    for (const watch of [...this.linkWatchers]) watch(dev, up);
  }

  /** IP_ADD_MEMBERSHIP on `dev`: the device now takes the group's frames to this host. */
  joinGroup(dev: NetDevice, group: Ip4): void {
    dev.multicastGroups.set(group, (dev.multicastGroups.get(group) ?? 0) + 1);
  }

  /** IP_DROP_MEMBERSHIP (or the socket's close). */
  leaveGroup(dev: NetDevice, group: Ip4): void {
    const count = (dev.multicastGroups.get(group) ?? 0) - 1;
    if (count > 0) dev.multicastGroups.set(group, count);
    else dev.multicastGroups.delete(group);
  }

  /**
   * NETDEV_CHANGEADDR: arp_netdev_event → neigh_changeaddr flushes every
   * neighbour of the device, permanent ones included (they were learnt for the
   * old address); then, with arp_notify, one gratuitous request per address.
   * dev_set_mac_address sends the notification even when the MAC is the same.
   */
  changeMac(dev: NetDevice, mac: Mac): void {
    dev.mac = mac;
    this.flushNeighbours(dev);
    if (dev.up && this.sysctl.effective(dev.name, 'arp_notify') > 0) {
      for (const ifa of dev.addresses) this.sendArp(dev, 1, ifa.local, 'ff:ff:ff:ff:ff:ff', '00:00:00:00:00:00', ifa.local, msg('why.arp-notify'));
    }
  }

  /**
   * `ip link set DEV arp on|off` toggles IFF_NOARP; arp_netdev_event
   * (NETDEV_CHANGE with IFF_NOARP among the changed flags) then flushes the
   * device's neighbours with neigh_changeaddr.
   */
  setArp(dev: NetDevice, on: boolean): void {
    if (dev.noarp === !on) return;
    dev.noarp = !on;
    this.flushNeighbours(dev);
  }

  /** neigh_flush_dev(skip_perm = false): the device's entries, permanent ones too. */
  private flushNeighbours(dev: NetDevice): void {
    for (const entry of this.neigh.list()) if (entry.dev === dev) this.neigh.remove(entry);
  }

  addressType(ip: Ip4): AddrType {
    return addrType(this.fib, ip);
  }

  isLocalAddress(ip: Ip4): boolean {
    return this.devices.some((d) => d.addresses.some((a) => a.local === ip));
  }

  /** Puts a frame on the device's segment (dev_queue_xmit). */
  transmit(dev: NetDevice, frame: EthernetFrame): void {
    if (!dev.up || !dev.segment || this.halted) return;
    dev.stats.txPackets++;
    dev.stats.txBytes += frameLength(frame);
    for (const tap of this.taps) if (tap.outgoing && (tap.dev === null || tap.dev === dev)) tap.onFrame(dev, frame, 'out', 'host');
    const port = this.ports.get(dev);
    if (port) dev.segment.transmit(port, frame);
  }

  /**
   * loopback_xmit hands each packet lo carries back to netif_rx: a packet
   * socket on lo (or `any`) sees it as received (libpcap drops lo's outgoing
   * copy), with lo's all-zero addresses. Only a capture makes the frame.
   */
  tapLoopback(ip: Ipv4Packet): void {
    const lo = this.loopback;
    const taps = [...this.taps].filter((tap) => tap.dev === null || tap.dev === lo);
    if (taps.length === 0) return;
    const frame: EthernetFrame = { id: this.env.nextFrameId(), src: ZERO_MAC, dst: ZERO_MAC, payload: { type: 'ipv4', ip } };
    for (const tap of taps) tap.onFrame(lo, frame, 'in', 'host');
  }

  sendArp(dev: NetDevice, op: 1 | 2, senderIp: Ip4, ethDst: Mac, targetMac: Mac, targetIp: Ip4, reason: Message, senderMac: Mac = dev.mac): EthernetFrame {
    const frame: EthernetFrame = {
      id: this.env.nextFrameId(),
      src: dev.mac,
      dst: ethDst,
      payload: { type: 'arp', arp: { op, senderMac, senderIp, targetMac, targetIp } },
    };
    this.trace(op === 1 ? 'arp.send.request' : 'arp.send.reply', { dev: dev.name, sip: formatIp4(senderIp), tip: formatIp4(targetIp), why: reason, dst: ethDst }, frame);
    this.transmit(dev, frame);
    return frame;
  }

  private receive(dev: NetDevice, frame: EthernetFrame): void {
    if (!dev.up || this.halted) return;
    // veth_xmit → is_skb_forwardable: a frame longer than the receiving
    // device's MTU (+ Ethernet header and a VLAN tag) is dropped before it
    // is counted, as RX dropped (a NIC whose MTU was lowered loses the peer's big packets).
    if (frame.payload.type === 'ipv4' && frame.payload.ip.length > dev.mtu + VLAN_HLEN) {
      dev.stats.rxDropped++;
      return;
    }
    const pktType: PacketType = frame.dst === dev.mac ? 'host' : frame.dst === 'ff:ff:ff:ff:ff:ff' ? 'broadcast' : (parseInt(frame.dst.slice(0, 2), 16) & 1) === 1 ? 'multicast' : 'otherhost';
    // Counted as a veth counts: every frame that arrives (veth keeps no multicast count).
    dev.stats.rxPackets++;
    dev.stats.rxBytes += frameLength(frame);
    for (const tap of this.taps) if (tap.dev === null || tap.dev === dev) tap.onFrame(dev, frame, 'in', pktType);
    if (pktType === 'otherhost') return; // not for this NIC: a non-promiscuous NIC drops it silently
    if (frame.payload.type === 'arp') arpReceive(this, dev, frame, frame.payload.arp, pktType);
    else ipReceive(this, dev, frame, frame.payload.ip, pktType);
  }

  trace<K extends TraceKey>(key: K, params: TraceParamsOf<K>, frame?: EthernetFrame): void {
    if (this.env.tracing) this.env.trace(this, key, params, frame);
  }

  // NeighbourHost
  parmsFor(dev: NetDevice) {
    return this.sysctl.neighParms(dev.name);
  }

  solicit(entry: NeighbourEntry, queued: Ipv4Packet | null): void {
    arpSolicit(this, entry, queued);
  }

  stateChanged(entry: NeighbourEntry, from: NudState, to: NudState, cause: CauseName): void {
    this.trace('neigh.state', { ip: entry.ipText, dev: entry.dev.name, from, to, cause, mac: entry.lladdr ?? '' });
  }

  isBroadcastAddress(ip: Ip4): boolean {
    return addrType(this.fib, ip) === 'broadcast';
  }
}

/** The VLAN tag is_skb_forwardable allows beyond the MTU. */
const VLAN_HLEN = 4;

function scopeValue(scope: Scope): number {
  return scope === 'global' ? 0 : scope === 'link' ? 253 : 254;
}
