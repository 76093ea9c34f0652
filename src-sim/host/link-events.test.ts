// Device events the kernel answers with more than the one change asked for.
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';

describe('ip link set DEV address MAC (NETDEV_CHANGEADDR)', () => {
  it('flushes every neighbour of the device, permanent ones too, even when the MAC is the same', () => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)]);
    lab.run('client', 'ping -c 1 -W 1 198.51.100.11');
    lab.run('client', 'ip neigh add 198.51.100.99 lladdr 02:00:00:00:00:99 dev eth0 nud permanent');
    expect(lab.neighbors('client')).toHaveLength(2);
    expect(lab.run('client', 'ip link set eth0 address 02:00:00:00:00:01').exit).toBe(0);
    expect(lab.neighbors('client')).toEqual([]);
  });

  it('the next request carries the new MAC and the peer takes it', () => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)]);
    lab.run('client', 'ping -c 1 -W 1 198.51.100.11');
    lab.run('client', 'ip link set eth0 address 02:00:00:00:00:21');
    expect(lab.run('client', 'ping -c 1 -W 1 198.51.100.11').exit).toBe(0);
    expect(lab.neighbors('rs1').map((n) => n.lladdr)).toEqual(['02:00:00:00:00:21']);
  });
});

describe('ip link set DEV up on a bridge (linkwatch)', () => {
  it('the gratuitous ARP of arp_notify is on the wire but reaches nobody; the next command is forwarded', () => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11, { sysctl: { 'net.ipv4.conf.all.arp_notify': '1' } })]);
    lab.run('client', 'ip neigh replace 198.51.100.11 lladdr 02:00:00:00:00:99 dev eth0 nud stale');
    lab.sleep(1.1);
    lab.run('rs1', 'ip link set eth0 down');
    lab.run('rs1', 'ip link set eth0 up');
    expect(lab.frames.filter((f) => f.kind === 'arp' && f.senderIp === '198.51.100.11' && f.targetIp === '198.51.100.11')).toHaveLength(1);
    lab.sleep(0.5);
    expect(lab.neighbors('client').map((n) => n.lladdr)).toEqual(['02:00:00:00:00:99']);
    expect(lab.run('rs1', 'arping -c 1 -w 1 -I eth0 198.51.100.1').exit).toBe(0);
    expect(lab.neighbors('client').map((n) => n.lladdr)).toEqual(['02:00:00:00:00:11']);
  });
});
