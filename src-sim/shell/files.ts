// The few files a lab host can read: /proc/sys/*, /proc/net/arp,
// /proc/net/ip_vs and ip_vs_conn, /etc/hostname,
// /etc/ipvsadm.rules (once written), and nginx's page and access log.
import type { Host } from '../host/host.ts';
import { procSysPathToKey } from './proc.ts';
import { procNetArp } from './commands/arp.ts';
import { IPVSADM_RULES_FILE } from './commands/ipvsadm.ts';
import { ACCESS_LOG, INDEX_HTML } from '../host/web-server.ts';
import { procNetIpVs, procNetIpVsConn } from '../ipvs/procfs.ts';

export type FileRead = { text: string } | { error: 'No such file or directory' | 'Is a directory' };

export function readLabFile(host: Host, file: string): FileRead {
  if (file === '/proc/net/arp') return { text: procNetArp(host) };
  if (file === '/proc/net/ip_vs') return { text: procNetIpVs(host.ipvs) };
  if (file === '/proc/net/ip_vs_conn') return { text: procNetIpVsConn(host.ipvs) };
  if (file === IPVSADM_RULES_FILE && host.ipvs.rulesFile !== null) return { text: host.ipvs.rulesFile };
  if (file === '/etc/hostname') return { text: `${host.name}\n` };
  if (file === INDEX_HTML) return { text: host.nginx.page };
  if (file === ACCESS_LOG) return { text: host.nginx.accessLog.map((line) => `${line}\n`).join('') };
  if (file === '/var/log/nginx' || file === '/var/www/html') return { error: 'Is a directory' };
  const key = procSysPathToKey(file);
  const value = key === null ? 'ENOENT' : host.sysctl.read(key);
  if (value === 'ENOENT' || value === 'EINVAL' || value === 'EPERM') {
    const isDir = key !== null && /^net(\.ipv4(\.(conf|neigh)(\.[^.]+)?)?)?$/.test(key);
    return { error: isDir ? 'Is a directory' : 'No such file or directory' };
  }
  return { text: `${value}\n` };
}
