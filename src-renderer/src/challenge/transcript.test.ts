import { describe, expect, it } from 'vitest';
import { generateChallenge } from '../../../src-sim/challenge/generate.ts';
import { bootChallenge, playChallenge } from '../../../src-sim/challenge/play.ts';
import { transcriptFromJournal } from './transcript.ts';

describe('transcriptFromJournal', () => {
  it('stamps each command with its start on the virtual clock, and the replay gives the learner\'s result', () => {
    const challenge = generateChallenge(77, 2);
    // The learner's lab, as the workspace runs it: the clock follows the wall clock between commands.
    const lab = bootChallenge(challenge);
    const setupLength = lab.journal.length;
    lab.sleep(4);
    lab.run('router', 'arping -c 2 -I eth0 198.51.100.100');
    lab.sleep(10);
    for (const line of challenge.faults[0]!.fix) lab.run(line.split('$ ')[0]!, line.split('$ ')[1]!);
    lab.sleep(3);
    const { transcript, elapsedSeconds } = transcriptFromJournal(challenge, lab.journal.slice(setupLength));
    expect(transcript[0]).toEqual({ t: 4, host: 'router', run: 'arping -c 2 -I eth0 198.51.100.100' });
    expect(transcript[1]!.t).toBeGreaterThan(15);
    expect(elapsedSeconds).toBeCloseTo(transcript[transcript.length - 1]!.t + 3, 3);
    const out = playChallenge(77, 2, { transcript, submittedAt: elapsedSeconds, hintsUsed: 0, solutionShown: false });
    expect(out.replay.inconsistencies).toEqual([]);
    expect(out.assessment.faults.every((f) => f.fixed)).toBe(true);
  });
});
