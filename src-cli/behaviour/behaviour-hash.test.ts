import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASELINE_FILE, compareHashes, computeBehaviourHashes } from './behaviour-hash.ts';

describe('behaviour hashes', () => {
  it('every scenario, lesson, challenge and pack exercise behaves as in conformance/behaviour-hashes.json', () => {
    const baseline = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Record<string, string>;
    const comparison = compareHashes(baseline, computeBehaviourHashes('.'));
    // A deliberate fidelity fix regenerates the baseline: npm run hash -- --update
    expect(comparison).toEqual({ changed: [], added: [], removed: [] });
  }, 120_000);

  it('names the items whose hash changed, appeared or disappeared', () => {
    const current = new Map([['a', '1'], ['b', '2'], ['c', '3']]);
    expect(compareHashes({ a: '1', b: 'x', d: '4' }, current)).toEqual({ changed: ['b'], added: ['c'], removed: ['d'] });
  });
});
