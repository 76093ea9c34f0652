import { describe, expect, it } from 'vitest';
import type { Check } from './check-types.ts';
import { evaluateChecks, renderCheckResult } from './checks.ts';
import { baseLab } from './test-support.ts';

const VIP = '198.51.100.100';

function reads(check: Check, lang: 'en' | 'zh-CN' = 'en'): string {
  return renderCheckResult(evaluateChecks(baseLab(), [check])[0]!, lang).reads;
}

describe('a check says what state it reads and when', () => {
  it('a conf check names both /proc/sys files the kernel combines, read in the live lab', () => {
    const check: Check = { id: 'c', type: 'conf', host: 'rs1', dev: 'eth0', key: 'arp_ignore', oneOf: [1, 2] };
    expect(reads(check)).toBe("reads rs1's /proc/sys/net/ipv4/conf/all/arp_ignore and /proc/sys/net/ipv4/conf/eth0/arp_ignore in your lab as it is now");
    expect(reads(check, 'zh-CN')).toBe('读取你的实验环境此刻的rs1 的 /proc/sys/net/ipv4/conf/all/arp_ignore 和 /proc/sys/net/ipv4/conf/eth0/arp_ignore');
  });

  it('a key the kernel reads per device only names that device file', () => {
    expect(reads({ id: 'c', type: 'conf', host: 'rs1', dev: 'eth0', key: 'forwarding', oneOf: [1] })).toContain("reads rs1's /proc/sys/net/ipv4/conf/eth0/forwarding in");
  });

  it('a sysctl check names its /proc/sys file and the sysctl that reads it', () => {
    expect(reads({ id: 's', type: 'sysctl', host: 'director', name: 'net.ipv4.ip_forward', oneOf: [1] })).toBe("reads director's /proc/sys/net/ipv4/ip_forward (sysctl -n net.ipv4.ip_forward) in your lab as it is now");
  });

  it('a state check with `after` says it reads a copy after those commands', () => {
    const check: Check = { id: 'n', type: 'neighbour', host: 'router', ip: VIP, mac: 'director', after: ['client$ curl -s -m 2 http://198.51.100.100/'] };
    expect(reads(check)).toBe("reads router's ARP cache (ip neigh) on a copy of your lab after: client$ curl -s -m 2 http://198.51.100.100/");
  });

  it('an ARP probe names the arping it sends, on the device it picks, on a copy with the learner\'s caches', () => {
    const text = reads({ id: 'a', type: 'arp-probe', from: 'router', target: VIP, answeredBy: ['director'] });
    expect(text).toBe('on a copy of your lab (your commands replayed, so its ARP caches and connections are yours): router runs arping -c 1 -w 1 -I eth0 198.51.100.100 and the check notes who replies');
  });

  it('the copy a probe runs on has the learner\'s ARP caches, not cold ones (what the sentence promises)', () => {
    const lab = baseLab();
    lab.run('client', 'curl -s -m 2 http://198.51.100.100/');
    const routerHasVip = lab.neighbors('router').some((r) => r.ip === VIP);
    expect(routerHasVip).toBe(true);
    // The same check on the lab and on a copy replayed to it (an `after` of nothing but a pause).
    const live: Check = { id: 'live', type: 'neighbour', host: 'router', ip: VIP, mac: 'director' };
    const copy: Check = { ...live, id: 'copy', after: ['sleep 0.001'] };
    const [onLab, onCopy] = evaluateChecks(lab, [live, copy]).map((r) => r.pass);
    expect(onLab).toBe(true);
    expect(onCopy).toBe(true);
  });

  it('an http probe names the curl it repeats and how often', () => {
    expect(reads({ id: 'h', type: 'http-probe', from: 'client', url: 'http://198.51.100.100/', count: 10, servers: ['rs1', 'rs2'] }, 'zh-CN')).toBe(
      '在你的实验环境的副本上（重放你的命令，所以它的 ARP 缓存和连接与你的相同）：client 执行 curl -s -m 2 http://198.51.100.100/ 共 10 次，检查查看每一帧',
    );
  });
});
