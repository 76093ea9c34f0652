import { describe, expect, it } from 'vitest';
import type { Check } from './check-types.ts';
import { render } from '../../i18n/catalogue.ts';
import { evaluateChecks, planForks, renderCheckResult } from './checks.ts';
import { describeCheck } from './describe-check.ts';
import { baseLab } from './test-support.ts';

const VIP = '198.51.100.100';
const onlyDirector: Check = { id: 'arp', type: 'arp-probe', from: 'router', target: VIP, answeredBy: ['director'] };

function one(lab: ReturnType<typeof baseLab>, check: Check, lang: 'en' | 'zh-CN' = 'en') {
  return renderCheckResult(evaluateChecks(lab, [check])[0]!, lang);
}

describe('behaviour probes run on a copy', () => {
  it('ARP for the VIP: passes when only the director answers; names the real server that answers, with the kernel rule', () => {
    const lab = baseLab();
    expect(one(lab, onlyDirector).pass).toBe(true);
    lab.run('rs1', 'sysctl -w net.ipv4.conf.all.arp_ignore=0');
    const result = one(lab, onlyDirector);
    expect(result.pass).toBe(false);
    expect(result.message).toBe('router asked who-has 198.51.100.100 on eth0; answered by director, rs1: rs1 should not answer');
    expect(result.explanation).toEqual([expect.stringMatching(/^rs1: answered who-has 198\.51\.100\.100 from 198\.51\.100\.254 on eth0 .*198\.51\.100\.100 is on lo; arp_ignore allows it/)]);
    const zh = one(lab, onlyDirector, 'zh-CN');
    expect(zh.message).toContain('rs1 不应应答');
    expect(zh.explanation[0]).toMatch(/^rs1: 应答了/);
  });

  it('leaves the learner\'s lab untouched: frames, trace, journal, neighbour tables', () => {
    const lab = baseLab();
    lab.run('client', 'ping -c 1 198.51.100.100');
    const before = { frames: lab.frames.length, trace: lab.trace.length, journal: [...lab.journal], router: lab.neighbors('router'), now: lab.now };
    evaluateChecks(lab, [onlyDirector, { id: 'p', type: 'ping-probe', from: 'rs1', target: '198.51.100.254', answeredBy: 'router' }, { id: 'n', type: 'neighbour', host: 'router', ip: VIP, mac: 'director', after: ['rs1$ ping -c 1 198.51.100.254', 'sleep 3'] }]);
    expect({ frames: lab.frames.length, trace: lab.trace.length, journal: lab.journal, router: lab.neighbors('router'), now: lab.now }).toEqual(before);
  });

  it('names the director as missing when it does not answer, with its reason', () => {
    const lab = baseLab();
    lab.run('director', 'sysctl -w net.ipv4.conf.eth0.arp_ignore=8');
    const result = one(lab, onlyDirector);
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(/answered by nobody: director should answer$/);
    expect(result.explanation.join('\n')).toMatch(/^director: did not answer who-has 198\.51\.100\.100/);
  });

  it('ping probe: a /24 VIP on lo makes the gateway "answer" from inside rs1, with no frame on the wire', () => {
    const lab = baseLab();
    const probe: Check = { id: 'gw', type: 'ping-probe', from: 'rs1', target: '198.51.100.254', answeredBy: 'router' };
    expect(one(lab, probe).pass).toBe(true);
    lab.run('rs1', 'ip addr del 198.51.100.100/32 dev lo');
    lab.run('rs1', 'ip addr add 198.51.100.100/24 dev lo');
    const result = one(lab, probe);
    expect(result.pass).toBe(false);
    expect(result.message).toBe('rs1$ ping 198.51.100.254: the reply came from rs1 itself (no frame crossed the wire), not router');
    expect(result.explanation.join('\n')).toMatch(/stays inside this host/);
  });

  it('a neighbour check after traffic explains who changed the entry and with which frame', () => {
    const lab = baseLab();
    lab.run('rs1', 'sysctl -w net.ipv4.conf.all.arp_announce=0');
    const check: Check = { id: 'gw-entry', type: 'neighbour', host: 'router', ip: VIP, mac: 'director', after: ['client$ ping -c 1 198.51.100.100', 'rs1$ ping -c 1 -I 198.51.100.100 203.0.113.10'] };
    const result = one(lab, check);
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(/^router: 198\.51\.100\.100 → rs1 \(02:00:00:00:00:11\) DELAY; it should be director \(02:00:00:00:00:02\)$/);
    expect(result.explanation[0]).toMatch(/^rs1: sent who-has 198\.51\.100\.254 tell 198\.51\.100\.100 on eth0/);
    expect(result.explanation[1]).toMatch(/^router: answered who-has 198\.51\.100\.254 from 198\.51\.100\.100 on eth0 .*198\.51\.100\.100 is now in the cache with the sender's MAC: STALE, unless the entry already had that MAC \(then its state is kept\)$/);
    lab.run('rs1', 'sysctl -w net.ipv4.conf.all.arp_announce=2');
    expect(one(lab, check).pass).toBe(true);
  });

  it('http probe: every request through the director, every real server answers', () => {
    const lab = baseLab();
    const probe: Check = { id: 'http', type: 'http-probe', from: 'client', url: `http://${VIP}/`, count: 4, servers: ['rs1', 'rs2'], via: 'director' };
    const ok = one(lab, probe);
    expect(ok.message).toMatch(/all through director$/);
    expect(ok.pass).toBe(true);
    lab.run('rs1', 'sysctl -w net.ipv4.conf.all.arp_announce=0');
    const bad = one(lab, probe);
    expect(bad.pass).toBe(false);
    expect(bad.message).toMatch(/router sent requests for 198\.51\.100\.100 straight to rs1 \(02:00:00:00:00:11\), bypassing director$/);
    expect(bad.explanation[0]).toMatch(/^rs1: sent who-has 198\.51\.100\.254 tell 198\.51\.100\.100/);
  });
});

describe('state checks', () => {
  it('conf: the effective value is max(all, dev), so conf.lo changes nothing on eth0', () => {
    const lab = baseLab();
    lab.run('rs1', 'sysctl -w net.ipv4.conf.all.arp_ignore=0');
    lab.run('rs1', 'sysctl -w net.ipv4.conf.lo.arp_ignore=1');
    const check: Check = { id: 'ai', type: 'conf', host: 'rs1', dev: 'eth0', key: 'arp_ignore', oneOf: [1, 2] };
    expect(one(lab, check).message).toBe('rs1 uses arp_ignore=0 on eth0 (the larger of conf.all (0) and conf.eth0 (0)); needed 1 or 2');
    lab.run('rs1', 'echo 2 > /proc/sys/net/ipv4/conf/eth0/arp_ignore');
    expect(one(lab, check)).toMatchObject({ pass: true, message: 'rs1 uses arp_ignore=2 on eth0 (the larger of conf.all (0) and conf.eth0 (2))' });
  });

  it('address: prefix length and device matter', () => {
    const lab = baseLab();
    const check: Check = { id: 'vip', type: 'address', host: 'rs2', address: `${VIP}/32`, dev: 'lo', present: true };
    expect(one(lab, check).pass).toBe(true);
    lab.run('rs2', `ip addr del ${VIP}/32 dev lo`);
    lab.run('rs2', `ip addr add ${VIP}/32 dev eth0`);
    expect(one(lab, check)).toMatchObject({ pass: false, message: 'rs2 has 198.51.100.100/32 on eth0, not 198.51.100.100/32 on lo' });
    expect(one(lab, { ...check, present: false, dev: undefined })).toMatchObject({ pass: false, message: 'rs2 still has 198.51.100.100/32 on eth0' });
  });

  it('ipvs service and destination: presence, forwarding method, weight', () => {
    const lab = baseLab();
    const dest: Check = { id: 'd', type: 'ipvs-dest', host: 'director', service: `tcp:${VIP}:80`, dest: '198.51.100.11:80', fwd: 'Route', minWeight: 1 };
    expect(one(lab, dest).pass).toBe(true);
    lab.run('director', `ipvsadm -e -t ${VIP}:80 -r 198.51.100.11:80 -m -w 0`);
    expect(one(lab, dest).message).toBe('198.51.100.11:80 in TCP 198.51.100.100:80 forwards by Masq (-m), not Route (-g) and has weight 0: quiesced, it gets no new connections');
    lab.run('director', 'ipvsadm -C');
    expect(one(lab, { id: 's', type: 'ipvs-service', host: 'director', service: `tcp:${VIP}:80`, present: true }).message).toMatch(/^director has no virtual service TCP 198\.51\.100\.100:80/);
  });

  it('a check that cannot run fails with a message instead of throwing', () => {
    const lab = baseLab();
    const result = one(lab, { id: 'x', type: 'neighbour', host: 'nosuch', ip: VIP });
    expect(result).toMatchObject({ pass: false, message: 'the check could not run: unknown host "nosuch"' });
  });
});

describe('describeCheck: a title when the lesson gives none', () => {
  it('says what each kind of check looks at, in both languages', () => {
    expect(render('en', describeCheck(onlyDirector))).toBe('ARP for 198.51.100.100 from router: only director answers');
    expect(render('zh-CN', describeCheck(onlyDirector))).toBe('router 对 198.51.100.100 发 ARP：只有 director 应答');
    const entry: Check = { id: 'n', type: 'neighbour', host: 'router', ip: VIP, mac: 'director', after: ['client$ ping -c 1 198.51.100.100'] };
    expect(render('en', describeCheck(entry))).toBe("router's ARP entry for 198.51.100.100 pointing at director (after: client$ ping -c 1 198.51.100.100)");
    expect(render('zh-CN', describeCheck({ id: 'd', type: 'ipvs-dest', host: 'director', service: `tcp:${VIP}:80`, dest: '198.51.100.11:80', fwd: 'Route', minWeight: 1 }))).toBe('tcp:198.51.100.100:80 有真实服务器 198.51.100.11:80（Route、权重 ≥ 1）');
    expect(render('en', describeCheck({ id: 'c', type: 'conf', host: 'rs1', dev: 'eth0', key: 'arp_announce', oneOf: [2] }))).toBe('rs1 uses arp_announce 2 on eth0');
  });
});

describe('planForks: the copies one evaluation replays', () => {
  const probe = (id: string, after?: string[]): Check => ({ id, type: 'ping-probe', from: 'client', target: VIP, answeredBy: 'director', ...(after ? { after } : {}) });
  const entry = (id: string, after?: string[]): Check => ({ id, type: 'neighbour', host: 'router', ip: VIP, ...(after ? { after } : {}) });
  const curl = ['client$ curl -s http://198.51.100.100/'];

  it('state checks without `after` read the lab itself; every probe replays once', () => {
    expect(planForks([entry('a'), probe('p1'), probe('p2'), probe('p3')])).toEqual({ forkOf: [null, 0, 1, 2], forks: [[], [], []] });
  });

  it('state checks with one `after` share a copy, and the first probe with that `after` uses it after them', () => {
    expect(planForks([probe('p1', curl), entry('a', curl), entry('b', curl), probe('p2', curl), probe('p3')])).toEqual({ forkOf: [0, 0, 0, 1, 2], forks: [curl, curl, []] });
  });

  it('gives the same verdicts and sentences as one copy per check', () => {
    const lab = baseLab();
    lab.run('rs1', 'sysctl -w net.ipv4.conf.all.arp_ignore=0');
    const checks = [entry('a', curl), onlyDirector, { ...entry('b', curl), mac: 'director' }, { ...onlyDirector, id: 'arp2', after: curl }];
    const together = evaluateChecks(lab, checks).map((r) => renderCheckResult(r, 'en'));
    const alone = checks.map((check) => one(lab, check));
    expect(together).toEqual(alone);
    expect(together.map((r) => r.pass)).toEqual([true, false, true, false]);
  });
});

describe('checks after a reboot (issue 12)', () => {
  const afterReboot: Check = { id: 'rs2-after-reboot', type: 'arp-probe', from: 'rs1', target: '198.51.100.12', answeredBy: ['rs2'], reboot: ['rs2'] };
  const vipAfterReboot: Check = { id: 'vip', type: 'address', host: 'rs2', address: `${VIP}/32`, dev: 'lo', present: true, reboot: ['rs2'] };

  it('pass when what is checked is in the files the boot reads', () => {
    const lab = baseLab();
    expect(one(lab, afterReboot).pass).toBe(true);
    expect(one(lab, vipAfterReboot).pass).toBe(true);
    expect(one(lab, vipAfterReboot).title).toBe(`rs2 has ${VIP}/32 on lo, once rs2 rebooted`);
  });

  it('say a fix made only at runtime would be lost at reboot, in both languages; the learner\'s lab keeps its runtime state', () => {
    const lab = baseLab();
    lab.run('rs2', "sed -i '/^iface lo inet static/,/198.51.100.100/d' /etc/network/interfaces");
    const result = one(lab, vipAfterReboot);
    expect(result.pass).toBe(false);
    expect(result.message).toMatch(/^true now, but not once rs2 rebooted: the change lives only in memory and would be lost at reboot/);
    expect(one(lab, vipAfterReboot, 'zh-CN').message).toMatch(/^现在成立，但 rs2 重启之后就不成立了/);
    expect(lab.run('rs2', 'ip -br addr show dev lo').stdout).toContain(`${VIP}/32`);
    // Not true now either: the plain failure, no word about the reboot.
    lab.run('rs2', `ip addr del ${VIP}/32 dev lo`);
    expect(one(lab, vipAfterReboot).message).not.toMatch(/reboot/);
  });

  it('share one rebooted copy between state checks with the same reboot', () => {
    expect(planForks([vipAfterReboot, { ...vipAfterReboot, id: 'again' }]).forks).toEqual([['rs2$ reboot']]);
  });
});
