// The working LVS-DR lab every challenge starts from (before its faults): the
// textbook lab (src-sim/scenario/textbook.ts) with a client behind a router,
// the director and two real servers, so an ARP fault shows where it hurts in
// production: the gateway's cache entry for the VIP.
//
// The keepalived level plays on the two-director variant instead (`lab:
// 'keepalived'` in levels.ts): director (priority 150) and director2 (100)
// share the VIP by VRRP, keepalived programs both IPVS tables, and the setup
// starts keepalived on both and waits until director is MASTER.
//
// The lab is versioned, never forked: a results file says which version its
// challenges were played on (`lab`, absent = 1), and the grader boots that
// one, so old results keep replaying when the textbook lab grows. A new
// version is a new entry below (other textbook options); the old ones stay.
import { textbookScenario, TEXTBOOK_DIRECTOR_IP, TEXTBOOK_GATEWAY, TEXTBOOK_PORT, TEXTBOOK_VIP, realServerIp, type TextbookOptions } from '../../scenario/textbook.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { Step } from '../../step.ts';

export const VIP = TEXTBOOK_VIP;
export const GATEWAY = TEXTBOOK_GATEWAY;
export const SERVICE_PORT = TEXTBOOK_PORT;
export const DIRECTOR_IP = TEXTBOOK_DIRECTOR_IP;
export const REAL_SERVERS = ['rs1', 'rs2'] as const;
export type RealServer = (typeof REAL_SERVERS)[number];
export const RIP: Record<RealServer, string> = { rs1: realServerIp(0), rs2: realServerIp(1) };

/** The one-director lab (levels 1-4) or the two directors sharing the VIP with keepalived (level 5). */
export type ChallengeLabKind = 'textbook' | 'keepalived';

/** Every challenge lab there has been, by version; the last is what new challenges use. */
const CHALLENGE_LABS: Readonly<Record<number, Readonly<Record<ChallengeLabKind, TextbookOptions>>>> = {
  1: {
    textbook: { name: 'LVS-DR challenge lab' },
    keepalived: { name: 'LVS-DR keepalived challenge lab', directors: 2, keepalived: true },
  },
};

/**
 * After the configuration is written: keepalived started on both directors,
 * then time for director's VRRP instance to become MASTER (3 × advert_int +
 * (256 − 150)/256 s after its start) and for the first checker round.
 */
const KEEPALIVED_START: readonly Step[] = [
  { host: 'director', run: 'systemctl start keepalived' },
  { host: 'director2', run: 'systemctl start keepalived' },
  { sleep: 6 },
];

export const CHALLENGE_LAB_VERSION = 1;

export function isChallengeLabVersion(version: unknown): version is number {
  return typeof version === 'number' && Object.hasOwn(CHALLENGE_LABS, version);
}

/** The challenge lab of `version` as booted (no steps) and its setup: the director's IPVS table, or keepalived started on both directors. */
export function challengeLab(version: number = CHALLENGE_LAB_VERSION, kind: ChallengeLabKind = 'textbook'): { scenario: Scenario; setup: Step[] } {
  const options = CHALLENGE_LABS[version]?.[kind];
  if (!options) throw new Error(`no challenge lab version ${version}`);
  const { steps, ...scenario } = textbookScenario(options);
  return { scenario: { ...scenario, steps: [] }, setup: kind === 'keepalived' ? [...steps, ...KEEPALIVED_START] : steps };
}
