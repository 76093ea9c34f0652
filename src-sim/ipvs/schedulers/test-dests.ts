// Destinations for scheduler tests, named by their last octet.
import { Stats } from '../stats.ts';
import type { IpvsDest } from '../types.ts';

export function dest(n: number, weight = 1, activeConns = 0, inactConns = 0): IpvsDest {
  return {
    addr: (198 << 24) + (51 << 16) + (100 << 8) + n,
    port: 80,
    fwd: 'Route',
    weight,
    uThreshold: 0,
    lThreshold: 0,
    activeConns,
    inactConns,
    persistConns: 0,
    overloaded: false,
    available: true,
    stats: new Stats(0),
  };
}

export const PKT = { src: 0xcb00710a, sport: 40000, dst: 0xc6336464 };

/** The last octets of the servers `pick` returns, `times` times. */
export function sequence(times: number, pick: () => IpvsDest | null): Array<number | null> {
  const out: Array<number | null> = [];
  for (let i = 0; i < times; i++) {
    const d = pick();
    out.push(d ? d.addr & 255 : null);
  }
  return out;
}
