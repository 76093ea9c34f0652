// One VRRP instance as keepalived 2.2.7 runs it (vrrp.c, vrrp_scheduler.c):
// INIT, then BACKUP (or FAULT with its link down), MASTER when no
// advertisement came for the master-down time, and stopped. Its timers are
// the instance's `sands`: the down timer while BACKUP (restarted by every
// advertisement it accepts, never by one it discards), the advert timer
// while MASTER, and the delayed second burst of gratuitous ARPs.
//
// The machine decides; the instance it is given (`io`) acts: sends adverts
// and gratuitous ARPs, adds and removes the addresses, logs in keepalived's
// words.
import { assign, setup } from 'xstate';

/** The effects and facts of one instance (instance.ts). */
export interface VrrpIo {
  readonly name: string;
  /** Virtual time, µs. */
  now(): number;
  sendAdvert(priority: number): void;
  addAddresses(): void;
  removeAddresses(): void;
  /** One burst: `count` gratuitous ARPs for every address, back to back. */
  gratuitousArps(count: number): void;
  log(text: string): void;
  /** How late keepalived's scheduler runs an advert timer, µs (its adverts leave 1.000–1.005 s apart). */
  timerLatency(): number;
  /** Why the instance became MASTER: the down timer it waited (3 × advert_int + skew, the skew alone, or `state MASTER`'s one interval). */
  explainMaster(downTimer: number): void;
  explainBackup(source: string, priority: number): void;
  explainFault(): void;
}

export interface VrrpTimers {
  priority: number;
  /** µs. */
  advertInt: number;
  /** `state MASTER` in the configuration. */
  wantMaster: boolean;
  nopreempt: boolean;
  /** µs; 0: none. */
  preemptDelay: number;
  /** µs: the second burst after becoming MASTER (vrrp_garp_master_delay); 0: none. */
  garpDelay: number;
  garpRepeat: number;
  /** µs between refresh bursts while MASTER; 0: none. */
  garpRefresh: number;
  garpRefreshRepeat: number;
}

export interface VrrpInput {
  io: VrrpIo;
  timers: VrrpTimers;
}

interface VrrpContext extends VrrpInput {
  /** ms_down_timer, µs: what the BACKUP state waits for before it takes over. */
  downTimer: number;
  /** preempt_time: until when a lower priority master is still accepted (preempt_delay); 0: not running. */
  preemptUntil: number;
  /** When the next refresh burst is due (garp_refresh_timer), µs. */
  refreshAt: number;
}

export type VrrpEvent =
  /** The daemon has read its configuration; `linkUp`: the interface (and every tracked one) is up. */
  | { type: 'START'; linkUp: boolean }
  /** A valid advertisement for this instance (vrrp_check_packet passed). `sourceCmp`: its source against ours (-1, 0, 1). */
  | { type: 'ADVERT'; priority: number; source: string; sourceCmp: number }
  /** A packet with our VRID that vrrp_check_packet refused (wrong password, interval, …). */
  | { type: 'INVALID' }
  | { type: 'LINK'; up: boolean }
  /** SIGHUP: the instance keeps its state and takes the new configuration's values (restore_vrrp_state). */
  | { type: 'RELOAD'; timers: VrrpTimers }
  | { type: 'STOP' };

/** VRRP_TIMER_SKEW: (256 − priority)/256 of a second, in whole µs as keepalived computes it. */
export function skewTime(priority: number): number {
  return Math.floor(((256 - priority) * 1_000_000) / 256);
}

/** VRRP_MS_DOWN_TIMER: 3 × advert_int + skew. */
export function masterDownInterval(timers: Pick<VrrpTimers, 'priority' | 'advertInt'>): number {
  return 3 * timers.advertInt + skewTime(timers.priority);
}

type Args = { context: VrrpContext; event: VrrpEvent };
const advert = (event: VrrpEvent): Extract<VrrpEvent, { type: 'ADVERT' }> => event as Extract<VrrpEvent, { type: 'ADVERT' }>;

export const vrrpMachine = setup({
  types: {
    input: {} as VrrpInput,
    context: {} as VrrpContext,
    events: {} as VrrpEvent,
  },
  guards: {
    linkUp: ({ event }: Args) => event.type === 'START' && event.linkUp,
    priorityZero: ({ event }: Args) => advert(event).priority === 0,
    /**
     * vrrp_state_backup: a BACKUP keeps waiting for an advert of a higher or
     * equal priority, for any with nopreempt, and for a lower one while the
     * preempt delay runs; it discards a lower one otherwise.
     */
    acceptedByBackup: ({ context, event }: Args) => {
      const { priority } = advert(event);
      if (context.timers.nopreempt || priority >= context.timers.priority) return true;
      return context.timers.preemptDelay > 0 && (context.preemptUntil === 0 || context.preemptUntil > context.io.now());
    },
    /** vrrp_state_master_rx: a higher priority, or the same from a higher address, wins. */
    beatsMaster: ({ context, event }: Args) => {
      const a = advert(event);
      return a.priority > context.timers.priority || (a.priority === context.timers.priority && a.sourceCmp > 0);
    },
    losesToMaster: ({ context, event }: Args) => {
      const a = advert(event);
      return a.priority < context.timers.priority || (a.priority === context.timers.priority && a.sourceCmp < 0);
    },
    linkDown: ({ event }: Args) => event.type === 'LINK' && !event.up,
    linkBackUp: ({ event }: Args) => event.type === 'LINK' && event.up,
    /** vrrp_state_goto_master: the delayed burst only `if (vrrp->garp_delay)`. */
    garpDelaySet: ({ context }: Args) => context.timers.garpDelay > 0,
  },
  actions: {
    log: ({ context }: Args, text: string) => context.io.log(`(${context.io.name}) ${text}`),
    logLowerDiscarded: ({ context, event }: Args) => {
      const a = advert(event);
      context.io.log(`(${context.io.name}) received lower priority (${a.priority}) advert from ${a.source} - discarding`);
    },
    logHigher: ({ context, event }: Args) => {
      const a = advert(event);
      context.io.explainBackup(a.source, a.priority);
      context.io.log(
        a.priority > context.timers.priority
          ? `(${context.io.name}) Master received advert from ${a.source} with higher priority ${a.priority}, ours ${context.timers.priority}`
          : `(${context.io.name}) Master received advert from ${a.source} with same priority ${a.priority} but higher IP address than ours`,
      );
    },
    logLowerForcing: ({ context, event }: Args) => {
      const a = advert(event);
      context.io.log(`(${context.io.name}) Received advert from ${a.source} with lower priority ${a.priority}, ours ${context.timers.priority}, forcing new election`);
    },
    /** vrrp_init_state: `state MASTER` waits one advert interval (and the smallest skew) to hear of another master. */
    armInitialTimer: assign({ downTimer: ({ context }) => (context.timers.wantMaster ? context.timers.advertInt + skewTime(255) : masterDownInterval(context.timers)) }),
    armDownTimer: assign({ downTimer: ({ context }) => masterDownInterval(context.timers) }),
    armSkewTimer: assign({ downTimer: ({ context }) => skewTime(context.timers.priority) }),
    /** A lower priority master starts the preempt delay; a higher one stops it. */
    trackPreemptDelay: assign({
      preemptUntil: ({ context, event }) => {
        if (context.timers.preemptDelay === 0) return 0;
        if (advert(event).priority >= context.timers.priority) return 0;
        return context.preemptUntil || context.io.now() + context.timers.preemptDelay;
      },
    }),
    clearPreemptDelay: assign({ preemptUntil: 0 }),
    /** vrrp_state_goto_master → vrrp_state_master_tx: the advert first, then the addresses and the first burst. */
    becomeMaster: ({ context }: Args) => {
      const { io, timers } = context;
      io.explainMaster(context.downTimer);
      io.sendAdvert(timers.priority);
      io.log(`(${io.name}) Entering MASTER STATE`);
      io.addAddresses();
      io.gratuitousArps(timers.garpRepeat);
    },
    armRefresh: assign({ refreshAt: ({ context }) => (context.timers.garpRefresh > 0 ? context.io.now() + context.timers.garpRefresh : 0) }),
    /** A steady master's advert, with a refresh burst when one is due. */
    advertise: ({ context }: Args) => {
      context.io.sendAdvert(context.timers.priority);
      if (context.refreshAt > 0 && context.io.now() > context.refreshAt) context.io.gratuitousArps(context.timers.garpRefreshRepeat);
    },
    rearmRefresh: assign({
      refreshAt: ({ context }) => (context.refreshAt > 0 && context.io.now() > context.refreshAt ? context.io.now() + context.timers.garpRefresh : context.refreshAt),
    }),
    sendOurAdvert: ({ context }: Args) => context.io.sendAdvert(context.timers.priority),
    delayedBurst: ({ context }: Args) => context.io.gratuitousArps(context.timers.garpRepeat),
    removeAddresses: ({ context }: Args) => context.io.removeAddresses(),
    explainFault: ({ context }: Args) => context.io.explainFault(),
    /** vrrp_restore_interface(advF): a stopping master tells the others at once with priority 0. */
    resign: ({ context }: Args) => {
      context.io.sendAdvert(0);
      context.io.removeAddresses();
    },
    /**
     * vrrp_state_leave_master towards FAULT sends a priority-0 advert of its
     * own, then vrrp_restore_interface(advF) the usual one: two back to back
     * (a tracked interface down; with the instance's own link down neither leaves).
     */
    resignToFault: ({ context }: Args) => {
      context.io.sendAdvert(0);
      context.io.sendAdvert(0);
      context.io.removeAddresses();
    },
  },
  delays: {
    downTimer: ({ context }) => context.downTimer / 1000,
    advertInt: ({ context }) => (context.timers.advertInt + context.io.timerLatency()) / 1000,
    garpDelay: ({ context }) => context.timers.garpDelay / 1000,
  },
}).createMachine({
  id: 'vrrp',
  context: ({ input }) => ({ ...input, downTimer: masterDownInterval(input.timers), preemptUntil: 0, refreshAt: 0 }),
  initial: 'INIT',
  on: { RELOAD: { actions: assign({ timers: ({ event }) => (event as Extract<VrrpEvent, { type: 'RELOAD' }>).timers }) } },
  states: {
    INIT: {
      on: {
        START: [
          { guard: 'linkUp', target: 'BACKUP', actions: ['armInitialTimer', { type: 'log', params: 'Entering BACKUP STATE (init)' }] },
          { target: 'FAULT', actions: ['explainFault', { type: 'log', params: 'Entering FAULT STATE (init)' }] },
        ],
        STOP: 'stopped',
      },
    },
    BACKUP: {
      after: { downTimer: 'MASTER' },
      on: {
        ADVERT: [
          { guard: 'priorityZero', target: 'BACKUP', reenter: true, actions: 'armSkewTimer' },
          { guard: 'acceptedByBackup', target: 'BACKUP', reenter: true, actions: ['armDownTimer', 'trackPreemptDelay'] },
          { actions: 'logLowerDiscarded' },
        ],
        LINK: { guard: 'linkDown', target: 'FAULT', actions: ['explainFault', { type: 'log', params: 'Entering FAULT STATE' }] },
        STOP: 'stopped',
      },
    },
    MASTER: {
      entry: ['becomeMaster', 'armRefresh', 'clearPreemptDelay'],
      after: { garpDelay: { guard: 'garpDelaySet', actions: 'delayedBurst' } },
      initial: 'advertising',
      states: {
        // vrrp_dispatcher_read ends with vrrp_init_instance_sands: every packet
        // with our VRID that leaves us MASTER, valid or not, restarts the advert
        // timer (two masters that refuse each other's adverts share one stream).
        // Handled here so that re-entering restarts this timer only, not MASTER's.
        advertising: {
          after: { advertInt: { target: 'advertising', reenter: true, actions: ['advertise', 'rearmRefresh'] } },
          on: {
            ADVERT: [
              { guard: 'priorityZero', target: 'advertising', reenter: true, actions: 'sendOurAdvert' },
              {
                guard: 'beatsMaster',
                target: '#vrrp.BACKUP',
                actions: ['logHigher', { type: 'log', params: 'Entering BACKUP STATE' }, 'removeAddresses', 'armDownTimer'],
              },
              { guard: 'losesToMaster', target: 'advertising', reenter: true, actions: ['logLowerForcing', 'sendOurAdvert'] },
              { target: 'advertising', reenter: true, actions: { type: 'log', params: 'WARNING - equal priority advert received from remote host with our IP address.' } },
            ],
            INVALID: { target: 'advertising', reenter: true },
          },
        },
      },
      on: {
        LINK: { guard: 'linkDown', target: 'FAULT', actions: ['explainFault', { type: 'log', params: 'Entering FAULT STATE' }, 'resignToFault'] },
        STOP: { target: 'stopped', actions: 'resign' },
      },
    },
    FAULT: {
      on: {
        LINK: { guard: 'linkBackUp', target: 'BACKUP', actions: ['armDownTimer', { type: 'log', params: 'Entering BACKUP STATE' }] },
        STOP: 'stopped',
      },
    },
    stopped: { type: 'final' },
  },
});
