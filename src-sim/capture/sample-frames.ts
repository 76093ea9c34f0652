// Frames of every kind the capture code knows, for tests that compare with
// the real tcpdump (format.test.ts, capture.test.ts).
import { parseIp4 } from '../net/addr.ts';
import { tcpFlagsFromLetters, type EthernetFrame, type Ipv4Packet, type TcpOptions } from '../net/frame.ts';
import { tcpHeaderLength } from '../net/tcp-options.ts';
import type { CapturedFrame } from '../net/pcapng.ts';

const ip = (text: string): number => parseIp4(text)!;
const C = '02:00:00:00:00:01';
const D = '02:00:00:00:00:02';
const BC = 'ff:ff:ff:ff:ff:ff';
let nextId = 1;
const eth = (src: string, dst: string, payload: EthernetFrame['payload']): EthernetFrame => ({ id: nextId++, src, dst, payload });
const ipv4 = (src: string, dst: string, packet: Omit<Ipv4Packet, 'src' | 'dst'>): EthernetFrame['payload'] => ({ type: 'ipv4', ip: { src: ip(src), dst: ip(dst), ...packet } });
const tcp = (src: string, sport: number, dst: string, dport: number, flags: string, seq: number, ack: number, payloadLength = 0, window = 64240, options?: TcpOptions): EthernetFrame['payload'] => ({
  type: 'ipv4',
  // The `tcp` fields as the TCP model adds them.
  ip: { src: ip(src), dst: ip(dst), ttl: 64, proto: 'tcp', length: 20 + tcpHeaderLength(options) + payloadLength, sport, dport, tcp: { flags: tcpFlagsFromLetters(flags), seq, ack, window, payloadLength, ...(options ? { options } : {}) } } as Ipv4Packet,
});
/** The options Linux puts on a SYN or SYN-ACK, and on every later segment. */
const synOptions = (val: number, ecr: number): TcpOptions => ({ mss: 1460, sackPermitted: true, timestamp: { val, ecr }, windowScale: 7 });
const stamp = (val: number, ecr: number): TcpOptions => ({ timestamp: { val, ecr } });

const echo = { ttl: 64, proto: 'icmp' as const, length: 84, icmp: { type: 8, code: 0, id: 1234, seq: 1 } };
const udpProbe: Ipv4Packet = { src: ip('198.51.100.1'), dst: ip('198.51.100.100'), ttl: 64, proto: 'udp', length: 40, sport: 40000, dport: 9999 };

/** Every kind of frame the formatter knows, in a plausible order. */
export const SAMPLE: CapturedFrame[] = [
  eth(C, BC, { type: 'arp', arp: { op: 1, senderMac: C, senderIp: ip('198.51.100.1'), targetMac: '00:00:00:00:00:00', targetIp: ip('198.51.100.100') } }),
  eth(C, BC, { type: 'arp', arp: { op: 1, senderMac: C, senderIp: ip('198.51.100.1'), targetMac: BC, targetIp: ip('198.51.100.100') } }),
  eth(D, C, { type: 'arp', arp: { op: 2, senderMac: D, senderIp: ip('198.51.100.100'), targetMac: C, targetIp: ip('198.51.100.1') } }),
  eth(C, D, ipv4('198.51.100.1', '198.51.100.100', echo)),
  eth(D, C, ipv4('198.51.100.100', '198.51.100.1', { ...echo, icmp: { ...echo.icmp, type: 0 } })),
  eth(D, C, ipv4('198.51.100.254', '198.51.100.1', { ttl: 64, proto: 'icmp', length: 112, icmp: { type: 3, code: 1, id: 0, seq: 0, original: { src: ip('198.51.100.1'), dst: ip('203.0.113.9'), ...echo, ttl: 63 } } })),
  eth(D, C, ipv4('198.51.100.100', '198.51.100.1', { ttl: 64, proto: 'icmp', length: 68, icmp: { type: 3, code: 3, id: 0, seq: 0, original: udpProbe } })),
  eth(D, C, ipv4('198.51.100.254', '198.51.100.1', { ttl: 64, proto: 'icmp', length: 112, icmp: { type: 11, code: 0, id: 0, seq: 0, original: { src: ip('198.51.100.1'), dst: ip('203.0.113.9'), ...echo, ttl: 1 } } })),
  eth(C, D, { type: 'ipv4', ip: udpProbe }),
  eth(C, D, tcp('198.51.100.1', 40000, '198.51.100.100', 80, 'S', 1000, 0, 0, 64240, synOptions(3405691582, 0))),
  eth(D, C, tcp('198.51.100.100', 80, '198.51.100.1', 40000, 'S.', 5000, 1001, 0, 65160, synOptions(19088743, 3405691582))),
  eth(C, D, tcp('198.51.100.1', 40000, '198.51.100.100', 80, '.', 1001, 5001, 0, 502, stamp(3405691582, 19088743))),
  eth(C, D, tcp('198.51.100.1', 40000, '198.51.100.100', 80, 'P.', 1001, 5001, 77, 502, stamp(3405691582, 19088743))),
  eth(D, C, tcp('198.51.100.100', 80, '198.51.100.1', 40000, 'P.', 5001, 1078, 120, 509, stamp(19088744, 3405691582))),
  eth(C, D, tcp('198.51.100.1', 40000, '198.51.100.100', 80, 'F.', 1078, 5121, 0, 502, stamp(3405691583, 19088744))),
  eth(D, C, tcp('198.51.100.100', 80, '198.51.100.1', 40001, 'R.', 0, 2001, 0, 0)),
  eth(C, D, tcp('198.51.100.1', 40002, '198.51.100.100', 8080, 'S', 4294967000, 0)),
  eth(C, D, tcp('198.51.100.1', 40002, '198.51.100.100', 8080, 'P.', 4294967001, 1, 10)),
  eth(C, D, tcp('198.51.100.1', 40003, '198.51.100.100', 22, 'S', 1, 0)),
  eth(D, C, tcp('198.51.100.100', 22, '198.51.100.1', 40003, 'S.', 7, 2)),
  eth(D, C, tcp('198.51.100.100', 22, '198.51.100.1', 40003, 'P.', 8, 2, 30)),
  // keepalived: an advert (as Linux captured it: TOS 0xc0, id 1, no DF, TTL 255) and a gratuitous ARP.
  eth(D, '01:00:5e:00:00:12', ipv4('198.51.100.2', '224.0.0.18', { ttl: 255, tos: 0xc0, id: 1, proto: 'vrrp', length: 40, vrrp: { vrid: 51, priority: 150, authType: 1, advertInt: 1, addresses: [ip('198.51.100.100')], authData: 's3cret' } })),
  eth(D, '01:00:5e:00:00:12', ipv4('198.51.100.2', '224.0.0.18', { ttl: 255, tos: 0xc0, id: 2, proto: 'vrrp', length: 44, vrrp: { vrid: 7, priority: 0, authType: 0, advertInt: 3, addresses: [ip('198.51.100.100'), ip('198.51.100.101')], authData: '' } })),
  eth(D, BC, { type: 'arp', arp: { op: 1, senderMac: D, senderIp: ip('198.51.100.100'), targetMac: BC, targetIp: ip('198.51.100.100') } }),
].map((frame, i) => ({ segment: 'lan', timeUs: 1_000_000 + i * 1234, frame }));
