// The host's TCP sockets as ss and netstat list them: the listening sockets
// (bound to 0.0.0.0, nginx's backlog of 511) first, then the connection table.
import { formatIp4 } from '../../net/addr.ts';
import type { TcpState } from '../../host/tcp/connection.ts';
import type { CommandContext } from '../context.ts';

export interface SocketRow {
  state: TcpState | 'LISTEN';
  recvQ: number;
  sendQ: number;
  localIp: string;
  localPort: number;
  remoteIp: string;
  remotePort: number;
}

/** nginx's listen() backlog (NGX_LISTEN_BACKLOG), below net.core.somaxconn's 4096. */
const NGINX_BACKLOG = 511;

export function tcpSockets(ctx: CommandContext): SocketRow[] {
  const rows: SocketRow[] = [];
  for (const port of [...ctx.host.tcp.listeners.keys()].sort((a, b) => a - b)) {
    rows.push({ state: 'LISTEN', recvQ: 0, sendQ: NGINX_BACKLOG, localIp: '0.0.0.0', localPort: port, remoteIp: '0.0.0.0', remotePort: 0 });
  }
  for (const c of ctx.host.tcp.connections.values()) {
    if (c.state === 'CLOSED') continue;
    // inet_diag's wqueue: write_seq - snd_una (a SYN or FIN not yet acknowledged counts one); none in TIME-WAIT.
    const unacked = c.state === 'TIME_WAIT' ? 0 : (c.sndNxt - c.sndUna) >>> 0;
    rows.push({ state: c.state, recvQ: 0, sendQ: unacked, localIp: formatIp4(c.localIp), localPort: c.localPort, remoteIp: formatIp4(c.remoteIp), remotePort: c.remotePort });
  }
  return rows;
}

/** /etc/services names of the ports a lab host uses (ss and netstat without -n). */
const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 8080: 'http-alt' };

export function serviceName(port: number): string {
  return SERVICES[port] ?? String(port);
}
