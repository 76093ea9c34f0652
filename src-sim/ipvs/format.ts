// ipvsadm's listings, byte for byte (ipvsadm.c: list_all, print_title,
// print_service_entry, print_largenum, list_conn / print_conn).
// Without -n, ipvsadm resolves addresses with gethostbyaddr; the lab has no
// DNS, so addresses always print numerically, while ports get their
// /etc/services names (80 → http) as getservbyport gives them.
import { formatIp4 } from '../net/addr.ts';
import { protoName, stateName } from './describe.ts';
import { portName } from './services.ts';
import type { IpvsState } from './state.ts';
import type { IpvsDest, IpvsService } from './types.ts';

export interface ListFormat {
  numeric?: boolean;
  stats?: boolean;
  rate?: boolean;
  thresholds?: boolean;
  persistentConn?: boolean;
  exact?: boolean;
  nosort?: boolean;
  /** -S: the rules as ipvsadm commands. */
  rule?: boolean;
}

/** The kernel's IP_VS_VERSION_CODE (1.2.1) and connection hash table size (2^12). */
export const VERSION_LINE = 'IP Virtual Server version 1.2.1 (size=4096)\n';

const pad = (s: string, n: number): string => s.padEnd(n);
const padLeft = (s: string, n: number): string => s.padStart(n);

export function addrPort(addr: number, port: number, proto: string, numeric: boolean): string {
  return `${formatIp4(addr)}:${numeric ? port : (portName(port, proto) ?? port)}`;
}

/** print_largenum: %9llu, or K/M/G/T with %8llu above 10^8 unless --exact. */
export function largeNum(n: number, exact: boolean): string {
  if (exact) {
    const text = String(n);
    return padLeft(text, text.length <= 8 ? 9 : text.length + 1);
  }
  if (n < 1e8) return padLeft(String(n), 9);
  if (n < 1e9) return `${padLeft(String(Math.floor(n / 1e3)), 8)}K`;
  if (n < 1e11) return `${padLeft(String(Math.floor(n / 1e6)), 8)}M`;
  if (n < 1e14) return `${padLeft(String(Math.floor(n / 1e9)), 8)}G`;
  return `${padLeft(String(Math.floor(n / 1e12)), 8)}T`;
}

/** ipvs_cmp_services / ipvs_cmp_dests subtract as C ints, so the difference wraps at 2^31. */
const cmp32 = (a: number, b: number): number => (a - b) | 0;
const PROTO_NUMBER: Record<string, number> = { tcp: 6, udp: 17 };

export function sortedServices(services: readonly IpvsService[]): IpvsService[] {
  return [...services].sort((a, b) => cmp32(a.fwmark, b.fwmark) || PROTO_NUMBER[a.proto]! - PROTO_NUMBER[b.proto]! || cmp32(a.addr, b.addr) || a.port - b.port);
}

function sortedDests(dests: readonly IpvsDest[]): IpvsDest[] {
  return [...dests].sort((a, b) => cmp32(a.addr, b.addr) || a.port - b.port);
}

export function title(fmt: ListFormat): string {
  const head = (a: string, b: string, c: string, d: string, e: string): string => `${pad('Prot LocalAddress:Port', 33)} ${[a, b, c, d, e].map((x) => padLeft(x, 8)).join(' ')}\n  -> RemoteAddress:Port\n`;
  if (fmt.stats) return head('Conns', 'InPkts', 'OutPkts', 'InBytes', 'OutBytes');
  if (fmt.rate) return head('CPS', 'InPPS', 'OutPPS', 'InBPS', 'OutBPS');
  if (fmt.thresholds) return `${pad('Prot LocalAddress:Port', 33)} ${['Uthreshold', 'Lthreshold', 'ActiveConn', 'InActConn'].map((x) => pad(x, 10)).join(' ')}\n  -> RemoteAddress:Port\n`;
  if (fmt.persistentConn) return `${pad('Prot LocalAddress:Port', 33)} ${pad('Weight', 9)} ${pad('PersistConn', 11)} ${pad('ActiveConn', 10)} ${pad('InActConn', 10)}\n  -> RemoteAddress:Port\n`;
  if (fmt.rule) return '';
  return 'Prot LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n';
}

const FWD_SWITCH: Record<IpvsDest['fwd'], string> = { Route: '-g', Local: '-g', Masq: '-m', Tunnel: '-i' };

export function serviceEntry(svc: IpvsService, fmt: ListFormat, now: number): string {
  const numeric = fmt.numeric ?? false;
  const exact = fmt.exact ?? false;
  let name: string;
  if (svc.fwmark) name = fmt.rule ? `-f ${svc.fwmark}` : `FWM  ${svc.fwmark}`;
  else {
    const vname = addrPort(svc.addr, svc.port, svc.proto, numeric);
    name = fmt.rule ? `${svc.proto === 'tcp' ? '-t' : '-u'} ${vname}` : `${protoName(svc.proto)}  ${vname}`.slice(0, 33);
  }
  let out: string;
  const mask = svc.netmask >>> 0 !== 0xffffffff ? formatIp4(svc.netmask >>> 0) : null;
  if (fmt.rule) {
    out = `-A ${name} -s ${svc.schedName}`;
    if (svc.persistent) out += ` -p ${svc.timeout}${mask ? ` -M ${mask}` : ''}`;
  } else if (fmt.stats) {
    const c = svc.stats.count;
    out = pad(name, 33) + [c.conns, c.inpkts, c.outpkts, c.inbytes, c.outbytes].map((n) => largeNum(n, exact)).join('');
  } else if (fmt.rate) {
    const r = svc.stats.rates(now);
    out = pad(name, 33) + [r.cps, r.inpps, r.outpps, r.inbps, r.outbps].map((n) => largeNum(n, exact)).join('');
  } else {
    out = `${name} ${svc.schedName}`;
    if (svc.persistent) out += ` persistent ${svc.timeout}${mask ? ` mask ${mask}` : ''}`;
  }
  out += '\n';
  for (const d of fmt.nosort ? svc.dests : sortedDests(svc.dests)) {
    const dname = addrPort(d.addr, d.port, svc.proto, numeric);
    const short = dname.slice(0, 28);
    if (fmt.rule) out += `-a ${name} -r ${dname} ${FWD_SWITCH[d.fwd]} -w ${d.weight}\n`;
    else if (fmt.stats) {
      const c = d.stats.count;
      out += `  -> ${pad(short, 28)}${[c.conns, c.inpkts, c.outpkts, c.inbytes, c.outbytes].map((n) => largeNum(n, exact)).join('')}\n`;
    } else if (fmt.rate) {
      const r = d.stats.rates(now);
      out += `  -> ${pad(short, 28)} ${padLeft(String(r.cps), 8)} ${padLeft(String(r.inpps), 8)} ${padLeft(String(r.outpps), 8)}${largeNum(r.inbps, exact)}${largeNum(r.outbps, exact)}\n`;
    } else if (fmt.thresholds) out += `  -> ${pad(short, 28)} ${[d.uThreshold, d.lThreshold, d.activeConns, d.inactConns].map((n) => pad(String(n), 10)).join(' ')}\n`;
    else if (fmt.persistentConn) out += `  -> ${pad(short, 28)} ${pad(String(d.weight), 9)} ${pad(String(d.persistConns), 11)} ${pad(String(d.activeConns), 10)} ${pad(String(d.inactConns), 10)}\n`;
    else out += `  -> ${pad(short, 28)} ${pad(d.fwd, 7)} ${pad(String(d.weight), 6)} ${pad(String(d.activeConns), 10)} ${pad(String(d.inactConns), 10)}\n`;
  }
  return out;
}

/** list_all, or -S when fmt.rule. */
export function listAll(ipvs: IpvsState, fmt: ListFormat, now: number): string {
  let out = fmt.rule ? '' : VERSION_LINE;
  out += title(fmt);
  for (const svc of fmt.nosort ? ipvs.services : sortedServices(ipvs.services)) out += serviceEntry(svc, fmt, now);
  return out;
}

/** list_conn: the rows of /proc/net/ip_vs_conn, in table order. */
export function listConnections(ipvs: IpvsState, numeric: boolean): string {
  let out = 'IPVS connection entries\n';
  out += `pro expire ${pad('state', 11)} ${pad('source', 18)} ${pad('virtual', 18)} destination\n`;
  for (const c of ipvs.listConnections()) {
    const left = ipvs.conns.secondsLeft(c);
    const expire = `${String(Math.floor(left / 60)).padStart(2, '0')}:${String(left % 60).padStart(2, '0')}`;
    const proto = c.proto === 'ip' ? '' : c.proto;
    const name = (addr: number, port: number): string => addrPort(addr, port, proto, numeric);
    out += `${pad(protoName(c.proto), 3)} ${pad(expire, 6)} ${pad(stateName(c), 11)} ${pad(name(c.caddr, c.cport), 18)} ${pad(name(c.vaddr, c.vport), 18)} ${name(c.daddr, c.dport)}\n`;
  }
  return out;
}
