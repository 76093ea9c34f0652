import { describe, expect, it, vi } from 'vitest';
import { NGINX_VERSION } from '../../src-sim/host/web-server.ts';
import { runScenario } from '../../src-sim/scenario/run.ts';
import type { Scenario } from '../../src-sim/scenario/types.ts';
import { nginxLikeResponse, runWebServer, webServerScript } from './web-server.ts';

const NOW = new Date(Date.UTC(2026, 11, 1, 12, 0, 0));

describe('nginxLikeResponse (the kernel runner\'s stand-in for the simulator\'s nginx)', () => {
  it('answers GET / with the host name and the simulator\'s status line and headers, keeping the connection', () => {
    const r = nginxLikeResponse('rs1', 'GET / HTTP/1.1\r\nHost: 198.51.100.11\r\nUser-Agent: curl/7.88.1\r\nAccept: */*', NOW);
    expect(r.close).toBe(false);
    expect(r.text).toBe(
      'HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Tue, 01 Dec 2026 12:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 4\r\n' +
        'Last-Modified: Mon, 01 Jan 2024 00:00:00 GMT\r\nConnection: keep-alive\r\nETag: "65920080-4"\r\nAccept-Ranges: bytes\r\n\r\nrs1\n',
    );
    expect(r.text).toContain(`Server: ${NGINX_VERSION}\r\n`);
  });

  it('closes after the response for Connection: close and HTTP/1.0, sends no body for HEAD, 404 elsewhere', () => {
    expect(nginxLikeResponse('rs1', 'GET / HTTP/1.1\r\nConnection: close', NOW).close).toBe(true);
    expect(nginxLikeResponse('rs1', 'GET / HTTP/1.0', NOW).close).toBe(true);
    expect(nginxLikeResponse('rs1', 'GET / HTTP/1.0\r\nConnection: Keep-Alive', NOW).close).toBe(false);
    expect(nginxLikeResponse('rs1', 'HEAD / HTTP/1.1', NOW).text.endsWith('Accept-Ranges: bytes\r\n\r\n')).toBe(true);
    const missing = nginxLikeResponse('rs1', 'GET /missing HTTP/1.1', NOW).text;
    expect(missing.startsWith('HTTP/1.1 404 Not Found\r\n')).toBe(true);
    expect(missing).toContain('<center><h1>404 Not Found</h1></center>');
  });

  it('sends the same head and body as the simulator\'s nginx, Date apart', () => {
    const scenario: Scenario = {
      format: 'lvs-dr-lab/scenario@1',
      hosts: [
        { name: 'client', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:01', addresses: ['198.51.100.1/24'] }] },
        { name: 'rs1', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:11', addresses: ['198.51.100.11/24'] }] },
      ],
      steps: [{ host: 'client', run: 'curl -s -i http://198.51.100.11/' }],
    };
    const simulated = runScenario(scenario, { seed: 1 }).steps[0]!.stdout;
    const ours = nginxLikeResponse('rs1', 'GET / HTTP/1.1\r\nHost: 198.51.100.11\r\nUser-Agent: curl/7.88.1\r\nAccept: */*', NOW).text;
    const withoutDate = (text: string): string => text.replace(/\r\nDate: [^\r]*/, '');
    expect(withoutDate(ours)).toBe(withoutDate(simulated));
  });

  it('serves requests on each connection, answering pipelined requests in order and closing when asked', () => {
    vi.useFakeTimers();
    try {
      let onConnection: ((socket: FakeSocket) => void) | null = null;
      const out: string[] = [];
      const net = {
        createServer: (listener: (socket: FakeSocket) => void) => {
          onConnection = listener;
          return { on: () => undefined, listen: (_port: number, _host: string, cb: () => void) => cb() };
        },
      };
      const proc = { ppid: 1, stdout: { write: (t: string) => void out.push(t) }, stderr: { write: () => undefined }, exit: (() => undefined) as unknown as (code: number) => never, on: () => undefined };
      runWebServer(net as never, proc, nginxLikeResponse, 'rs2', 80, 60_000);
      expect(out).toEqual(['ready\n']);
      const socket = new FakeSocket();
      onConnection!(socket);
      socket.emit('GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\nGET / HTTP/1.1\r\n\r\n');
      expect(socket.written.map((w) => w.split('\r\n')[0])).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 404 Not Found']);
      expect(socket.written[0]!.endsWith('\r\n\r\nrs2\n')).toBe(true);
      expect(socket.ended).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is one script for node -e that defines both functions and starts the server', () => {
    const script = webServerScript();
    expect(script).toContain(nginxLikeResponse.toString());
    expect(script).toContain(runWebServer.toString());
    expect(script.trim().endsWith("runWebServer(require('node:net'), process, nginxLikeResponse, process.argv[1], Number(process.argv[2]), Number(process.argv[3]));")).toBe(true);
  });
});

class FakeSocket {
  written: string[] = [];
  ended = false;
  private onData: ((chunk: string) => void) | null = null;
  setEncoding(): void {}
  setTimeout(): void {}
  on(event: string, cb: (chunk: string) => void): void {
    if (event === 'data') this.onData = cb;
  }
  write(text: string): void {
    this.written.push(text);
  }
  end(): void {
    this.ended = true;
  }
  destroy(): void {}
  emit(chunk: string): void {
    this.onData?.(chunk);
  }
}
