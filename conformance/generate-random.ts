// Random conformance scenarios that look like what learners do: commands
// typed back to back, sleeps that land on either side of the neighbour
// timers' edges, every command form the simulator accepts, flat and routed
// labs, VIPs held by several hosts (ARP races). Deterministic: the same seed
// always gives the same scenario (mulberry32).
//
// `lvs-dr-lab conformance --random N --seed S` runs N of them on the kernel
// (both bridge port orders) and the simulator; CI draws a fresh batch per
// commit (scripts/test-all.mjs). conformance/scenarios/9NN-random-seed-*.json
// were written by the first version of this generator and are kept as
// ordinary scenarios.
//
// Timer edges (Linux's defaults; the simulator models the same): locktime
// 1 s after an entry's last update, delay_first_probe_time 5 s, retrans_time
// 1 s between probes, reachable 15–45 s (random per table, so a scenario
// never sleeps inside that range). Sleeps keep ~0.3 s away from an edge
// when the commands before them take no time: a step within the timer
// wheel's slack of an edge is a race Linux itself does not repeat.
//
// The end of a scenario is kept out of that slack too: after drawing, the
// scenario runs in the simulator, and while a pending neighbour timer could
// fire on Linux around the instant the tables are read or the capture stops
// (the wheel's granularity either side of the simulator's instant, plus
// the kernel runner's lag), the final sleep grows past it (timer-slack.ts).
// Everything before the end stays as drawn.

import type { Scenario } from '../src-sim/scenario/types.ts';
import { leaveTimerSlack } from './timer-slack.ts';

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

interface Iface { name: string; segment?: string; mac?: string; addresses: string[]; arp?: boolean }
interface Host { name: string; interfaces: Iface[]; routes?: string[]; sysctl?: Record<string, string> }
type Step = { host: string; run: string } | { sleep: number };
export interface RandomScenario { format: 'lvs-dr-lab/scenario@1'; name: string; hosts: Host[]; steps: Step[] }

const VIP = '198.51.100.100';
const CLIENT = '198.51.100.1';
const DIRECTOR = '198.51.100.2';
const GATEWAY = '198.51.100.254';
const WAN_CLIENT = '203.0.113.10';
const UNUSED = '198.51.100.77';
const LAN_BROADCAST = '198.51.100.255';

/** Sleeps on either side of locktime (1 s), the first probe delay (5 s) and the probe interval (1 s). */
const STRADDLING_SLEEPS = [0.6, 1.4, 1.6, 2.5, 3.5, 4.6, 5.6, 6.5, 8.5] as const;

class Dice {
  constructor(private readonly rnd: () => number) {}
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
}

interface Lab {
  hosts: Host[];
  realServers: string[];
  rip: Map<string, string>;
  routed: boolean;
  summary: string;
}

function mac(n: number): string {
  return `02:00:00:00:${(n >> 8).toString(16).padStart(2, '0')}:${(n & 0xff).toString(16).padStart(2, '0')}`;
}

function buildLab(d: Dice): Lab {
  const routed = d.chance(0.35);
  const hosts: Host[] = [];
  const client: Host = { name: 'client', interfaces: [{ name: 'eth0', segment: 'lan', mac: mac(1), addresses: [`${CLIENT}/24`] }] };
  if (d.chance(0.3)) client.sysctl = { [`net.ipv4.conf.${d.pick(['all', 'eth0'])}.arp_accept`]: String(d.pick([1, 2])) };
  hosts.push(client);
  const directorVip = d.chance(0.75);
  const director: Host = { name: 'director', interfaces: [{ name: 'eth0', segment: 'lan', mac: mac(2), addresses: directorVip ? [`${DIRECTOR}/24`, `${VIP}/${d.pick([24, 32])}`] : [`${DIRECTOR}/24`] }] };
  if (routed) director.routes = [`default via ${GATEWAY}`];
  hosts.push(director);
  const count = d.int(1, 3);
  const realServers: string[] = [];
  const rip = new Map<string, string>();
  const placements: string[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `rs${i}`;
    const address = `198.51.100.${10 + i}`;
    realServers.push(name);
    rip.set(name, address);
    const placement = d.pick(['lo32', 'lo32', 'lo32', 'eth0-32', 'none', 'none'] as const);
    placements.push(placement);
    const host: Host = { name, interfaces: [{ name: 'eth0', segment: 'lan', mac: mac(0x10 + i), addresses: placement === 'eth0-32' ? [`${address}/24`, `${VIP}/32`] : [`${address}/24`] }] };
    // "arp": false on lo (IFF_NOARP) is a learner's belief that it hides the VIP: it changes nothing.
    if (placement === 'lo32') host.interfaces.push(d.chance(0.15) ? { name: 'lo', addresses: [`${VIP}/32`], arp: false } : { name: 'lo', addresses: [`${VIP}/32`] });
    if (routed) host.routes = [`default via ${GATEWAY}`];
    const sysctl: Record<string, string> = {};
    const ignore = d.pick([0, 1, 1, 2, 3, 8]);
    const announce = d.pick([0, 1, 2, 2]);
    if (ignore > 0 || d.chance(0.2)) sysctl[`net.ipv4.conf.${d.pick(['all', 'all', 'eth0', 'lo'])}.arp_ignore`] = String(ignore);
    if (announce > 0 || d.chance(0.2)) sysctl[`net.ipv4.conf.${d.pick(['all', 'all', 'eth0', 'lo'])}.arp_announce`] = String(announce);
    if (d.chance(0.2)) sysctl[`net.ipv4.conf.${d.pick(['all', 'eth0'])}.arp_accept`] = String(d.pick([1, 2]));
    if (d.chance(0.15)) sysctl['net.ipv4.conf.all.rp_filter'] = String(d.pick([1, 2]));
    if (Object.keys(sysctl).length > 0) host.sysctl = sysctl;
    hosts.push(host);
  }
  if (routed) {
    hosts.push({
      name: 'router',
      interfaces: [
        { name: 'eth0', segment: 'lan', mac: mac(0xfe), addresses: [`${GATEWAY}/24`] },
        { name: 'eth1', segment: 'wan', mac: mac(0x1fe), addresses: ['203.0.113.254/24'] },
      ],
      sysctl: { 'net.ipv4.ip_forward': '1' },
    });
    hosts.push({ name: 'wclient', interfaces: [{ name: 'eth0', segment: 'wan', mac: mac(0x110), addresses: [`${WAN_CLIENT}/24`] }], routes: ['default via 203.0.113.254'] });
  }
  const summary = `${count} RS (${placements.join(', ')})${routed ? ' behind a router' : ''}${directorVip ? '' : ', director without VIP'}`;
  return { hosts, realServers, rip, routed, summary };
}

/** One thing a learner types, as a command line on a host. */
function action(d: Dice, lab: Lab): Step {
  const rs = d.pick(lab.realServers);
  const rip = lab.rip.get(rs)!;
  const onLan = d.pick(['client', 'director', rs]);
  const lanTarget = d.pick([VIP, VIP, rip, DIRECTOR, CLIENT, UNUSED, ...(lab.routed ? [GATEWAY] : [])]);
  const kind = d.pick(['arping', 'arping', 'arping', 'ping', 'ping', 'ping', 'listing', 'listing', 'neigh', 'sysctl', 'address', 'route', 'curl', 'link', 'tools'] as const);
  switch (kind) {
    case 'arping': {
      const mode = d.pick(['', '', '', '-U', '-A', '-D', '-b', '-f'] as const);
      const count = d.pick([1, 1, 2, 3]);
      const deadline = d.chance(0.5) ? ` -w ${d.pick([1, 2])}` : '';
      const source = mode === '' && d.chance(0.2) ? ` -s ${d.pick([VIP, rip])}` : '';
      if (mode === '-U' || mode === '-A') {
        const host = d.pick(['director', rs]);
        const own = host === 'director' ? d.pick([VIP, DIRECTOR]) : d.pick([VIP, rip]);
        return { host, run: `arping ${mode} -c ${count}${deadline} -I eth0 ${own}` };
      }
      const host = source !== '' ? rs : onLan;
      return { host, run: `arping${mode ? ` ${mode}` : ''} -c ${count}${deadline} -I eth0${source} ${lanTarget}` };
    }
    case 'ping': {
      const count = d.pick([1, 1, 2, 3]);
      const timing = d.pick([' -W 1', ' -W 1', ` -w ${d.pick([1, 2, 3])}`, ' -i 0.2 -W 1']);
      // -t 1 dies on the router (Time to live exceeded), -t 2 just arrives.
      if (lab.routed && d.chance(0.3)) return { host: 'wclient', run: `ping -c ${count}${timing}${d.pick(['', '', ' -t 1', ' -t 2'])} ${d.pick([VIP, rip, DIRECTOR])}` };
      // The subnet's broadcast: refused without -b; with it, answered by the hosts that do not ignore broadcast echoes.
      if (d.chance(0.15)) return { host: onLan, run: `ping${d.pick([' -b', ' -b', ''])} -c ${count}${timing}${d.pick(['', '', ' -I eth0'])} ${LAN_BROADCAST}` };
      if (d.chance(0.25)) {
        const target = lab.routed && d.chance(0.5) ? WAN_CLIENT : CLIENT;
        return { host: rs, run: `ping -c ${count}${timing} -I ${d.pick([VIP, 'eth0', rip])} ${target}` };
      }
      return { host: onLan, run: `ping -c ${count}${timing} ${lanTarget}` };
    }
    case 'listing': {
      const host = d.pick(lab.hosts).name;
      return { host, run: d.pick(['ip addr', 'ip -4 addr show dev eth0', 'ip -br addr', 'ip -br link', 'ip link show eth0', 'ip -o addr', 'ifconfig', 'ifconfig eth0', 'ifconfig lo', 'route -n', 'arp -n', 'ip route', 'ip route show table local', `ip route get ${lanTarget}`]) };
    }
    case 'neigh': {
      const host = d.pick(['client', 'director', rs, ...(lab.routed ? ['router'] : [])]);
      return { host, run: d.pick(['ip neigh show', 'ip neigh', 'ip -4 neigh show dev eth0', 'ip neigh flush dev eth0', `ip neigh del ${lanTarget} dev eth0`, `ip neigh replace ${VIP} lladdr ${mac(2)} dev eth0 nud ${d.pick(['permanent', 'reachable', 'stale'])}`, 'cat /proc/net/arp']) };
    }
    case 'sysctl': {
      const key = d.pick(['arp_ignore', 'arp_announce', 'arp_accept', 'arp_notify', 'rp_filter']);
      const dev = d.pick(['all', 'eth0', 'lo', 'default']);
      const max = key === 'arp_ignore' ? 8 : key === 'arp_announce' || key === 'arp_accept' || key === 'rp_filter' ? 2 : 1;
      const value = d.int(0, max);
      return d.pick([
        { host: rs, run: `sysctl -w net.ipv4.conf.${dev}.${key}=${value}` },
        { host: rs, run: `echo ${value} > /proc/sys/net/ipv4/conf/${dev}/${key}` },
        { host: rs, run: `sysctl net.ipv4.conf.${dev}.${key}` },
        { host: d.pick(['client', 'director']), run: `sysctl -w net.ipv4.neigh.eth0.locktime=${d.pick([0, 50, 100, 300])}` },
        { host: d.pick(['director', rs]), run: `sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=${d.int(0, 1)}` },
        { host: rs, run: `cat /proc/sys/net/ipv4/conf/${dev}/${key}` },
        // proxy_arp on the router answers for the WAN to a client that believes it on-link.
        ...(lab.routed ? [{ host: 'router', run: `sysctl -w net.ipv4.conf.${d.pick(['all', 'eth0'])}.proxy_arp=${d.int(0, 1)}` }] : []),
      ]);
    }
    case 'address':
      return d.pick([
        { host: rs, run: `ip addr add ${VIP}/32 dev lo` },
        { host: rs, run: `ip addr del ${VIP}/32 dev lo` },
        { host: rs, run: `ip addr add ${VIP}/32 dev lo label lo:0` },
        { host: rs, run: `ifconfig lo:0 ${VIP} netmask 255.255.255.255 up` },
        { host: 'director', run: `ip addr add ${VIP}/32 dev eth0` },
        { host: 'director', run: `ip addr del ${VIP}/24 dev eth0` },
        { host: rs, run: `ip addr add ${VIP}/32 dev lo scope host` },
      ]);
    case 'route':
      return d.pick([
        { host: rs, run: `route add -host ${VIP} dev lo` },
        { host: rs, run: `ip route add ${VIP}/32 dev lo` },
        { host: 'client', run: `ip route add 192.0.2.0/24 via ${DIRECTOR}` },
        { host: 'client', run: `ip route del 192.0.2.0/24` },
        ...(lab.routed ? [{ host: 'client', run: 'ip route add 203.0.113.0/24 dev eth0' }, { host: 'client', run: `arping -c 1 -w 2 -I eth0 ${WAN_CLIENT}` }] : []),
        { host: rs, run: `ip route get ${CLIENT}` },
      ]);
    case 'curl': {
      // -m never on a whole second: SYNs are retransmitted at 1, 3, 7 s and ARP probes every second,
      // and one within the timer slack of curl's deadline is a race Linux does not repeat.
      const target = d.pick([VIP, rip, DIRECTOR]);
      const host = lab.routed && d.chance(0.4) ? 'wclient' : 'client';
      return { host, run: d.pick([`curl -s -m 2.5 http://${target}/`, `curl -sS -m 2.5 http://${target}/`, `curl -s -m 2.5 -o /dev/null -w '%{http_code} %{remote_ip}\\n' http://${target}/`, `curl -sS -m 1.5 http://${target}:81/`]) };
    }
    case 'link':
      return d.pick([
        { host: rs, run: 'ip link set lo up' },
        { host: d.pick(['client', 'director', rs]), run: 'ip link show' },
        { host: rs, run: 'ip link set eth9 up' },
        { host: rs, run: 'ip addr show dev eth9' },
        { host: rs, run: 'ip link set lo arp off' },
        { host: rs, run: `ip link set eth0 arp ${d.pick(['off', 'on'])}` },
        { host: d.pick(['client', 'director', rs]), run: 'ip neigh show nud all' },
      ]);
    case 'tools': {
      // The network tools learners reach for next (issue 11): counters, sockets, arp -s/-d, sysctl listings.
      const host = d.pick(['client', 'director', rs]);
      return d.pick([
        { host, run: d.pick(['ip -s link show eth0', 'ip -s link', 'netstat -i']) },
        { host, run: d.pick(['ss -tan', 'ss -lnt', 'ss -ta', 'netstat -ant', 'netstat -lnt', 'netstat -rn']) },
        { host, run: 'hostname -I' },
        { host, run: `arp -s ${lanTarget} ${mac(d.pick([2, 3, 40]))}${d.pick(['', ' temp', ' dev eth0'])}` },
        { host, run: `arp -d ${lanTarget}` },
        { host: rs, run: d.pick(['sysctl -a -r arp_ignore', "sysctl -a -r 'arp_(ignore|announce)$'", 'sysctl net.ipv4.conf.lo', 'sysctl -N -a -r rp_filter']) },
      ]);
    }
  }
}

/**
 * The longest a step can take (s): arping and ping until their deadline or
 * last probe's wait, curl until -m; the rest take no time.
 */
export function longestDuration(step: Step): number {
  if ('sleep' in step) return step.sleep;
  const option = (flag: string): number | null => {
    const m = new RegExp(`(?:^| )${flag} (\\S+)`).exec(step.run);
    return m ? Number(m[1]) : null;
  };
  const [tool] = step.run.split(' ');
  const count = option('-c') ?? 1;
  if (tool === 'arping') return option('-w') ?? count;
  if (tool === 'ping') return option('-w') ?? (count - 1) * (option('-i') ?? 1) + (option('-W') ?? 10);
  if (tool === 'curl') return option('-m') ?? 0;
  return 0;
}

/**
 * A scenario stays shorter than this (s): an entry confirmed at its start is
 * still REACHABLE at its end, since Linux draws reachable_time from 15–45 s
 * (neigh_rand_reach_time) and two runs cannot show that race.
 */
export const MAX_SCENARIO_SECONDS = 13;

/**
 * What moving the end out of a neighbour timer's slack (timer-slack.ts) may
 * add to the drawn steps (s): the whole stays below 15 s, reachable_time's
 * shortest draw.
 */
export const TIMER_SLACK_HEADROOM_SECONDS = 1.5;

export function randomScenario(seed: number): RandomScenario {
  const d = new Dice(mulberry32(seed));
  const lab = buildLab(d);
  const steps: Step[] = [];
  const actions = d.int(3, 9);
  let elapsed = 0;
  const add = (step: Step): boolean => {
    const t = longestDuration(step);
    if (elapsed + t > MAX_SCENARIO_SECONDS) return false;
    elapsed += t;
    steps.push(step);
    return true;
  };
  for (let a = 0; a < actions; a++) {
    if (!add(action(d, lab))) continue;
    // Learners type the next command at once more often than not.
    const r = d.pick(['none', 'none', 'none', 'short', 'edge'] as const);
    if (r === 'short') add({ sleep: d.pick([0.1, 0.2, 0.3]) });
    else if (r === 'edge') add({ sleep: d.pick(STRADDLING_SLEEPS) });
  }
  if (steps.length === 0) steps.push({ host: 'client', run: 'ip neigh show' });
  const scenario: RandomScenario = { format: 'lvs-dr-lab/scenario@1', name: `random scenario, seed ${seed}: ${lab.summary}`, hosts: lab.hosts, steps };
  return leaveTimerSlack(scenario as Scenario) as RandomScenario;
}

/** The seeds of a batch: N scenarios from seed S are seeds S, S+1, … S+N−1. */
export function batchSeeds(seed: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (seed + i) >>> 0);
}
