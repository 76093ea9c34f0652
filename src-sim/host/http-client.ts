// One HTTP/1.x request over the host's TCP stack, as curl and ab make it:
// connect, send the request, read the status line, headers and a body of
// Content-Length bytes (or up to the server's FIN). The caller drives the
// virtual clock and decides about timeouts.
import type { Ip4 } from '../net/addr.ts';
import type { Host } from './host.ts';
import type { TcpConnection, TcpError, TcpSocketEvents } from './tcp/connection.ts';

export type HttpPhase = 'connecting' | 'waiting' | 'receiving' | 'done' | 'failed';

export interface HttpExchange {
  phase: HttpPhase;
  /** Why connect() or the connection failed (errno name). */
  error: TcpError | 'ENETUNREACH' | 'EADDRNOTAVAIL' | null;
  conn: TcpConnection | null;
  startedAt: number;
  connectedAt: number | null;
  firstByteAt: number | null;
  doneAt: number | null;
  /** The response's head (status line and headers, CRLF-separated, without the blank line). */
  head: string;
  status: number;
  body: string;
  /** Bytes received in total (head and body). */
  received: number;
  /** Called when the phase becomes 'done' or 'failed'. */
  onEnd: (() => void) | null;
  /** Called when connect() succeeds. */
  onConnect: (() => void) | null;
  /** The request went on a connection kept from an earlier one (no connect()). */
  reused: boolean;
}

/**
 * Starts one request. `expectBody` false for HEAD. The connection stays open
 * when the response is complete; the caller closes it (curl and ab do at
 * once) or passes it as `reuse` to the next request to the same server
 * (curl with several URLs, keep-alive).
 */
export function startHttpRequest(host: Host, dst: Ip4, port: number, request: string, expectBody = true, reuse: TcpConnection | null = null): HttpExchange {
  const now = host.clock.now;
  const ex: HttpExchange = { phase: 'connecting', error: null, conn: null, startedAt: now, connectedAt: null, firstByteAt: null, doneAt: null, head: '', status: 0, body: '', received: 0, onEnd: null, onConnect: null, reused: false };
  let buffer = '';
  let contentLength: number | null = null;
  let headDone = false;
  const finish = (phase: 'done' | 'failed'): void => {
    if (ex.phase === 'done' || ex.phase === 'failed') return;
    ex.phase = phase;
    ex.doneAt = host.clock.now;
    ex.onEnd?.();
  };
  const events: TcpSocketEvents = {
    onConnected: (conn) => {
      ex.connectedAt = host.clock.now;
      ex.phase = 'waiting';
      ex.onConnect?.();
      host.tcp.send(conn, request);
    },
    onData: (_conn, text) => {
      if (ex.firstByteAt === null) ex.firstByteAt = host.clock.now;
      ex.received += text.length;
      ex.phase = 'receiving';
      if (!headDone) {
        buffer += text;
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        headDone = true;
        ex.head = buffer.slice(0, end);
        ex.body = buffer.slice(end + 4);
        ex.status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(ex.head)?.[1] ?? 0);
        const length = /\r\ncontent-length:\s*(\d+)/i.exec(ex.head);
        contentLength = length ? Number(length[1]) : null;
      } else ex.body += text;
      if (!expectBody || (contentLength !== null && ex.body.length >= contentLength)) finish('done');
    },
    onPeerClosed: () => finish(headDone ? 'done' : 'failed'),
    onError: (_conn, error) => {
      ex.error = error;
      finish('failed');
    },
  };
  if (reuse && reusable(reuse)) {
    reuse.events = events;
    ex.conn = reuse;
    ex.reused = true;
    ex.connectedAt = now;
    ex.phase = 'waiting';
    host.tcp.send(reuse, request);
    return ex;
  }
  const result = host.tcp.connect(dst, port, events);
  if (typeof result === 'string') {
    ex.error = result;
    ex.phase = 'failed';
    ex.doneAt = now;
  } else ex.conn = result;
  return ex;
}

/** A kept connection can carry another request while both ends keep it open. */
export function reusable(conn: TcpConnection): boolean {
  return conn.state === 'ESTABLISHED' && !conn.finReceived;
}

/** Header value (first match, case-insensitive) from a response head. */
export function headerValue(head: string, name: string): string | null {
  const lower = name.toLowerCase();
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === lower) return line.slice(colon + 1).trim();
  }
  return null;
}
