// The part of the pcap filter language a learner of LVS-DR types:
// arp, ip, icmp, tcp, udp, [src|dst] host A, [tcp|udp] [src|dst] port P,
// ether [src|dst] host M, not/!, and/&&, or/||, parentheses. As in libpcap,
// `and` and `or` have the same precedence and group from the left, and a bare
// value after and/or reuses the previous qualifiers ("host A or B").
// Error texts are what tcpdump 4.99.3 / libpcap 1.10.3 print.
import { parseIp4, parseMac, type Ip4 } from '../net/addr.ts';
import type { EthernetFrame } from '../net/frame.ts';
import { SERVICE_PORTS } from './services.ts';

export type FrameFilter = (frame: EthernetFrame) => boolean;

export type FilterResult = { ok: true; match: FrameFilter } | { ok: false; error: string };

const SYNTAX = "can't parse filter expression: syntax error";

class FilterError extends Error {}

interface Qualifiers {
  kind: 'host' | 'port' | 'ether';
  dir: 'src' | 'dst' | 'either';
  proto: 'tcp' | 'udp' | null;
}

/** Compiles an expression (argv words joined by spaces, as tcpdump does); empty matches everything. */
export function compileFilter(text: string): FilterResult {
  const tokens = text.replace(/([()])/g, ' $1 ').replace(/!(?!=)/g, ' ! ').split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { ok: true, match: () => true };
  let pos = 0;
  let last: Qualifiers | null = null;
  const peek = (): string | undefined => tokens[pos];
  const next = (): string => {
    const t = tokens[pos++];
    if (t === undefined) throw new FilterError(SYNTAX);
    return t;
  };

  const expression = (): FrameFilter => {
    let left = unary();
    for (;;) {
      const op = peek();
      if (op === 'and' || op === '&&' || op === 'or' || op === '||') {
        pos++;
        const right = unary();
        const l = left;
        left = op === 'and' || op === '&&' ? (f) => l(f) && right(f) : (f) => l(f) || right(f);
      } else return left;
    }
  };

  const unary = (): FrameFilter => {
    const t = peek();
    if (t === 'not' || t === '!') {
      pos++;
      const inner = unary();
      return (f) => !inner(f);
    }
    if (t === '(') {
      pos++;
      const inner = expression();
      if (next() !== ')') throw new FilterError(SYNTAX);
      return inner;
    }
    return primitive();
  };

  const primitive = (): FrameFilter => {
    const t = next();
    if (t === 'ether') {
      const q: Qualifiers = { kind: 'ether', dir: direction(), proto: null };
      if (peek() === 'host') pos++;
      return value(q);
    }
    if (t === 'arp') return (f) => f.payload.type === 'arp';
    if (t === 'ip') return (f) => f.payload.type === 'ipv4';
    if (t === 'icmp') return protocol('icmp');
    if (t === 'tcp' || t === 'udp') {
      if (peek() === 'port' || peek() === 'src' || peek() === 'dst') {
        const dir = direction();
        if (next() !== 'port') throw new FilterError(SYNTAX);
        return value({ kind: 'port', dir, proto: t });
      }
      return protocol(t);
    }
    if (t === 'src' || t === 'dst') {
      pos--;
      const dir = direction();
      const kindWord = peek();
      if (kindWord === 'host' || kindWord === 'port') pos++;
      return value({ kind: kindWord === 'port' ? 'port' : 'host', dir, proto: null });
    }
    if (t === 'host') return value({ kind: 'host', dir: 'either', proto: null });
    if (t === 'port') return value({ kind: 'port', dir: 'either', proto: null });
    // A bare value continues the previous primitive's qualifiers.
    if (last && pos >= 2 && ['and', '&&', 'or', '||', 'not', '!'].includes(tokens[pos - 2]!)) {
      pos--;
      return value(last);
    }
    throw new FilterError(SYNTAX);
  };

  const direction = (): Qualifiers['dir'] => {
    const t = peek();
    if (t === 'src' || t === 'dst') {
      pos++;
      return t;
    }
    return 'either';
  };

  const value = (q: Qualifiers): FrameFilter => {
    const text = next();
    if (['and', '&&', 'or', '||', 'not', '!', '(', ')'].includes(text)) throw new FilterError(SYNTAX);
    last = q;
    if (q.kind === 'ether') {
      const mac = parseMac(text);
      if (!mac) throw new FilterError(/^[0-9a-f:.-]+$/i.test(text) ? `bogus ethernet address ${text}` : `unknown ether host '${text}'`);
      return (f) => (q.dir !== 'dst' && f.src === mac) || (q.dir !== 'src' && f.dst === mac);
    }
    if (q.kind === 'host') return hostMatch(parseHost(text), q.dir);
    return portMatch(parsePort(text), q);
  };

  try {
    const match = expression();
    if (pos !== tokens.length) throw new FilterError(SYNTAX);
    return { ok: true, match };
  } catch (error) {
    if (error instanceof FilterError) return { ok: false, error: error.message };
    throw error;
  }
}

function protocol(proto: 'icmp' | 'tcp' | 'udp'): FrameFilter {
  return (f) => f.payload.type === 'ipv4' && f.payload.ip.proto === proto;
}

function parseHost(text: string): Ip4 {
  const ip = parseIp4(text);
  if (ip !== null) return ip;
  if (/^[\d.]+$/.test(text) && text.split('.').length === 4) throw new FilterError(`invalid IPv4 address '${text}'`);
  // The lab has no resolver, so every name is unknown.
  throw new FilterError(`unknown host '${text}'`);
}

function parsePort(text: string): number {
  if (/^(0x[0-9a-f]+|\d+)$/i.test(text)) {
    const port = Number(text);
    if (port > 65535) throw new FilterError(`illegal port number ${port} > 65535`);
    return port;
  }
  const known = SERVICE_PORTS.get(text);
  if (known === undefined) throw new FilterError(`unknown port '${text}'`);
  return known;
}

/** `host` matches IPv4 addresses and ARP's protocol addresses, as libpcap's does. */
function hostMatch(ip: Ip4, dir: Qualifiers['dir']): FrameFilter {
  return (f) => {
    const [src, dst] = f.payload.type === 'arp' ? [f.payload.arp.senderIp, f.payload.arp.targetIp] : [f.payload.ip.src, f.payload.ip.dst];
    return (dir !== 'dst' && src === ip) || (dir !== 'src' && dst === ip);
  };
}

function portMatch(port: number, q: Qualifiers): FrameFilter {
  return (f) => {
    if (f.payload.type !== 'ipv4') return false;
    const ip = f.payload.ip;
    if (ip.proto === 'icmp' || (q.proto !== null && ip.proto !== q.proto)) return false;
    return (q.dir !== 'dst' && ip.sport === port) || (q.dir !== 'src' && ip.dport === port);
  };
}
