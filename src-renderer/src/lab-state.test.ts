import { describe, expect, it } from 'vitest';
import { LabState, TRANSCRIPT_LIMIT } from './lab-state.svelte.ts';
import { standardScenario } from './scenarios.ts';

describe('LabState', () => {
  it('counts finished lines apart from the transcript, which drops its oldest text (the command line first) past its limit', async () => {
    const lab = new LabState(standardScenario());
    const lines = Math.ceil((TRANSCRIPT_LIMIT * 1.5) / 'director\n'.length);
    await lab.run('client', `for i in $(seq ${lines}); do echo director; done`);
    const transcript = lab.transcripts['client']!;
    expect(lab.finished['client']).toBe(1);
    expect(transcript.map((e) => e.kind)).toEqual(['stdout']);
    const [output] = transcript;
    expect(output!.text.length).toBe(TRANSCRIPT_LIMIT);
    // What was dropped from the front is counted, so a terminal's "shown up to" mark stays true.
    expect(output!.cut + output!.text.length).toBe(lines * 'director\n'.length);
    await lab.run('client', 'hostname');
    expect(lab.finished['client']).toBe(2);
    expect(transcript.at(-1)).toMatchObject({ kind: 'stdout', text: 'client\n', cut: 0 });
  });
});
