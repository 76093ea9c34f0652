// Advances neighbour entries through the NUD machine: xstate computes each
// transition, the entry keeps the snapshot, and the machine's delayed
// transitions run on the lab's event queue.
//
// Why not an actor per entry: an xstate actor costs about 10 µs to create
// and 5 KiB to keep, and a host learns an entry from every ARP request
// addressed to it. Why not xstate's exported `transition()`: it creates a
// throw-away actor for its scope on every call, the same cost again. So one
// inert scope (an actor that is never started, as `transition()` builds)
// serves every call of the machine's own `transition(snapshot, event,
// scope)`, which is what `transition()` runs: pure, returning the next
// snapshot and handing every action to the scope's executor.
//
// Everything at module level here is a fact about the machine, shared by
// every host of every lab: the one snapshot of each state, and the
// transitions xstate has computed. No entry or host is kept.
import { createActor, initialTransition, type AnyActorScope, type ExecutableActionObject, type SnapshotFrom } from 'xstate';
import type { TimerHandle } from '../../core/event-queue.ts';
import { neighbourMachine, type Decision, type NeighbourEvent, type NudEntry, type NudState } from './machine.ts';
import type { CauseName } from '../../i18n/catalogue.ts';

export type NeighbourSnapshot = SnapshotFrom<typeof neighbourMachine>;

/** An entry the stepper can advance: the machine's data, its snapshot and its one pending timer. */
export interface SteppedEntry extends NudEntry {
  snapshot: NeighbourSnapshot;
  /** The delayed transition of the current state (`after`), on the lab's queue. */
  timer: TimerHandle | null;
}

/**
 * The machine has no context, so a snapshot is its state and nothing else:
 * snapshots are immutable, and every entry in a state shares that state's
 * one snapshot (an entry costs a pointer, not a snapshot).
 */
const shared = new Map<string, NeighbourSnapshot>();

function interned(snapshot: NeighbourSnapshot): NeighbourSnapshot {
  const key = snapshot.value as string;
  const known = shared.get(key);
  if (known !== undefined) return known;
  shared.set(key, snapshot);
  return snapshot;
}

/**
 * NONE, the state of a new entry. Its entry action (`enter` NONE from NONE)
 * changes nothing, so the initial actions are not run.
 */
export const INITIAL_SNAPSHOT: NeighbourSnapshot = interned(initialTransition(neighbourMachine)[0]);

/**
 * An event for the machine. Every event has the same fields, so that the
 * guards and actions reading them see one object shape.
 */
function nudEvent(type: string, state: NudState | null, entry: SteppedEntry, cause: CauseName): NeighbourEvent {
  return { type, state, entry, from: entry.snapshot.value as NudState, cause, decisions: null };
}

interface DelayedRaise {
  event: { type: string };
  delay?: number;
}

/** A transition xstate computed: what it decided, and what it returned. */
interface Computed {
  readonly decisions: readonly Decision[];
  readonly next: NeighbourSnapshot;
  readonly actions: ReadonlyArray<Pick<ExecutableActionObject, 'type' | 'params' | 'exec'>>;
}

/** Actions of the transition being computed, in the order xstate gives them. */
const collected: ExecutableActionObject[] = [];
const INERT_ACTOR = createActor(neighbourMachine);
const SCOPE: AnyActorScope = {
  self: INERT_ACTOR,
  id: '',
  sessionId: '',
  system: INERT_ACTOR.system,
  logger: () => {},
  defer: () => {},
  emit: () => {},
  stopChild: () => {},
  actionExecutor: (action) => collected.push(action),
};

/** Transitions kept per (state, event): enough for the few outcomes one event has in one state. */
const VARIANTS = 4;

/**
 * Transitions computed before, by state and event (SET's new state, or the
 * event type). xstate's macrostep costs microseconds; the machine has no
 * context, so its result depends only on the state, the event's type and
 * state, and the answers of the guards and delays it consulted. When the
 * same implementations give the same answers again, the result is the same,
 * and is replayed.
 */
const computed = new Map<NeighbourSnapshot, Map<string, Computed[]>>();

/** The machine's transition for this snapshot and event: replayed if seen before, else computed by xstate. */
function transition(snapshot: NeighbourSnapshot, event: NeighbourEvent): Computed {
  let byEvent = computed.get(snapshot);
  if (byEvent === undefined) {
    byEvent = new Map();
    computed.set(snapshot, byEvent);
  }
  const key = event.state ?? event.type;
  let variants = byEvent.get(key);
  if (variants === undefined) {
    variants = [];
    byEvent.set(key, variants);
  }
  for (let i = 0; i < variants.length; i++) {
    const known = variants[i]!;
    if (!sameAnswers(known.decisions, event)) continue;
    // The most used variants move to the front; the last one is replaced first.
    if (i > 0) [variants[i - 1], variants[i]] = [known, variants[i - 1]!];
    return known;
  }
  const next = interned(neighbourMachine.transition(snapshot, event as never, SCOPE));
  const actions = collected.splice(0).map(({ type, params, exec }) => ({ type, params, exec }));
  const result: Computed = { decisions: event.decisions ?? [], next, actions };
  if (variants.length >= VARIANTS) variants[VARIANTS - 1] = result;
  else variants.push(result);
  return result;
}

/** Whether the recorded guards and delays answer the same for this event. */
function sameAnswers(decisions: readonly Decision[], event: NeighbourEvent): boolean {
  const args = { event };
  for (const d of decisions) if ((d.implementation as (args: { event: NeighbourEvent }, params: unknown) => unknown)(args, d.params) !== d.value) return false;
  return true;
}

/** Advances the entries of one table; their timers go on the table's queue. */
export class NudStepper {
  constructor(private readonly queue: { schedule(delayUs: number, run: () => void): TimerHandle }) {}

  /** Sends `OUTPUT` or `SET` to the entry; `cause` explains the change. */
  send(entry: SteppedEntry, type: 'OUTPUT' | 'SET', state: NudState | null, cause: CauseName): void {
    this.step(entry, nudEvent(type, state, entry, cause));
  }

  /** The entry leaves its table: its timer will not fire. */
  stop(entry: SteppedEntry): void {
    entry.timer?.cancel();
    entry.timer = null;
  }

  private step(entry: SteppedEntry, event: NeighbourEvent): void {
    const { next, actions } = transition(entry.snapshot, event);
    // The new state holds before the actions run, as in neigh_timer_handler,
    // which sets NUD_FAILED before neigh_invalidate reports the errors.
    entry.snapshot = next;
    // Actions run in order. The timers' raise and cancel come last, as an
    // actor defers them to the end of its macrostep: this keeps the queue's
    // sequence numbers, and so the order of simultaneous events, unchanged.
    const pending = entry.timer;
    const info = { context: next.context, event, self: SCOPE.self, system: SCOPE.system };
    for (const action of actions) if (action.exec !== undefined && action.type !== 'xstate.raise' && action.type !== 'xstate.cancel') action.exec(info, action.params);
    for (const action of actions) {
      if (action.type === 'xstate.cancel') {
        pending?.cancel();
        if (entry.timer === pending) entry.timer = null;
      } else if (action.type === 'xstate.raise') {
        const { event: delayed, delay } = action.params as DelayedRaise;
        if (delay === undefined) continue;
        entry.timer = this.queue.schedule(delay * 1000, () => {
          entry.timer = null;
          this.step(entry, nudEvent(delayed.type, null, entry, 'timer'));
        });
      }
    }
  }
}
