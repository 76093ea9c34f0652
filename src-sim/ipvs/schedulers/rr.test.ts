import { describe, expect, it } from 'vitest';
import { createRr } from './rr.ts';
import { PKT, dest, sequence } from './test-dests.ts';

describe('rr', () => {
  it('adding a, b, c puts c first in the list, so the cycle is c, b, a', () => {
    const a = dest(11);
    const b = dest(12);
    const c = dest(13);
    const list = [c, b, a]; // list_add_rcu inserts each new server at the head
    const rr = createRr();
    expect(sequence(6, () => rr.schedule(list, PKT))).toEqual([13, 12, 11, 13, 12, 11]);
  });

  it('ignores weights but skips weight 0 and overloaded servers', () => {
    const list = [dest(13, 5), dest(12, 0), dest(11, 1)];
    const rr = createRr();
    expect(sequence(4, () => rr.schedule(list, PKT))).toEqual([13, 11, 13, 11]);
    list[0]!.overloaded = true;
    expect(sequence(2, () => rr.schedule(list, PKT))).toEqual([11, 11]);
    list[2]!.weight = 0;
    expect(rr.schedule(list, PKT)).toBeNull();
  });

  it('a server added at the head while the cursor is mid-list waits for the wrap', () => {
    const list = [dest(12), dest(11)];
    const rr = createRr();
    expect(rr.schedule(list, PKT)!.addr & 255).toBe(12);
    list.unshift(dest(13));
    expect(sequence(4, () => rr.schedule(list, PKT))).toEqual([11, 13, 12, 11]);
  });

  it('removing the last chosen server steps the cursor back to the entry before it', () => {
    const list = [dest(13), dest(12), dest(11)];
    const rr = createRr();
    rr.schedule(list, PKT); // 13
    rr.schedule(list, PKT); // 12
    const [removed] = list.splice(1, 1);
    rr.removed!(list, removed!, 1);
    expect(sequence(3, () => rr.schedule(list, PKT))).toEqual([11, 13, 11]);
  });
});
