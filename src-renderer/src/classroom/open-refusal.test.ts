import { describe, expect, it } from 'vitest';
import { OPEN_LIMIT_TEXT, refusedAsTooLarge } from './open-refusal.ts';

describe('a file refused for its size', () => {
  it('is named from the browser build\'s and the desktop app\'s messages', () => {
    expect(refusedAsTooLarge(new Error('gradebook: week 5.json is larger than 1 MiB'))).toBe('gradebook: week 5.json');
    expect(refusedAsTooLarge(new Error("Error invoking remote method 'file:open': Error: big.json is larger than 1 MiB"))).toBe('big.json');
    expect(refusedAsTooLarge(new Error('x.json is not UTF-8 text'))).toBeNull();
    expect(refusedAsTooLarge('larger than 1 MiB')).toBeNull();
    expect(OPEN_LIMIT_TEXT).toBe('1 MiB');
  });
});
