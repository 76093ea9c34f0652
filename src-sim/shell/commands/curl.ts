// curl 7.88.1 (Debian 12) for http:// URLs: its messages, exit codes and the
// options LVS tutorials use: -s -S -v -i -I -o -w -m --connect-timeout -H.
// Time passes on the lab's clock while curl waits: a SYN that gets no answer
// is retransmitted as the kernel does (host/tcp/), until -m or
// --connect-timeout ends it (exit 28) or connect() fails with ETIMEDOUT
// (exit 28 too, with curl's "Failed to connect" message).
//
// Simplifications: no DNS (only IPv4 literals and localhost resolve; other
// names give exit 6 as on a host without resolver entries); -o writes
// nowhere (the lab has no files); the progress meter is printed once, in
// its final state; no TLS (https:// connects to port 443, where nothing
// listens).
import type { CommandContext, Command } from '../context.ts';
import { formatIp4, parseIp4, type Ip4 } from '../../net/addr.ts';
import { headerValue, reusable, startHttpRequest, type HttpExchange } from '../../host/http-client.ts';
import type { TcpConnection } from '../../host/tcp/connection.ts';
import { MICROS_PER_SECOND } from '../../core/event-queue.ts';

export const CURL_VERSION = '7.88.1';
const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";
/** curl's own default connect timeout (DEFAULT_CONNECT_TIMEOUT). */
const DEFAULT_CONNECT_TIMEOUT_MS = 300_000;
/** Time from the end of the transfer to curl's exit. */
const EXIT_DELAY_US = 1000;
/** Without -m, a transfer that never ends is interrupted (as Ctrl-C, exit 130) after this much virtual time. */
const INTERRUPT_AFTER_US = 300 * MICROS_PER_SECOND;

interface CurlOptions {
  silent: boolean;
  showError: boolean;
  verbose: boolean;
  include: boolean;
  head: boolean;
  output: string | null;
  writeOut: string | null;
  maxTimeMs: number | null;
  connectTimeoutMs: number | null;
  headers: string[];
  urls: string[];
}

/** Options that take a value, by short and long name. */
const VALUE_OPTIONS: Record<string, keyof CurlOptions | 'ignore'> = {
  m: 'maxTimeMs', 'max-time': 'maxTimeMs', 'connect-timeout': 'connectTimeoutMs', o: 'output', output: 'output', w: 'writeOut', 'write-out': 'writeOut', H: 'headers', header: 'headers',
  A: 'ignore', 'user-agent': 'ignore', e: 'ignore', referer: 'ignore', 'retry': 'ignore', x: 'ignore', proxy: 'ignore', noproxy: 'ignore', 'resolve': 'ignore', X: 'ignore', request: 'ignore',
};
const FLAG_OPTIONS: Record<string, keyof CurlOptions | 'ignore'> = {
  s: 'silent', silent: 'silent', S: 'showError', 'show-error': 'showError', v: 'verbose', verbose: 'verbose', i: 'include', include: 'include', I: 'head', head: 'head',
  '4': 'ignore', ipv4: 'ignore', k: 'ignore', insecure: 'ignore', L: 'ignore', location: 'ignore', N: 'ignore', 'no-buffer': 'ignore', 'no-keepalive': 'ignore', f: 'ignore', fail: 'ignore',
};

function parseArgs(ctx: CommandContext): CurlOptions | number {
  const o: CurlOptions = { silent: false, showError: false, verbose: false, include: false, head: false, output: null, writeOut: null, maxTimeMs: null, connectTimeoutMs: null, headers: [], urls: [] };
  const args = ctx.argv.slice(1);
  const setValue = (name: string, display: string, value: string | undefined): number | null => {
    if (value === undefined) {
      ctx.err(`curl: option ${display}: requires parameter\n${TRY_HELP}`);
      return 2;
    }
    const field = VALUE_OPTIONS[name]!;
    if (field === 'maxTimeMs' || field === 'connectTimeoutMs') {
      if (!/^\d+(\.\d+)?$/.test(value)) {
        ctx.err(`curl: option ${display}: expected a proper numerical parameter\n${TRY_HELP}`);
        return 2;
      }
      o[field] = Math.round(Number(value) * 1000);
    } else if (field === 'headers') o.headers.push(value);
    else if (field === 'output' || field === 'writeOut') o[field] = value;
    return null;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--') && arg.length > 2) {
      const name = arg.slice(2);
      if (name in VALUE_OPTIONS) {
        const bad = setValue(name, arg, args[++i]);
        if (bad !== null) return bad;
      } else if (name in FLAG_OPTIONS) {
        const field = FLAG_OPTIONS[name]!;
        if (field !== 'ignore') (o as unknown as Record<string, boolean>)[field] = true;
      } else {
        ctx.err(`curl: option ${arg}: is unknown\n${TRY_HELP}`);
        return 2;
      }
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        if (letter in VALUE_OPTIONS) {
          const value = j + 1 < arg.length ? arg.slice(j + 1) : args[++i];
          const bad = setValue(letter, `-${letter}`, value);
          if (bad !== null) return bad;
          break;
        }
        if (!(letter in FLAG_OPTIONS)) {
          ctx.err(`curl: option -${arg.slice(j)}: is unknown\n${TRY_HELP}`);
          return 2;
        }
        const field = FLAG_OPTIONS[letter]!;
        if (field !== 'ignore') (o as unknown as Record<string, boolean>)[field] = true;
      }
    } else o.urls.push(arg);
  }
  if (o.urls.length === 0) {
    ctx.err(`curl: no URL specified\n${TRY_HELP}`);
    return 2;
  }
  return o;
}

interface Target {
  scheme: string;
  hostText: string;
  ip: Ip4;
  port: number;
  path: string;
  url: string;
}

/** curl's URL parser for the forms a lab uses; errors as curl's exit codes and messages. */
function parseUrl(text: string): Target | { exit: number; message: string } {
  const bad = { exit: 3, message: 'URL using bad/illegal format or missing URL' };
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(text);
  const scheme = schemeMatch ? schemeMatch[1]!.toLowerCase() : 'http';
  const rest = schemeMatch ? text.slice(schemeMatch[0].length) : text;
  const defaultPorts: Record<string, number> = { http: 80, https: 443 };
  if (!(scheme in defaultPorts)) return { exit: 1, message: `Protocol "${scheme}" not supported or disabled in libcurl` };
  const slash = rest.search(/[/?#]/);
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  let path = slash < 0 ? '/' : rest.slice(slash);
  if (path.startsWith('?')) path = `/${path}`;
  path = path.split('#')[0]!;
  const m = /^([^:@]*)(?::(\d*))?$/.exec(authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority);
  if (!m || m[1] === '') return bad;
  const hostText = m[1]!;
  let port = defaultPorts[scheme]!;
  if (m[2] !== undefined && m[2] !== '') {
    port = Number(m[2]);
    if (port > 65535) return bad;
  }
  const ip = hostText === 'localhost' ? 0x7f000001 : /^[\d.]+$/.test(hostText) ? parseIp4(hostText) : null;
  if (/^[\d.]+$/.test(hostText) && ip === null) return bad;
  if (ip === null) return { exit: 6, message: `Could not resolve host: ${hostText}` };
  const shownHost = hostText;
  const url = `${scheme}://${shownHost}${m[2] ? `:${m[2]}` : ''}${path}`;
  return { scheme, hostText, ip, port, path, url };
}

interface Outcome {
  exit: number;
  message: string;
  ex: HttpExchange | null;
}

export const curl: Command = (ctx) => {
  const parsed = parseArgs(ctx);
  if (typeof parsed === 'number') return parsed;
  const o = parsed;
  let exit = 0;
  // curl keeps a connection whose response allowed it and sends the next
  // URL's request on it when that URL names the same scheme, host and port
  // (Linux 6.18: `curl URL URL` is one handshake and one FIN exchange).
  let kept: Kept | null = null;
  let connections = 0;
  for (let n = 0; n < o.urls.length; n++) {
    const next = n + 1 < o.urls.length ? parseUrl(o.urls[n + 1]!) : null;
    const result = fetchOne(ctx, o, o.urls[n]!, kept, connections, next !== null && !('exit' in next) ? `${next.scheme}://${next.hostText}:${next.port}` : null);
    exit = result.exit;
    kept = result.kept;
    if (result.opened) connections++;
  }
  return exit;
};

/** A connection curl keeps for the next URL. */
interface Kept {
  conn: TcpConnection;
  key: string;
  connNo: number;
}

interface FetchResult {
  exit: number;
  kept: Kept | null;
  /** A new connection was opened (for the #N curl -v numbers). */
  opened: boolean;
}

function fetchOne(ctx: CommandContext, o: CurlOptions, urlText: string, kept: Kept | null, connections: number, nextKey: string | null): FetchResult {
  const closeKept = (): void => {
    if (kept && kept.conn.state !== 'CLOSED') ctx.host.tcp.close(kept.conn);
  };
  const showErrors = !o.silent || o.showError;
  const verbose = (text: string): void => {
    if (o.verbose) ctx.err(text);
  };
  const target = parseUrl(urlText);
  if ('exit' in target) {
    closeKept();
    if (showErrors) ctx.err(`curl: (${target.exit}) ${target.message}\n`);
    writeOut(ctx, o, null, target.exit, target.message, urlText);
    return { exit: target.exit, kept: null, opened: false };
  }
  const clock = ctx.clock;
  const ipText = formatIp4(target.ip);
  const key = `${target.scheme}://${target.hostText}:${target.port}`;
  const reuse = kept && kept.key === key && reusable(kept.conn) ? kept : null;
  if (!reuse) closeKept();
  const connNo = reuse ? reuse.connNo : connections;
  if (reuse) verbose(`* Re-using existing connection #${connNo} with host ${target.hostText}\n`);
  else verbose(`*   Trying ${ipText}:${target.port}...\n`);
  const hostHeader = target.port === (target.scheme === 'https' ? 443 : 80) ? target.hostText : `${target.hostText}:${target.port}`;
  // -H replaces a default header of the same name ("Name:" alone removes it), as curl does:
  // a custom Host takes the Host line's place, other custom headers come last.
  const nameOf = (h: string): string => h.slice(0, h.indexOf(':') < 0 ? h.length : h.indexOf(':')).trim().toLowerCase();
  const custom = new Map(o.headers.map((h) => [nameOf(h), h]));
  const isRemoval = (h: string): boolean => /^[^:]+:\s*$/.test(h);
  const hostLine = custom.get('host') ?? `Host: ${hostHeader}`;
  const defaults = [hostLine, `User-Agent: curl/${CURL_VERSION}`, 'Accept: */*'].filter((h) => h === hostLine || !custom.has(nameOf(h))).filter((h) => !isRemoval(h));
  const extra = o.headers.filter((h) => nameOf(h) !== 'host' && !isRemoval(h));
  const requestLines = [`${o.head ? 'HEAD' : 'GET'} ${target.path} HTTP/1.1`, ...defaults, ...extra];
  const request = `${requestLines.join('\r\n')}\r\n\r\n`;
  const ex = startHttpRequest(ctx.host, target.ip, target.port, request, !o.head, reuse ? reuse.conn : null);
  if (ex.reused && o.verbose) ctx.err(requestLines.map((l) => `> ${l}\r\n`).join('') + '> \r\n');
  const start = clock.now;
  const maxTime = o.maxTimeMs === null || o.maxTimeMs === 0 ? Infinity : start + o.maxTimeMs * 1000;
  const connectTimeout = start + (o.connectTimeoutMs || DEFAULT_CONNECT_TIMEOUT_MS) * 1000;
  ex.onConnect = () => {
    verbose(`* Connected to ${target.hostText} (${ipText}) port ${target.port} (#${connNo})\n`);
    // curl -v shows the header bytes as sent, CRLF line ends included.
    if (o.verbose) ctx.err(requestLines.map((l) => `> ${l}\r\n`).join('') + '> \r\n');
  };
  let outcome: Outcome | null = null;
  while (ex.phase !== 'done' && ex.phase !== 'failed') {
    const deadline = ex.phase === 'connecting' ? Math.min(maxTime, connectTimeout) : maxTime;
    const next = clock.nextAt();
    if (next === null || next > deadline) {
      if (deadline === Infinity || deadline > start + INTERRUPT_AFTER_US) {
        // Nothing more will happen and curl has no deadline: the learner would press Ctrl-C.
        clock.runUntil(Math.min(deadline, start + INTERRUPT_AFTER_US));
        if (ex.conn) ctx.host.tcp.abandon(ex.conn);
        return { exit: 130, kept: null, opened: !ex.reused };
      }
      clock.runUntil(deadline);
      // curl notices the deadline on its next wakeup, a millisecond later.
      const elapsed = Math.floor((deadline - start) / 1000) + 1;
      // --connect-timeout (or curl's own 300 s) ending connect() has its own
      // message (curl 7.88.1 on Linux 6.18: "Failed to connect to … after
      // 1501 ms: Timeout was reached"); -m gives "Connection timed out".
      const message =
        ex.phase !== 'connecting'
          ? `Operation timed out after ${elapsed} milliseconds with ${ex.body.length} bytes received`
          : connectTimeout < maxTime
            ? `Failed to connect to ${target.hostText} port ${target.port} after ${elapsed} ms: Timeout was reached`
            : `Connection timed out after ${elapsed} milliseconds`;
      outcome = { exit: 28, message, ex };
      break;
    }
    clock.step();
  }
  const elapsedMs = Math.floor((clock.now - start) / 1000);
  if (!outcome && ex.phase === 'failed') {
    if (ex.connectedAt === null) {
      const errnoText: Record<string, string> = { ECONNREFUSED: 'Connection refused', ETIMEDOUT: 'Connection timed out', EHOSTUNREACH: 'No route to host', ENETUNREACH: 'Network is unreachable', EADDRNOTAVAIL: 'Cannot assign requested address' };
      verbose(`* connect to ${ipText} port ${target.port} failed: ${errnoText[ex.error ?? ''] ?? ex.error}\n`);
      const message = `Failed to connect to ${target.hostText} port ${target.port} after ${elapsedMs} ms: Couldn't connect to server`;
      verbose(`* ${message}\n`);
      outcome = { exit: ex.error === 'ETIMEDOUT' ? 28 : 7, message, ex };
    } else if (ex.error === 'ECONNRESET') outcome = { exit: 56, message: 'Recv failure: Connection reset by peer', ex };
    else if (ex.error) outcome = { exit: 56, message: `Recv failure: ${ex.error}`, ex };
    else outcome = { exit: 52, message: 'Empty reply from server', ex };
  }
  if (outcome) {
    if (outcome.exit === 28 && outcome.message.endsWith('Timeout was reached')) verbose(`* ipv4 connect timeout after ${Math.round((connectTimeout - start) / 1000)}ms, move on!\n`);
    if (outcome.exit === 28) verbose(`* ${outcome.message}\n`);
    verbose(`* Closing connection ${connNo}\n`);
    if (ex.conn) ctx.host.tcp.abandon(ex.conn);
    if (showErrors) ctx.err(`curl: (${outcome.exit}) ${outcome.message}\n`);
    writeOut(ctx, o, ex, outcome.exit, outcome.message, target.url);
    return { exit: outcome.exit, kept: null, opened: !ex.reused };
  }
  // Done: the response is complete; curl closes the connection as it exits.
  if (o.verbose) ctx.err(ex.head.split('\r\n').map((l) => `< ${l}\r\n`).join('') + '< \r\n');
  const toStdout = o.output === null || o.output === '-';
  let shown = '';
  if (o.include || o.head) shown += `${ex.head}\r\n\r\n`;
  if (!o.head) shown += ex.body;
  if (toStdout) ctx.out(shown);
  else if (!o.silent) progressMeter(ctx, ex);
  verbose(`* Connection #${connNo} to host ${target.hostText} left intact\n`);
  const keepAlive = (headerValue(ex.head, 'connection') ?? '').toLowerCase() !== 'close';
  if (ex.conn && keepAlive && nextKey === key && reusable(ex.conn)) {
    writeOut(ctx, o, ex, 0, '', target.url);
    return { exit: 0, kept: { conn: ex.conn, key, connNo }, opened: !ex.reused };
  }
  if (ex.conn) ctx.host.tcp.close(ex.conn);
  // curl exits about a millisecond later; the FIN exchange its close() started is over by then.
  clock.runUntil(clock.now + EXIT_DELAY_US);
  writeOut(ctx, o, ex, 0, '', target.url);
  return { exit: 0, kept: null, opened: !ex.reused };
}

/** The progress meter curl prints to stderr when the body goes to a file, in its final state. */
function progressMeter(ctx: CommandContext, ex: HttpExchange): void {
  const size = ex.body.length;
  const seconds = Math.max((ex.doneAt! - ex.startedAt) / MICROS_PER_SECOND, 0.000001);
  const speed = Math.round(size / seconds);
  const col = (text: string | number, width: number): string => String(text).padStart(width);
  ctx.err('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n');
  ctx.err('                                 Dload  Upload   Total   Spent    Left  Speed\n');
  ctx.err(`${col(100, 3)} ${col(size, 5)}  ${col(100, 3)} ${col(size, 5)}    0     0 ${col(speed > 99999 ? `${Math.round(speed / 1024)}k` : speed, 6)}      0 --:--:-- --:--:-- --:--:-- ${col(speed > 99999 ? `${Math.round(speed / 1024)}k` : speed, 6)}\n`);
}

/** -w: curl's write-out variables (a subset) and backslash escapes. */
function writeOut(ctx: CommandContext, o: CurlOptions, ex: HttpExchange | null, exit: number, errormsg: string, url: string): void {
  if (o.writeOut === null) return;
  const secs = (at: number | null | undefined): string => (at === null || at === undefined || !ex ? '0.000000' : ((at - ex.startedAt) / MICROS_PER_SECOND).toFixed(6));
  const conn = ex?.conn ?? null;
  const vars: Record<string, () => string> = {
    http_code: () => String(ex?.status ?? 0).padStart(3, '0'),
    response_code: () => String(ex?.status ?? 0).padStart(3, '0'),
    remote_ip: () => (conn && ex?.connectedAt !== null ? formatIp4(conn.remoteIp) : ''),
    remote_port: () => (conn && ex?.connectedAt !== null ? String(conn.remotePort) : '0'),
    local_ip: () => (conn && ex?.connectedAt !== null ? formatIp4(conn.localIp) : ''),
    local_port: () => (conn && ex?.connectedAt !== null ? String(conn.localPort) : '0'),
    time_total: () => secs(ex?.doneAt ?? ctx.clock.now),
    time_connect: () => secs(ex?.connectedAt),
    time_starttransfer: () => secs(ex?.firstByteAt),
    time_namelookup: () => '0.000010',
    size_download: () => String(ex?.body.length ?? 0),
    size_header: () => String(ex && ex.head ? ex.head.length + 4 : 0),
    content_type: () => (ex ? (headerValue(ex.head, 'content-type') ?? '') : ''),
    num_connects: () => (ex?.connectedAt !== null && ex?.connectedAt !== undefined && !ex.reused ? '1' : '0'),
    exitcode: () => String(exit),
    errormsg: () => errormsg,
    url_effective: () => url,
    url: () => url,
    scheme: () => 'HTTP',
    http_version: () => (ex?.status ? '1.1' : '0'),
  };
  let text = '';
  const f = o.writeOut;
  for (let i = 0; i < f.length; i++) {
    const c = f[i]!;
    if (c === '\\' && i + 1 < f.length) {
      const e = f[++i]!;
      text += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === '\\' ? '\\' : `\\${e}`;
    } else if (c === '%' && f[i + 1] === '{') {
      const end = f.indexOf('}', i);
      if (end < 0) {
        text += f.slice(i);
        break;
      }
      const name = f.slice(i + 2, end);
      const value = vars[name];
      if (value) text += value();
      else ctx.err(`curl: unknown --write-out variable: '${name}'\n`);
      i = end;
    } else if (c === '%' && f[i + 1] === '%') {
      text += '%';
      i++;
    } else text += c;
  }
  ctx.out(text);
}
