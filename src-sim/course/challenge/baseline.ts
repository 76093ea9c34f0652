// The checks the working challenge lab passes. After the learner's commands,
// one of these that passed before the first command and fails now is
// collateral damage: something that worked was broken.
import { DIRECTOR_IP, GATEWAY, REAL_SERVERS, RIP, SERVICE_PORT, VIP } from './base-lab.ts';
import type { ChallengeCheck } from './challenge-checks.ts';
import { LEVELS, type Level } from './levels.ts';

const SERVICE = `tcp:${VIP}:${SERVICE_PORT}`;
const URL = `http://${VIP}/`;

export const BASELINE_CHECKS: readonly ChallengeCheck[] = [
  { id: 'base-arp-vip', type: 'arp-probe', from: 'router', target: VIP, answeredBy: ['director'] },
  { id: 'base-director-vip', type: 'address', host: 'director', address: VIP, dev: 'eth0', present: true },
  { id: 'base-director-ip', type: 'address', host: 'director', address: `${DIRECTOR_IP}/24`, dev: 'eth0', present: true },
  { id: 'base-service', type: 'ipvs-service', host: 'director', service: SERVICE, present: true },
  ...REAL_SERVERS.flatMap((rs): ChallengeCheck[] => [
    { id: `base-${rs}-dest`, type: 'ipvs-dest', host: 'director', service: SERVICE, dest: `${RIP[rs]}:${SERVICE_PORT}`, present: true, fwd: 'Route', minWeight: 1 },
    { id: `base-${rs}-vip`, type: 'address', host: rs, address: `${VIP}/32`, dev: 'lo', present: true },
    { id: `base-${rs}-rip`, type: 'address', host: rs, address: `${RIP[rs]}/24`, dev: 'eth0', present: true },
    { id: `base-${rs}-arp-ignore`, type: 'conf', host: rs, dev: 'eth0', key: 'arp_ignore', oneOf: [1, 2] },
    { id: `base-${rs}-arp-announce`, type: 'conf', host: rs, dev: 'eth0', key: 'arp_announce', oneOf: [2] },
    { id: `base-${rs}-gateway`, type: 'ping-probe', from: rs, target: GATEWAY, answeredBy: 'router' },
  ]),
  { id: 'base-even', type: 'ipvs-even', host: 'director', service: SERVICE },
  // Behaviour end to end: every request answered, both servers used, nothing bypasses the director,
  // and afterwards the gateway still sends the VIP to the director.
  { id: 'base-http', type: 'http-probe', from: 'client', url: URL, count: 6, servers: [...REAL_SERVERS], via: 'director' },
  {
    id: 'base-gateway-entry',
    type: 'neighbour',
    host: 'router',
    ip: VIP,
    mac: 'director',
    after: ['client$ curl -s -m 2 http://198.51.100.100/', 'client$ curl -s -m 2 http://198.51.100.100/', 'client$ curl -s -m 2 http://198.51.100.100/'],
  },
];

/**
 * The keepalived lab's working state adds: director2 is BACKUP (it does not hold the VIP) and its
 * keepalived has programmed the same table, ready for a failover.
 */
const KEEPALIVED_BASELINE: readonly ChallengeCheck[] = [
  { id: 'base-director2-no-vip', type: 'address', host: 'director2', address: VIP, present: false },
  { id: 'base-director2-service', type: 'ipvs-service', host: 'director2', service: SERVICE, present: true },
  ...REAL_SERVERS.map((rs): ChallengeCheck => ({ id: `base-director2-${rs}-dest`, type: 'ipvs-dest', host: 'director2', service: SERVICE, dest: `${RIP[rs]}:${SERVICE_PORT}`, present: true, fwd: 'Route', minWeight: 1 })),
];

/** The baseline of the lab a level plays on. */
export function baselineChecks(level: Level): readonly ChallengeCheck[] {
  return LEVELS[level].lab === 'keepalived' ? [...BASELINE_CHECKS, ...KEEPALIVED_BASELINE] : BASELINE_CHECKS;
}
