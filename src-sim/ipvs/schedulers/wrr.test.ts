import { describe, expect, it } from 'vitest';
import { createWrr } from './wrr.ts';
import { PKT, dest, sequence } from './test-dests.ts';

const A = 11;
const B = 12;
const C = 13;

describe('wrr', () => {
  it('weights 3,2,1 give A A B A B C', () => {
    const list = [dest(A, 3), dest(B, 2), dest(C, 1)];
    const wrr = createWrr(list);
    expect(sequence(12, () => wrr.schedule(list, PKT))).toEqual([A, A, B, A, B, C, A, A, B, A, B, C]);
  });

  it('weights 4,3,2 give A A B A B C A B C', () => {
    const list = [dest(A, 4), dest(B, 3), dest(C, 2)];
    const wrr = createWrr(list);
    expect(sequence(9, () => wrr.schedule(list, PKT))).toEqual([A, A, B, A, B, C, A, B, C]);
  });

  it('steps cw by the gcd: weights 4,2 (di 2, mw 3) give A A B', () => {
    const list = [dest(A, 4), dest(B, 2)];
    const wrr = createWrr(list);
    expect(sequence(6, () => wrr.schedule(list, PKT))).toEqual([A, A, B, A, A, B]);
  });

  it('all weights 0 is no destination; a weight-0 server is never picked', () => {
    const zero = [dest(A, 0), dest(B, 0)];
    expect(createWrr(zero).schedule(zero, PKT)).toBeNull();
    const list = [dest(A, 2), dest(B, 0), dest(C, 1)];
    const wrr = createWrr(list);
    expect(sequence(6, () => wrr.schedule(list, PKT))).toEqual([A, A, C, A, A, C]);
  });

  it('overloaded servers are passed over; all overloaded is no destination', () => {
    const list = [dest(A, 3), dest(B, 1)];
    const wrr = createWrr(list);
    list[0]!.overloaded = true;
    expect(sequence(2, () => wrr.schedule(list, PKT))).toEqual([B, B]);
    list[1]!.overloaded = true;
    expect(wrr.schedule(list, PKT)).toBeNull();
  });

  it('a weight change restarts from the head with the new maximum', () => {
    const list = [dest(A, 1), dest(B, 1)];
    const wrr = createWrr(list);
    expect(wrr.schedule(list, PKT)!.addr & 255).toBe(A);
    list[1]!.weight = 2;
    wrr.changed!(list); // mw 2, cw was 1: kept
    expect(sequence(4, () => wrr.schedule(list, PKT))).toEqual([A, B, B, A]);
  });
});
