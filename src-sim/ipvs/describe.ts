// Short, language-neutral texts for trace parameters and listings.
import { formatIp4 } from '../net/addr.ts';
import { TCP_STATE_NAMES } from './tcp-states.ts';
import type { IpvsConn, IpvsDest, IpvsService } from './types.ts';
import { connOverhead } from './schedulers/scheduler.ts';
import { msg, type ParamValue } from '../i18n/catalogue.ts';

const NO_SERVERS = msg('ipvs.no-servers');

/** ip_vs_state_name: templates are NONE or ASSURED, UDP entries "UDP". */
export function stateName(conn: IpvsConn): string {
  if (conn.template) return conn.state === 0 ? 'NONE' : 'ASSURED';
  if (conn.proto === 'udp') return 'UDP';
  return TCP_STATE_NAMES[conn.state] ?? 'ERR!';
}

export function protoName(proto: IpvsConn['proto']): string {
  return proto === 'ip' ? 'IP' : proto.toUpperCase();
}

export function serviceText(svc: IpvsService): string {
  return svc.fwmark ? `FWM ${svc.fwmark}` : `${protoName(svc.proto)} ${formatIp4(svc.addr)}:${svc.port}`;
}

export function destText(dest: IpvsDest): string {
  return `${formatIp4(dest.addr)}:${dest.port}`;
}

export function connText(conn: IpvsConn): string {
  return `${protoName(conn.proto)} ${formatIp4(conn.caddr)}:${conn.cport} → ${formatIp4(conn.vaddr)}:${conn.vport} → ${formatIp4(conn.daddr)}:${conn.dport}`;
}

/** Every server in kernel list order with what the schedulers look at. */
export function explainCandidates(dests: readonly IpvsDest[]): ParamValue {
  if (dests.length === 0) return NO_SERVERS;
  return dests
    .map((d) => {
      const flags = d.overloaded ? ' OVERLOAD' : '';
      return `${destText(d)} w=${d.weight} act=${d.activeConns} inact=${d.inactConns} overhead=${connOverhead(d)}${flags}`;
    })
    .join('; ');
}
