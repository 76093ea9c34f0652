import { describe, expect, it } from 'vitest';
import { SysctlTree } from './sysctl.ts';

function tree(): SysctlTree {
  const t = new SysctlTree((base) => base);
  t.addDevice('lo', true);
  t.addDevice('eth0');
  return t;
}

describe('SysctlTree.effective', () => {
  it('follows writes to all, default and the device after it has been read (max / or / dev rules)', () => {
    const t = tree();
    expect(t.effective('eth0', 'arp_ignore')).toBe(0);
    expect(t.write('net.ipv4.conf.all.arp_ignore', '1')).toBeNull();
    expect(t.effective('eth0', 'arp_ignore')).toBe(1);
    expect(t.write('net.ipv4.conf.eth0.arp_ignore', '2')).toBeNull();
    expect(t.effective('eth0', 'arp_ignore')).toBe(2);
    expect(t.write('net.ipv4.conf.eth0.arp_ignore', '0')).toBeNull();
    expect(t.effective('eth0', 'arp_ignore')).toBe(1);

    expect(t.effective('eth0', 'arp_filter')).toBe(0);
    expect(t.write('net.ipv4.conf.all.arp_filter', '1')).toBeNull();
    expect(t.effective('eth0', 'arp_filter')).toBe(1);

    // conf.default reaches a device whose value was never set, and a device added later.
    expect(t.effective('eth0', 'drop_gratuitous_arp')).toBe(0);
    expect(t.write('net.ipv4.conf.default.drop_gratuitous_arp', '1')).toBeNull();
    expect(t.effective('eth0', 'drop_gratuitous_arp')).toBe(1);
    expect(t.effective('eth1', 'drop_gratuitous_arp')).toBe(0);
    t.addDevice('eth1');
    expect(t.effective('eth1', 'drop_gratuitous_arp')).toBe(1);
  });

  it('follows ip_forward, which writes all, default and every device', () => {
    const t = tree();
    expect(t.effective('eth0', 'forwarding')).toBe(0);
    expect(t.write('net.ipv4.ip_forward', '1')).toBeNull();
    expect(t.effective('eth0', 'forwarding')).toBe(1);
    expect(t.write('net.ipv4.conf.all.forwarding', '0')).toBeNull();
    expect(t.effective('eth0', 'forwarding')).toBe(0);
  });

  it('is not changed by a refused write', () => {
    const t = tree();
    expect(t.effective('eth0', 'arp_announce')).toBe(0);
    expect(t.write('net.ipv4.conf.eth0.arp_announce', 'x')).toBe('EINVAL');
    expect(t.effective('eth0', 'arp_announce')).toBe(0);
  });
});

describe('SysctlTree.effectiveConf', () => {
  const keys = ['accept_local', 'arp_accept', 'arp_announce', 'arp_filter', 'arp_ignore', 'drop_gratuitous_arp', 'forwarding', 'route_localnet', 'rp_filter'] as const;

  it('equals effective() for every key, on every device, after each write', () => {
    const t = tree();
    const writes: Array<[string, string]> = [
      ['net.ipv4.conf.all.arp_ignore', '2'],
      ['net.ipv4.conf.eth0.arp_ignore', '3'],
      ['net.ipv4.conf.default.arp_accept', '1'],
      ['net.ipv4.conf.eth0.arp_filter', '1'],
      ['net.ipv4.conf.lo.route_localnet', '1'],
      ['net.ipv4.conf.all.rp_filter', '2'],
      ['net.ipv4.conf.eth0.accept_local', '1'],
      ['net.ipv4.ip_forward', '1'],
      ['net.ipv4.conf.eth0.forwarding', '0'],
      ['net.ipv4.conf.all.drop_gratuitous_arp', '1'],
      ['net.ipv4.conf.eth0.arp_announce', '2'],
    ];
    for (const [name, value] of writes) {
      // Read before the write too, so a stale cache would show.
      for (const dev of ['lo', 'eth0']) t.effectiveConf(dev);
      expect(t.write(name, value)).toBeNull();
      for (const dev of ['lo', 'eth0', 'eth0', 'lo']) {
        const conf = t.effectiveConf(dev);
        for (const key of keys) expect([dev, key, conf[key]]).toEqual([dev, key, t.effective(dev, key)]);
      }
    }
    expect(t.effectiveConf('eth0').arp_ignore).toBe(3);
    expect(t.effectiveConf('eth0').forwarding).toBe(0);
    expect(t.effectiveConf('lo').forwarding).toBe(1);
  });
});
