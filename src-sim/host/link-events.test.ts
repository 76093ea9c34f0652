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
