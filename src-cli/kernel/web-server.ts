// The kernel runner's stand-in for the simulator's nginx (src-sim/host/web-server.ts):
// a tiny HTTP/1.1 server run with `node` inside each host's network namespace
// on 0.0.0.0:80, answering GET / and HEAD / with the host's name and a newline,
// with the same status line and headers as the simulator (Date is the real
// date), 404 for other paths, keep-alive for HTTP/1.1 until the client closes
// (then it closes too, so its FIN carries the ACK of the client's FIN), close
// after the response for HTTP/1.0 or `Connection: close`. The whole response
// is one write, so it leaves as one TCP segment, as the simulator sends it.
//
// Bounded: it exits by itself after `lifetimeMs`, when its parent (the runner)
// is gone, and on SIGTERM/SIGINT; the runner also kills every process of a
// namespace when it deletes it.
//
// The two functions below are self-contained on purpose: the child is started
// with `node -e` and their source text (Function.prototype.toString), so the
// runner needs no file next to the compiled CLI.


export interface WebResponse {
  /** Bytes to write (head and body), in one write. */
  text: string;
  /** Close the connection after writing. */
  close: boolean;
}

/**
 * The answer to one request head (request line and headers, without the blank
 * line), as the simulator's nginx gives it. `now` is the Date header's time.
 */
export function nginxLikeResponse(hostName: string, head: string, now: Date): WebResponse {
  const server = 'nginx/1.22.1';
  const lines = head.split('\r\n');
  const requestLine = lines[0] ?? '';
  const parts = requestLine.split(' ');
  const method = parts[0] ?? '';
  const target = parts[1] ?? '/';
  const version = parts[2] ?? 'HTTP/1.0';
  let connection = '';
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === 'connection') connection = line.slice(colon + 1).trim().toLowerCase();
  }
  const keepAlive = version === 'HTTP/1.1' ? connection !== 'close' : connection === 'keep-alive';
  const path = target.split('?')[0] ?? '/';
  const found = path === '/' || path === '/index.html';
  const notFound = `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`;
  const body = found ? `${hostName}\n` : notFound;
  // The simulator's page dates: its virtual time 0 is 2024-01-01 00:00:00 UTC.
  const modified = new Date(Date.UTC(2024, 0, 1, 0, 0, 0));
  const out = [
    `HTTP/1.1 ${found ? '200 OK' : '404 Not Found'}`,
    `Server: ${server}`,
    `Date: ${now.toUTCString()}`,
    'Content-Type: text/html',
    `Content-Length: ${body.length}`,
  ];
  if (found) out.push(`Last-Modified: ${modified.toUTCString()}`);
  out.push(`Connection: ${keepAlive ? 'keep-alive' : 'close'}`);
  if (found) out.push(`ETag: "${Math.floor(modified.getTime() / 1000).toString(16)}-${body.length.toString(16)}"`, 'Accept-Ranges: bytes');
  return { text: `${out.join('\r\n')}\r\n\r\n${method === 'HEAD' ? '' : body}`, close: !keepAlive };
}

/** What `runWebServer` needs from node:net (a parameter, so the function stays self-contained). */
interface NetLike {
  createServer(listener: (socket: SocketLike) => void): ServerLike;
}
interface SocketLike {
  setEncoding(enc: 'latin1'): void;
  on(event: 'data', cb: (chunk: string) => void): void;
  on(event: 'error', cb: () => void): void;
  write(text: string, enc: 'latin1'): void;
  end(): void;
  destroy(): void;
  setTimeout(ms: number, cb: () => void): void;
}
interface ServerLike {
  on(event: 'error', cb: (e: Error) => void): void;
  listen(port: number, host: string, cb: () => void): void;
}
interface ProcessLike {
  ppid: number;
  stdout: { write(text: string): void };
  stderr: { write(text: string): void };
  exit(code: number): never;
  on(event: 'SIGTERM' | 'SIGINT', cb: () => void): void;
}

/**
 * The server's main: listens on 0.0.0.0:`port`, prints "ready" once
 * listening. `respond` is nginxLikeResponse (passed in by the script).
 */
export function runWebServer(
  net: NetLike,
  proc: ProcessLike,
  respond: typeof nginxLikeResponse,
  hostName: string,
  port: number,
  lifetimeMs: number,
): void {
  const parent = proc.ppid;
  const server = net.createServer((socket) => {
    let buffer = '';
    let closing = false;
    socket.setEncoding('latin1');
    // nginx's keepalive_timeout (75 s); curl closes long before.
    socket.setTimeout(75_000, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      if (closing) return;
      buffer += chunk;
      if (buffer.length > 65536) {
        socket.destroy();
        return;
      }
      let end = buffer.indexOf('\r\n\r\n');
      while (end >= 0 && !closing) {
        const head = buffer.slice(0, end);
        buffer = buffer.slice(end + 4);
        const r = respond(hostName, head, new Date());
        socket.write(r.text, 'latin1');
        if (r.close) {
          closing = true;
          socket.end();
        }
        end = buffer.indexOf('\r\n\r\n');
      }
    });
  });
  server.on('error', (e) => {
    proc.stderr.write(`web server for ${hostName}: ${e.message}\n`);
    proc.exit(1);
  });
  server.listen(port, '0.0.0.0', () => proc.stdout.write('ready\n'));
  const stop = (): never => proc.exit(0);
  proc.on('SIGTERM', stop);
  proc.on('SIGINT', stop);
  setTimeout(stop, lifetimeMs);
  // The runner started us; if it is gone (killed), so are we.
  setInterval(() => {
    if (proc.ppid !== parent) stop();
  }, 500);
}

/** The `node -e` script: argv[1] host name, argv[2] port, argv[3] lifetime in ms. */
export function webServerScript(): string {
  return [
    `const nginxLikeResponse = ${nginxLikeResponse.toString()};`,
    `const runWebServer = ${runWebServer.toString()};`,
    `runWebServer(require('node:net'), process, nginxLikeResponse, process.argv[1], Number(process.argv[2]), Number(process.argv[3]));`,
  ].join('\n');
}

