// Two directors and a router on one segment, keepalived on both directors.
// The numbers are what keepalived 2.2.7 did on Linux 6.18 (scenario-v1,
// "Keepalived scenarios"): Master_Down_Interval 3.41 s for priority 150, a
// steady master every advert_int, 5 gratuitous ARPs with the first advert and
// 5 more vrrp_garp_master_delay later, the backup's takeover a skew time
// (0.61 s for priority 100) after a priority-0 advert.
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';
import type { Lab } from '../lab.ts';
import type { LabFrame } from '../api.ts';
import { keepalivedOf } from './daemon.ts';

function conf(priority: number, extra = '', vrid = 51, pass = 's3cret'): string {
  return `vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id ${vrid}
    priority ${priority}
    advert_int 1
${extra}    authentication {
        auth_type PASS
        auth_pass ${pass}
    }
    virtual_ipaddress {
        198.51.100.100/24 dev eth0 label eth0:vip
    }
}
`;
}

function directors(confA: string, confB: string): Lab {
  const lab = lanLab([lanHost('router', 1), lanHost('ld1', 2), lanHost('ld2', 3)]);
  lab.writeFile('ld1', '/etc/keepalived/keepalived.conf', confA);
  lab.writeFile('ld2', '/etc/keepalived/keepalived.conf', confB);
  return lab;
}

const adverts = (lab: Lab, from?: string): LabFrame[] => lab.frames.filter((f) => f.kind === 'ipv4' && f.proto === 'vrrp' && (from === undefined || f.ethSrc === from));
const garps = (lab: Lab, from: string): LabFrame[] => lab.frames.filter((f) => f.kind === 'arp' && f.ethSrc === from && f.senderIp === f.targetIp && f.ethDst === 'ff:ff:ff:ff:ff:ff');
const LD1 = '02:00:00:00:00:02';
const LD2 = '02:00:00:00:00:03';

describe('VRRP between two keepalived directors', () => {
  it('elects the higher priority after its Master_Down_Interval, with the gratuitous ARP bursts keepalived sends', () => {
    const lab = directors(conf(150), conf(100));
    const t0 = lab.now + 0.01;
    expect(lab.run('ld1', 'systemctl start keepalived')).toEqual({ exit: 0, stdout: '', stderr: '' });
    lab.run('ld2', 'systemctl start keepalived');
    lab.sleep(12);
    const first = adverts(lab)[0]!;
    expect(first).toMatchObject({ ethSrc: LD1, ethDst: '01:00:5e:00:00:12', src: '198.51.100.2', dst: '224.0.0.18', vrrpVersion: 2, vrid: 51, priority: 150, advertInt: 1, authType: 1, addresses: ['198.51.100.100'] });
    // started + 80 ms (the VRRP child's init) + 3 × 1 s + 106/256 s
    expect(first.t - t0).toBeCloseTo(0.08 + 3 + 106 / 256, 3);
    expect(adverts(lab, LD2)).toEqual([]);
    const times = adverts(lab, LD1).map((f) => f.t);
    for (let i = 1; i < times.length; i++) {
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1);
      expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(1.005);
    }
    const g = garps(lab, LD1);
    expect(g).toHaveLength(10);
    expect(g[0]!).toMatchObject({ senderIp: '198.51.100.100', targetMac: 'ff:ff:ff:ff:ff:ff', op: 'request' });
    expect(g[4]!.t).toBeCloseTo(first.t, 6);
    expect(g[5]!.t - first.t).toBeCloseTo(5, 6);
    expect(lab.run('ld1', 'ip -br addr show dev eth0').stdout).toContain('198.51.100.100/24');
    expect(lab.run('ld2', 'ip -br addr show dev eth0').stdout).not.toContain('198.51.100.100');
    expect(lab.run('ld1', 'systemctl is-active keepalived')).toEqual({ exit: 0, stdout: 'active\n', stderr: '' });
    expect(lab.run('ld1', 'ip addr show dev eth0').stdout).toContain('inet 198.51.100.100/24 scope global secondary eth0:vip');
  });

  it('hands over on stop: a priority-0 advert, the backup after its skew time, stop taking 1.1 s', () => {
    const lab = directors(conf(150), conf(100));
    lab.run('ld1', 'systemctl start keepalived');
    lab.run('ld2', 'systemctl start keepalived');
    lab.sleep(6);
    const before = lab.now;
    lab.run('ld1', 'systemctl stop keepalived');
    expect(lab.now - before).toBeCloseTo(0.01 + 1.1, 3);
    lab.sleep(7);
    const zero = adverts(lab, LD1).find((f) => f.kind === 'ipv4' && f.priority === 0)!;
    expect(zero.t - before).toBeCloseTo(0.01 + 0.01, 3);
    const takeover = adverts(lab, LD2)[0]!;
    expect(takeover.t - zero.t).toBeCloseTo(156 / 256, 4);
    expect(garps(lab, LD2)).toHaveLength(10);
    expect(lab.run('ld2', 'ip -br addr show dev eth0').stdout).toContain('198.51.100.100/24');
    expect(lab.run('ld1', 'ip -br addr show dev eth0').stdout).not.toContain('198.51.100.100');
    expect(lab.run('ld1', 'systemctl is-active keepalived')).toEqual({ exit: 3, stdout: 'inactive\n', stderr: '' });
    // The router had no entry for the VIP: gratuitous ARPs create none.
    expect(lab.neighbors('router').find((n) => n.ip === '198.51.100.100')).toBeUndefined();
  });

  it('moves the router\'s entry for the VIP to the new master', () => {
    const lab = directors(conf(150), conf(100));
    lab.run('ld1', 'systemctl start keepalived');
    lab.run('ld2', 'systemctl start keepalived');
    lab.sleep(4);
    lab.run('router', 'ping -c 1 198.51.100.100');
    expect(lab.neighbors('router').find((n) => n.ip === '198.51.100.100')).toMatchObject({ lladdr: LD1, state: 'REACHABLE' });
    lab.run('ld1', 'systemctl stop keepalived');
    lab.sleep(1);
    expect(lab.neighbors('router').find((n) => n.ip === '198.51.100.100')).toMatchObject({ lladdr: LD2, state: 'STALE' });
  });

  it('goes to FAULT when its link goes down; the backup takes over 3 × 1 s + skew after the last advert', () => {
    const lab = directors(conf(150), conf(100));
    lab.run('ld1', 'systemctl start keepalived');
    lab.run('ld2', 'systemctl start keepalived');
    lab.sleep(6);
    lab.run('ld1', 'ip link set eth0 down');
    lab.sleep(6);
    const last = adverts(lab, LD1).at(-1)!;
    const takeover = adverts(lab, LD2)[0]!;
    expect(takeover.t - last.t).toBeCloseTo(3 + 156 / 256, 4);
    expect(lab.run('ld1', 'ip -br addr show dev eth0').stdout).not.toContain('198.51.100.100');
    expect(keepalivedOf(lab.host('ld1')).instances[0]!.state).toBe('FAULT');
    lab.run('ld1', 'ip link set eth0 up');
    lab.sleep(5);
    // Default preemption: back up, it takes over again after its own Master_Down_Interval.
    expect(keepalivedOf(lab.host('ld1')).instances[0]!.state).toBe('MASTER');
    expect(keepalivedOf(lab.host('ld2')).instances[0]!.state).toBe('BACKUP');
  });

  it('nopreempt keeps the returning higher priority in BACKUP', () => {
    const lab = directors(conf(150, '    nopreempt\n'), conf(100, '    nopreempt\n'));
    lab.run('ld2', 'systemctl start keepalived');
    lab.sleep(5);
    lab.run('ld1', 'systemctl start keepalived');
    lab.sleep(8);
    expect(keepalivedOf(lab.host('ld1')).instances[0]!.state).toBe('BACKUP');
    expect(keepalivedOf(lab.host('ld2')).instances[0]!.state).toBe('MASTER');
    expect(adverts(lab, LD1)).toEqual([]);
  });

  it('split brain: a different virtual_router_id or password makes both MASTER with the VIP', () => {
    for (const [a, b] of [[conf(150), conf(100, '', 52)], [conf(150), conf(100, '', 51, 'other')]] as const) {
      const lab = directors(a, b);
      lab.run('ld1', 'systemctl start keepalived');
      lab.run('ld2', 'systemctl start keepalived');
      lab.sleep(6);
      expect(keepalivedOf(lab.host('ld1')).instances[0]!.state).toBe('MASTER');
      expect(keepalivedOf(lab.host('ld2')).instances[0]!.state).toBe('MASTER');
      expect(lab.run('ld2', 'ip -br addr show dev eth0').stdout).toContain('198.51.100.100/24');
    }
  });

  it('does nothing for an empty or missing configuration, and says why in systemctl status', () => {
    const lab = lanLab([lanHost('ld1', 2)]);
    expect(lab.run('ld1', 'systemctl start keepalived')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(lab.run('ld1', 'systemctl is-active keepalived')).toEqual({ exit: 3, stdout: 'inactive\n', stderr: '' });
    const status = lab.run('ld1', 'systemctl status keepalived');
    expect(status.exit).toBe(3);
    // Never started since boot: no inactive_enter_timestamp, so no "since".
    expect(status.stdout).toContain('     Active: inactive (dead)\n');
    expect(status.stdout).toContain('systemd[1]: keepalived.service - Keepalive Daemon (LVS and VRRP) was skipped because of an unmet condition check (ConditionFileNotEmpty=/etc/keepalived/keepalived.conf).');
    expect(lab.run('ld1', 'systemctl start nosuch')).toEqual({ exit: 5, stdout: '', stderr: 'Failed to start nosuch.service: Unit nosuch.service not found.\n' });
  });

  it('logs state changes in keepalived\'s words, shown by systemctl status', () => {
    const lab = directors(conf(150), conf(100));
    lab.run('ld1', 'systemctl start keepalived');
    lab.sleep(5);
    const status = lab.run('ld1', 'systemctl status keepalived').stdout;
    expect(status).toMatch(/^● keepalived\.service - Keepalive Daemon \(LVS and VRRP\)\n/);
    expect(status).toMatch(/ ld1 Keepalived_vrrp\[\d+\]: \(VI_1\) Entering BACKUP STATE \(init\)\n/);
    expect(status).toMatch(/ ld1 Keepalived_vrrp\[\d+\]: \(VI_1\) Entering MASTER STATE\n/);
    lab.run('ld1', 'systemctl stop keepalived');
    expect(lab.run('ld1', 'systemctl status keepalived').stdout).toMatch(/\n {5}Active: inactive \(dead\) since .+; .+ ago\n/);
  });
});

describe('two masters that refuse each other\'s adverts', () => {
  it('restart each other\'s advert timer, so one stream of about one advert a second goes out between them (as on Linux)', () => {
    const lab = directors(conf(150), conf(100, '', 51, 'other'));
    lab.run('ld1', 'systemctl start keepalived');
    lab.run('ld2', 'systemctl start keepalived');
    lab.sleep(30);
    const all = adverts(lab);
    const streaming = all.filter((f) => f.t > 5);
    // ~25 s of shared stream: about 25 adverts, not 50.
    expect(streaming.length).toBeGreaterThanOrEqual(24);
    expect(streaming.length).toBeLessThanOrEqual(26);
    expect(adverts(lab, LD1).length).toBeGreaterThan(3);
    expect(adverts(lab, LD2).length).toBeGreaterThan(3);
    expect(keepalivedOf(lab.host('ld2')).log.some((l) => l.text === '(VI_1) received an invalid passwd!')).toBe(true);
  });
  it('systemctl reload keeps the state and applies the new values: a lower priority hands over, a new VIP is added with a burst', () => {
    const lab = directors(conf(150), conf(100));
    lab.run('ld1', 'systemctl start keepalived');
    lab.run('ld2', 'systemctl start keepalived');
    lab.sleep(6);
    const withSecondVip = conf(150).replace('        198.51.100.100/24 dev eth0 label eth0:vip\n', '        198.51.100.100/24 dev eth0 label eth0:vip\n        198.51.100.101/24 dev eth0\n');
    lab.writeFile('ld1', '/etc/keepalived/keepalived.conf', withSecondVip);
    lab.writeFile('ld2', '/etc/keepalived/keepalived.conf', conf(100).replace('        198.51.100.100/24 dev eth0 label eth0:vip\n', '        198.51.100.100/24 dev eth0 label eth0:vip\n        198.51.100.101/24 dev eth0\n'));
    lab.run('ld2', 'systemctl reload keepalived');
    const before = garps(lab, LD1).length;
    expect(lab.run('ld1', 'systemctl reload keepalived')).toEqual({ exit: 0, stdout: '', stderr: '' });
    lab.sleep(0.5);
    expect(keepalivedOf(lab.host('ld1')).instances[0]!.state).toBe('MASTER');
    expect(lab.run('ld1', 'ip -br addr show dev eth0').stdout).toContain('198.51.100.101/24');
    // vrrp_send_link_update after restore_vrrp_state: one burst (5 rounds) for both addresses.
    expect(garps(lab, LD1).length - before).toBe(10);
    expect(adverts(lab, LD1).at(-1)!).toMatchObject({ priority: 150, addresses: ['198.51.100.100', '198.51.100.101'] });
    lab.writeFile('ld1', '/etc/keepalived/keepalived.conf', withSecondVip.replace('priority 150', 'priority 90'));
    lab.run('ld1', 'systemctl reload keepalived');
    lab.sleep(6);
    expect(adverts(lab, LD1).some((f) => f.kind === 'ipv4' && f.priority === 90)).toBe(true);
    expect(keepalivedOf(lab.host('ld2')).instances[0]!.state).toBe('MASTER');
    expect(keepalivedOf(lab.host('ld1')).instances[0]!.state).toBe('BACKUP');
    expect(lab.run('ld1', 'ip -br addr show dev eth0').stdout).not.toContain('198.51.100.10');
  });

  // Scenarios 611, 612 and 614 (conformance/scenarios), where the kernel and keepalived 2.2.7 showed these.
  it('unicast_peer: adverts go to the peer (resolved by ARP first), none to 224.0.0.18; a stopped peer answers protocol unreachable', () => {
    const unicast = (src: number, peer: number) => `    unicast_src_ip 198.51.100.${src}\n    unicast_peer {\n        198.51.100.${peer}\n    }\n`;
    const lab = directors(conf(150, unicast(2, 3)), conf(100, unicast(3, 2)));
    lab.run('ld1', 'systemctl start keepalived');
    lab.run('ld2', 'systemctl start keepalived');
    lab.sleep(6);
    expect(adverts(lab).filter((f) => f.kind === 'ipv4' && f.dst === '224.0.0.18')).toEqual([]);
    const first = adverts(lab, LD1)[0]!;
    expect(first).toMatchObject({ ethDst: LD2, src: '198.51.100.2', dst: '198.51.100.3', priority: 150 });
    const request = lab.frames.find((f) => f.kind === 'arp' && f.op === 'request' && f.targetIp === '198.51.100.3')!;
    expect(request.t).toBeLessThanOrEqual(first.t);
    expect(keepalivedOf(lab.host('ld2')).instances[0]!.state).toBe('BACKUP');
    lab.run('ld1', 'systemctl stop keepalived');
    lab.sleep(3);
    expect(adverts(lab, LD1).at(-1)!).toMatchObject({ ethDst: LD2, dst: '198.51.100.3', priority: 0 });
    expect(keepalivedOf(lab.host('ld2')).instances[0]!.state).toBe('MASTER');
    const unreachable = lab.frames.filter((f) => f.kind === 'ipv4' && f.proto === 'icmp' && f.ethSrc === LD1 && f.dst === '198.51.100.3');
    expect(unreachable.length).toBeGreaterThanOrEqual(2);
  });

  it('a tracked interface going down: FAULT, two priority-0 adverts back to back, the backup takes over after its skew time', () => {
    const lab = lanLab([lanHost('router', 1), { name: 'ld1', interfaces: [{ name: 'eth0', segment: 'lan', mac: LD1, addresses: ['198.51.100.2/24'] }, { name: 'eth1', segment: 'back', mac: '02:00:00:00:01:02', addresses: ['203.0.113.2/24'] }] }, lanHost('ld2', 3)]);
    lab.writeFile('ld1', '/etc/keepalived/keepalived.conf', conf(150, '    track_interface {\n        eth1\n    }\n'));
    lab.writeFile('ld2', '/etc/keepalived/keepalived.conf', conf(100));
    lab.run('ld1', 'systemctl start keepalived');
    lab.run('ld2', 'systemctl start keepalived');
    lab.sleep(5);
    lab.run('ld1', 'ip link set eth1 down');
    const down = lab.now;
    lab.sleep(3);
    const zeros = adverts(lab, LD1).filter((f) => f.kind === 'ipv4' && f.priority === 0);
    expect(zeros.map((f) => f.t)).toEqual([down, down]);
    expect(keepalivedOf(lab.host('ld1')).instances[0]!.state).toBe('FAULT');
    expect(adverts(lab, LD2)[0]!.t - down).toBeCloseTo(156 / 256, 3);
  });

  it('vrrp_garp_master_delay 0: no delayed burst; vrrp_garp_master_refresh sends its own bursts', () => {
    const lab = directors(`global_defs {\n    vrrp_garp_master_delay 0\n    vrrp_garp_master_refresh 3\n    vrrp_garp_master_refresh_repeat 2\n}\n${conf(150)}`, '');
    lab.run('ld1', 'systemctl start keepalived');
    lab.sleep(14);
    const times = garps(lab, LD1).map((f) => f.t);
    const bursts: number[] = [];
    times.forEach((t, i) => (i > 0 && t === times[i - 1] ? (bursts[bursts.length - 1]! += 1) : bursts.push(1)));
    expect(bursts).toEqual([5, 2, 2, 2]);
  });
});
