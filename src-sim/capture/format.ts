// One captured frame as tcpdump 4.99 prints it (print-ether.c, print-arp.c,
// print-ip.c, print-icmp.c, print-tcp.c, print-udp.c), checked line by line
// against `tcpdump -r` on the pcapng this project writes. Pure: the UI can
// stream lines with it.
import { formatIp4, type Mac } from '../net/addr.ts';
import { ARP_REQUEST, frameLength, ICMP_DEST_UNREACH, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_REDIRECT, ICMP_TIME_EXCEEDED, type EthernetFrame, type Ipv4Packet } from '../net/frame.ts';
import { formatTcpOptions, tcpHeaderLength } from '../net/tcp-options.ts';
import { encodeIpv4, ipDontFragment, ipIdOf, tcpFlagBits, tcpOf, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, TCP_URG } from '../net/wire.ts';
import { SERVICE_NAMES } from './services.ts';

export interface FormatOptions {
  /** -n: no name lookups (MACs without "(oui Unknown)", ports as numbers). */
  numeric?: boolean;
  /** -e: print the link-level header. */
  link?: boolean;
  /** -q: less protocol information. */
  quiet?: boolean;
  /** -v, -vv: 1, 2. */
  verbose?: number;
  /** -t: no timestamp. */
  noTimestamp?: boolean;
  /** Relative TCP sequence numbers need what earlier segments said; one tracker per capture. */
  tcp?: TcpSequenceTracker;
  /** `-i any` (LINUX_SLL2): the device, direction and, with -e, the cooked header instead of the Ethernet one. */
  cooked?: CookedHeader;
}

/** What a LINUX_SLL2 header says about a frame (libpcap's cooked v2 header). */
export interface CookedHeader {
  /** The device's name on the host that prints it ("?" when it has none of that index). */
  ifname: string;
  ifindex: number;
  /** PACKET_HOST 0, PACKET_BROADCAST 1, PACKET_MULTICAST 2, PACKET_OTHERHOST 3, PACKET_OUTGOING 4. */
  pktType: number;
  /** The link-layer source address: the sender's MAC (zeros on lo). */
  addr: Mac;
}

/** print-sll.c's sll_pkttype_values. */
const SLL_PACKET_TYPES = ['In', 'B', 'M', 'P', 'Out'];

/** `eth0  In  `: print-sll.c's "%-5s %-3s " (as recorded) before each cooked packet. */
function cookedPrefix(c: CookedHeader): string {
  return `${c.ifname.padEnd(5)} ${(SLL_PACKET_TYPES[c.pktType] ?? `Unknown (${c.pktType})`).padEnd(3)} `;
}

/** Virtual time as a time of day: the lab starts at 00:00:00.000000 (tcpdump prints local time; the lab has no date). */
export function formatTimestamp(timeUs: number): string {
  const us = Math.max(0, Math.round(timeUs));
  const seconds = Math.floor(us / 1_000_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(seconds / 3600) % 24)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}.${String(us % 1_000_000).padStart(6, '0')}`;
}

/** The whole line (with -v, IPv4 takes two or more lines joined by "\n"), without the final newline. */
export function formatFrameLine(frame: EthernetFrame, timeUs: number, options: FormatOptions = {}): string {
  const o = { ...options, tcp: options.tcp ?? new TcpSequenceTracker() };
  let line = o.noTimestamp ? '' : `${formatTimestamp(timeUs)} `;
  const isArp = frame.payload.type === 'arp';
  if (o.cooked) line += cookedPrefix(o.cooked);
  if (o.link) {
    const length = frameLength(frame);
    const type = isArp ? (o.quiet ? 'ARP' : 'ethertype ARP (0x0806)') : o.quiet ? 'IPv4' : 'ethertype IPv4 (0x0800)';
    // sll2_print: the cooked header is 20 bytes where Ethernet's is 14.
    if (o.cooked) line += `ifindex ${o.cooked.ifindex} ${macName(o.cooked.addr, o)} ${type}, length ${length - 14 + 20}: `;
    else line += `${macName(frame.src, o)} > ${macName(frame.dst, o)}, ${type}, length ${length}: `;
  }
  if (frame.payload.type === 'arp') {
    const a = frame.payload.arp;
    if (!o.link) line += 'ARP, ';
    if (o.verbose) line += 'Ethernet (len 6), IPv4 (len 4), ';
    if (a.op === ARP_REQUEST) {
      const tha = a.targetMac !== '00:00:00:00:00:00' ? ` (${macName(a.targetMac, o)})` : '';
      line += `Request who-has ${formatIp4(a.targetIp)}${tha} tell ${formatIp4(a.senderIp)}`;
    } else line += `Reply ${formatIp4(a.senderIp)} is-at ${macName(a.senderMac, o)}`;
    return `${line}, length 28`;
  }
  if (!o.link) line += 'IP ';
  return line + ipv4(frame.payload.ip, o);
}

type Options = FormatOptions & { tcp: TcpSequenceTracker; noChecksums?: boolean };

function ipv4(ip: Ipv4Packet, o: Options): string {
  let text = '';
  if (o.verbose) {
    const proto = ip.proto === 'icmp' ? 'ICMP (1)' : ip.proto === 'tcp' ? 'TCP (6)' : ip.proto === 'ipip' ? 'IPIP (4)' : ip.proto === 'vrrp' ? 'VRRP (112)' : 'UDP (17)';
    text += `(tos 0x${(ip.tos ?? 0).toString(16)}, ttl ${ip.ttl}, id ${ipIdOf(ip)}, offset 0, flags [${ipDontFragment(ip) ? 'DF' : 'none'}], proto ${proto}, length ${ip.length})\n    `;
  }
  const src = formatIp4(ip.src);
  const dst = formatIp4(ip.dst);
  if (ip.proto === 'icmp') return `${text}${src} > ${dst}: ${icmp(ip, o)}`;
  // IPIP (IPVS -i): tcpdump prints the outer addresses, then the inner packet.
  if (ip.proto === 'ipip') return `${text}${src} > ${dst}: ${ip.inner ? `IP ${ipv4(ip.inner, o)}` : `ip-proto-4 ${ip.length - 20}`}`;
  if (ip.proto === 'vrrp') return `${text}${src} > ${dst}: ${vrrp(ip, o)}`;
  const sport = port(ip.sport ?? 0, o);
  const dport = port(ip.dport ?? 0, o);
  text += `${src}.${sport} > ${dst}.${dport}: `;
  // wire.ts always writes correct checksums, so tcpdump reports them as such.
  if (ip.proto === 'udp') return `${text}${(o.verbose ?? 0) > 1 && !o.noChecksums ? '[udp sum ok] ' : ''}UDP, length ${ip.length - 28}`;
  return text + tcp(ip, o);
}

const VRRP_AUTH_NAMES: Record<number, string> = { 0: 'none', 1: 'simple', 2: 'ah' };

/** print-vrrp.c: the header; with -v the addresses and a simple password. */
function vrrp(ip: Ipv4Packet, o: Options): string {
  const v = ip.vrrp;
  if (!v) return `VRRPv2, length ${ip.length - 20}`;
  let text = `VRRPv2, Advertisement, vrid ${v.vrid}, prio ${v.priority}, authtype ${VRRP_AUTH_NAMES[v.authType] ?? v.authType}, intvl ${v.advertInt}s, length ${ip.length - 20}`;
  if (o.verbose) {
    text += `, addrs${v.addresses.length > 1 ? `(${v.addresses.length})` : ''}: ${v.addresses.map(formatIp4).join(',')}`;
    if (v.authType === 1) text += ` auth "${v.authData.replace(/\0+$/, '')}"`;
  }
  return text;
}

function icmp(ip: Ipv4Packet, o: Options): string {
  const m = ip.icmp;
  const length = ip.length - 20;
  if (!m) return `ICMP type-#0, length ${length}`;
  let what: string;
  if (m.type === ICMP_ECHO_REQUEST || m.type === ICMP_ECHO_REPLY) what = `echo ${m.type === ICMP_ECHO_REQUEST ? 'request' : 'reply'}, id ${m.id}, seq ${m.seq}`;
  else if (m.type === ICMP_DEST_UNREACH) {
    const dst = m.original ? formatIp4(m.original.dst) : '0.0.0.0';
    const orig = m.original;
    if (m.code === 2) what = `${dst} protocol ${orig ? protoNumber(orig) : 0} unreachable`;
    else if (m.code === 3 && orig && orig.proto !== 'icmp') what = `${dst} ${orig.proto} port ${port(orig.dport ?? 0, o)} unreachable`;
    else what = UNREACH[m.code]?.replace('%s', dst) ?? `#${m.code} ${dst} unreachable`;
  } else if (m.type === ICMP_REDIRECT) {
    // print-icmp.c: the quoted packet's destination and the new first hop.
    const dst = m.original ? formatIp4(m.original.dst) : '0.0.0.0';
    const gateway = formatIp4(m.gateway ?? 0);
    what = REDIRECT_FORMAT[m.code]?.replace('%s', dst).replace('%s', gateway) ?? `redirect-#${m.code} ${dst} to ${gateway}`;
  } else if (m.type === ICMP_TIME_EXCEEDED) what = m.code === 0 ? 'time exceeded in-transit' : m.code === 1 ? 'ip reassembly time exceeded' : `time exceeded-#${m.code}`;
  else what = `type-#${m.type}`;
  let text = `ICMP ${what}, length ${length}`;
  // With -v, an error's quoted packet is printed as a packet of its own.
  // ("IP " follows -e as the outer one does). Its checksums show only when
  // the error quotes all of it.
  if (o.verbose && m.original && m.type !== ICMP_ECHO_REQUEST && m.type !== ICMP_ECHO_REPLY) {
    const whole = m.original.length <= length - 8;
    text += `\n\t${o.link ? '' : 'IP '}${ipv4(m.original, { ...o, tcp: new TcpSequenceTracker(), noChecksums: !whole })}`;
  }
  return text;
}

const REDIRECT_FORMAT: Record<number, string> = {
  0: 'redirect %s to net %s',
  1: 'redirect %s to host %s',
  2: 'redirect-tos %s to net %s',
  3: 'redirect-tos %s to host %s',
};

const UNREACH: Record<number, string> = {
  0: 'net %s unreachable',
  1: 'host %s unreachable',
  4: '%s unreachable - need to frag',
  5: '%s unreachable - source route failed',
  6: 'net %s unreachable - unknown',
  7: 'host %s unreachable - unknown',
  9: 'net %s unreachable - admin prohibited',
  10: 'host %s unreachable - admin prohibited',
  13: 'host %s unreachable - admin prohibited filter',
};

function protoNumber(ip: Ipv4Packet): number {
  return ip.proto === 'icmp' ? 1 : ip.proto === 'tcp' ? 6 : ip.proto === 'ipip' ? 4 : ip.proto === 'vrrp' ? 112 : 17;
}

function tcp(ip: Ipv4Packet, o: Options): string {
  const t = tcpOf(ip);
  const payload = Math.max(0, ip.length - 20 - tcpHeaderLength(t?.options));
  if (o.quiet) return `tcp ${payload}`;
  const flags = tcpFlagBits(t?.flags);
  let text = `Flags [${flagLetters(flags)}]`;
  let seq = (t?.seq ?? 0) >>> 0;
  let ack = (t?.ack ?? 0) >>> 0;
  if (flags & TCP_ACK) [seq, ack] = o.tcp.relative(ip, flags, seq, ack);
  if (o.verbose && !o.noChecksums) {
    const body = encodeIpv4(ip).subarray(20);
    text += `, cksum 0x${(((body[16] ?? 0) << 8) | (body[17] ?? 0)).toString(16).padStart(4, '0')} (correct)`;
  }
  if ((o.verbose ?? 0) > 1 || payload > 0 || flags & (TCP_SYN | TCP_FIN | TCP_RST)) {
    text += `, seq ${seq}`;
    if (payload > 0) text += `:${(seq + payload) >>> 0}`;
  }
  if (flags & TCP_ACK) text += `, ack ${ack}`;
  text += `, win ${(t?.window ?? 0) & 0xffff}`;
  if (flags & TCP_URG) text += ', urg 0';
  if (t?.options && tcpHeaderLength(t.options) > 20) text += `, options [${formatTcpOptions(t.options)}]`;
  text += `, length ${payload}`;
  // http_print: a payload that is no HTTP request or status line (the model
  // has no payload bytes) is named only.
  if (payload > 0 && !(flags & TCP_RST) && [ip.sport, ip.dport].some((p) => p === 80 || p === 8080)) text += ': HTTP';
  return text;
}

/** bittok2str_nosep over tcp_flag_values, in that table's order. */
function flagLetters(flags: number): string {
  const letters: [number, string][] = [[0x01, 'F'], [0x02, 'S'], [0x04, 'R'], [0x08, 'P'], [0x10, '.'], [0x20, 'U'], [0x40, 'E'], [0x80, 'W']];
  const text = letters.filter(([bit]) => flags & bit).map(([, l]) => l).join('');
  return text || 'none';
}

/**
 * tcpdump's relative sequence numbers (print-tcp.c): the first segment of a
 * conversation that carries ACK (or any SYN with ACK) records both initial
 * numbers and prints absolute values; later ones print offsets from them.
 */
export class TcpSequenceTracker {
  private readonly conversations = new Map<string, { seq: number; ack: number }>();

  relative(ip: Ipv4Packet, flags: number, seq: number, ack: number): [number, number] {
    const sport = ip.sport ?? 0;
    const dport = ip.dport ?? 0;
    const rev = sport > dport || (sport === dport && ip.src >>> 0 > ip.dst >>> 0);
    const key = rev ? `${ip.dst}:${ip.src}:${dport}:${sport}` : `${ip.src}:${ip.dst}:${sport}:${dport}`;
    const known = this.conversations.get(key);
    if (!known || flags & TCP_SYN) {
      this.conversations.set(key, rev ? { ack: seq, seq: (ack - 1) >>> 0 } : { seq, ack: (ack - 1) >>> 0 });
      return [seq, ack];
    }
    return rev ? [(seq - known.ack) >>> 0, (ack - known.seq) >>> 0] : [(seq - known.seq) >>> 0, (ack - known.ack) >>> 0];
  }
}

function macName(mac: Mac, o: FormatOptions): string {
  if (o.numeric) return mac;
  // Without -n tcpdump looks MACs up in /etc/ethers and the OUI table; the lab's are in neither.
  // OUI 00:00:00 is in tcpdump's oui_values as "Ethernet" (lo's address on `-i any -e`).
  return mac === 'ff:ff:ff:ff:ff:ff' ? 'Broadcast' : `${mac} (oui ${mac.startsWith('00:00:00:') ? 'Ethernet' : 'Unknown'})`;
}

function port(n: number, o: FormatOptions): string {
  return o.numeric ? String(n) : (SERVICE_NAMES.get(n) ?? String(n));
}

