import { describe, expect, it } from 'vitest';
import type { ExerciseResult, ResultsFile } from '../../../src-sim/session/index.ts';
import { exercisesInPackOrder, formatTime, timeline } from './transcript.ts';

const exercise = (id: string, extra: Partial<ExerciseResult> = {}): ExerciseResult => ({
  id,
  kind: 'challenge',
  level: 1,
  transcript: [],
  submittedAt: 0,
  hintsUsed: 0,
  solutionShown: false,
  claimedScore: 0,
  ...extra,
}) as ExerciseResult;

describe('transcript view', () => {
  it('merges commands and reveals by time, a reveal first at the same second', () => {
    const e = exercise('q1', {
      transcript: [
        { t: 5, host: 'rs1', run: 'ip addr' },
        { t: 40, host: 'rs1', run: 'sysctl -a' },
        { t: 90, host: 'director', run: 'ipvsadm -Ln' },
      ],
      events: [
        { t: 40, event: 'hint' },
        { t: 100, event: 'solution' },
      ],
    });
    expect(timeline(e).map((x) => (x.kind === 'command' ? `${x.t} ${x.host} ${x.run}` : `${x.t} ${x.kind}`))).toEqual([
      '5 rs1 ip addr',
      '40 hint',
      '40 rs1 sysctl -a',
      '90 director ipvsadm -Ln',
      '100 solution',
    ]);
  });

  it('a file without events shows its commands only', () => {
    expect(timeline(exercise('q1', { transcript: [{ t: 1, host: 'client', run: 'curl 1' }] }))).toEqual([{ t: 1, kind: 'command', host: 'client', run: 'curl 1' }]);
  });

  it('orders exercises as the pack does, unknown ones last', () => {
    const results = { exercises: [exercise('extra'), exercise('q2'), exercise('q1')] } as ResultsFile;
    expect(exercisesInPackOrder(results, ['q1', 'q2']).map((e) => e.id)).toEqual(['q1', 'q2', 'extra']);
  });

  it('formats virtual seconds as minutes and seconds', () => {
    expect(formatTime(0)).toBe('0:00');
    expect(formatTime(12.5)).toBe('0:12.5');
    expect(formatTime(61)).toBe('1:01');
    expect(formatTime(600)).toBe('10:00');
  });
});
