// The seams of the IPv4 path, shaped like the kernel's, so modules plug into IPv4
// instead of IPv4 importing them:
//
// - netfilter hooks (include/uapi/linux/netfilter.h, nf_hook): a module registers a
//   function at a hook point (nf_register_net_hook) and IPv4 runs the functions of a
//   point in the order they were registered. A function returns the packet to go on
//   with (NF_ACCEPT: the same packet, or rewritten as IPVS's NAT does) or null when it
//   took the packet (NF_STOLEN) or dropped it (NF_DROP). IPVS hooks LOCAL_IN and FORWARD.
// - protocol handlers (include/net/protocol.h, inet_add_protocol): local delivery hands a
//   packet to the handler of its protocol number; TCP and ICMP register at boot, the
//   IPIP tunnel when its module is set up.
import type { EthernetFrame, Ipv4Packet } from '../net/frame.ts';
import type { NetDevice } from './device.ts';
import type { Host } from './host.ts';

export type NfHookPoint = 'PRE_ROUTING' | 'LOCAL_IN' | 'FORWARD' | 'LOCAL_OUT' | 'POST_ROUTING';

/** A hook function: the packet to go on with, or null when the function took or dropped it. */
export type NfHookFn = (host: Host, packet: Ipv4Packet, inDev: NetDevice | null, outDev: NetDevice | null, frame?: EthernetFrame) => Ipv4Packet | null;

export class NfHooks {
  private readonly points: Record<NfHookPoint, NfHookFn[]> = { PRE_ROUTING: [], LOCAL_IN: [], FORWARD: [], LOCAL_OUT: [], POST_ROUTING: [] };

  /** nf_register_net_hook. */
  register(point: NfHookPoint, fn: NfHookFn): void {
    this.points[point].push(fn);
  }

  /** nf_hook: runs the point's functions; null when one of them took or dropped the packet. */
  run(point: NfHookPoint, host: Host, packet: Ipv4Packet, inDev: NetDevice | null, outDev: NetDevice | null, frame?: EthernetFrame): Ipv4Packet | null {
    let current: Ipv4Packet | null = packet;
    for (const fn of this.points[point]) {
      current = fn(host, current, inDev, outDev, frame);
      if (current === null) return null;
    }
    return current;
  }
}

/** A transport protocol's receive function (net_protocol.handler), after LOCAL_IN. */
export type InetProtocolHandler = (host: Host, packet: Ipv4Packet, dev: NetDevice | null, frame?: EthernetFrame) => void;

/** inet_protos: the handler of each IPv4 protocol number that has one. */
export class InetProtocols {
  private readonly handlers = new Map<Ipv4Packet['proto'], InetProtocolHandler>();

  /** inet_add_protocol: false when the protocol already has a handler (the kernel's -1). */
  add(proto: Ipv4Packet['proto'], handler: InetProtocolHandler): boolean {
    if (this.handlers.has(proto)) return false;
    this.handlers.set(proto, handler);
    return true;
  }

  get(proto: Ipv4Packet['proto']): InetProtocolHandler | undefined {
    return this.handlers.get(proto);
  }
}
