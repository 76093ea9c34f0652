import { describe, expect, it } from 'vitest';
import { createDh } from './dh.ts';
import { createSh } from './sh.ts';
import { PKT, dest } from './test-dests.ts';

/** hash_32(ip, 8) written out with BigInt: (ip × 0x61C88647 mod 2^32) >> 24. */
function bucket(ip: number): number {
  return Number(((BigInt(ip) * 0x61c88647n) & 0xffffffffn) >> 24n);
}
const ip = (a: number, b: number, c: number, d: number): number => ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;

describe('sh', () => {
  it('buckets go round the list, `weight` consecutive buckets per server', () => {
    const list = [dest(11, 2), dest(12, 1)];
    const sh = createSh(list);
    // Buckets 0,1 → .11, 2 → .12, 3,4 → .11, …: bucket b is .12 when b % 3 === 2.
    for (const client of [ip(203, 0, 113, 10), ip(203, 0, 113, 11), ip(10, 1, 2, 3), ip(192, 168, 0, 7)]) {
      const expected = bucket(client) % 3 === 2 ? 12 : 11;
      expect(sh.schedule(list, { ...PKT, src: client })!.addr & 255).toBe(expected);
    }
  });

  it('the same client always lands on the same server; a quiesced one means no destination', () => {
    const list = [dest(11), dest(12), dest(13)];
    const sh = createSh(list);
    const client = ip(203, 0, 113, 10);
    const first = sh.schedule(list, { ...PKT, src: client })!;
    expect(first.addr & 255).toBe([11, 12, 13][bucket(client) % 3]);
    expect(sh.schedule(list, { ...PKT, src: client, sport: 1 })).toBe(first);
    first.weight = 0;
    expect(sh.schedule(list, { ...PKT, src: client })).toBeNull();
  });
});

describe('dh', () => {
  it('hashes the destination address, one bucket per server per round', () => {
    const list = [dest(11, 5), dest(12, 1)];
    const dh = createDh(list);
    for (const target of [ip(198, 51, 100, 100), ip(198, 51, 100, 101), ip(8, 8, 8, 8)]) {
      expect(dh.schedule(list, { ...PKT, dst: target })!.addr & 255).toBe(bucket(target) % 2 === 0 ? 11 : 12);
    }
  });
});
