// The textbook LVS-DR lab, the one every test, benchmark, lesson, challenge
// and the workspace start from:
//
//   client 203.0.113.10 ── wan ── router (203.0.113.254 | 198.51.100.254) ── lan ──
//     director 198.51.100.2 (VIP 198.51.100.100/24 on eth0)
//     rs1..rsN 198.51.100.11.. (VIP/32 on lo, arp_ignore=1, arp_announce=2)
//
// with `ipvsadm -A -t VIP:80 -s rr` and every real server `-g -w 1` as its
// setup steps. The options vary it: more real servers, another scheduler or
// forwarding method (NAT: no VIP on the servers, their way back through the
// director; TUN: the VIP on tunl0), a second director, the client on the LAN
// without a router, and the variations lessons are built on. Every real
// server's default route is the router, as DR wants (never the director).
import { bootLab, type Lab, type LabOptions } from '../lab.ts';
import type { Step } from '../step.ts';
import type { Scenario, ScenarioHost } from './types.ts';

export const TEXTBOOK_VIP = '198.51.100.100';
export const TEXTBOOK_GATEWAY = '198.51.100.254';
export const TEXTBOOK_CLIENT_IP = '203.0.113.10';
export const TEXTBOOK_FLAT_CLIENT_IP = '198.51.100.10';
export const TEXTBOOK_DIRECTOR_IP = '198.51.100.2';
export const TEXTBOOK_PORT = 80;
/** Where `otherSubnet` puts a real server: its own subnet behind the router. */
const OTHER_SUBNET_GATEWAY = '192.0.2.254';

export interface TextbookOptions {
  /** The scenario's name. */
  name?: string;
  /** rs1…rsN (default 2). */
  realServers?: number;
  /** ipvsadm's -s (default rr). */
  scheduler?: string;
  /** ipvsadm's forwarding flag for every real server (default -g, direct routing). */
  method?: '-g' | '-m' | '-i';
  /** A second director (director2, 198.51.100.3) set up with the same service, without the VIP: a standby. */
  directors?: 1 | 2;
  /** The client behind the router (default), or on the LAN with no router at all. */
  client?: 'routed' | 'flat';
  /** The VIP on the director and the real servers' VIP and ARP settings (default true); false leaves them to the learner. */
  configure?: boolean;
  /** The IPVS service (default true); false leaves the director's table empty. */
  service?: boolean;
  /** The real servers the service has (default all). */
  serviceRealServers?: string[];
  /** Real servers in 192.0.2.0/24 (the router gets 192.0.2.254): not on the director's segment's subnet. */
  otherSubnet?: string[];
  /** The director runs no web server of its own (its nginx stopped, first of the setup). */
  directorWebServer?: boolean;
  /** Hosts in this order (the LAN delivers to its ports in attach order: who answers ARP first). */
  hostOrder?: string[];
  /**
   * With `directors: 2`: keepalived owns the VIP and the IPVS table. Neither
   * director has the VIP or a service; each gets /etc/keepalived/keepalived.conf
   * (director priority 150, director2 100, VRID 51, TCP_CHECK on port 80), not started.
   */
  keepalived?: boolean;
}

/** The VRRP instance and virtual server the two-director keepalived lab offers each director. */
export function textbookKeepalivedConf(priority: number, rips: readonly string[]): string {
  const realServers = rips.map((rip) => `    real_server ${rip} ${TEXTBOOK_PORT} {
        weight 1
        TCP_CHECK {
            connect_timeout 3
            retry 2
            delay_before_retry 2
        }
    }
`);
  return `global_defs {
    router_id ${priority === 150 ? 'LVS_DIRECTOR' : 'LVS_DIRECTOR2'}
}

vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority ${priority}
    advert_int 1
    authentication {
        auth_type PASS
        auth_pass lvslab
    }
    virtual_ipaddress {
        ${TEXTBOOK_VIP}/24 dev eth0
    }
}

virtual_server ${TEXTBOOK_VIP} ${TEXTBOOK_PORT} {
    delay_loop 6
    lb_algo rr
    lb_kind DR
    protocol TCP
${realServers.join('')}}
`;
}

export function realServerName(index: number): string {
  return `rs${index + 1}`;
}

/** The address of real server `index` (0-based): 198.51.100.11, .12, … */
export function realServerIp(index: number): string {
  return `198.51.100.${11 + index}`;
}

function mac(last: number, wan = false): string {
  return `02:00:00:00:${wan ? '01' : '00'}:${last.toString(16).padStart(2, '0')}`;
}

/** The textbook lab as a scenario; its steps are the setup (the IPVS service and what the scenario format cannot say). */
export function textbookScenario(options: TextbookOptions = {}): Scenario {
  const count = options.realServers ?? 2;
  const method = options.method ?? '-g';
  const routed = (options.client ?? 'routed') === 'routed';
  const configure = options.configure ?? true;
  const otherSubnet = new Set(options.otherSubnet ?? []);
  const routes = (via: string): Pick<ScenarioHost, 'routes'> => (routed ? { routes: [`default via ${via}`] } : {});
  const hosts: ScenarioHost[] = [];
  if (routed) {
    hosts.push({ name: 'client', interfaces: [{ name: 'eth0', segment: 'wan', mac: mac(0x10, true), addresses: [`${TEXTBOOK_CLIENT_IP}/24`] }], routes: ['default via 203.0.113.254'] });
    hosts.push({
      name: 'router',
      interfaces: [
        { name: 'eth0', segment: 'lan', mac: mac(0xfe), addresses: [`${TEXTBOOK_GATEWAY}/24`, ...(otherSubnet.size > 0 ? [`${OTHER_SUBNET_GATEWAY}/24`] : [])] },
        { name: 'eth1', segment: 'wan', mac: mac(0xfe, true), addresses: ['203.0.113.254/24'] },
      ],
      sysctl: { 'net.ipv4.ip_forward': '1' },
    });
  } else {
    hosts.push({ name: 'client', interfaces: [{ name: 'eth0', segment: 'lan', mac: mac(0x10), addresses: [`${TEXTBOOK_FLAT_CLIENT_IP}/24`] }] });
  }
  const keepalived = options.keepalived === true && options.directors === 2;
  const directorAddresses = [`${TEXTBOOK_DIRECTOR_IP}/24`, ...(configure && !keepalived ? [`${TEXTBOOK_VIP}/24`] : [])];
  hosts.push({
    name: 'director',
    interfaces: [{ name: 'eth0', segment: 'lan', mac: mac(0x02), addresses: directorAddresses }],
    ...routes(TEXTBOOK_GATEWAY),
    ...(method === '-m' ? { sysctl: { 'net.ipv4.ip_forward': '1' } } : {}),
  });
  if (options.directors === 2) {
    hosts.push({ name: 'director2', interfaces: [{ name: 'eth0', segment: 'lan', mac: mac(0x03), addresses: ['198.51.100.3/24'] }], ...routes(TEXTBOOK_GATEWAY) });
  }
  const rips: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = realServerName(i);
    const apart = otherSubnet.has(name);
    const rip = apart ? `192.0.2.${11 + i}` : realServerIp(i);
    rips.push(rip);
    const dr = configure && method !== '-m';
    hosts.push({
      name,
      interfaces: [
        { name: 'eth0', segment: 'lan', mac: mac(0x11 + i), addresses: [`${rip}/24`] },
        ...(dr && method === '-g' ? [{ name: 'lo', addresses: [`${TEXTBOOK_VIP}/32`] }] : []),
      ],
      // NAT: the real server's way back to the client must be the director.
      ...routes(method === '-m' && configure ? TEXTBOOK_DIRECTOR_IP : apart ? OTHER_SUBNET_GATEWAY : TEXTBOOK_GATEWAY),
      ...(dr ? { sysctl: { 'net.ipv4.conf.all.arp_ignore': '1', 'net.ipv4.conf.all.arp_announce': '2' } } : {}),
    });
  }
  const steps: Step[] = [];
  if (options.directorWebServer === false) steps.push({ host: 'director', run: 'systemctl stop nginx' });
  if (configure && method === '-i') {
    for (let i = 0; i < count; i++) {
      steps.push({ host: realServerName(i), run: `ip addr add ${TEXTBOOK_VIP}/32 dev tunl0` }, { host: realServerName(i), run: 'ip link set tunl0 up' });
    }
  }
  if (keepalived) {
    steps.push({ host: 'director', write: { path: '/etc/keepalived/keepalived.conf', text: textbookKeepalivedConf(150, rips) } });
    steps.push({ host: 'director2', write: { path: '/etc/keepalived/keepalived.conf', text: textbookKeepalivedConf(100, rips) } });
  } else if (options.service ?? true) {
    const members = options.serviceRealServers ?? Array.from({ length: count }, (_, i) => realServerName(i));
    for (const director of options.directors === 2 ? ['director', 'director2'] : ['director']) {
      steps.push({ host: director, run: `ipvsadm -A -t ${TEXTBOOK_VIP}:${TEXTBOOK_PORT} -s ${options.scheduler ?? 'rr'}` });
      for (const rs of members) {
        const rip = rips[Number(rs.slice(2)) - 1]!;
        steps.push({ host: director, run: `ipvsadm -a -t ${TEXTBOOK_VIP}:${TEXTBOOK_PORT} -r ${rip}:${TEXTBOOK_PORT} ${method} -w 1` });
      }
    }
  }
  const ordered = options.hostOrder ? options.hostOrder.map((name) => hosts.find((h) => h.name === name)!) : hosts;
  return { format: 'lvs-dr-lab/scenario@1', ...(options.name !== undefined ? { name: options.name } : {}), hosts: ordered, steps };
}

/** Problems with textbook options (a lesson file names them): unknown hosts in the lists, counts out of range. */
export function textbookProblems(options: TextbookOptions): string[] {
  const problems: string[] = [];
  const count = options.realServers ?? 2;
  if (!Number.isInteger(count) || count < 0 || count > 8) problems.push(`realServers must be 0…8, got ${count}`);
  const servers = Array.from({ length: count }, (_, i) => realServerName(i));
  for (const key of ['serviceRealServers', 'otherSubnet'] as const) {
    for (const name of options[key] ?? []) if (!servers.includes(name)) problems.push(`${key}: no real server "${name}" (the lab has ${servers.join(', ') || 'none'})`);
  }
  if (options.keepalived && options.directors !== 2) problems.push('keepalived needs directors: 2');
  if (options.hostOrder) {
    const names = textbookScenario({ ...options, hostOrder: undefined }).hosts.map((h) => h.name);
    if ([...options.hostOrder].sort().join() !== [...names].sort().join()) problems.push(`hostOrder must name each host once: ${names.join(', ')}`);
  }
  return problems;
}

/** The textbook lab booted, its setup applied (for tests and benchmarks). */
export function textbookLab(options: TextbookOptions & LabOptions = {}): Lab {
  const { steps, ...scenario } = textbookScenario(options);
  return bootLab({ ...scenario, steps: [] }, steps, options);
}
