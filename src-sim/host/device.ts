// Network devices and their IPv4 addresses (the kernel's net_device and in_ifaddr).
import type { Ip4, Mac } from '../net/addr.ts';
import type { Segment } from '../net/segment.ts';

export type Scope = 'global' | 'link' | 'host';
/** rtnetlink scope numbers: a smaller number is a wider scope. */
export const SCOPE_VALUE: Record<Scope, number> = { global: 0, link: 253, host: 254 };

export interface IfAddr {
  local: Ip4;
  prefixLen: number;
  /** `eth0`, or an alias label such as `lo:0`. */
  label: string;
  scope: Scope;
  secondary: boolean;
  /** Explicit broadcast (ifconfig sets one; `ip addr add` without `brd` does not). */
  broadcast: Ip4 | null;
  /** When it was added (host-wide counter): the kernel's routes keep that order. */
  seq?: number;
}

/** The counters `ip -s link` shows (rtnl_link_stats64), counted where frames are sent and received. */
export interface DeviceStats {
  rxBytes: number;
  rxPackets: number;
  txBytes: number;
  txPackets: number;
  /** Frames the device refused before counting them (a frame over its MTU: __dev_forward_skb's rx_dropped). */
  rxDropped: number;
}

export class NetDevice {
  up = true;
  readonly stats: DeviceStats = { rxBytes: 0, rxPackets: 0, txBytes: 0, txPackets: 0, rxDropped: 0 };
  readonly addresses: IfAddr[] = [];
  segment: Segment | null = null;
  /** tunl0, the IPIP fallback tunnel (host/ipip.ts): NOARP, no link-layer address, MTU 1480. */
  tunnel = false;
  /** IFF_NOARP set by `ip link set DEV arp off` (or the scenario's `"arp": false`). */
  noarp = false;
  /** IPv4 multicast groups joined on the device (IP_ADD_MEMBERSHIP), with how many sockets joined each. */
  readonly multicastGroups = new Map<Ip4, number>();

  constructor(
    readonly name: string,
    readonly index: number,
    public mac: Mac,
    readonly isLoopback: boolean,
  ) {}

  /** Set by `ip link set DEV mtu N` (dev_set_mtu); null: the device type's default. */
  mtuSet: number | null = null;

  get mtu(): number {
    return this.mtuSet ?? (this.isLoopback ? 65536 : this.tunnel ? 1480 : 1500);
  }

  /**
   * What dev_validate_mtu accepts: veth's ETH_MIN_MTU..ETH_MAX_MTU (measured,
   * conformance 420); lo sets no bounds (min_mtu = max_mtu = 0); ip_tunnel's
   * tunl0 68..IP_MAX_MTU minus its 20-byte outer header (from the source).
   */
  get mtuRange(): { min: number; max: number } {
    if (this.isLoopback) return { min: 0, max: 0x7fffffff };
    return this.tunnel ? { min: 68, max: 65535 - 20 } : { min: 68, max: 65535 };
  }

  /** IFF_NOARP as `ip link` and ifconfig show it: tunl0 always has it. */
  get noarpFlag(): boolean {
    return this.noarp || this.tunnel;
  }

  /**
   * arp_constructor: a neighbour on a NOARP or loopback device needs no
   * resolution; its entry is NOARP with the device's own address.
   */
  get resolvesWithArp(): boolean {
    return !this.noarpFlag && !this.isLoopback;
  }

  primaryAddresses(): IfAddr[] {
    return this.addresses.filter((a) => !a.secondary);
  }
}
