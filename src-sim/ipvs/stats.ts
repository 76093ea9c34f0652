// Counters of a service or real server, and the kernel's rate estimator
// (ip_vs_est.c): every 2 seconds each rate moves a quarter of the way to the
// rate of the last 2 seconds. The estimator is computed lazily: before a
// counter changes or a rate is read, the ticks that passed are replayed, and
// since counters only change at those moments, the replay is exact.
import { MICROS_PER_SECOND } from '../core/event-queue.ts';

const TICK_US = 2 * MICROS_PER_SECOND;

type Counter = 'conns' | 'inpkts' | 'outpkts' | 'inbytes' | 'outbytes';
const COUNTERS: readonly Counter[] = ['conns', 'inpkts', 'outpkts', 'inbytes', 'outbytes'];

export interface Rates {
  cps: number;
  inpps: number;
  outpps: number;
  inbps: number;
  outbps: number;
}

export class Stats {
  readonly count: Record<Counter, number> = { conns: 0, inpkts: 0, outpkts: 0, inbytes: 0, outbytes: 0 };
  private readonly last: Record<Counter, number> = { conns: 0, inpkts: 0, outpkts: 0, inbytes: 0, outbytes: 0 };
  /** Rates scaled as the kernel keeps them: ×2^10 for conns/packets, ×2^5 for bytes. */
  private readonly est: Record<Counter, number> = { conns: 0, inpkts: 0, outpkts: 0, inbytes: 0, outbytes: 0 };
  private nextTick: number;

  /** The estimator starts when the service or server is added. */
  constructor(nowUs: number) {
    this.nextTick = nowUs + TICK_US;
  }

  add(nowUs: number, counter: Counter, amount: number): void {
    this.catchUp(nowUs);
    this.count[counter] += amount;
  }

  rates(nowUs: number): Rates {
    this.catchUp(nowUs);
    // ip_vs_read_estimator rounds the scaled values back.
    const pps = (c: Counter): number => Math.floor((this.est[c] + 0x1ff) / 1024);
    const bps = (c: Counter): number => Math.floor((this.est[c] + 0xf) / 32);
    return { cps: pps('conns'), inpps: pps('inpkts'), outpps: pps('outpkts'), inbps: bps('inbytes'), outbps: bps('outbytes') };
  }

  /** ipvsadm -Z: counters and rates start again from zero. */
  zero(nowUs: number): void {
    this.catchUp(nowUs);
    for (const c of COUNTERS) {
      this.count[c] = 0;
      this.last[c] = 0;
      this.est[c] = 0;
    }
  }

  private catchUp(nowUs: number): void {
    while (this.nextTick <= nowUs) {
      if (this.idle()) {
        // Nothing moves any more: skip the remaining ticks at once.
        this.nextTick += Math.floor((nowUs - this.nextTick) / TICK_US + 1) * TICK_US;
        return;
      }
      this.tick();
      this.nextTick += TICK_US;
    }
  }

  private idle(): boolean {
    return COUNTERS.every((c) => this.est[c] === 0 && this.count[c] === this.last[c]);
  }

  /** estimation_timer: rate = delta over 2 s, scaled; avg += (rate − avg) / 4. */
  private tick(): void {
    for (const c of COUNTERS) {
      const delta = this.count[c] - this.last[c];
      this.last[c] = this.count[c];
      // << 9 is ×2^10 / 2 s; << 4 is ×2^5 / 2 s.
      const rate = c === 'inbytes' || c === 'outbytes' ? delta * 16 : delta * 512;
      this.est[c] += Math.floor((rate - this.est[c]) / 4);
    }
  }
}
