// The textbook LVS-DR lab, for tests, the bench, lessons and challenges:
//
//   client 203.0.113.7 ── wan ── router (203.0.113.1 | 198.51.100.1) ── lan ──
//     director 198.51.100.2 (VIP 198.51.100.100/32 on eth0)
//     rs1..rsN 198.51.100.11.. (VIP/32 on lo, arp_ignore=1, arp_announce=2)
//
// Every real server's default route is the router, as DR wants (never the
// director; NAT labs (method -m) point it at the director). `configure` false leaves out the director's ipvsadm rules and
// the real servers' VIP and ARP settings, for lessons that have the learner
// type them.
import { createLab, type Lab, type LabOptions } from '../lab.ts';
import type { Scenario, ScenarioHost } from '../scenario/types.ts';

export const STANDARD_VIP = '198.51.100.100';
export const STANDARD_CLIENT_IP = '203.0.113.7';
export const STANDARD_ROUTER_LAN_IP = '198.51.100.1';
export const STANDARD_DIRECTOR_IP = '198.51.100.2';

export interface StandardLabOptions extends LabOptions {
  realServers?: number;
  scheduler?: string;
  /** ipvsadm forwarding flag for every real server. */
  method?: '-g' | '-m' | '-i';
  configure?: boolean;
}

export function realServerIp(index: number): string {
  return `198.51.100.${11 + index}`;
}

export function standardScenario(realServers = 3): Scenario {
  const hosts: ScenarioHost[] = [
    { name: 'client', interfaces: [{ name: 'eth0', segment: 'wan', mac: '02:00:00:00:01:07', addresses: ['203.0.113.7/24'] }], routes: ['default via 203.0.113.1'] },
    {
      name: 'router',
      interfaces: [
        { name: 'eth0', segment: 'wan', mac: '02:00:00:00:01:01', addresses: ['203.0.113.1/24'] },
        { name: 'eth1', segment: 'lan', mac: '02:00:00:00:00:01', addresses: ['198.51.100.1/24'] },
      ],
      sysctl: { 'net.ipv4.ip_forward': '1' },
    },
    { name: 'director', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:02', addresses: ['198.51.100.2/24'] }], routes: ['default via 198.51.100.1'] },
  ];
  for (let i = 0; i < realServers; i++) {
    const n = 11 + i;
    hosts.push({ name: `rs${i + 1}`, interfaces: [{ name: 'eth0', segment: 'lan', mac: `02:00:00:00:00:${n}`, addresses: [`198.51.100.${n}/24`] }], routes: ['default via 198.51.100.1'] });
  }
  return { format: 'lvs-dr-lab/scenario@1', hosts, steps: [] };
}

/** The standard lab, booted and (by default) configured for DR with rr. */
export function standardLab(options: StandardLabOptions = {}): Lab {
  const lab = createLab(standardScenario(options.realServers ?? 3), options);
  if (options.configure !== false) configureStandardLab(lab, options);
  return lab;
}

/**
 * The textbook configuration on a booted standard lab: VIP/32 on the
 * director's eth0, one service with every real server, and on each real
 * server arp_ignore=1, arp_announce=2 (all) and VIP/32 on lo. Frames and
 * explanations of the setup are cleared.
 */
export function configureStandardLab(lab: Lab, options: Omit<StandardLabOptions, keyof LabOptions> = {}): void {
  const count = options.realServers ?? 3;
  const must = (host: string, line: string): void => {
    const r = lab.run(host, line);
    if (r.exit !== 0) throw new Error(`${host}: ${line}: ${r.stderr}`);
  };
  must('director', `ip addr add ${STANDARD_VIP}/32 dev eth0`);
  must('director', `ipvsadm -A -t ${STANDARD_VIP}:80 -s ${options.scheduler ?? 'rr'}`);
  for (let i = 0; i < count; i++) {
    const rs = `rs${i + 1}`;
    must('director', `ipvsadm -a -t ${STANDARD_VIP}:80 -r ${realServerIp(i)}:80 ${options.method ?? '-g'}`);
    if (options.method === '-m') {
      // NAT: no VIP on the real server; its way back to the client must be the director.
      must(rs, 'ip route replace default via 198.51.100.2');
      continue;
    }
    must(rs, 'sysctl -w net.ipv4.conf.all.arp_ignore=1');
    must(rs, 'sysctl -w net.ipv4.conf.all.arp_announce=2');
    must(rs, options.method === '-i' ? `ip addr add ${STANDARD_VIP}/32 dev tunl0` : `ip addr add ${STANDARD_VIP}/32 dev lo`);
    if (options.method === '-i') must(rs, 'ip link set tunl0 up');
  }
  if (options.method === '-m') must('director', 'sysctl -w net.ipv4.ip_forward=1');
  lab.frames.length = 0;
  lab.trace.length = 0;
  lab.captured.length = 0;
}
