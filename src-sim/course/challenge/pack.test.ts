import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mutate, mutationArb } from './fuzz-support.ts';
import { PACK_FORMAT, PACK_LIMITS, packId, parsePackText, validatePack, type Pack } from './pack.ts';

export const SAMPLE_PACK: Pack = {
  format: PACK_FORMAT,
  title: { en: 'Week 3: ARP traps', 'zh-CN': '第三周：ARP 陷阱' },
  instructions: { en: 'Fix every ticket. No hints in this one.' },
  hintsAllowed: false,
  solutionsAllowed: false,
  exercises: [
    { id: 'warm-up', kind: 'challenge', seed: 7, level: 1, timeLimitSeconds: 900 },
    { id: 'ticket-2', kind: 'challenge', seed: 42, level: 3 },
    { id: 'lesson-arp', kind: 'lesson', lesson: 'arp-ignore' },
  ],
};

function problemsOf(value: unknown, options = {}) {
  const r = validatePack(value, options);
  return r.ok ? [] : r.problems;
}

describe('validatePack', () => {
  it('accepts a valid pack and names it by the SHA-256 of its canonical JSON', () => {
    const r = validatePack(structuredClone(SAMPLE_PACK));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the identity when only formatting or key order changes, and changes it with any content', () => {
    const reordered = JSON.parse(JSON.stringify({ exercises: SAMPLE_PACK.exercises, solutionsAllowed: false, hintsAllowed: false, instructions: SAMPLE_PACK.instructions, title: SAMPLE_PACK.title, format: PACK_FORMAT })) as Pack;
    expect(packId(reordered)).toBe(packId(SAMPLE_PACK));
    const other = structuredClone(SAMPLE_PACK);
    (other.exercises[1] as { seed: number }).seed = 43;
    expect(packId(other)).not.toBe(packId(SAMPLE_PACK));
  });

  it('reports every problem with its JSON path', () => {
    const bad = {
      format: 'lvs-dr-lab/pack@2',
      title: {},
      hintsAllowed: 'yes',
      exercises: [
        { id: 'A b', kind: 'challenge', seed: -1, level: 9 },
        { id: 'x', kind: 'quiz' },
        { id: 'x', kind: 'lesson', lesson: 'nope', timeLimitSeconds: 5, extra: 1 },
      ],
    };
    expect(problemsOf(bad, { knownLessons: new Set(['arp-ignore']) })).toEqual([
      { path: '$.format', message: 'unsupported format "lvs-dr-lab/pack@2" (expected "lvs-dr-lab/pack@1")' },
      { path: '$.title', message: 'needs the text in "en" or "zh-CN" (or both)' },
      { path: '$.hintsAllowed', message: 'expected true or false, got the string "yes"' },
      { path: '$.solutionsAllowed', message: 'missing (expected true or false)' },
      { path: '$.exercises[0].id', message: 'invalid exercise id "A b" (expected lower-case letters, digits and "-", at most 40)' },
      { path: '$.exercises[0].seed', message: '-1 is out of range (expected 0 to 4294967295)' },
      { path: '$.exercises[0].level', message: '9 is out of range (expected 1 to 5)' },
      { path: '$.exercises[1].kind', message: 'expected "challenge" or "lesson", got "quiz"' },
      { path: '$.exercises[2].timeLimitSeconds', message: '5 is out of range (expected 10 to 86400)' },
      { path: '$.exercises[2].extra', message: 'unknown key "extra"' },
      { path: '$.exercises[2].id', message: 'duplicate exercise id "x" (first at $.exercises[1].id)' },
      { path: '$.exercises[2].lesson', message: 'unknown lesson "nope"' },
    ]);
  });

  it('refuses a pack above the size limit and an empty exercise list', () => {
    const huge = JSON.stringify({ ...SAMPLE_PACK, instructions: { en: 'x'.repeat(PACK_LIMITS.bytes) } });
    const r = parsePackText(huge);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/more than the limit of 262144 bytes/);
    expect(problemsOf({ ...SAMPLE_PACK, exercises: [] })).toEqual([{ path: '$.exercises', message: 'must not be empty' }]);
  });

  it('names a truncated file as such', () => {
    const r = parsePackText(JSON.stringify(SAMPLE_PACK).slice(0, 80));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/^not valid JSON \(the file looks truncated\)/);
  });

  it('survives 10,000 mutated packs: never throws, every rejection names a JSON path and a problem', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        const r = parsePackText(mutate(SAMPLE_PACK, mutations), { knownLessons: new Set(['arp-ignore']) });
        if (r.ok) {
          expect(r.id).toBe(packId(r.pack));
          expect(r.pack.exercises.length).toBeGreaterThan(0);
        } else {
          expect(r.problems.length).toBeGreaterThan(0);
          // One expect per document: vitest's expect costs more than the validation it checks.
          expect(r.problems.filter((p) => !p.path.startsWith('$') || p.message.length <= 5)).toEqual([]);
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
