import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { examVariant, fromHex, hmacSha256, learnerCode, normalizeCode, seal, toHex, unseal } from './exam-keys.ts';

const SECRET = '0f'.repeat(32);
const bytes = (text: string) => new TextEncoder().encode(text);

describe('hmacSha256', () => {
  it('gives the RFC 4231 test vectors', () => {
    // Test case 1 and test case 6 (a key longer than the block).
    expect(toHex(hmacSha256(fromHex('0b'.repeat(20)), bytes('Hi There')))).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    expect(toHex(hmacSha256(fromHex('aa'.repeat(131)), bytes('Test Using Larger Than Block-Size Key - Hash Key First')))).toBe('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  });

  it('agrees with node:crypto on other keys and messages', () => {
    for (const [key, message] of [['', ''], ['k', 'a'.repeat(200)], ['é'.repeat(70), 'λ\0x']] as const) {
      expect(toHex(hmacSha256(bytes(key), bytes(message)))).toBe(createHmac('sha256', key).update(message).digest('hex'));
    }
  });
});

describe('exam variants and codes', () => {
  it('are the same for the same secret and learner, and differ between learners and secrets', () => {
    expect(examVariant(SECRET, 'wang-wei', 'ticket-1')).toEqual(examVariant(SECRET, 'wang-wei', 'ticket-1'));
    expect(examVariant(SECRET, 'wang-wei', 'ticket-1')).not.toEqual(examVariant(SECRET, 'li-na', 'ticket-1'));
    expect(examVariant(SECRET, 'wang-wei', 'ticket-1')).not.toEqual(examVariant(SECRET, 'wang-wei', 'ticket-2'));
    expect(examVariant(SECRET, 'wang-wei', 'ticket-1')).not.toEqual(examVariant('1e'.repeat(32), 'wang-wei', 'ticket-1'));
    const v = examVariant(SECRET, 'wang-wei', 'ticket-1');
    expect(v.seed).not.toBe(v.labSeed);
  });

  it('codes are 10 characters of Crockford base 32 and read back however typed', () => {
    const code = learnerCode(SECRET, 'wang-wei');
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(code).not.toBe(learnerCode(SECRET, 'li-na'));
    expect(normalizeCode(` ${code.slice(0, 5).toLowerCase()}-${code.slice(5)} `)).toBe(code);
  });
});

describe('seal and unseal', () => {
  const code = learnerCode(SECRET, 'wang-wei');
  const box = seal('{"labs":"rs1$ sysctl -w x=0 — 第一"}', code, 'exam-id', 'wang-wei');

  it('opens with the learner\'s own code only', () => {
    expect(unseal(box, code, 'exam-id', 'wang-wei')).toBe('{"labs":"rs1$ sysctl -w x=0 — 第一"}');
    expect(unseal(box, learnerCode(SECRET, 'li-na'), 'exam-id', 'wang-wei')).toBeNull();
    expect(unseal(box, code, 'exam-id', 'li-na')).toBeNull();
    expect(unseal(box, code, 'other-exam', 'wang-wei')).toBeNull();
  });

  it('hides the text and refuses a changed ciphertext', () => {
    expect(box.sealed).not.toContain(toHex(bytes('sysctl')));
    const flipped = { ...box, sealed: (box.sealed[0] === '0' ? '1' : '0') + box.sealed.slice(1) };
    expect(unseal(flipped, code, 'exam-id', 'wang-wei')).toBeNull();
  });
});
