import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../src-sim/scenario/validate.ts';
import { mulberry32, randomScenario, writeRandomScenarios } from './generate-random.ts';

const DIR = join(import.meta.dirname, 'scenarios');
const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);

if (process.env['LDL_WRITE_RANDOM'] === '1') writeRandomScenarios(DIR, 1, SEEDS.length);

describe('generate-random', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  it.each(SEEDS)('seed %i gives a valid scenario identical to the committed file', (seed) => {
    const scenario = randomScenario(seed);
    expect(validateScenario(JSON.parse(JSON.stringify(scenario))).ok).toBe(true);
    const file = join(DIR, `9${String(seed).padStart(2, '0')}-random-seed-${seed}.json`);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(scenario, null, 2) + '\n');
  });
});
