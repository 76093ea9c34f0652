import { describe, expect, it } from 'vitest';
import { COMMAND_GAP_US, findLesson, generateChallenge } from '../../../src-sim/session/index.ts';
import { LabState } from '../lab-state.svelte.ts';
import { challengeExercise, lessonExercise, timedTranscript } from './exercise-model.ts';

describe('timedTranscript', () => {
  it('stamps each command with its start on the virtual clock, and the replay gives the learner\'s result', async () => {
    const exercise = challengeExercise(77, 2);
    const challenge = generateChallenge(77, 2);
    // The learner's lab, as the workspace runs it: the clock follows the wall clock between commands.
    const lab = new LabState(exercise.scenario, { seed: exercise.labSeed, setup: exercise.setup });
    await lab.ready;
    const start = lab.now;
    await lab.sleep(4);
    await lab.run('router', 'arping -c 2 -I eth0 198.51.100.100');
    await lab.sleep(10);
    for (const line of challenge.faults[0]!.fix) await lab.run(line.split('$ ')[0]!, line.split('$ ')[1]!);
    await lab.sleep(3);
    const { transcript, elapsedSeconds } = timedTranscript(lab.timed, start, lab.now);
    expect(transcript[0]).toEqual({ t: 4, host: 'router', run: 'arping -c 2 -I eth0 198.51.100.100' });
    expect(transcript[1]!.t).toBeGreaterThan(15);
    // The last command starts a COMMAND_GAP_US after it was typed (the time a real shell takes to start it).
    expect(elapsedSeconds).toBeCloseTo(transcript[transcript.length - 1]!.t + COMMAND_GAP_US / 1e6 + 3, 3);
    const result = exercise.verify({ transcript, submittedAt: elapsedSeconds, hintsUsed: 0, solutionShown: false }, 'en');
    expect(result.items.every((i) => i.fixed)).toBe(true);
    expect(result.score.total).toBe(1000);
  });
});

describe('lessonExercise', () => {
  it('opens the lesson\'s broken lab and scores its checks like the grader', async () => {
    const lesson = findLesson('arp-ignore')!;
    const exercise = lessonExercise(lesson, findLesson);
    expect(exercise.items).toBe(lesson.checks.length);
    expect(exercise.ticket).toEqual(lesson.goal);
    const lab = new LabState(exercise.scenario, { seed: exercise.labSeed, setup: exercise.setup });
    await lab.ready;
    expect(lab.setupResults.length).toBe(exercise.setup.filter((s) => 'run' in s).length);
    const start = lab.now;
    await lab.sleep(2);
    for (const line of lesson.solution) await lab.run(line.split('$ ')[0]!, line.split('$ ')[1]!);
    const { transcript, elapsedSeconds } = timedTranscript(lab.timed, start, lab.now);
    const done = exercise.verify({ transcript, submittedAt: elapsedSeconds, hintsUsed: 1, solutionShown: false }, 'zh-CN');
    expect(done.items.every((i) => i.fixed)).toBe(true);
    expect(done.score.total).toBe(950);
    const none = exercise.verify({ transcript: [], submittedAt: 5, hintsUsed: 0, solutionShown: false }, 'en');
    expect(none.items.some((i) => !i.fixed && i.problems.length > 0)).toBe(true);
  });
});
