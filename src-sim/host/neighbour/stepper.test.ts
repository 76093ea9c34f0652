import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { SeededRandom } from '../../core/random.ts';
import type { NeighParms } from '../sysctl.ts';
import { neighbourMachine, type NeighbourEvent, type NudState } from './machine.ts';
import { INITIAL_SNAPSHOT, NudStepper, type NeighbourSnapshot, type SteppedEntry } from './stepper.ts';

const STATES: NudState[] = ['NONE', 'INCOMPLETE', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', 'PERMANENT', 'NOARP'];

/** An entry whose effects are written to `log`, in a state given by a snapshot. */
function fakeEntry(snapshot: NeighbourSnapshot, random: SeededRandom, now: number, log: string[]): SteppedEntry {
  const parms: NeighParms = {
    reachableTimeMs: 15_000 + random.int(0, 30_000),
    values: { ucast_solicit: 3, mcast_solicit: random.int(0, 2) * 3, app_solicit: 0, mcast_resolicit: 0, retrans_time: 1000, delay_first_probe_time: 5000, locktime: 1000 } as NeighParms['values'],
  };
  const entry: SteppedEntry = {
    snapshot,
    timer: null,
    probes: random.int(0, 7),
    confirmed: now - random.int(0, 40_000_000),
    used: now - random.int(0, 10_000_000),
    now: () => now,
    parms: () => parms,
    entered: (from, to, cause) => log.push(`entered ${from}→${to} (${cause})`),
    solicit: () => log.push(`solicit with ${entry.probes} probes`),
    invalidate: () => log.push('invalidate'),
  };
  return entry;
}

describe('NUD stepper', () => {
  it('does what xstate computes, also when it replays a transition it has seen', () => {
    const snapshots = new Map<NudState, NeighbourSnapshot>();
    snapshots.set('NONE', INITIAL_SNAPSHOT);
    for (const state of STATES) {
      const [reached] = transition(neighbourMachine, INITIAL_SNAPSHOT, { type: 'SET', state, entry: fakeEntry(INITIAL_SNAPSHOT, new SeededRandom(1), 0, []), from: 'NONE', cause: 'admin', decisions: null } as never);
      if (!snapshots.has(state)) snapshots.set(state, reached);
    }
    const random = new SeededRandom(7);
    let compared = 0;
    for (let round = 0; round < 600; round++) {
      const from = STATES[random.int(0, STATES.length)]!;
      const kind = random.int(0, 3);
      const type = kind === 0 ? 'OUTPUT' : kind === 1 ? 'SET' : 'TIMER';
      const target = STATES[random.int(0, STATES.length)]!;
      const now = 100_000_000 + random.int(0, 1_000_000);
      const seed = random.int(1, 1_000_000);
      const stepped: string[] = [];
      const expected: string[] = [];
      const entry = fakeEntry(snapshots.get(from)!, new SeededRandom(seed), now, stepped);
      const twin = fakeEntry(snapshots.get(from)!, new SeededRandom(seed), now, expected);
      // The stepper schedules timers on this queue; a timer event is the state's own `after` event.
      const timers: Array<{ delayUs: number; run: () => void }> = [];
      const stepper = new NudStepper({ schedule: (delayUs, run) => (timers.push({ delayUs, run }), { at: now + delayUs, cancel: () => stepped.push('cancel') }) });
      let event: NeighbourEvent;
      let armed = 0;
      if (type === 'TIMER') {
        const after = Object.keys(neighbourMachine.states[from]!.config.after ?? {})[0];
        if (after === undefined) continue;
        // Arm the state's timer through the stepper, then fire it.
        stepper.send(entry, 'SET', from === 'NONE' ? 'STALE' : 'NONE', 'admin');
        stepper.send(entry, 'SET', from, 'admin');
        stepped.length = 0;
        entry.probes = twin.probes;
        armed = timers.length;
        timers.at(-1)!.run();
        event = { type: `xstate.after.${after}.neighbour.${from}`, state: null, entry: twin, from, cause: 'timer', decisions: null };
      } else {
        if (type === 'SET' && target === from) continue;
        stepper.send(entry, type, type === 'SET' ? target : null, 'admin');
        event = { type, state: type === 'SET' ? target : null, entry: twin, from, cause: 'admin', decisions: null };
      }
      const [next, actions] = transition(neighbourMachine, twin.snapshot, event as never);
      for (const action of actions) {
        // A cancel's exec only defers to transition()'s inert scope: nothing happens.
        if (action.type === 'xstate.raise') expected.push(`timer ${(action.params as { delay: number }).delay * 1000} µs`);
        else action.exec?.(action.info, action.params);
      }
      const scheduled = timers.slice(armed).map((t) => `timer ${t.delayUs} µs`);
      expect([entry.snapshot.value, entry.probes, ...stepped.filter((s) => s !== 'cancel'), ...scheduled]).toEqual([next.value, twin.probes, ...expected.filter((s) => !s.startsWith('timer')), ...expected.filter((s) => s.startsWith('timer'))]);
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('keeps one snapshot per state: entries in the same state share it', () => {
    const log: string[] = [];
    const stepper = new NudStepper({ schedule: (delayUs) => ({ at: delayUs, cancel: () => {} }) });
    const a = fakeEntry(INITIAL_SNAPSHOT, new SeededRandom(1), 0, log);
    const b = fakeEntry(INITIAL_SNAPSHOT, new SeededRandom(2), 0, log);
    stepper.send(a, 'SET', 'STALE', 'admin');
    stepper.send(b, 'SET', 'STALE', 'admin');
    expect(a.snapshot.value).toBe('STALE');
    expect(a.snapshot).toBe(b.snapshot);
    expect(log).toEqual(['entered NONE→STALE (admin)', 'entered NONE→STALE (admin)']);
  });
});
