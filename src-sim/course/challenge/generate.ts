// (seed, level) → a challenge: the working lab, its hidden faults and the
// ticket. Pure and seeded: the same seed and level give the same challenge on
// every machine (SeededRandom is integer arithmetic; the catalog's order is fixed).
import type { Lang } from '../../api.ts';
import { SeededRandom } from '../../core/random.ts';
import { stepsFromLines } from '../lessons/commands-file.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { Step } from '../../step.ts';
import { challengeLab, CHALLENGE_LAB_VERSION, GATEWAY, REAL_SERVERS, RIP, SERVICE_PORT, VIP, type RealServer } from './base-lab.ts';
import { FAULTS, type FaultDef, type Text } from './faults.ts';
import { LEVELS, type Level } from './levels.ts';
import { fillTemplate as fill } from '../../i18n/template.ts';

/** One fault of a challenge with its parameters filled in. */
export interface ChallengeFault {
  /** Catalog id, e.g. "arp-ignore-0". */
  id: string;
  /** "arp-ignore-0@rs1", "ka-vrid-mismatch@director2": the catalog id and the host it breaks. */
  key: string;
  host: RealServer | 'director' | 'director2';
  value?: string;
  title: Text;
  break: string[];
  fix: string[];
  /** Check JSON (lesson checks or `ipvs-even`), ids unique within the challenge. */
  detect: Record<string, unknown>[];
  ticket: Text;
  hints: [Text, Text];
}

export interface Challenge {
  /** null: an exam's lab as its learner holds it, built from the sealed lab; the seed stays with the teacher (exam.ts). */
  seed: number | null;
  level: Level;
  /** The seed of the lab's own random source (ARP jitter, ports). */
  labSeed: number;
  /** The challenge lab's version (base-lab.ts) the challenge is played on. */
  labVersion: number;
  scenario: Scenario;
  /** The working lab's setup followed by the faults' breaks; hidden from the learner. */
  setup: Step[];
  faults: ChallengeFault[];
  ticket: Text;
  /** In the order the app reveals them: first every fault's first hint, then the second ones. */
  hints: Text[];
  parSeconds: number;
}

/** Mixes seed and level so neighbouring levels of one seed are unrelated. */
function streamSeed(seed: number, level: Level): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(level, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
}

function fillDeep<T>(value: T, params: Record<string, string>): T {
  if (typeof value === 'string') return fill(value, params) as T;
  if (Array.isArray(value)) return value.map((v) => fillDeep(v, params)) as T;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillDeep(v, params)])) as T;
  }
  return value;
}

function fillText(text: Text, params: Record<string, string>): Text {
  return { en: fill(text.en, params), 'zh-CN': fill(text['zh-CN'], params) };
}

/** Parameters of one fault on one host. */
function paramsFor(rs: RealServer, value: string | undefined): Record<string, string> {
  const other: RealServer = rs === 'rs1' ? 'rs2' : 'rs1';
  return { rs, other, rip: RIP[rs], otherRip: RIP[other], vip: VIP, gw: GATEWAY, port: String(SERVICE_PORT), value: value ?? '' };
}

export function instantiateFault(def: FaultDef, rs: RealServer, value: string | undefined, index: number): ChallengeFault {
  const params = paramsFor(rs, value);
  const host = def.target === 'rs' ? rs : def.target;
  const key = `${def.id}@${host}`;
  const detect = def.detect.map((check, i) => ({ ...fillDeep(check, params), id: `f${index + 1}-${def.id}-${i + 1}` }));
  return {
    id: def.id,
    key,
    host,
    ...(value !== undefined ? { value } : {}),
    title: fillText(def.title, params),
    break: def.break.map((line) => fill(line, params)),
    fix: def.fix.map((line) => fill(line, params)),
    detect,
    ticket: fillText(def.ticket, params),
    hints: [fillText(def.hints[0], params), fillText(def.hints[1], params)],
  };
}

export function generateChallenge(seed: number, level: Level, labVersion: number = CHALLENGE_LAB_VERSION): Challenge {
  const spec = LEVELS[level];
  const lab = challengeLab(labVersion, spec.lab);
  const rng = new SeededRandom(streamSeed(seed, level));
  const faults: ChallengeFault[] = [];
  const touched = new Set<string>();
  const brokenServers = new Set<RealServer>();
  spec.slots.forEach((groups, index) => {
    const candidates: Array<{ def: FaultDef; rs: RealServer }> = [];
    for (const def of FAULTS) {
      if (!groups.includes(def.group) || faults.some((f) => f.id === def.id)) continue;
      for (const rs of def.target === 'rs' ? REAL_SERVERS : (['rs1'] as const)) {
        // Two real servers broken differently: an RS already broken is used only when the other one is too.
        if (def.target === 'rs' && brokenServers.has(rs) && brokenServers.size < REAL_SERVERS.length) continue;
        const params = paramsFor(rs, '');
        if (def.touches.some((t) => touched.has(fill(t, params)))) continue;
        candidates.push({ def, rs });
      }
    }
    const pick = candidates[rng.int(0, candidates.length)];
    if (!pick) throw new Error(`level ${level}: no fault fits slot ${index + 1}`);
    const value = pick.def.values ? pick.def.values[rng.int(0, pick.def.values.length)] : undefined;
    const fault = instantiateFault(pick.def, pick.rs, value, index);
    for (const t of pick.def.touches) touched.add(fill(t, paramsFor(pick.rs, value)));
    if (pick.def.target === 'rs') brokenServers.add(pick.rs);
    faults.push(fault);
  });
  const ticket: Text = {
    en: faults.map((f) => f.ticket.en).join(' Also: '),
    'zh-CN': faults.map((f) => f.ticket['zh-CN']).join(' 另外：'),
  };
  return {
    seed,
    level,
    labSeed: seed >>> 0,
    labVersion,
    scenario: lab.scenario,
    setup: [...lab.setup, ...faults.flatMap((f) => stepsFromLines(f.break))],
    faults,
    ticket,
    hints: [...faults.map((f) => f.hints[0]), ...faults.map((f) => f.hints[1])],
    parSeconds: spec.parSeconds,
  };
}

/** The challenge's text in one language. */
export function ticketText(challenge: Challenge, lang: Lang): string {
  return challenge.ticket[lang];
}
