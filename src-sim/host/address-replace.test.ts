// ip addr replace as inet_rtm_newaddr does it with NLM_F_REPLACE (recorded on Linux 6.18, scenario 104).
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';

function inetLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.trim().startsWith('inet ')).map((l) => l.trim());
}

describe('ip addr replace', () => {
  it('keeps an existing address as it is: scope, label and place in the list', () => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11, { sysctl: { 'net.ipv4.conf.all.arp_ignore': '3' } })]);
    lab.run('rs1', 'ip addr add 198.51.100.100/32 dev eth0');
    expect(lab.run('rs1', 'ip addr replace 198.51.100.100/32 dev eth0 scope host label eth0:vip').exit).toBe(0);
    expect(inetLines(lab.run('rs1', 'ip -4 addr show dev eth0').stdout)).toEqual(['inet 198.51.100.11/24 scope global eth0', 'inet 198.51.100.100/32 scope global eth0']);
    // arp_ignore=3 answers for a global address: the replace did not make it scope host.
    expect(lab.run('client', 'arping -c 1 -w 1 -I eth0 198.51.100.100').exit).toBe(0);
  });

  it('adds an address that is not there, in the kernel\'s order (scope host before global)', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    expect(lab.run('rs1', 'ip addr replace 198.51.100.101/32 dev eth0 scope host').exit).toBe(0);
    expect(inetLines(lab.run('rs1', 'ip -4 addr show dev eth0').stdout)).toEqual(['inet 198.51.100.101/32 scope host eth0', 'inet 198.51.100.11/24 scope global eth0']);
  });

  it('refuses a secondary whose scope differs from its primary\'s with the kernel\'s message', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const r = lab.run('rs1', 'ip addr replace 198.51.100.100/24 dev eth0 scope host');
    expect([r.exit, r.stderr]).toEqual([2, 'Error: ipv4: Invalid scope value.\n']);
  });
});
