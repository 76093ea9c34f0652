// /proc/net/ip_vs and /proc/net/ip_vs_conn as ip_vs_ctl.c (ip_vs_info_seq_show)
// and ip_vs_conn.c (ip_vs_conn_seq_show) print them: addresses and ports in
// hexadecimal, services in the table's order (here: the order they were
// added), real servers in list order (newest first), no sorting.
import type { IpvsState } from './state.ts';
import { protoName, stateName } from './describe.ts';

const hex = (value: number, width: number): string => (value >>> 0).toString(16).toUpperCase().padStart(width, '0');

export function procNetIpVs(ipvs: IpvsState): string {
  let text = 'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\n';
  for (const svc of ipvs.services) {
    // "%s  %08X:%04X %s %s " (the last %s is "ops " for one-packet scheduling), or "FWM  %08X %s %s".
    text += svc.fwmark ? `FWM  ${hex(svc.fwmark, 8)} ${svc.schedName} ` : `${svc.proto.toUpperCase()}  ${hex(svc.addr, 8)}:${hex(svc.port, 4)} ${svc.schedName}  `;
    text += svc.persistent ? `persistent ${svc.timeout} ${hex(svc.netmask, 8)}\n` : '\n';
    for (const d of svc.dests) {
      text += `  -> ${hex(d.addr, 8)}:${hex(d.port, 4)}      ${d.fwd.padEnd(7)} ${String(d.weight).padEnd(6)} ${String(d.activeConns).padEnd(10)} ${String(d.inactConns).padEnd(10)}\n`;
    }
  }
  return text;
}

export function procNetIpVsConn(ipvs: IpvsState): string {
  let text = 'Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n';
  for (const c of ipvs.listConnections()) {
    text += `${protoName(c.proto).padEnd(3)} ${hex(c.caddr, 8)} ${hex(c.cport, 4)} ${hex(c.vaddr, 8)} ${hex(c.vport, 4)} ${hex(c.daddr, 8)} ${hex(c.dport, 4)} ${stateName(c).padEnd(11)} ${String(ipvs.conns.secondsLeft(c)).padStart(7)}\n`;
  }
  return text;
}
