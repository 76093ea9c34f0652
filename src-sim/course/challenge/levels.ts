// Challenge levels: how many faults, from which groups of the catalog, and the
// par time the speed part of the score is measured against (virtual seconds).
export const MIN_LEVEL = 1;
export const MAX_LEVEL = 4;
export type Level = 1 | 2 | 3 | 4;

export interface LevelSpec {
  level: Level;
  /** One entry per fault: the catalog groups it may be drawn from. */
  slots: ReadonlyArray<ReadonlyArray<FaultGroup>>;
  /** Seconds of virtual time within which the full speed bonus is earned. */
  parSeconds: number;
}

/** `ipvs`: the director's table; `arp`: the real servers' ARP sysctls; `address`: where the VIP and RIP live. */
export type FaultGroup = 'ipvs' | 'arp' | 'address';

export const LEVELS: Readonly<Record<Level, LevelSpec>> = {
  1: { level: 1, slots: [['ipvs', 'address']], parSeconds: 300 },
  2: { level: 2, slots: [['arp']], parSeconds: 420 },
  3: { level: 3, slots: [['arp'], ['ipvs', 'address']], parSeconds: 720 },
  4: { level: 4, slots: [['arp'], ['arp', 'address'], ['ipvs']], parSeconds: 1080 },
};

export function isLevel(value: unknown): value is Level {
  return value === 1 || value === 2 || value === 3 || value === 4;
}
