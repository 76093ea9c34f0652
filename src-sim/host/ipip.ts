// IPv4-in-IPv4 (net/ipv4/ipip.c, tunnel4.c), the receiving end of IPVS -i.
//
// How tunl0 appears, as on Linux: the ipip module creates the fallback
// tunnel tunl0 (down, NOARP, MTU 1480) when it loads, and it loads with
// `modprobe ipip` or when root first names tunl0 (dev_load asks for the
// module alias "netdev-tunl0": `ip addr add VIP/32 dev tunl0` or
// `ifconfig tunl0 VIP up` is enough). A real server then needs tunl0 up
// with the VIP on it, and rp_filter not strict on tunl0: the inner packet
// arrives on tunl0 while the route back to the client leaves by eth0.
//
// Protocol 4 is handed to ipipReceive through the host's protocol handlers
// (ipipInit, when the host is built); IPv4 does not import this file.
import { formatIp4 } from '../net/addr.ts';
import { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, ICMP_PROT_UNREACH, type EthernetFrame, type Ipv4Packet } from '../net/frame.ts';
import type { NetDevice } from './device.ts';
import type { Host } from './host.ts';
import { ipReceive, sendIcmpError } from './ipv4.ts';

export const IPIP_FALLBACK_DEVICE = 'tunl0';

/** modprobe ipip: tunl0 comes into being, down and without an address. */
export function loadIpipModule(host: Host): NetDevice {
  const existing = host.devices.find((d) => d.tunnel);
  if (existing) return existing;
  const dev = host.addDevice(IPIP_FALLBACK_DEVICE, '00:00:00:00:00:00', null);
  dev.tunnel = true;
  host.setLinkUp(dev, false);
  return dev;
}

/** inet_add_protocol(IPPROTO_IPIP): tunnel4's handler; the ipip module behind it may not be loaded yet. */
export function ipipInit(host: Host): void {
  host.inetProtocols.add('ipip', ipipReceive);
}

/** An IPIP packet delivered to a local address: decapsulated on tunl0 and received again. */
function ipipReceive(host: Host, outer: Ipv4Packet, _dev: NetDevice | null, frame?: EthernetFrame): void {
  const params = { src: formatIp4(outer.src), dst: formatIp4(outer.dst), inner: outer.inner ? `${formatIp4(outer.inner.src)} → ${formatIp4(outer.inner.dst)}` : '?' };
  const tunl = host.devices.find((d) => d.tunnel);
  if (!tunl) {
    // No handler for protocol 4: ip_local_deliver_finish answers protocol unreachable.
    host.trace('ipip.no-module', params, frame);
    sendIcmpError(host, outer, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH);
    return;
  }
  if (!tunl.up || !outer.inner) {
    // ip_tunnel_lookup finds no tunnel that is up; tunnel4_rcv answers port unreachable.
    host.trace('ipip.tunl0-down', params, frame);
    sendIcmpError(host, outer, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH);
    return;
  }
  host.trace('ipip.decap', params, frame);
  ipReceive(host, tunl, frame ?? syntheticFrame(host, outer), outer.inner, 'host');
}

function syntheticFrame(host: Host, packet: Ipv4Packet): EthernetFrame {
  return { id: host.env.nextFrameId(), src: '00:00:00:00:00:00', dst: '00:00:00:00:00:00', payload: { type: 'ipv4', ip: packet } };
}
