// The 256-bucket tables of sh and dh, and the kernel's hash_32().
import type { IpvsDest } from '../types.ts';

export const TAB_SIZE = 256;

/**
 * hash_32(val, 8) of include/linux/hash.h: val × GOLDEN_RATIO_32, top 8 bits.
 * Current ip_vs_sh.c and ip_vs_dh.c use it; kernels before it multiplied by
 * 2654435761 and kept the low 8 bits instead.
 */
export function hash8(val: number): number {
  return Math.imul(val >>> 0, 0x61c88647) >>> 24;
}

/**
 * ip_vs_sh_reassign / ip_vs_dh_reassign: fill the buckets going round the
 * list; each server takes `share(dest)` consecutive buckets per round.
 */
export function fillBuckets(dests: readonly IpvsDest[], share: (d: IpvsDest) => number): Array<IpvsDest | null> {
  const buckets: Array<IpvsDest | null> = [];
  let p = 0;
  let count = 0;
  for (let i = 0; i < TAB_SIZE; i++) {
    if (dests.length === 0) {
      buckets.push(null);
      continue;
    }
    const dest = dests[p]!;
    buckets.push(dest);
    // Weight 0 still takes one bucket (++count >= 0 is true at once).
    if (++count >= share(dest)) {
      p = (p + 1) % dests.length;
      count = 0;
    }
  }
  return buckets;
}
