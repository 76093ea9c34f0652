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
