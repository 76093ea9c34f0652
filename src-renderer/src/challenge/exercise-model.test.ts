import { describe, expect, it } from 'vitest';
import { generateChallenge } from '../../../src-sim/course/challenge/generate.ts';
import { bootChallenge, transcriptOf } from '../../../src-sim/course/challenge/play.ts';
import { findLesson } from '../../../src-sim/course/lessons/curriculum/index.ts';
import { startLessonLab } from '../../../src-sim/course/lessons/lesson-run.ts';
import { COMMAND_GAP_US } from '../../../src-sim/lab.ts';
import { challengeExercise, lessonExercise } from './exercise-model.ts';

describe('transcriptOf', () => {
  it('stamps each command with its start on the virtual clock, and the replay gives the learner\'s result', () => {
    const exercise = challengeExercise(77, 2);
    const challenge = generateChallenge(77, 2);
    // The learner's lab, as the workspace runs it: the clock follows the wall clock between commands.
    const lab = bootChallenge(challenge);
    lab.sleep(4);
    lab.run('router', 'arping -c 2 -I eth0 198.51.100.100');
    lab.sleep(10);
    for (const line of challenge.faults[0]!.fix) lab.run(line.split('$ ')[0]!, line.split('$ ')[1]!);
    lab.sleep(3);
    const { transcript, elapsedSeconds } = transcriptOf(lab);
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
  it('opens the lesson\'s broken lab and scores its checks like the grader', () => {
    const lesson = findLesson('arp-ignore')!;
    const exercise = lessonExercise(lesson, findLesson);
    expect(exercise.items).toBe(lesson.checks.length);
    expect(exercise.ticket).toEqual(lesson.goal);
    const lab = startLessonLab(lesson);
    expect(lab.start.steps).toBe(exercise.setup.length);
    lab.sleep(2);
    for (const line of lesson.solution) lab.run(line.split('$ ')[0]!, line.split('$ ')[1]!);
    const { transcript, elapsedSeconds } = transcriptOf(lab);
    const done = exercise.verify({ transcript, submittedAt: elapsedSeconds, hintsUsed: 1, solutionShown: false }, 'zh-CN');
    expect(done.items.every((i) => i.fixed)).toBe(true);
    expect(done.score.total).toBe(950);
    const none = exercise.verify({ transcript: [], submittedAt: 5, hintsUsed: 0, solutionShown: false }, 'en');
    expect(none.items.some((i) => !i.fixed && i.problems.length > 0)).toBe(true);
  });
});
