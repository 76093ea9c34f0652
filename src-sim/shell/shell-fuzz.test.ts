// The fuzzer's pieces, quickly: the shared generator (fuzz-support.ts) and
// what runs its inputs (fuzz-target.ts). The fuzzing itself is
// scripts/fuzz.mjs: 10^5 inputs in `npm test`, 10^6 in the long mode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FuzzTarget } from '../fuzz-target.ts';
import { fuzzInputArb, keepalivedConfArb, scriptArb } from './fuzz-support.ts';

describe('fuzzing the lab', () => {
  it('1,000 generated scripts and keepalived.conf files end in the tools\' own words', () => {
    const target = new FuzzTarget();
    fc.assert(
      fc.property(fuzzInputArb, (input) => {
        expect(target.run(input)).toBeNull();
      }),
      { numRuns: 1_000, seed: 11 },
    );
    // ~1-3 s on an idle core; a machine at load 20 runs it at ~40 inputs/s.
  }, 120_000);

  it('draws scripts with loops, functions and here-documents, and keepalived.conf files with blocks', () => {
    const scripts = fc.sample(scriptArb, { numRuns: 2_000, seed: 5 }).join('\n');
    for (const construct of ['while ', 'for ', 'case ', '() {', '<<EOF', ' | ', '$(', 'if ']) expect(scripts).toContain(construct);
    const confs = fc.sample(keepalivedConfArb, { numRuns: 500, seed: 5 }).join('\n');
    for (const block of ['vrrp_instance', 'virtual_ipaddress {', 'virtual_server', 'real_server', 'TCP_CHECK', 'global_defs', 'include ']) expect(confs).toContain(block);
  });

  it('reports what only a JavaScript failure prints as a crash', () => {
    const target = new FuzzTarget();
    expect(target.run({ kind: 'script', text: 'echo internal simulator error' })).toMatch(/^printed "internal simulator error"/);
    expect(target.run({ kind: 'script', text: 'echo fine; while true; do :; done' })).toBeNull();
  });
});
