import { describe, expect, it, vi } from 'vitest';
import { createActor, getInitialSnapshot, transition } from 'xstate';
import { challengeMachine } from './challenge-machine.ts';

const start = { type: 'START', seed: 42, level: 3, faults: 2, hintCount: 4 } as const;

describe('challengeMachine', () => {
  it('starts running with a fresh context', () => {
    const [state] = transition(challengeMachine, getInitialSnapshot(challengeMachine), start);
    expect(state.value).toBe('running');
    expect(state.context).toMatchObject({ seed: 42, level: 3, faults: 2, hintsUsed: 0, score: null });
  });

  it('counts hints up to the number there are, and none when the pack forbids them', () => {
    let [state] = transition(challengeMachine, getInitialSnapshot(challengeMachine), start);
    for (let i = 0; i < 6; i++) [state] = transition(challengeMachine, state, { type: 'HINT' });
    expect(state.context.hintsUsed).toBe(4);
    let [exam] = transition(challengeMachine, getInitialSnapshot(challengeMachine), { ...start, hintsAllowed: false, solutionsAllowed: false });
    [exam] = transition(challengeMachine, exam, { type: 'HINT' });
    [exam] = transition(challengeMachine, exam, { type: 'SHOW_SOLUTION' });
    expect(exam.context.hintsUsed).toBe(0);
    expect(exam.value).toBe('running');
  });

  it('stays running after a partial fix and is solved, with the score saved, when all faults are fixed', () => {
    let [state] = transition(challengeMachine, getInitialSnapshot(challengeMachine), start);
    let actions;
    [state, actions] = transition(challengeMachine, state, { type: 'VERIFIED', fixed: 1, score: 400, elapsedSeconds: 30 });
    expect(state.value).toBe('running');
    expect(actions.map((a) => a.type)).not.toContain('saveScore');
    [state, actions] = transition(challengeMachine, state, { type: 'VERIFIED', fixed: 2, score: 950, elapsedSeconds: 90 });
    expect(state.value).toBe('solved');
    expect(state.context).toMatchObject({ score: 950, fixed: 2, verifications: 2, elapsedSeconds: 90 });
    expect(actions.map((a) => a.type)).toContain('saveScore');
  });

  it('shows the solution only when allowed, and then scores 0', () => {
    let [state] = transition(challengeMachine, getInitialSnapshot(challengeMachine), start);
    [state] = transition(challengeMachine, state, { type: 'SHOW_SOLUTION' });
    expect(state.value).toBe('revealed');
    expect(state.context).toMatchObject({ solutionShown: true, score: 0 });
  });

  it('ends at the time limit', () => {
    let [state] = transition(challengeMachine, getInitialSnapshot(challengeMachine), { ...start, timeLimitSeconds: 60 });
    [state] = transition(challengeMachine, state, { type: 'CLOCK', elapsedSeconds: 59 });
    expect(state.value).toBe('running');
    [state] = transition(challengeMachine, state, { type: 'CLOCK', elapsedSeconds: 60 });
    expect(state.value).toBe('timeUp');
    [state] = transition(challengeMachine, state, { type: 'VERIFIED', fixed: 1, score: 400, elapsedSeconds: 60 });
    expect(state.value).toBe('solved');
  });

  it('ticks every second while running, through the provided syncClock action', () => {
    vi.useFakeTimers();
    try {
      const syncClock = vi.fn();
      const actor = createActor(challengeMachine.provide({ actions: { syncClock } })).start();
      vi.advanceTimersByTime(3000);
      expect(syncClock).not.toHaveBeenCalled();
      actor.send(start);
      vi.advanceTimersByTime(3500);
      expect(syncClock).toHaveBeenCalledTimes(3);
      actor.send({ type: 'ABANDON' });
      vi.advanceTimersByTime(3000);
      expect(syncClock).toHaveBeenCalledTimes(3);
      actor.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
