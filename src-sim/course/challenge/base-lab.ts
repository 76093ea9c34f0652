// The working LVS-DR lab every challenge starts from (before its faults):
// a client behind a router, the director and two real servers on one LAN.
// Like the workspace's standard lab (src-renderer/src/labs/standard-dr.json),
// plus the router, so an ARP fault shows where it hurts in production: the
// gateway's cache entry for the VIP.
import type { Scenario, ScenarioStep } from '../../scenario/types.ts';

export const VIP = '198.51.100.100';
export const GATEWAY = '198.51.100.254';
export const CLIENT_IP = '203.0.113.10';
export const SERVICE_PORT = 80;
export const REAL_SERVERS = ['rs1', 'rs2'] as const;
export type RealServer = (typeof REAL_SERVERS)[number];
export const RIP: Record<RealServer, string> = { rs1: '198.51.100.11', rs2: '198.51.100.12' };
export const DIRECTOR_IP = '198.51.100.2';

const realServer = (name: RealServer, mac: string) => ({
  name,
  interfaces: [
    { name: 'eth0', segment: 'lan', mac, addresses: [`${RIP[name]}/24`] },
    { name: 'lo', addresses: [`${VIP}/32`] },
  ],
  routes: [`default via ${GATEWAY}`],
  sysctl: { 'net.ipv4.conf.all.arp_ignore': '1', 'net.ipv4.conf.all.arp_announce': '2' },
});

export const BASE_SCENARIO: Scenario = {
  format: 'lvs-dr-lab/scenario@1',
  name: 'LVS-DR challenge lab',
  hosts: [
    {
      name: 'client',
      interfaces: [{ name: 'eth0', segment: 'wan', mac: '02:00:00:00:01:10', addresses: [`${CLIENT_IP}/24`] }],
      routes: ['default via 203.0.113.254'],
    },
    {
      name: 'router',
      interfaces: [
        { name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:fe', addresses: [`${GATEWAY}/24`] },
        { name: 'eth1', segment: 'wan', mac: '02:00:00:00:01:fe', addresses: ['203.0.113.254/24'] },
      ],
      sysctl: { 'net.ipv4.ip_forward': '1' },
    },
    {
      name: 'director',
      interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:02', addresses: [`${DIRECTOR_IP}/24`, `${VIP}/24`] }],
      routes: [`default via ${GATEWAY}`],
    },
    realServer('rs1', '02:00:00:00:00:11'),
    realServer('rs2', '02:00:00:00:00:12'),
  ],
  steps: [],
};

/** The director's IPVS table of the working lab: one TCP service, round robin, both real servers by direct routing. */
export const BASE_SETUP: readonly ScenarioStep[] = [
  { host: 'director', run: `ipvsadm -A -t ${VIP}:${SERVICE_PORT} -s rr` },
  { host: 'director', run: `ipvsadm -a -t ${VIP}:${SERVICE_PORT} -r ${RIP.rs1}:${SERVICE_PORT} -g -w 1` },
  { host: 'director', run: `ipvsadm -a -t ${VIP}:${SERVICE_PORT} -r ${RIP.rs2}:${SERVICE_PORT} -g -w 1` },
];
