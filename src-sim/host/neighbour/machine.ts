// The NUD state machine of one neighbour entry (net/core/neighbour.c:
// __neigh_event_send, neigh_timer_handler, __neigh_update).
//
// The machine is the entry's transition function, not a running actor: an
// entry is plain data (see table.ts) holding the machine's snapshot, and
// every event carries the entry, which is all the guards, delays and actions
// read or change. So the machine has no context, a snapshot is nothing but
// its state, and one snapshot per state serves every entry of every host.
import { setup } from 'xstate';
import type { NeighParms } from '../sysctl.ts';
import { timerWheelDelayUs } from './timer-wheel.ts';
import type { CauseName } from '../../i18n/catalogue.ts';

export type NudState = 'NONE' | 'INCOMPLETE' | 'REACHABLE' | 'STALE' | 'DELAY' | 'PROBE' | 'FAILED' | 'PERMANENT' | 'NOARP';

/** The entry as the machine sees it: the kernel's fields it reads, and its effects. */
export interface NudEntry {
  probes: number;
  readonly confirmed: number;
  readonly used: number;
  /** The lab's clock, in microseconds. */
  now(): number;
  /** neigh_parms of the entry's device (milliseconds and counts). */
  parms(): NeighParms;
  /** The state changed from `from` to `to` (the entry stamps `updated` and explains it). */
  entered(from: NudState, to: NudState, cause: CauseName): void;
  /** Send one ARP solicitation (arp_solicit) and count it. */
  solicit(): void;
  /** Resolution failed: queued packets get their error (neigh_invalidate). */
  invalidate(): void;
}

/**
 * What happens to an entry. Delayed transitions arrive as xstate's own
 * `xstate.after.*` events, which the stepper builds with the same fields.
 * `state` is SET's new state (null for other events); `from` is the state
 * the entry is in when the event is handled; `cause` is why the change
 * happens, for the explanation.
 */
export interface NeighbourEvent {
  type: string;
  state: NudState | null;
  entry: NudEntry;
  from: NudState;
  cause: CauseName;
  /** Every guard and delay answer of this transition, in order (see `recorded`); null until one answers. */
  decisions: Decision[] | null;
}

/** A guard or delay implementation: what it was asked (params) and what it answered. */
interface DecisionArgs {
  event: NeighbourEvent;
}
export type Implementation = (args: DecisionArgs, params: never) => unknown;
export interface Decision {
  readonly implementation: Implementation;
  readonly params: unknown;
  readonly value: unknown;
}

/**
 * Guards and delays are where the entry's data enters a transition: the
 * machine has no context, so a transition's result depends on the entry only
 * through their answers. Each answer is recorded on the event, and the
 * stepper replays a transition it has computed before when the same
 * implementations give the same answers (stepper.ts).
 */
function recorded<T extends Record<string, Implementation>>(implementations: T): T {
  const wrapped: Record<string, Implementation> = {};
  for (const [name, implementation] of Object.entries(implementations)) {
    wrapped[name] = (args, params) => {
      const value = implementation(args, params);
      (args.event.decisions ??= []).push({ implementation, params, value });
      return value;
    };
  }
  return wrapped as T;
}

const MS = 1000; // the virtual clock is in microseconds; delays are milliseconds

const reachableTimeUs = (entry: NudEntry): number => entry.parms().reachableTimeMs * MS;

export const neighbourMachine = setup({
  types: {
    events: {} as NeighbourEvent,
  },
  guards: recorded({
    // probes >= neigh_max_probes: ucast + app + (PROBE ? mcast_reprobes : mcast)
    incompleteExhausted: ({ event: { entry } }) => {
      const p = entry.parms().values;
      return entry.probes >= p.ucast_solicit + p.app_solicit + p.mcast_solicit;
    },
    probeExhausted: ({ event: { entry } }) => {
      const p = entry.parms().values;
      return entry.probes >= p.ucast_solicit + p.app_solicit + p.mcast_resolicit;
    },
    stillReachable: ({ event: { entry } }) => entry.now() <= entry.confirmed + reachableTimeUs(entry),
    usedRecently: ({ event: { entry } }) => entry.now() <= entry.used + entry.parms().values.delay_first_probe_time * MS,
    confirmedDuringDelay: ({ event: { entry } }) => entry.now() <= entry.confirmed + entry.parms().values.delay_first_probe_time * MS,
    canSolicit: ({ event: { entry } }) => entry.parms().values.mcast_solicit + entry.parms().values.app_solicit > 0,
    isSet: ({ event }, state: NudState) => event.type === 'SET' && event.state === state,
  }),
  actions: {
    enter: ({ event }, to: NudState) => {
      if (event.from !== to) event.entry.entered(event.from, to, event.cause);
    },
    startResolution: ({ event: { entry } }) => {
      entry.probes = entry.parms().values.ucast_solicit;
    },
    resetProbes: ({ event: { entry } }) => {
      entry.probes = 0;
    },
    probe: ({ event: { entry } }) => entry.solicit(),
    invalidate: ({ event: { entry } }) => entry.invalidate(),
  },
  // Every neighbour timer is armed with mod_timer (neigh_add_timer), so it
  // fires when the timer wheel does, never early (timer-wheel.ts).
  delays: recorded({
    // The retransmit timer is never shorter than HZ/100 (10 ms). At HZ=250 a
    // 1 s timer fires on the next 32 ms boundary: Linux 6.18 sends an
    // unanswered address's solicitations 1.000–1.032 s apart, then 1.024 s
    // apart (the handler runs on a boundary), so INCOMPLETE becomes FAILED
    // about 3.07 s after the first one, after `ping -c 3 -W 1` has ended.
    retrans: ({ event: { entry } }: DecisionArgs) => timerWheelDelayUs(entry.now(), Math.max(entry.parms().values.retrans_time, 10)) / MS,
    reachableExpiry: ({ event: { entry } }: DecisionArgs) =>
      timerWheelDelayUs(entry.now(), Math.max((entry.confirmed + reachableTimeUs(entry) - entry.now()) / MS, 10)) / MS,
    // neigh_timer_handler runs the DELAY decision when the timer wheel fires
    // (up to 256 ms after delay_first_probe_time at HZ=250), and keeps the
    // entry only if it was confirmed within delay_first_probe_time of that
    // moment. So a TCP exchange that confirms the entry right after it entered
    // DELAY does not save the probe: Linux 6.18 probed the client from the
    // server 5.10 s and 5.18 s after one curl. A later confirmation does.
    delayFirstProbe: ({ event: { entry } }: DecisionArgs) => timerWheelDelayUs(entry.now(), entry.parms().values.delay_first_probe_time) / MS,
  }),
}).createMachine({
  id: 'neighbour',
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
      entry: { type: 'enter', params: 'NONE' },
      on: {
        OUTPUT: [
          { guard: 'canSolicit', target: 'INCOMPLETE', actions: 'startResolution' },
          { target: 'FAILED' },
        ],
      },
    },
    INCOMPLETE: {
      // The first solicitation goes out at once, then one per retrans_time.
      entry: [{ type: 'enter', params: 'INCOMPLETE' }, 'probe'],
      after: {
        retrans: [
          { guard: 'incompleteExhausted', target: 'FAILED', actions: 'invalidate' },
          { target: 'INCOMPLETE', reenter: true },
        ],
      },
    },
    REACHABLE: {
      entry: { type: 'enter', params: 'REACHABLE' },
      after: {
        reachableExpiry: [
          { guard: 'stillReachable', target: 'REACHABLE', reenter: true },
          { guard: 'usedRecently', target: 'DELAY' },
          { target: 'STALE' },
        ],
      },
    },
    STALE: {
      entry: { type: 'enter', params: 'STALE' },
      on: { OUTPUT: 'DELAY' },
    },
    DELAY: {
      entry: { type: 'enter', params: 'DELAY' },
      after: {
        delayFirstProbe: [
          { guard: 'confirmedDuringDelay', target: 'REACHABLE' },
          { target: 'PROBE', actions: 'resetProbes' },
        ],
      },
    },
    PROBE: {
      // Unicast probes to the cached MAC; traffic keeps using it meanwhile.
      entry: [{ type: 'enter', params: 'PROBE' }, 'probe'],
      after: {
        retrans: [
          { guard: 'probeExhausted', target: 'FAILED', actions: 'invalidate' },
          { target: 'PROBE', reenter: true },
        ],
      },
    },
    FAILED: {
      entry: { type: 'enter', params: 'FAILED' },
      on: {
        OUTPUT: [
          { guard: 'canSolicit', target: 'INCOMPLETE', actions: 'startResolution' },
          { target: 'FAILED' },
        ],
      },
    },
    PERMANENT: { entry: { type: 'enter', params: 'PERMANENT' } },
    NOARP: { entry: { type: 'enter', params: 'NOARP' } },
  },
});
