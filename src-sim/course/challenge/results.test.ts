import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mutate, mutationArb } from './fuzz-support.ts';
import { parseResultsText, RESULTS_FORMAT, validateResults, type ResultsFile } from './results.ts';

const SAMPLE: ResultsFile = {
  format: RESULTS_FORMAT,
  pack: { id: 'a'.repeat(64), title: 'Week 3' },
  learner: '王伟',
  exercises: [
    {
      id: 'warm-up',
      kind: 'challenge',
      seed: 7,
      level: 1,
      transcript: [
        { t: 3.5, host: 'director', run: 'ipvsadm -Ln' },
        { t: 20, host: 'rs1', run: 'sysctl -w net.ipv4.conf.all.arp_ignore=1' },
      ],
      submittedAt: 31,
      hintsUsed: 1,
      solutionShown: false,
      claimedScore: 950,
    },
    { id: 'lesson-arp', kind: 'lesson', lesson: 'arp-ignore', transcript: [], submittedAt: 0, hintsUsed: 0, solutionShown: false, claimedScore: 0 },
  ],
};

describe('validateResults', () => {
  it('accepts a valid results file', () => {
    expect(validateResults(structuredClone(SAMPLE)).ok).toBe(true);
  });

  it('carries the challenge lab version it was played on; absent means 1, an unknown one is refused', () => {
    const versioned = structuredClone(SAMPLE) as unknown as { exercises: Array<Record<string, unknown>> };
    versioned.exercises[0]!['lab'] = 1;
    expect(validateResults(structuredClone(versioned)).ok).toBe(true);
    versioned.exercises[0]!['lab'] = 99;
    const result = validateResults(versioned);
    expect(result.ok ? [] : result.problems).toEqual([{ path: '$.exercises[0].lab', message: 'unknown challenge lab version 99 (this app knows 1…1)' }]);
  });

  it('reports every problem with its JSON path', () => {
    const bad = structuredClone(SAMPLE) as unknown as { pack: { id: string }; learner: string; exercises: Array<Record<string, unknown>> };
    bad.pack.id = 'xyz';
    bad.learner = '  ';
    bad.exercises[0]!['transcript'] = [
      { t: 5, host: 'rs1', run: 'ip a' },
      { t: 4, host: 'RS 1', run: 'ip a\nrm -rf /' },
    ];
    bad.exercises[0]!['submittedAt'] = 2;
    bad.exercises[0]!['claimedScore'] = 1001;
    bad.exercises[1]!['hintsUsed'] = 1.5;
    const r = validateResults(bad);
    expect(r.ok ? [] : r.problems).toEqual([
      { path: '$.pack.id', message: 'expected 64 lower-case hex digits (the SHA-256 of the pack)' },
      { path: '$.learner', message: 'must not be empty' },
      { path: '$.exercises[0].transcript[1].host', message: 'invalid host name "RS 1"' },
      { path: '$.exercises[0].transcript[1].run', message: 'a command is one line (no line breaks)' },
      { path: '$.exercises[0].transcript[1].t', message: '4 is earlier than the previous command\'s 5 (commands are in the order they ran)' },
      { path: '$.exercises[0].claimedScore', message: '1001 is out of range (expected 0 to 1000)' },
      { path: '$.exercises[0].submittedAt', message: '2 is before the last command (4)' },
      { path: '$.exercises[1].hintsUsed', message: 'expected an integer, got the number 1.5' },
    ]);
  });

  it('names a truncated file as such instead of crashing', () => {
    const text = JSON.stringify(SAMPLE);
    for (const cut of [0, 1, 10, text.length / 2, text.length - 1]) {
      const r = parseResultsText(text.slice(0, cut));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problems[0]).toMatchObject({ path: '$', message: expect.stringMatching(/^not valid JSON/) });
    }
  });

  it('survives 10,000 mutated results files: never throws, every rejection names a JSON path and a problem', () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (mutations) => {
        const r = parseResultsText(mutate(SAMPLE, mutations));
        if (r.ok) {
          for (const e of r.results.exercises) expect(Array.isArray(e.transcript)).toBe(true);
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
