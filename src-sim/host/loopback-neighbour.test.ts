// ip_finish_output2 always takes a neighbour: lo's one entry 0.0.0.0 NOARP
// (ip_neigh_gw4) and a broadcast's NOARP entry holding ff:ff:ff:ff:ff:ff
// (arp_constructor), as Linux 6.18 showed them (scenario 409).
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';

const LO_ENTRY = '0.0.0.0 dev lo lladdr 00:00:00:00:00:00 NOARP \n';

describe('neighbour entries of packets a host sends itself and broadcasts', () => {
  it('the first packet through lo makes 0.0.0.0 NOARP on lo; ip neigh show and arp -n hide it', () => {
    const lab = lanLab([lanHost('director', 2)]);
    expect(lab.run('director', 'ip neigh show nud all').stdout).toBe('');
    lab.run('director', 'ping -c 1 -W 1 198.51.100.2');
    expect(lab.run('director', 'ip neigh show nud all').stdout).toBe(LO_ENTRY);
    expect(lab.run('director', 'ip neigh show').stdout).toBe('');
    expect(lab.run('director', 'arp -n').stdout).toBe('');
    lab.run('director', 'ip link set lo down');
    expect(lab.run('director', 'ip neigh show nud all').stdout).toBe('');
  });

  it('a neighbour failure sends its Destination Host Unreachable to the host itself through lo', () => {
    const lab = lanLab([lanHost('director', 2)]);
    lab.run('director', 'ping -c 1 -w 2 198.51.100.77');
    expect(lab.run('director', 'ip neigh show nud all').stdout).toBe('198.51.100.77 dev eth0 INCOMPLETE \n');
    lab.run('director', 'sleep 2');
    expect(lab.run('director', 'ip neigh show nud all').stdout).toContain(LO_ENTRY);
  });

  it('a broadcast ping makes a NOARP entry for the broadcast address and is answered by the sender when icmp_echo_ignore_broadcasts is 0', () => {
    const lab = lanLab([lanHost('rs2', 12, { sysctl: { 'net.ipv4.icmp_echo_ignore_broadcasts': '0' } }), lanHost('client', 1)]);
    const ping = lab.run('rs2', 'ping -b -c 1 -W 1 198.51.100.255');
    expect(ping.stdout).toContain('64 bytes from 198.51.100.12: icmp_seq=1');
    const table = lab.run('rs2', 'ip neigh show nud all').stdout;
    expect(table).toContain('198.51.100.255 dev eth0 lladdr ff:ff:ff:ff:ff:ff NOARP \n');
    expect(table).toContain(LO_ENTRY);
    lab.run('rs2', 'ip neigh flush all');
    expect(lab.run('rs2', 'ip neigh show nud all').stdout).toBe(table);
  });

  it('arp -s to an own address takes lo, which is not Ethernet: SIOCSARP fails with EINVAL', () => {
    const lab = lanLab([lanHost('director', 2)]);
    const set = lab.run('director', 'arp -s 198.51.100.2 02:00:00:00:00:03');
    expect([set.exit, set.stderr]).toEqual([255, 'SIOCSARP: Invalid argument\n']);
    expect(lab.run('director', 'arp -s 198.51.100.2 02:00:00:00:00:03 -i eth0').exit).toBe(0);
  });
});
