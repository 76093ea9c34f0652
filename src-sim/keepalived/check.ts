// keepalived's TCP_CHECK and HTTP_GET checkers (check/check_tcp.c,
// check_http.c of 2.2.7) on the lab's clock, from the director's own TCP
// stack to each real server. Timing as the source has it: the first check
// BOOTSTRAP_DELAY (1 s) plus a random part of `warmup` (default delay_loop)
// after the start; then every delay_loop; a failure is retried
// delay_before_retry later (default 1 s) `retry` times (default 1) before
// the real server is declared down. A connect that neither succeeds nor is
// refused fails after connect_timeout (default 5 s). Only the lines
// keepalived logs without log_all_failures are logged.
import type { TimerHandle } from '../core/event-queue.ts';
import { md5Hex } from '../core/md5.ts';
import { formatIp4, parseIp4 } from '../net/addr.ts';
import type { Host } from '../host/host.ts';
import { startHttpRequest } from '../host/http-client.ts';
import type { TcpConnection } from '../host/tcp/connection.ts';
import type { CheckerConfig } from './config.ts';
import type { IpvsWrapper, RealServer, VirtualServer } from './ipvs-wrapper.ts';

const SECOND = 1_000_000;
/** BOOTSTRAP_DELAY: TIMER_HZ. */
const BOOTSTRAP_DELAY_US = SECOND;
/** HTTP_DEFAULT_STATUS_CODE_MIN…MAX: the codes a url without status_code accepts. */
const DEFAULT_STATUS = { min: 200, max: 299 };

/** The checker's settings once check_data.c has filled in the defaults (times in µs). */
export interface CheckerTiming {
  retry: number;
  connectTimeoutUs: number;
  delayLoopUs: number;
  delayBeforeRetryUs: number;
  warmupUs: number;
}

function seconds(words: string[] | undefined): number | null {
  const n = words?.[0] !== undefined && /^\d+(\.\d+)?$/.test(words[0]) ? Number(words[0]) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** The checker's own keywords, else the real server's, else the virtual server's, else keepalived's defaults. */
export function checkerTiming(vs: VirtualServer, rs: RealServer, c: CheckerConfig): CheckerTiming {
  const rsc = rs.config;
  const v = vs.config;
  const retryWord = c.settings.retry ?? c.settings.nb_get_retry;
  const retry = retryWord && /^\d+$/.test(retryWord[0] ?? '') ? Number(retryWord[0]) : (rsc?.retry ?? v.retry ?? 1);
  const delayLoop = seconds(c.settings.delay_loop) ?? rsc?.delayLoop ?? v.delayLoop;
  return {
    retry,
    connectTimeoutUs: Math.round((seconds(c.settings.connect_timeout) ?? rsc?.connectTimeout ?? v.connectTimeout) * SECOND),
    delayLoopUs: Math.round(delayLoop * SECOND),
    delayBeforeRetryUs: Math.round((seconds(c.settings.delay_before_retry) ?? rsc?.delayBeforeRetry ?? v.delayBeforeRetry ?? 1) * SECOND),
    warmupUs: Math.round((seconds(c.settings.warmup) ?? delayLoop) * SECOND),
  };
}

/** status_code 200 / 200-299 / several of them. */
function statusAccepted(spec: string | undefined, status: number): boolean {
  if (spec === undefined || spec.trim() === '') return status >= DEFAULT_STATUS.min && status <= DEFAULT_STATUS.max;
  return spec.split(/[\s,]+/).some((part) => {
    const [from, to = from] = part.split('-').map(Number);
    return from !== undefined && status >= from && status <= to!;
  });
}

export class Checker {
  /** checker->is_up: keepalived starts every checker up (no alpha). */
  isUp = true;
  hasRun = false;
  private retryIt = 0;
  private timer: TimerHandle | null = null;
  private stopped = false;
  /** HTTP_GET: the url being checked, and the one that failed. */
  private urlIndex = 0;
  private failedUrl: number | null = null;
  readonly timing: CheckerTiming;
  readonly ip: number;
  readonly port: number;

  constructor(
    private readonly host: Host,
    private readonly wrapper: IpvsWrapper,
    readonly vs: VirtualServer,
    readonly rs: RealServer,
    readonly config: CheckerConfig,
    private readonly log: (text: string) => void,
  ) {
    this.timing = checkerTiming(vs, rs, config);
    const connectIp = config.settings.connect_ip?.[0];
    this.ip = (connectIp !== undefined ? parseIp4(connectIp) : null) ?? rs.ip;
    const connectPort = Number(config.settings.connect_port?.[0]);
    this.port = Number.isInteger(connectPort) && connectPort > 0 ? connectPort : rs.port;
  }

  /** FMT_CHK: the real server as the service names it. */
  get name(): string {
    return this.wrapper.formatRs(this.vs, this.rs);
  }

  /**
   * migrate_checkers: the same check of a real server kept through a reload keeps its state.
   * compare_conn_opts: the same type, connection address and port, and connect_timeout.
   */
  sameCheck(other: Checker): boolean {
    return (
      other.config.kind === this.config.kind &&
      other.ip === this.ip &&
      other.port === this.port &&
      other.timing.connectTimeoutUs === this.timing.connectTimeoutUs &&
      other.rs.ip === this.rs.ip &&
      other.rs.port === this.rs.port
    );
  }

  adopt(old: Checker): void {
    this.isUp = old.isUp;
    this.hasRun = old.hasRun;
  }

  /** migrate_checkers, when another check of its real server has failed: one failure is enough. */
  failOnFirstError(): void {
    if (!this.hasRun) this.retryIt = this.timing.retry;
  }

  /** register_checkers_thread. */
  start(): void {
    this.log(`Activating healthchecker for service ${this.name} for VS ${this.wrapper.formatVs(this.vs)}`);
    const warmup = this.timing.warmupUs > 0 ? this.host.env.random.int(0, this.timing.warmupUs + 1) : 0;
    this.after(BOOTSTRAP_DELAY_US + warmup);
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  private after(delayUs: number): void {
    this.timer = this.host.clock.schedule(delayUs, () => {
      this.timer = null;
      if (this.stopped) return;
      if (this.config.kind === 'HTTP_GET') this.httpCheck();
      else this.tcpCheck();
    });
  }

  /** One result for the real server, as update_svr_checker_state sees it. */
  private changeState(up: boolean): void {
    if (this.isUp === up) {
      this.hasRun = true;
      return;
    }
    this.hasRun = true;
    this.wrapper.checkerChanged(this.vs, this.rs, up);
    this.isUp = up;
  }

  // ---- TCP_CHECK

  /** tcp_connect_thread: connect; success as soon as the handshake completes, the socket then closed. */
  private tcpCheck(): void {
    this.connect((ok, conn) => {
      if (ok && conn) this.host.tcp.close(conn);
      this.tcpEpilog(ok);
    });
  }

  private connect(done: (ok: boolean, conn: TcpConnection | null) => void): void {
    let finished = false;
    const finish = (ok: boolean, conn: TcpConnection | null): void => {
      if (finished || this.stopped) return;
      finished = true;
      timeout.cancel();
      done(ok, conn);
    };
    const result = this.host.tcp.connect(this.ip, this.port, { onConnected: (conn) => finish(true, conn), onError: (conn) => finish(false, conn) });
    const timeout = this.host.clock.schedule(this.timing.connectTimeoutUs, () => {
      if (typeof result !== 'string') this.host.tcp.abandon(result);
      finish(false, null);
    });
    if (typeof result === 'string') finish(false, null);
  }

  /** tcp_epilog. */
  private tcpEpilog(success: boolean): void {
    let delay: number;
    if (success || this.retryIt >= this.timing.retry) {
      delay = this.timing.delayLoopUs;
      this.retryIt = 0;
      if (success && (!this.isUp || !this.hasRun)) {
        this.log(`TCP connection to ${this.name} success.`);
        this.changeState(true);
      } else if (!success && (this.isUp || !this.hasRun)) {
        this.log(this.timing.retry && this.hasRun ? `TCP_CHECK on service ${this.name} failed after ${this.timing.retry} retries.` : `TCP_CHECK on service ${this.name} failed.`);
        this.changeState(false);
      }
    } else {
      delay = this.timing.delayBeforeRetryUs;
      this.retryIt++;
    }
    this.hasRun = true;
    this.after(delay);
  }

  // ---- HTTP_GET

  /** http_connect_thread → http_request_thread → http_handle_response for the current url. */
  private httpCheck(): void {
    const url = this.config.urls[this.urlIndex] ?? {};
    const request = `GET ${url.path ?? '/'} HTTP/1.0\r\nUser-Agent: KeepAliveClient\r\nHost: ${formatIp4(this.ip)}:${this.port}\r\n\r\n`;
    const exchange = startHttpRequest(this.host, this.ip, this.port, request);
    let finished = false;
    // connection_to bounds the connect and then the wait for the response.
    let timeout = this.host.clock.schedule(this.timing.connectTimeoutUs, () => end(false));
    const end = (answered: boolean): void => {
      if (finished || this.stopped) return;
      finished = true;
      timeout.cancel();
      if (exchange.conn) this.host.tcp.abandon(exchange.conn);
      if (!answered || (exchange.body === '' && exchange.head === '')) return this.httpTimeoutEpilog();
      const digest = url.digest;
      if (!statusAccepted(url.status_code, exchange.status) || (digest !== undefined && md5Hex(exchange.body) !== digest.toLowerCase())) return this.httpTimeoutEpilog();
      if (!this.isUp) this.log(`${digest !== undefined ? 'MD5 digest' : 'HTTP status code'} success to ${this.name} url(${url.path ?? '/'})`);
      this.httpEpilog('new');
    };
    exchange.onConnect = () => {
      timeout.cancel();
      timeout = this.host.clock.schedule(this.timing.connectTimeoutUs, () => end(false));
    };
    exchange.onEnd = () => end(exchange.phase === 'done');
    if (exchange.phase === 'failed') end(false);
  }

  /** timeout_epilog: a failure retries while the server is up; a known-dead server just waits. */
  private httpTimeoutEpilog(): void {
    if (this.isUp || !this.hasRun) {
      this.hasRun = true;
      this.httpEpilog('retry');
    } else this.httpEpilog('failed');
  }

  /** check_http.c's epilog. */
  private httpEpilog(method: 'new' | 'retry' | 'failed'): void {
    const urls = Math.max(1, this.config.urls.length);
    let next: number | null = this.urlIndex;
    if (method === 'new') {
      next = this.urlIndex + 1 < urls ? this.urlIndex + 1 : null;
      this.retryIt = 0;
    } else if (method === 'retry') this.retryIt++;
    if (method === 'new' && next === null && this.failedUrl === null) {
      if (!this.isUp || !this.hasRun) {
        this.log(`Remote Web server ${this.name} succeed on service.`);
        this.changeState(true);
      }
      next = 0;
    } else if (method === 'retry' && this.retryIt > this.timing.retry) {
      if (this.isUp || !this.hasRun) {
        this.log(this.hasRun && this.timing.retry ? `HTTP_CHECK on service ${this.name} failed after ${this.retryIt - 1} retries.` : `HTTP_CHECK on service ${this.name} failed.`);
        this.changeState(false);
      }
      this.failedUrl = this.urlIndex;
    } else if (method === 'new' && this.failedUrl !== null) {
      this.failedUrl = null;
      next = 0;
      this.retryIt = 0;
    }
    this.urlIndex = next ?? 0;
    const t = this.timing;
    let delay: number;
    if (method === 'new') {
      delay = t.delayLoopUs;
      if (!this.hasRun) this.retryIt = t.retry;
    } else delay = this.failedUrl !== null ? Math.max(t.delayBeforeRetryUs, t.delayLoopUs) : t.delayBeforeRetryUs;
    this.after(delay);
  }
}
