// Every fault of the catalog, on every host it can break: the working lab
// passes its checks, the broken lab fails at least one, the reference fix
// passes them all again without breaking anything else.
import { describe, expect, it } from 'vitest';
import { bootLab, type Lab } from '../../lab.ts';
import { challengeLab, REAL_SERVERS, type ChallengeLabKind } from './base-lab.ts';
import { evaluateChallengeChecks, type ChallengeCheck } from './challenge-checks.ts';
import { FAULTS } from './faults.ts';
import { instantiateFault } from './generate.ts';
import { stepsFromLines } from '../lessons/commands-file.ts';
import { baselineChecks } from './baseline.ts';
import { LEVELS, type Level, type FaultGroup } from './levels.ts';

/** The first level drawing from `group`: its lab is where the group's faults are played, its baseline what they must keep. */
function levelOf(group: FaultGroup): Level {
  const level = Object.values(LEVELS).find((spec) => spec.slots.some((slot) => slot.includes(group)));
  if (!level) throw new Error(`no level draws ${group}`);
  return level.level;
}

function workingLab(kind: ChallengeLabKind = 'textbook'): Lab {
  const { scenario, setup } = challengeLab(undefined, kind);
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
const LAB_LEVELS: ReadonlyArray<readonly [ChallengeLabKind, Level]> = [
  ['textbook', 1],
  ['keepalived', 5],
];

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

  for (const [kind, level] of LAB_LEVELS) {
    const baseline = baselineChecks(level);
    it(`the ${kind} lab (level ${level}) passes every baseline check that does not need curl`, () => {
      expect(LEVELS[level].lab).toBe(kind);
      const results = evaluateChallengeChecks(workingLab(kind), baseline.filter((c) => !NEEDS_CURL.has(c.id)));
      expect(results.filter((r) => !r.pass)).toEqual([]);
    });

    it(`the ${kind} lab passes the end-to-end checks: curl through the director reaches both servers, the gateway keeps the director's MAC`, () => {
      const results = evaluateChallengeChecks(workingLab(kind), baseline.filter((c) => NEEDS_CURL.has(c.id)));
      expect(results.filter((r) => !r.pass)).toEqual([]);
    });
  }

  it('the keepalived lab: director is MASTER with the VIP, director2 BACKUP, keepalived enabled and running on both', () => {
    const lab = workingLab('keepalived');
    for (const director of ['director', 'director2']) {
      expect(lab.run(director, 'systemctl is-active keepalived').stdout).toBe('active\n');
      expect(lab.run(director, 'systemctl is-enabled keepalived').stdout).toBe('enabled\n');
    }
    expect(lab.run('director', 'ip -br addr show dev eth0').stdout).toContain('198.51.100.100/24');
    expect(lab.run('director2', 'ip -br addr show dev eth0').stdout).not.toContain('198.51.100.100');
  });

  it('a director fault\'s key names the director its break changes (director2\'s faults say @director2)', () => {
    // A real server's fault is keyed by the server it concerns, wherever its break runs (wrong-rip@rs2 changes the director's table).
    for (const def of FAULTS.filter((f) => f.target !== 'rs')) {
      const fault = instantiateFault(def, 'rs2', def.values?.[0], 0);
      const hosts = new Set(stepsFromLines(fault.break).flatMap((step) => ('host' in step ? [step.host] : [])));
      expect([...hosts], fault.key).toEqual([fault.key.slice(fault.key.indexOf('@') + 1)]);
    }
  });

  it('keepalived faults are drawn only by levels played on the keepalived lab, the others only on the textbook lab', () => {
    for (const spec of Object.values(LEVELS)) {
      for (const slot of spec.slots) expect(slot.every((group) => (group === 'keepalived') === (spec.lab === 'keepalived'))).toBe(true);
    }
  });

  for (const def of FAULTS) {
    const level = levelOf(def.group);
    const baseline = baselineChecks(level);
    for (const rs of def.target === 'rs' ? REAL_SERVERS : (['rs1'] as const)) {
      for (const value of def.values ?? [undefined]) {
        const fault = instantiateFault(def, rs, value, 0);
        it(`${fault.key}${value ? ` (${value})` : ''}: detected when broken, passes after the reference fix`, () => {
          const lab = workingLab(LEVELS[level].lab);
          const detect = fault.detect as unknown as ChallengeCheck[];
          expect(evaluateChallengeChecks(lab, detect).every((r) => r.pass)).toBe(true);
          run(lab, fault.break);
          const broken = evaluateChallengeChecks(lab, detect);
          expect(broken.some((r) => !r.pass)).toBe(true);
          run(lab, fault.fix);
          expect(evaluateChallengeChecks(lab, detect).filter((r) => !r.pass)).toEqual([]);
          expect(evaluateChallengeChecks(lab, baseline).filter((r) => !r.pass)).toEqual([]);
        });
      }
    }
  }

  // Tempting fixes that leave the keepalived fault in place: the checks must still see it.
  const WRONG_FIXES: Record<string, readonly string[]> = {
    'ka-vrid-mismatch': ['director$ systemctl restart keepalived', 'sleep 5'],
    'ka-nopreempt': ['director2$ systemctl restart keepalived', 'sleep 5'],
    'ka-check-port': ['director$ ipvsadm -a -t 198.51.100.100:80 -r 198.51.100.11:80 -g -w 1', 'director$ ipvsadm -a -t 198.51.100.100:80 -r 198.51.100.12:80 -g -w 1'],
    'ka-not-enabled': ['director$ systemctl start keepalived', 'sleep 5'],
  };
  for (const [id, lines] of Object.entries(WRONG_FIXES)) {
    it(`${id}: the tempting fix ${JSON.stringify(lines[0])} leaves it detected`, () => {
      const def = FAULTS.find((f) => f.id === id)!;
      const fault = instantiateFault(def, 'rs1', def.values?.[0], 0);
      const lab = workingLab(LEVELS[levelOf(def.group)].lab);
      run(lab, fault.break);
      run(lab, lines);
      expect(evaluateChallengeChecks(lab, fault.detect as unknown as ChallengeCheck[]).some((r) => !r.pass)).toBe(true);
    });
  }

  // The ticket describes something users see: every fault but the uneven weights (both servers
  // still answer, one more often) fails at least one behaviour check of the working lab.
  for (const def of FAULTS.filter((f) => f.id !== 'uneven-weight')) {
    const level = levelOf(def.group);
    const behaviour = baselineChecks(level).filter((c) => c.type.endsWith('-probe') || ('after' in c && c.after !== undefined));
    it(`${def.id}: the symptom shows in the lab's behaviour, not only in its configuration`, () => {
      const lab = workingLab(LEVELS[level].lab);
      run(lab, instantiateFault(def, 'rs1', def.values?.[0], 0).break);
      expect(evaluateChallengeChecks(lab, behaviour).some((r) => !r.pass)).toBe(true);
    });
  }
});
