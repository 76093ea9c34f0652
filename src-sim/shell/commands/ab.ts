// ApacheBench 2.3: `ab [-n N] [-c C] [-s S] [-q] http://HOST[:PORT]/PATH`,
// HTTP/1.0 requests (nginx closes after each response), C in flight at a
// time, and ab's summary (ab.c output()): server, document, timing, the
// connection-times table and the percentiles. Times are the lab's virtual
// time, so "Time taken" is what the simulated network took.
//
// Subset: -n -c -s -q -k (keep-alive is accepted and ignored: every request
// opens its own connection, which is what LVS scheduler lessons want to see).
import type { Command, CommandContext } from '../context.ts';
import { parseIp4 } from '../../net/addr.ts';
import { headerValue, startHttpRequest, type HttpExchange } from '../../host/http-client.ts';
import { MICROS_PER_SECOND } from '../../core/event-queue.ts';

const USAGE = `Usage: ab [options] [http[s]://]hostname[:port]/path
Options are:
    -n requests     Number of requests to perform
    -c concurrency  Number of multiple requests to make at a time
    -s timeout      Seconds to max. wait for each response
                    Default is 30 seconds
    -q              Do not show progress when doing more than 150 requests
    -k              Use HTTP KeepAlive feature
`;
const PERCENTILES = [50, 66, 75, 80, 90, 95, 98, 99, 100];
/** A lab terminal does not run more than this many requests in one ab. */
const MAX_REQUESTS = 1_000_000;

interface Timing {
  start: number;
  connect: number;
  firstByte: number;
  done: number;
}

function usage(ctx: CommandContext, message: string | null): number {
  if (message) ctx.err(message);
  ctx.err(USAGE);
  return 22;
}

export const ab: Command = (ctx) => {
  let requests = 1;
  let concurrency = 1;
  let timeoutS = 30;
  let quiet = false;
  let url: string | null = null;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^-[ncs]/.test(a)) {
      const value = a.length > 2 ? a.slice(2) : args[++i];
      if (value === undefined) return usage(ctx, `ab: option requires an argument -- '${a[1]}'\n`);
      const n = Number(value);
      if (!Number.isFinite(n) || !/^\d+(\.\d+)?$/.test(value)) return usage(ctx, null);
      if (a[1] === 'n') requests = Math.floor(n);
      else if (a[1] === 'c') concurrency = Math.floor(n);
      else timeoutS = n;
    } else if (a === '-q') quiet = true;
    else if (a === '-k') continue;
    else if (a.startsWith('-')) return usage(ctx, `ab: illegal option -- ${a.slice(1, 2)}\n`);
    else url = a;
  }
  if (url === null) return usage(ctx, 'ab: wrong number of arguments\n');
  if (concurrency > requests) {
    ctx.err('ab: Cannot use concurrency level greater than total number of requests\n');
    return usage(ctx, null);
  }
  if (concurrency < 1 || requests < 1) return usage(ctx, null);
  requests = Math.min(requests, MAX_REQUESTS);
  const m = /^(?:http:\/\/)?([^/:]+)(?::(\d+))?(\/.*)$/.exec(url);
  if (!m) {
    ctx.err('ab: invalid URL\n');
    return usage(ctx, null);
  }
  const hostText = m[1]!;
  const port = m[2] ? Number(m[2]) : 80;
  const path = m[3]!;
  const ip = hostText === 'localhost' ? 0x7f000001 : parseIp4(hostText);
  if (ip === null) {
    ctx.err(`apr_sockaddr_info_get() for ${hostText}: Temporary failure in name resolution (670003)\n`);
    return 1;
  }
  const clock = ctx.clock;
  const heartbeat = requests > 150 ? Math.max(100, Math.floor(requests / 10)) : 0;
  // ab prints its banner and "Benchmarking" on stdout, the progress lines on stderr.
  ctx.out('This is ApacheBench, Version 2.3 <$Revision: 1903618 $>\nCopyright 1996 Adam Twiss, Zeus Technology Ltd, http://www.zeustech.net/\nLicensed to The Apache Software Foundation, http://www.apache.org/\n\n');
  ctx.out(`Benchmarking ${hostText} (be patient)${heartbeat ? '\n' : '...'}`);
  const request = `GET ${path} HTTP/1.0\r\nHost: ${port === 80 ? hostText : `${hostText}:${port}`}\r\nUser-Agent: ApacheBench/2.3\r\nAccept: */*\r\n\r\n`;
  const start = clock.now;
  const timings: Timing[] = [];
  let started = 0;
  let finished = 0;
  let failed: string | null = null;
  let serverSoftware = '';
  let docLength: number | null = null;
  let totalRead = 0;
  let htmlRead = 0;
  let non2xx = 0;
  const inFlight = new Set<HttpExchange>();
  const launch = (): void => {
    const ex = startHttpRequest(ctx.host, ip, port, request);
    started++;
    inFlight.add(ex);
    ex.onEnd = () => {
      inFlight.delete(ex);
      if (ex.phase === 'failed' || ex.connectedAt === null) {
        const text: Record<string, string> = { ECONNREFUSED: 'Connection refused (111)', EHOSTUNREACH: 'No route to host (113)', ENETUNREACH: 'Network is unreachable (101)', ETIMEDOUT: 'Connection timed out (110)', ECONNRESET: 'Connection reset by peer (104)' };
        if (ex.error === 'EADDRNOTAVAIL' || ex.error === 'ENETUNREACH') failed ??= `apr_socket_connect(): ${ex.error === 'ENETUNREACH' ? 'Network is unreachable (101)' : 'Cannot assign requested address (99)'}`;
        else failed ??= `apr_socket_recv: ${text[ex.error ?? ''] ?? 'Connection reset by peer (104)'}`;
        return;
      }
      if (ex.conn) ctx.host.tcp.close(ex.conn);
      finished++;
      totalRead += ex.received;
      htmlRead += ex.body.length;
      if (ex.status < 200 || ex.status >= 300) non2xx++;
      if (!serverSoftware) serverSoftware = headerValue(ex.head, 'server') ?? '';
      docLength ??= ex.body.length;
      timings.push({ start: ex.startedAt, connect: ex.connectedAt, firstByte: ex.firstByteAt ?? ex.doneAt!, done: ex.doneAt! });
      if (heartbeat && !quiet && finished % heartbeat === 0 && finished < requests) ctx.err(`Completed ${finished} requests\n`);
      if (started < requests && failed === null) launch();
    };
  };
  for (let i = 0; i < concurrency && failed === null; i++) launch();
  let lastProgress = clock.now;
  let progressCount = 0;
  while (finished < requests && failed === null) {
    const next = clock.nextAt();
    if (finished !== progressCount) {
      progressCount = finished;
      lastProgress = clock.now;
    }
    const deadline = lastProgress + timeoutS * MICROS_PER_SECOND;
    if (next === null || next > deadline) {
      clock.runUntil(deadline);
      failed = 'apr_pollset_poll: The timeout specified has expired (70007)';
      break;
    }
    clock.step();
  }
  for (const ex of inFlight) if (ex.conn) ctx.host.tcp.abandon(ex.conn);
  if (failed !== null) {
    // Without progress lines the error follows "(be patient)..." on the same line, as in a terminal.
    if (heartbeat) ctx.err(`Total of ${finished} requests completed\n`);
    ctx.err(`${failed}\n`);
    return 1;
  }
  if (heartbeat) ctx.err(`Finished ${finished} requests\n`);
  else ctx.out('..done\n');
  const taken = (timings.reduce((latest, t) => Math.max(latest, t.done), start) - start) / MICROS_PER_SECOND;
  const out: string[] = ['', '', `Server Software:        ${serverSoftware}`, `Server Hostname:        ${hostText}`, `Server Port:            ${port}`, '', `Document Path:          ${path}`, `Document Length:        ${docLength ?? 0} bytes`, '', `Concurrency Level:      ${concurrency}`, `Time taken for tests:   ${taken.toFixed(3)} seconds`, `Complete requests:      ${finished}`, 'Failed requests:        0'];
  if (non2xx) out.push(`Non-2xx responses:      ${non2xx}`);
  out.push(`Total transferred:      ${totalRead} bytes`, `HTML transferred:       ${htmlRead} bytes`);
  if (taken > 0) {
    out.push(`Requests per second:    ${(finished / taken).toFixed(2)} [#/sec] (mean)`);
    out.push(`Time per request:       ${((concurrency * taken * 1000) / finished).toFixed(3)} [ms] (mean)`);
    out.push(`Time per request:       ${((taken * 1000) / finished).toFixed(3)} [ms] (mean, across all concurrent requests)`);
    out.push(`Transfer rate:          ${(totalRead / 1024 / taken).toFixed(2)} [Kbytes/sec] received`);
  }
  ctx.out(`${out.join('\n')}\n`);
  ctx.out(connectionTimes(timings));
  return 0;
};

/** ab's "Connection Times (ms)" table and percentiles, from microsecond timings (ap_round_ms rounds to ms). */
function connectionTimes(timings: Timing[]): string {
  const ms = (us: number): number => Math.floor((us + 500) / 1000);
  const column = (values: number[]): { min: number; mean: number; sd: number; median: number; max: number } => {
    const sorted = [...values].sort((a, b) => a - b);
    const n = sorted.length;
    const mean = sorted.reduce((s, v) => s + v, 0) / n;
    const sd = n > 1 ? Math.sqrt(sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
    const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
    return { min: ms(sorted[0]!), mean: ms(mean), sd: sd / 1000, median: ms(median), max: ms(sorted[n - 1]!) };
  };
  const connect = timings.map((t) => t.connect - t.start);
  const waiting = timings.map((t) => t.firstByte - t.connect);
  const total = timings.map((t) => t.done - t.start);
  const processing = timings.map((t) => t.done - t.connect);
  const row = (name: string, values: number[]): string => {
    const c = column(values);
    return `${name}${String(c.min).padStart(5)} ${String(c.mean).padStart(4)} ${c.sd.toFixed(1).padStart(5)} ${String(c.median).padStart(6)} ${String(c.max).padStart(7)}\n`;
  };
  let text = '\nConnection Times (ms)\n              min  mean[+/-sd] median   max\n';
  text += row('Connect:    ', connect) + row('Processing: ', processing) + row('Waiting:    ', waiting) + row('Total:      ', total);
  if (timings.length > 1) {
    const sorted = total.sort((a, b) => a - b);
    text += '\nPercentage of the requests served within a certain time (ms)\n';
    for (const p of PERCENTILES) {
      if (p >= 100) text += ` 100%  ${String(Math.floor(sorted[sorted.length - 1]! / 1000)).padStart(5)} (longest request)\n`;
      else text += `  ${p}%  ${String(Math.floor(sorted[Math.floor((sorted.length * p) / 100)]! / 1000)).padStart(5)}\n`;
    }
  }
  return text;
}
