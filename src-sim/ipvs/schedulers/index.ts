// The schedulers ipvsadm -s can name.
import type { IpvsDest } from '../types.ts';
import type { Scheduler } from './scheduler.ts';
import { createDh } from './dh.ts';
import { createLc } from './lc.ts';
import { createNq } from './nq.ts';
import { createRr } from './rr.ts';
import { createSed } from './sed.ts';
import { createSh } from './sh.ts';
import { createWlc } from './wlc.ts';
import { createWrr } from './wrr.ts';

const FACTORIES: Record<string, (dests: readonly IpvsDest[]) => Scheduler> = {
  rr: createRr,
  wrr: createWrr,
  lc: createLc,
  wlc: createWlc,
  sed: createSed,
  nq: createNq,
  sh: createSh,
  dh: createDh,
};

/** init_service: a fresh scheduler for a service, or null for an unknown name (ENOENT). */
export function createScheduler(name: string, dests: readonly IpvsDest[]): Scheduler | null {
  const factory = Object.hasOwn(FACTORIES, name) ? FACTORIES[name] : undefined;
  return factory ? factory(dests) : null;
}
