// Writes the seeded random conformance scenarios conformance/scenarios/9NN-random-seed-S.json.
// Deterministic: the same seed always gives the same file (mulberry32 PRNG).
//
//   LDL_WRITE_RANDOM=1 npx vitest run conformance/generate-random.test.ts   (writes, then checks)
//   npx vitest run conformance/generate-random.test.ts                      (checks the files are current)
// or, compiled: npx tsc --outDir /tmp/ldl-gen --module nodenext --target es2023 --skipLibCheck conformance/generate-random.ts
//   && node /tmp/ldl-gen/generate-random.js [FIRST_SEED COUNT]   (run from the repository root)
//
// Each scenario: one LAN (sometimes plus a WAN behind a router), a client, a
// director holding the VIP on eth0, one to three real servers with random
// arp_ignore / arp_announce / arp_accept values and VIP placements, and a few
// random arping / ping steps. Every action step is followed by a 0.4 s sleep
// so that no step lands near the 1 s locktime boundary.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Iface { name: string; segment?: string; mac?: string; addresses: string[] }
interface Host { name: string; interfaces: Iface[]; routes?: string[]; sysctl?: Record<string, string> }
type Step = { host: string; run: string } | { sleep: number };

const VIP = '198.51.100.100';

export function randomScenario(seed: number): { format: string; name: string; hosts: Host[]; steps: Step[] } {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number): boolean => rnd() < p;
  const withWan = chance(0.3);
  const hosts: Host[] = [];
  const lanClient: Host = { name: 'client', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:01', addresses: ['198.51.100.1/24'] }] };
  const clientAccept = pick([0, 0, 1, 2]);
  if (clientAccept > 0) lanClient.sysctl = { [`net.ipv4.conf.${pick(['all', 'eth0'])}.arp_accept`]: String(clientAccept) };
  hosts.push(lanClient);
  const directorHasVip = chance(0.8);
  hosts.push({
    name: 'director',
    interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:02', addresses: directorHasVip ? ['198.51.100.2/24', `${VIP}/24`] : ['198.51.100.2/24'] }],
    ...(withWan ? { routes: ['default via 198.51.100.254'] } : {}),
  });
  const rsCount = 1 + Math.floor(rnd() * 3);
  const rsNames: string[] = [];
  const placements: string[] = [];
  for (let i = 1; i <= rsCount; i++) {
    const name = `rs${i}`;
    rsNames.push(name);
    const rip = `198.51.100.${10 + i}`;
    const placement = pick(['lo32', 'lo32', 'lo32', 'eth0-32', 'lo32-host', 'none']);
    placements.push(placement);
    const iface: Iface = { name: 'eth0', segment: 'lan', mac: `02:00:00:00:00:${(0x10 + i).toString(16)}`, addresses: placement === 'eth0-32' ? [`${rip}/24`, `${VIP}/32`] : [`${rip}/24`] };
    const h: Host = { name, interfaces: [iface] };
    if (placement === 'lo32') h.interfaces.push({ name: 'lo', addresses: [`${VIP}/32`] });
    if (withWan) h.routes = ['default via 198.51.100.254'];
    const sysctl: Record<string, string> = {};
    const ignore = pick([0, 1, 1, 2, 3, 8]);
    const announce = pick([0, 1, 2, 2]);
    const accept = pick([0, 0, 1, 2]);
    if (ignore > 0 || chance(0.3)) sysctl[`net.ipv4.conf.${pick(['all', 'eth0', 'lo'])}.arp_ignore`] = String(ignore);
    if (announce > 0 || chance(0.3)) sysctl[`net.ipv4.conf.${pick(['all', 'eth0', 'lo'])}.arp_announce`] = String(announce);
    if (accept > 0) sysctl[`net.ipv4.conf.${pick(['all', 'eth0'])}.arp_accept`] = String(accept);
    if (Object.keys(sysctl).length > 0) h.sysctl = sysctl;
    hosts.push(h);
  }
  if (withWan) {
    hosts.push({
      name: 'router',
      interfaces: [
        { name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:fe', addresses: ['198.51.100.254/24'] },
        { name: 'eth1', segment: 'wan', mac: '02:00:00:00:01:fe', addresses: ['203.0.113.254/24'] },
      ],
      sysctl: { 'net.ipv4.ip_forward': '1' },
    });
    hosts.push({ name: 'wclient', interfaces: [{ name: 'eth0', segment: 'wan', mac: '02:00:00:00:01:10', addresses: ['203.0.113.10/24'] }], routes: ['default via 203.0.113.254'] });
  }
  const steps: Step[] = [];
  rsNames.forEach((name, i) => {
    if (placements[i] === 'lo32-host') steps.push({ host: name, run: `ip addr add ${VIP}/32 dev lo scope host` });
  });
  const actions = 2 + Math.floor(rnd() * 3);
  for (let a = 0; a < actions; a++) {
    const rs = pick(rsNames);
    const rip = `198.51.100.${10 + rsNames.indexOf(rs) + 1}`;
    const kind = pick(['arping-vip', 'arping-rip', 'ping-vip', 'ping-rip', 'rs-ping-from-vip', 'garp', 'rs-ping-client', withWan ? 'wan-ping-vip' : 'ping-vip'] as const);
    switch (kind) {
      case 'arping-vip': steps.push({ host: 'client', run: `arping -c 1 -I eth0 ${VIP}` }); break;
      case 'arping-rip': steps.push({ host: 'client', run: `arping -c 1 -I eth0 ${rip}` }); break;
      case 'ping-vip': steps.push({ host: 'client', run: `ping -c 1 -W 1 ${VIP}` }); break;
      case 'ping-rip': steps.push({ host: 'client', run: `ping -c 1 -W 1 ${rip}` }); break;
      case 'rs-ping-from-vip': {
        const placement = placements[rsNames.indexOf(rs)];
        const target = withWan && chance(0.5) ? '203.0.113.10' : '198.51.100.1';
        steps.push({ host: rs, run: placement === 'none' ? `ping -c 1 -W 1 ${target}` : `ping -c 1 -W 1 -I ${VIP} ${target}` });
        break;
      }
      case 'rs-ping-client': steps.push({ host: rs, run: 'ping -c 1 -W 1 198.51.100.1' }); break;
      case 'garp':
        steps.push(directorHasVip ? { host: 'director', run: `arping -U -c 1 -I eth0 ${VIP}` } : { host: 'director', run: 'arping -A -c 1 -I eth0 198.51.100.2' });
        break;
      case 'wan-ping-vip': steps.push({ host: 'wclient', run: `ping -c 1 -W 1 ${VIP}` }); break;
    }
    steps.push({ sleep: 0.4 });
  }
  for (const h of hosts) steps.push({ host: h.name, run: 'ip neigh show' });
  const summary = `${rsCount} RS (${placements.join(', ')})${withWan ? ' behind a router' : ''}${directorHasVip ? '' : ', director without VIP'}`;
  return { format: 'lvs-dr-lab/scenario@1', name: `random scenario, seed ${seed}: ${summary}`, hosts, steps };
}

export function writeRandomScenarios(dir: string, firstSeed = 1, count = 12): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const seed = firstSeed + i;
    const file = join(dir, `9${String(i + 1).padStart(2, '0')}-random-seed-${seed}.json`);
    writeFileSync(file, JSON.stringify(randomScenario(seed), null, 2) + '\n');
    files.push(file);
  }
  return files;
}

const self = fileURLToPath(import.meta.url);
if (process.argv[1] !== undefined && fileURLToPath(new URL(`file://${process.argv[1]}`)) === self) {
  const first = Number(process.argv[2] ?? 1);
  const count = Number(process.argv[3] ?? 12);
  const dir = join(process.cwd(), 'conformance', 'scenarios');
  for (const f of writeRandomScenarios(dir, first, count)) process.stdout.write(`${f}\n`);
}
