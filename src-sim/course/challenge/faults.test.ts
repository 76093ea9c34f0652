// Every fault of the catalog, on every host it can break: the working lab
// passes its checks, the broken lab fails at least one, the reference fix
// passes them all again without breaking anything else.
import { describe, expect, it } from 'vitest';
import { bootLab, type Lab } from '../../lab.ts';
import { challengeLab, REAL_SERVERS } from './base-lab.ts';
import { evaluateChallengeChecks, type ChallengeCheck } from './challenge-checks.ts';
import { FAULTS } from './faults.ts';
import { instantiateFault } from './generate.ts';
import { stepsFromLines } from '../lessons/commands-file.ts';
import { BASELINE_CHECKS } from './baseline.ts';

function workingLab(): Lab {
  const { scenario, setup } = challengeLab();
  return bootLab(scenario, setup, { seed: 7 });
}

function run(lab: Lab, lines: readonly string[]): void {
  for (const step of stepsFromLines(lines)) {
    if ('sleep' in step) lab.sleep(step.sleep);
    else {
      const r = lab.run(step.host, step.run);
      expect(r.stderr, `${step.host}$ ${step.run}`).toBe('');
      expect(r.exit, `${step.host}$ ${step.run}`).toBe(0);
    }
  }
}

/** Baseline checks that need curl through the director (issue 3's packet path). */
const NEEDS_CURL = new Set(['base-http', 'base-gateway-entry']);
const stateBaseline = BASELINE_CHECKS.filter((c) => !NEEDS_CURL.has(c.id));
const curlBaseline = BASELINE_CHECKS.filter((c) => NEEDS_CURL.has(c.id));

describe('fault catalog', () => {
  it('has at least 12 faults with unique ids and both languages everywhere', () => {
    expect(FAULTS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(FAULTS.map((f) => f.id)).size).toBe(FAULTS.length);
    for (const f of FAULTS) {
      for (const text of [f.title, f.ticket, ...f.hints]) {
        expect(text.en.length).toBeGreaterThan(0);
        expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it('the working lab passes every baseline check that does not need curl', () => {
    const results = evaluateChallengeChecks(workingLab(), stateBaseline);
    expect(results.filter((r) => !r.pass)).toEqual([]);
  });

  it('the working lab passes the end-to-end checks: curl through the director reaches both servers, the gateway keeps the director\'s MAC', () => {
    const results = evaluateChallengeChecks(workingLab(), curlBaseline);
    expect(results.filter((r) => !r.pass)).toEqual([]);
  });

  for (const def of FAULTS) {
    for (const rs of def.target === 'director' ? (['rs1'] as const) : REAL_SERVERS) {
      for (const value of def.values ?? [undefined]) {
        const fault = instantiateFault(def, rs, value, 0);
        it(`${fault.key}${value ? ` (${value})` : ''}: detected when broken, passes after the reference fix`, () => {
          const lab = workingLab();
          const detect = fault.detect as unknown as ChallengeCheck[];
          expect(evaluateChallengeChecks(lab, detect).every((r) => r.pass)).toBe(true);
          run(lab, fault.break);
          const broken = evaluateChallengeChecks(lab, detect);
          expect(broken.some((r) => !r.pass)).toBe(true);
          run(lab, fault.fix);
          expect(evaluateChallengeChecks(lab, detect).filter((r) => !r.pass)).toEqual([]);
          expect(evaluateChallengeChecks(lab, BASELINE_CHECKS).filter((r) => !r.pass)).toEqual([]);
        });
      }
    }
  }

  // The ticket describes something users see: every fault but the uneven weights (both servers
  // still answer, one more often) fails at least one behaviour check of the working lab.
  const behaviour = BASELINE_CHECKS.filter((c) => c.type.endsWith('-probe') || ('after' in c && c.after !== undefined));
  for (const def of FAULTS.filter((f) => f.id !== 'uneven-weight')) {
    it(`${def.id}: the symptom shows in the lab's behaviour, not only in its configuration`, () => {
      const lab = workingLab();
      run(lab, instantiateFault(def, 'rs1', def.values?.[0], 0).break);
      expect(evaluateChallengeChecks(lab, behaviour).some((r) => !r.pass)).toBe(true);
    });
  }
});
