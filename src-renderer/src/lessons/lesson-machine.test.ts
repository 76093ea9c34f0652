import { describe, expect, it } from 'vitest';
import { assign, createActor, fromPromise, initialTransition, transition } from 'xstate';
import { msg, type CheckResult } from '../../../src-sim/session/index.ts';
import { lessonMachine, type LessonContext } from './lesson-machine.ts';

const fail: CheckResult = { id: 'arp', pass: false, title: { en: 'only the director answers', 'zh-CN': '只有 director 应答' }, reads: msg('check.reads.live', { what: msg('check.reads.neigh', { host: 'router' }) }), message: msg('check.shouldNotAnswer', { hosts: 'rs1' }), explanation: [] };
const pass: CheckResult = { ...fail, pass: true, message: msg('check.nobody') };

/** The machine with verification returning `results` in turn. */
function machineWith(outcomes: CheckResult[][]) {
  let n = 0;
  return lessonMachine.provide({
    actions: { verify: assign({ results: () => outcomes[Math.min(n++, outcomes.length - 1)]!, attempts: ({ context }: { context: LessonContext }) => context.attempts + 1 }) },
  });
}

describe('lesson machine (pure transitions)', () => {
  it('list → intro → working opens the lab; hints stop at the last level', () => {
    const [start] = initialTransition(lessonMachine);
    expect(start.value).toBe('list');
    const [intro] = transition(lessonMachine, start, { type: 'SELECT', lessonId: 'arp-ignore', hintCount: 2 });
    expect(intro.value).toBe('intro');
    expect(intro.context).toMatchObject({ lessonId: 'arp-ignore', hintCount: 2, hintsShown: 0 });
    const [working, actions] = transition(lessonMachine, intro, { type: 'START' });
    expect(working.value).toBe('working');
    expect(actions.map((a) => a.type)).toContain('openLab');
    expect(actions.find((a) => a.type === 'openLab')?.params).toEqual({ lessonId: 'arp-ignore' });
    const [h1, hintActions] = transition(lessonMachine, working, { type: 'HINT' });
    expect(hintActions.map((a) => a.type)).toContain('saveProgress');
    const [h2] = transition(lessonMachine, h1, { type: 'HINT' });
    const [h3, none] = transition(lessonMachine, h2, { type: 'HINT' });
    expect([h1.context.hintsShown, h2.context.hintsShown, h3.context.hintsShown]).toEqual([1, 2, 2]);
    expect(none.map((a) => a.type)).not.toContain('saveProgress');
  });

  it('a failed verification returns to working with the results and saves progress as not passed', () => {
    const machine = machineWith([[pass, fail]]);
    let [s] = initialTransition(machine);
    [s] = transition(machine, s, { type: 'SELECT', lessonId: 'arp-ignore', hintCount: 3 });
    [s] = transition(machine, s, { type: 'START' });
    const [after, actions] = transition(machine, s, { type: 'VERIFY' });
    expect(after.value).toBe('working');
    expect(after.context.results).toEqual([pass, fail]);
    expect(after.context.attempts).toBe(1);
    expect(actions.find((a) => a.type === 'saveProgress')?.params).toMatchObject({ passed: false, verified: true });
  });

  it('all checks passing leads to passed, then the debrief; reset from the debrief reopens the lab', () => {
    const machine = machineWith([[fail], [pass, pass]]);
    let [s] = initialTransition(machine);
    [s] = transition(machine, s, { type: 'SELECT', lessonId: 'arp-ignore', hintCount: 3 });
    [s] = transition(machine, s, { type: 'START' });
    [s] = transition(machine, s, { type: 'VERIFY' });
    expect(s.value).toBe('working');
    const [passed, actions] = transition(machine, s, { type: 'VERIFY' });
    expect(passed.value).toBe('passed');
    expect(passed.context.attempts).toBe(2);
    expect(actions.find((a) => a.type === 'saveProgress')?.params).toMatchObject({ passed: true, verified: true });
    const [debrief] = transition(machine, passed, { type: 'DEBRIEF' });
    expect(debrief.value).toBe('debrief');
    const [again, reopen] = transition(machine, debrief, { type: 'RESET' });
    expect(again.value).toBe('working');
    expect(again.context.results).toEqual([]);
    expect(reopen.map((a) => a.type)).toContain('openLab');
  });

  it('no results (nothing verified) is never a pass', () => {
    const machine = machineWith([[]]);
    let [s] = initialTransition(machine);
    [s] = transition(machine, s, { type: 'SELECT', lessonId: 'x', hintCount: 1 });
    [s] = transition(machine, s, { type: 'START' });
    [s] = transition(machine, s, { type: 'VERIFY' });
    expect(s.value).toBe('working');
  });

  it('choosing another lesson from the list while one runs opens its introduction', () => {
    let [s] = initialTransition(lessonMachine);
    [s] = transition(lessonMachine, s, { type: 'SELECT', lessonId: 'arp-ignore', hintCount: 3 });
    [s] = transition(lessonMachine, s, { type: 'START' });
    [s] = transition(lessonMachine, s, { type: 'HINT' });
    [s] = transition(lessonMachine, s, { type: 'SELECT', lessonId: 'vip-netmask', hintCount: 2 });
    expect(s.value).toBe('intro');
    expect(s.context).toMatchObject({ lessonId: 'vip-netmask', hintCount: 2, hintsShown: 0 });
  });

  it('BACK forgets the lesson', () => {
    let [s] = initialTransition(lessonMachine);
    [s] = transition(lessonMachine, s, { type: 'SELECT', lessonId: 'x', hintCount: 1 });
    [s] = transition(lessonMachine, s, { type: 'START' });
    [s] = transition(lessonMachine, s, { type: 'HINT' });
    [s] = transition(lessonMachine, s, { type: 'BACK' });
    expect(s.value).toBe('list');
    expect(s.context).toMatchObject({ lessonId: null, hintsShown: 0 });
  });
});

describe('lesson machine (actor with provided effects)', () => {
  it('show solution replays on the provided actor, marks it shown and returns to working', async () => {
    const replayed: string[] = [];
    let finish!: () => void;
    const machine = lessonMachine.provide({
      actors: {
        replaySolution: fromPromise<void, { lessonId: string }>(async ({ input }) => {
          replayed.push(input.lessonId);
          await new Promise<void>((resolve) => (finish = resolve));
        }),
      },
    });
    const actor = createActor(machine).start();
    actor.send({ type: 'SELECT', lessonId: 'arp-ignore', hintCount: 3 });
    actor.send({ type: 'START' });
    actor.send({ type: 'SHOW_SOLUTION' });
    expect(actor.getSnapshot().value).toBe('replaying');
    actor.send({ type: 'BACK' }); // ignored while the solution is being typed
    expect(actor.getSnapshot().value).toBe('replaying');
    finish();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(actor.getSnapshot().value).toBe('working');
    expect(actor.getSnapshot().context.solutionShown).toBe(true);
    expect(replayed).toEqual(['arp-ignore']);
  });

  it('LEAVE (another context took the lab) returns to the list from any state, replaying included', () => {
    let [s] = initialTransition(lessonMachine);
    [s] = transition(lessonMachine, s, { type: 'SELECT', lessonId: 'arp-ignore', hintCount: 3 });
    [s] = transition(lessonMachine, s, { type: 'START' });
    [s] = transition(lessonMachine, s, { type: 'SHOW_SOLUTION' });
    expect(s.value).toBe('replaying');
    // BACK is refused while the solution is typed; LEAVE is not.
    expect(transition(lessonMachine, s, { type: 'BACK' })[0].value).toBe('replaying');
    const [left] = transition(lessonMachine, s, { type: 'LEAVE' });
    expect(left.value).toBe('list');
    expect(left.context.lessonId).toBeNull();
  });
});
