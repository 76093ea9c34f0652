// The transcript of a challenge as the results file and the grader want it,
// taken from the lab's journal: replaying the journal on a fresh copy of the
// challenge's lab gives each command's start on the virtual clock exactly
// (the lab is deterministic), including the idle time the clock was advanced by.
import type { Challenge } from '../../../src-sim/challenge/generate.ts';
import { bootChallenge } from '../../../src-sim/challenge/play.ts';
import type { TranscriptCommand } from '../../../src-sim/challenge/results.ts';
import type { JournalEntry } from '../../../src-sim/lab.ts';

export interface TimedTranscript {
  transcript: TranscriptCommand[];
  /** Virtual seconds from the start to the end of the journal. */
  elapsedSeconds: number;
}

/** `journal` is what the learner did: the lab's journal after the challenge's setup. */
export function transcriptFromJournal(challenge: Challenge, journal: readonly JournalEntry[]): TimedTranscript {
  const lab = bootChallenge(challenge, { trace: false });
  const start = lab.now;
  const transcript: TranscriptCommand[] = [];
  for (const entry of journal) {
    if ('sleep' in entry) lab.sleep(entry.sleep);
    else {
      transcript.push({ t: Math.round((lab.now - start) * 1e6) / 1e6, host: entry.host, run: entry.run });
      lab.run(entry.host, entry.run);
    }
  }
  return { transcript, elapsedSeconds: Math.round((lab.now - start) * 1e6) / 1e6 };
}
