// The NUD state machine of one neighbour entry (net/core/neighbour.c:
// __neigh_event_send, neigh_timer_handler, __neigh_update). Timers run on the
// lab's virtual clock through xstate's `clock` option.
import { setup } from 'xstate';
import { timerWheelDelayUs } from './timer-wheel.ts';

export type NudState = 'NONE' | 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'PERMANENT' | 'NOARP';

/** What the machine needs from its entry: times, parameters and side effects. */
export interface NeighbourHooks {
  readonly now: () => number;
  /** Parameters of the entry's device, in milliseconds / counts. */
  readonly parms: () => { reachableTimeMs: number; retransMs: number; delayProbeMs: number; ucast: number; mcast: number; app: number; mcastReprobes: number };
  readonly times: () => { confirmed: number; used: number };
  readonly probes: { get: () => number; set: (value: number) => void };
  /** The state changed (the entry mirrors it and sets `updated`). */
  readonly entered: (state: NudState, viaTimer: boolean) => void;
  /** Send one ARP solicitation (arp_solicit) and count it. */
  readonly probe: () => void;
  /** Resolution failed: queued packets get their error (neigh_invalidate). */
  readonly invalidate: () => void;
}

export type NeighbourEvent =
  | { type: 'OUTPUT' }
  | { type: 'SET'; state: NudState };

const MS = 1000; // virtual clock is in microseconds; delays are milliseconds

export const neighbourMachine = setup({
  types: {
    context: {} as { hooks: NeighbourHooks },
    input: {} as { hooks: NeighbourHooks; initial?: NudState },
    events: {} as NeighbourEvent,
  },
  guards: {
    // probes >= neigh_max_probes: ucast + app + (PROBE ? mcast_reprobes : mcast)
    incompleteExhausted: ({ context }) => {
      const p = context.hooks.parms();
      return context.hooks.probes.get() >= p.ucast + p.app + p.mcast;
    },
    probeExhausted: ({ context }) => {
      const p = context.hooks.parms();
      return context.hooks.probes.get() >= p.ucast + p.app + p.mcastReprobes;
    },
    stillReachable: ({ context }) => context.hooks.now() <= context.hooks.times().confirmed + context.hooks.parms().reachableTimeMs * MS,
    usedRecently: ({ context }) => context.hooks.now() <= context.hooks.times().used + context.hooks.parms().delayProbeMs * MS,
    confirmedDuringDelay: ({ context }) => context.hooks.now() <= context.hooks.times().confirmed + context.hooks.parms().delayProbeMs * MS,
    canSolicit: ({ context }) => context.hooks.parms().mcast + context.hooks.parms().app > 0,
    isSet: ({ event }, state: NudState) => event.type === 'SET' && event.state === state,
  },
  actions: {
    enter: ({ context }, params: { state: NudState; viaTimer: boolean }) => context.hooks.entered(params.state, params.viaTimer),
    startResolution: ({ context }) => context.hooks.probes.set(context.hooks.parms().ucast),
    resetProbes: ({ context }) => context.hooks.probes.set(0),
    probe: ({ context }) => context.hooks.probe(),
    invalidate: ({ context }) => context.hooks.invalidate(),
  },
  delays: {
    // The timer is never shorter than HZ/100 (10 ms).
    retrans: ({ context }) => Math.max(context.hooks.parms().retransMs, 10),
    reachableExpiry: ({ context }) => {
      const due = context.hooks.times().confirmed + context.hooks.parms().reachableTimeMs * MS;
      return Math.max((due - context.hooks.now()) / MS, 10);
    },
    // neigh_timer_handler runs the DELAY decision when the timer wheel fires
    // (up to 256 ms after delay_first_probe_time at HZ=250), and keeps the
    // entry only if it was confirmed within delay_first_probe_time of that
    // moment. So a TCP exchange that confirms the entry right after it entered
    // DELAY does not save the probe: Linux 6.18 probed the client from the
    // server 5.10 s and 5.18 s after one curl. A later confirmation does.
    delayFirstProbe: ({ context }) => timerWheelDelayUs(context.hooks.now(), context.hooks.parms().delayProbeMs) / MS,
  },
}).createMachine({
  id: 'neighbour',
  context: ({ input }) => ({ hooks: input.hooks }),
  initial: 'NONE',
  on: {
    // Administrative and ARP-driven updates (__neigh_update) pick the new state;
    // the table has already decided that the state really changes.
    SET: [
      { guard: { type: 'isSet', params: 'INCOMPLETE' }, target: '.INCOMPLETE' },
      { guard: { type: 'isSet', params: 'REACHABLE' }, target: '.REACHABLE' },
      { guard: { type: 'isSet', params: 'STALE' }, target: '.STALE' },
      { guard: { type: 'isSet', params: 'DELAY' }, target: '.DELAY' },
      { guard: { type: 'isSet', params: 'PROBE' }, target: '.PROBE', actions: 'resetProbes' },
      { guard: { type: 'isSet', params: 'FAILED' }, target: '.FAILED' },
      { guard: { type: 'isSet', params: 'PERMANENT' }, target: '.PERMANENT' },
      { guard: { type: 'isSet', params: 'NOARP' }, target: '.NOARP' },
      { guard: { type: 'isSet', params: 'NONE' }, target: '.NONE' },
    ],
  },
  states: {
    NONE: {
      entry: { type: 'enter', params: { state: 'NONE', viaTimer: false } },
      on: {
        OUTPUT: [
          { guard: 'canSolicit', target: 'INCOMPLETE', actions: 'startResolution' },
          { target: 'FAILED' },
        ],
      },
    },
    INCOMPLETE: {
      // The first solicitation goes out at once, then one per retrans_time.
      entry: [{ type: 'enter', params: { state: 'INCOMPLETE', viaTimer: false } }, 'probe'],
      after: {
        retrans: [
          { guard: 'incompleteExhausted', target: 'FAILED', actions: 'invalidate' },
          { target: 'INCOMPLETE', reenter: true },
        ],
      },
    },
    REACHABLE: {
      entry: { type: 'enter', params: { state: 'REACHABLE', viaTimer: false } },
      after: {
        reachableExpiry: [
          { guard: 'stillReachable', target: 'REACHABLE', reenter: true },
          { guard: 'usedRecently', target: 'DELAY' },
          { target: 'STALE' },
        ],
      },
    },
    STALE: {
      entry: { type: 'enter', params: { state: 'STALE', viaTimer: false } },
      on: { OUTPUT: 'DELAY' },
    },
    DELAY: {
      entry: { type: 'enter', params: { state: 'DELAY', viaTimer: false } },
      after: {
        delayFirstProbe: [
          { guard: 'confirmedDuringDelay', target: 'REACHABLE' },
          { target: 'PROBE', actions: 'resetProbes' },
        ],
      },
    },
    PROBE: {
      // Unicast probes to the cached MAC; traffic keeps using it meanwhile.
      entry: [{ type: 'enter', params: { state: 'PROBE', viaTimer: false } }, 'probe'],
      after: {
        retrans: [
          { guard: 'probeExhausted', target: 'FAILED', actions: 'invalidate' },
          { target: 'PROBE', reenter: true },
        ],
      },
    },
    FAILED: {
      entry: { type: 'enter', params: { state: 'FAILED', viaTimer: false } },
      on: {
        OUTPUT: [
          { guard: 'canSolicit', target: 'INCOMPLETE', actions: 'startResolution' },
          { target: 'FAILED' },
        ],
      },
    },
    PERMANENT: { entry: { type: 'enter', params: { state: 'PERMANENT', viaTimer: false } } },
    NOARP: { entry: { type: 'enter', params: { state: 'NOARP', viaTimer: false } } },
  },
});
