// Challenge levels: how many faults, from which groups of the catalog, on
// which challenge lab (base-lab.ts), and the par time the speed part of the
// score is measured against (virtual seconds).
import type { ChallengeLabKind } from './base-lab.ts';

export const MIN_LEVEL = 1;
export const MAX_LEVEL = 5;
export type Level = 1 | 2 | 3 | 4 | 5;

export interface LevelSpec {
  level: Level;
  /** One entry per fault: the catalog groups it may be drawn from. */
  slots: ReadonlyArray<ReadonlyArray<FaultGroup>>;
  /** Seconds of virtual time within which the full speed bonus is earned. */
  parSeconds: number;
  /** The lab its faults break: one director, or two sharing the VIP with keepalived. */
  lab: ChallengeLabKind;
}

/**
 * `ipvs`: the director's table; `arp`: the real servers' ARP sysctls; `address`: where the VIP and RIP live;
 * `keepalived`: the two directors' keepalived (VRRP, checkers, the unit), only in the keepalived lab.
 */
export type FaultGroup = 'ipvs' | 'arp' | 'address' | 'keepalived';

export const LEVELS: Readonly<Record<Level, LevelSpec>> = {
  1: { level: 1, slots: [['ipvs', 'address']], parSeconds: 300, lab: 'textbook' },
  2: { level: 2, slots: [['arp']], parSeconds: 420, lab: 'textbook' },
  3: { level: 3, slots: [['arp'], ['ipvs', 'address']], parSeconds: 720, lab: 'textbook' },
  4: { level: 4, slots: [['arp'], ['arp', 'address'], ['ipvs']], parSeconds: 1080, lab: 'textbook' },
  5: { level: 5, slots: [['keepalived']], parSeconds: 600, lab: 'keepalived' },
};

export function isLevel(value: unknown): value is Level {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}
