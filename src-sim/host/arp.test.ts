import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';

const VIP = '198.51.100.100';

function rsWithVipOnLo(sysctl: Record<string, string> = {}) {
  return lanHost('rs1', 11, { interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:11', addresses: ['198.51.100.11/24'] }, { name: 'lo', addresses: [`${VIP}/32`] }], sysctl });
}

describe('arp_ignore', () => {
  it('0 answers for a VIP on lo with the eth0 MAC', () => {
    const lab = lanLab([lanHost('client', 10), rsWithVipOnLo()]);
    const r = lab.run('client', `arping -c 1 -I eth0 ${VIP}`);
    expect(r.stdout).toContain(`Unicast reply from ${VIP} [02:00:00:00:00:11]`);
    expect(r.exit).toBe(0);
  });

  it('all=1 hides a VIP on lo, leaves no cache entry, and explains why', () => {
    const lab = lanLab([lanHost('client', 10), rsWithVipOnLo({ 'net.ipv4.conf.all.arp_ignore': '1' })]);
    const r = lab.run('client', `arping -c 1 -I eth0 ${VIP}`);
    expect(r.exit).toBe(1);
    expect(r.stdout).toContain('Received 0 response(s)');
    expect(lab.neighbors('rs1')).toEqual([]);
    const why = lab.trace.find((e) => e.host === 'rs1' && e.key === 'arp.ignore');
    expect(why?.params['rule']).toBe('arp_ignore = max(all=1, eth0=0) = 1');
    expect(why?.params['on']).toBe('lo');
  });

  it('conf.lo.arp_ignore alone changes nothing: the incoming device is eth0', () => {
    const lab = lanLab([lanHost('client', 10), rsWithVipOnLo({ 'net.ipv4.conf.lo.arp_ignore': '1' })]);
    expect(lab.run('client', `arping -c 1 -I eth0 ${VIP}`).exit).toBe(0);
  });

  it('1 still answers for the real IP, 8 answers nothing', () => {
    const lab = lanLab([lanHost('client', 10), rsWithVipOnLo({ 'net.ipv4.conf.all.arp_ignore': '1' })]);
    expect(lab.run('client', 'arping -c 1 -I eth0 198.51.100.11').exit).toBe(0);
    lab.run('rs1', 'sysctl -w net.ipv4.conf.eth0.arp_ignore=8');
    expect(lab.run('client', 'arping -c 1 -I eth0 198.51.100.11').exit).toBe(1);
  });

  it('2 refuses a sender outside the receiving interface subnets', () => {
    const lab = lanLab([
      lanHost('client', 10, { interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:10', addresses: ['198.51.100.10/24', '203.0.113.5/24'] }] }),
      lanHost('rs1', 11, { sysctl: { 'net.ipv4.conf.eth0.arp_ignore': '2' }, routes: ['default via 198.51.100.1'] }),
    ]);
    expect(lab.run('client', 'arping -c 1 -I eth0 -s 198.51.100.10 198.51.100.11').exit).toBe(0);
    expect(lab.run('client', 'arping -c 1 -I eth0 -s 203.0.113.5 198.51.100.11').exit).toBe(1);
  });
});

describe('arp_announce', () => {
  const setup = (announce: string) =>
    lanLab([
      lanHost('client', 10),
      rsWithVipOnLo({ 'net.ipv4.conf.all.arp_ignore': '1', 'net.ipv4.conf.all.arp_announce': announce }),
    ]);

  it('0 and 1 announce the VIP when the reply leaves from it (VIP inside the RIP subnet)', () => {
    for (const mode of ['0', '1']) {
      const lab = setup(mode);
      lab.run('rs1', `ping -c 1 -W 1 -I ${VIP} 198.51.100.10`);
      const request = lab.frames.find((f) => f.kind === 'arp' && f.op === 'request');
      expect(request && request.kind === 'arp' && request.senderIp).toBe(VIP);
    }
  });

  it('2 always uses the primary address of the outgoing interface', () => {
    const lab = setup('2');
    lab.run('rs1', `ping -c 1 -W 1 -I ${VIP} 198.51.100.10`);
    const request = lab.frames.find((f) => f.kind === 'arp' && f.op === 'request');
    expect(request && request.kind === 'arp' && request.senderIp).toBe('198.51.100.11');
  });
});

describe('neighbour cache updates', () => {
  it('a reply to a broadcast request makes the entry REACHABLE; an unanswered one FAILED after 3 probes', () => {
    const lab = lanLab([lanHost('client', 10), lanHost('rs1', 11)]);
    expect(lab.run('client', 'ping -c 1 198.51.100.11').exit).toBe(0);
    expect(lab.neighbors('client')).toContainEqual({ ip: '198.51.100.11', dev: 'eth0', lladdr: '02:00:00:00:00:11', state: 'REACHABLE' });
    const r = lab.run('client', 'ping -c 1 198.51.100.77');
    expect(r.stdout).toContain('From 198.51.100.10 icmp_seq=1 Destination Host Unreachable');
    expect(r.exit).toBe(1);
    const probes = lab.frames.filter((f) => f.kind === 'arp' && f.targetIp === '198.51.100.77');
    expect(probes).toHaveLength(3);
    expect(lab.neighbors('client')).toContainEqual({ ip: '198.51.100.77', dev: 'eth0', lladdr: null, state: 'FAILED' });
  });

  it('a PERMANENT entry ignores gratuitous ARP; a STALE one takes it at once', () => {
    const lab = lanLab([lanHost('client', 10), lanHost('rs1', 11), lanHost('rs2', 12)]);
    lab.run('client', 'ip neigh add 198.51.100.50 lladdr 02:00:00:00:00:99 dev eth0 nud permanent');
    lab.run('client', 'ip neigh add 198.51.100.51 lladdr 02:00:00:00:00:98 dev eth0 nud stale');
    lab.run('rs1', 'ip addr add 198.51.100.50/32 dev eth0');
    lab.run('rs1', 'ip addr add 198.51.100.51/32 dev eth0');
    lab.run('rs1', 'arping -U -c 1 -I eth0 198.51.100.50');
    lab.run('rs1', 'arping -U -c 1 -I eth0 198.51.100.51');
    const rows = lab.neighbors('client');
    expect(rows).toContainEqual({ ip: '198.51.100.50', dev: 'eth0', lladdr: '02:00:00:00:00:99', state: 'PERMANENT' });
    expect(rows).toContainEqual({ ip: '198.51.100.51', dev: 'eth0', lladdr: '02:00:00:00:00:11', state: 'STALE' });
  });

  it('the first of two answers wins within locktime', () => {
    const lab = lanLab([lanHost('client', 10), lanHost('rs1', 11, { interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:11', addresses: ['198.51.100.11/24', '198.51.100.100/24'] }] }), lanHost('rs2', 12, { interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:12', addresses: ['198.51.100.12/24', '198.51.100.100/24'] }] })]);
    lab.run('client', 'ping -c 1 198.51.100.100');
    expect(lab.neighbors('client').find((r) => r.ip === '198.51.100.100')?.lladdr).toBe('02:00:00:00:00:11');
    expect(lab.trace.some((e) => e.host === 'client' && e.key === 'arp.cache.locked')).toBe(true);
  });
});
