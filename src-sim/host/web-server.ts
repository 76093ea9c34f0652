// The web server of every host: nginx 1.22 (Debian 12) serving one static
// page, /var/www/html/index.html, that holds the host's name, the way LVS
// tutorials set up their real servers (`echo rs1 > /var/www/html/index.html`).
//
// Choice (documented in the README): it runs from boot on every host, on
// 0.0.0.0:80, so each real server answers on its RIP and, once the VIP is
// local, on the VIP with its own name. A lesson stops it with
// `systemctl stop nginx` (then port 80 answers with RST: curl exit 7). On the
// director IPVS takes client → VIP:80 packets at LOCAL_IN before any socket
// sees them, so its own nginx only answers on addresses without a service.
//
// Its page is /var/www/html/index.html and it logs to
// /var/log/nginx/access.log (cat, tail). HTTP is kept to what curl and ab send: one GET (or HEAD) per request,
// keep-alive for HTTP/1.1 until the client closes, close after the response
// for HTTP/1.0 without keep-alive or with `Connection: close`.
import { civilTime, MONTH_NAMES, VIRTUAL_EPOCH_UNIX_SECONDS, WEEKDAY_NAMES } from '../core/virtual-date.ts';
import { formatIp4 } from '../net/addr.ts';
import type { Host } from './host.ts';
import { NGINX_ROOT } from './os.ts';
import type { TcpConnection } from './tcp/connection.ts';

export const NGINX_VERSION = 'nginx/1.22.1';
export const HTTP_PORT = 80;
export const INDEX_HTML = '/var/www/html/index.html';
export const ACCESS_LOG = '/var/log/nginx/access.log';
/** Lines of the access log kept (a benchmark would otherwise fill the memory). */
const ACCESS_LOG_LINES = 1000;

const pad = (n: number): string => String(n).padStart(2, '0');

/** $time_local as nginx writes it: 01/Jan/2024:00:00:05 +0000. */
function logTime(micros: number): string {
  const t = civilTime(micros);
  return `${pad(t.day)}/${MONTH_NAMES[t.month - 1]}/${t.year}:${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)} +0000`;
}

let lastDate = { second: -1, text: '' };

/** An HTTP date (RFC 7231), e.g. for the Date header; the text of the last second is kept, as nginx does. */
function httpDate(micros: number): string {
  const second = Math.floor(micros / 1_000_000);
  if (second !== lastDate.second) {
    const t = civilTime(micros);
    lastDate = { second, text: `${WEEKDAY_NAMES[t.weekday]}, ${pad(t.day)} ${MONTH_NAMES[t.month - 1]} ${t.year} ${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)} GMT` };
  }
  return lastDate.text;
}

export class WebServer {
  running = false;
  /** The time nginx last started, for `systemctl status`. */
  startedAt = 0;
  /** The time nginx last stopped. */
  stoppedAt = 0;
  /** Requests answered since boot (for tests and the bench). */
  requests = 0;
  /**
   * /var/log/nginx/access.log in nginx's combined format, the last lines
   * only. In DR and NAT the address logged is the client's own: the real
   * server sees the real client.
   */
  get accessLog(): string[] {
    return this.log.map((e) => `${formatIp4(e.client)} - - [${logTime(e.at)}] "${e.request}" ${e.status} ${e.sent} "${e.referer}" "${e.agent}"`);
  }

  /** The log's entries, formatted only when read (the benchmark makes thousands). */
  private readonly log: Array<{ client: number; at: number; request: string; status: number; sent: number; referer: string; agent: string }> = [];

  constructor(private readonly host: Host) {
    // Running from boot (time 0). The host is still being built: its clock is not readable yet.
    this.running = true;
    this.host.tcp.listen(HTTP_PORT, { accept: (conn) => this.accept(conn) });
  }

  /** The access log is a file on disk: a reboot's new nginx appends to the old one's. */
  inheritLog(previous: WebServer): void {
    this.log.push(...previous.log);
  }

  /** The page as the file system holds it (the host's name at boot), and when it was written; null once it is gone. */
  private page(): { text: string; mtimeUs: number } | null {
    const index = `${NGINX_ROOT[this.host.os]}/index.html`;
    const text = this.host.fs.read(index);
    const stat = this.host.fs.stat(index);
    return text.ok && stat.ok ? { text: text.value, mtimeUs: stat.value.mtimeUs } : null;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = this.host.clock.now;
    this.host.tcp.listen(HTTP_PORT, { accept: (conn) => this.accept(conn) });
    this.host.processes.startNginx(() => this.stop());
  }

  /** Stops listening; connections already open are closed (nginx's fast shutdown). */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.stoppedAt = this.host.clock.now;
    this.host.processes.stopNginx();
    this.host.tcp.unlisten(HTTP_PORT);
    for (const conn of [...this.host.tcp.connections.values()]) {
      if (conn.passive && conn.localPort === HTTP_PORT) this.host.tcp.close(conn);
    }
  }

  private accept(_conn: TcpConnection) {
    let buffer = '';
    return {
      onData: (conn: TcpConnection, text: string) => {
        buffer += text;
        let end = buffer.indexOf('\r\n\r\n');
        while (end >= 0) {
          const head = buffer.slice(0, end);
          buffer = buffer.slice(end + 4);
          this.respond(conn, head);
          if (conn.finSent) return;
          end = buffer.indexOf('\r\n\r\n');
        }
      },
      onPeerClosed: (conn: TcpConnection) => this.host.tcp.close(conn),
    };
  }

  private respond(conn: TcpConnection, head: string): void {
    const [requestLine = '', ...headerLines] = head.split('\r\n');
    const [method = '', target = '/', version = 'HTTP/1.0'] = requestLine.split(' ');
    const headers = new Map(headerLines.map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    const connection = (headers.get('connection') ?? '').toLowerCase();
    const keepAlive = version === 'HTTP/1.1' ? connection !== 'close' : connection === 'keep-alive';
    const path = target.split('?')[0]!;
    const now = this.host.clock.now;
    const page = path === '/' || path === '/index.html' ? this.page() : null;
    const found = page !== null;
    const body = page ? page.text : notFoundPage();
    const lines = [
      `HTTP/1.1 ${found ? '200 OK' : '404 Not Found'}`,
      `Server: ${NGINX_VERSION}`,
      `Date: ${httpDate(now)}`,
      `Content-Type: text/html`,
      `Content-Length: ${body.length}`,
    ];
    if (page) lines.push(`Last-Modified: ${httpDate(page.mtimeUs - (page.mtimeUs % 1_000_000))}`);
    lines.push(`Connection: ${keepAlive ? 'keep-alive' : 'close'}`);
    // ngx_http_set_etag: the file's mtime (Unix seconds) and size, in hexadecimal.
    if (page) lines.push(`ETag: "${(VIRTUAL_EPOCH_UNIX_SECONDS + Math.floor(page.mtimeUs / 1_000_000)).toString(16)}-${body.length.toString(16)}"`, 'Accept-Ranges: bytes');
    this.requests++;
    if (this.log.length >= ACCESS_LOG_LINES) this.log.shift();
    this.log.push({ client: conn.remoteIp, at: now, request: requestLine, status: found ? 200 : 404, sent: method === 'HEAD' ? 0 : body.length, referer: headers.get('referer') ?? '-', agent: headers.get('user-agent') ?? '-' });
    if (this.host.tracing) this.host.trace('http.response', { method, path, status: found ? 200 : 404, client: formatIp4(conn.remoteIp), local: formatIp4(conn.localIp), body: body.trim() });
    this.host.tcp.send(conn, `${lines.join('\r\n')}\r\n\r\n${method === 'HEAD' ? '' : body}`);
    if (!keepAlive) this.host.tcp.close(conn);
  }
}

function notFoundPage(): string {
  return `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`;
}
