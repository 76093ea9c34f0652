import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';

describe('shell commands fail as the real tools fail', () => {
  const lab = lanLab([lanHost('rs1', 11)]);

  it('ip addr add of an existing address', () => {
    expect(lab.run('rs1', 'ip addr add 198.51.100.11/24 dev eth0')).toEqual({ exit: 2, stdout: '', stderr: 'Error: ipv4: Address already assigned.\n' });
  });

  it('sysctl of a missing device', () => {
    expect(lab.run('rs1', 'sysctl net.ipv4.conf.eth9.arp_ignore')).toEqual({ exit: 1, stdout: '', stderr: 'sysctl: cannot stat /proc/sys/net/ipv4/conf/eth9/arp_ignore: No such file or directory\n' });
  });

  it('arping reads its options as glibc getopt does: errors in its words, operands anywhere', () => {
    expect(lab.run('rs1', 'arping -z 198.51.100.11')).toMatchObject({ exit: 2, stdout: '', stderr: expect.stringMatching(/^arping: invalid option -- 'z'\n\nUsage:\n {2}arping \[options\] <destination>\n/) });
    expect(lab.run('rs1', 'arping -c')).toMatchObject({ exit: 2, stderr: expect.stringMatching(/^arping: option requires an argument -- 'c'\n\nUsage:/) });
    // strtol_or_err exits 1 (kernel-recorded in scenario 108).
    expect(lab.run('rs1', 'arping -c x -z 198.51.100.11')).toEqual({ exit: 1, stdout: '', stderr: "arping: invalid argument: 'x'\n" });
    expect(lab.run('rs1', 'arping -V -z')).toEqual({ exit: 0, stdout: 'arping from iputils 20221126\n', stderr: '' });
    expect(lab.run('rs1', 'arping -q 198.51.100.99 -c1 -Ieth0')).toEqual({ exit: 1, stdout: '', stderr: '' });
  });

  it('ping reads its options as glibc getopt does', () => {
    expect(lab.run('rs1', 'ping -z 198.51.100.11')).toEqual({ exit: 2, stdout: '', stderr: "ping: invalid option -- 'z'\n" });
    expect(lab.run('rs1', 'ping -c')).toEqual({ exit: 2, stdout: '', stderr: "ping: option requires an argument -- 'c'\n" });
    // strtol_or_err exits 1 as soon as getopt hands it the word (iputils 20221126 on Debian 12).
    expect(lab.run('rs1', 'ping -c 0 -z 198.51.100.11')).toEqual({ exit: 1, stdout: '', stderr: "ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807\n" });
    expect(lab.run('rs1', 'ping -c 1.5 198.51.100.11')).toEqual({ exit: 1, stdout: '', stderr: "ping: invalid argument: '1.5'\n" });
    expect(lab.run('rs1', 'ping -w -1 198.51.100.11')).toEqual({ exit: 1, stdout: '', stderr: "ping: invalid argument: '-1': out of range: 0 <= value <= 2147483647\n" });
    expect(lab.run('rs1', 'ping -t 256 198.51.100.11')).toEqual({ exit: 1, stdout: '', stderr: "ping: invalid argument: '256': out of range: 0 <= value <= 255\n" });
    expect(lab.run('rs1', 'ping -c 1 -t 0 198.51.100.11')).toEqual({ exit: 2, stdout: '', stderr: 'ping: cannot set unicast time-to-live: Invalid argument\n' });
    expect(lab.run('rs1', 'ping -q -n')).toEqual({ exit: 1, stdout: '', stderr: 'ping: usage error: Destination address required\n' });
    expect(lab.run('rs1', 'ping 198.51.100.11 -c 1 -q')).toMatchObject({ exit: 0, stdout: expect.stringMatching(/^PING 198\.51\.100\.11 .*\n\n--- 198\.51\.100\.11 ping statistics ---\n1 packets transmitted, 1 received/) });
  });

  it('sysctl reads its options as getopt_long does', () => {
    const usage = 'Usage:\n sysctl [options] [variable[=value] ...]\n';
    expect(lab.run('rs1', 'sysctl -z net.ipv4.ip_forward')).toEqual({ exit: 1, stdout: '', stderr: `sysctl: invalid option -- 'z'\n${usage}` });
    expect(lab.run('rs1', 'sysctl -qn net.ipv4.ip_forward')).toEqual({ exit: 0, stdout: '0\n', stderr: '' });
    expect(lab.run('rs1', 'sysctl net.ipv4.ip_forward --values')).toEqual({ exit: 0, stdout: '0\n', stderr: '' });
    expect(lab.run('rs1', 'sysctl -w -q net.ipv4.ip_forward=0')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(lab.run('rs1', 'sysctl -n')).toMatchObject({ exit: 1, stderr: 'sysctl: no variables specified\nTry `sysctl --help\' for more information.\n' });
  });

  it('unknown commands and unbalanced quotes', () => {
    expect(lab.run('rs1', 'ipvsadmm -Ln')).toMatchObject({ exit: 127, stderr: 'bash: ipvsadmm: command not found\n' });
    expect(lab.run('rs1', "echo 'oops").exit).toBe(2);
  });

  it('echo into /proc/sys writes the sysctl; a bad value is a write error', () => {
    expect(lab.run('rs1', 'echo 2 > /proc/sys/net/ipv4/conf/all/arp_announce').exit).toBe(0);
    expect(lab.run('rs1', 'cat /proc/sys/net/ipv4/conf/all/arp_announce').stdout).toBe('2\n');
    expect(lab.run('rs1', 'echo abc > /proc/sys/net/ipv4/conf/all/arp_announce')).toMatchObject({ exit: 1, stderr: 'bash: echo: write error: Invalid argument\n' });
  });

  it('conf.default reaches only interfaces whose values were never set', () => {
    lab.run('rs1', 'sysctl -w net.ipv4.conf.default.arp_ignore=1');
    expect(lab.run('rs1', 'sysctl -n net.ipv4.conf.eth0.arp_ignore').stdout).toBe('0\n');
  });

  it('a /24 on lo makes the whole prefix local; a /32 does not', () => {
    const l = lanLab([lanHost('rs1', 11)]);
    l.run('rs1', 'ip addr add 198.51.100.100/32 dev lo');
    expect(l.run('rs1', 'ip route get 198.51.100.10').stdout).toBe('198.51.100.10 dev eth0 src 198.51.100.11 uid 0 \n    cache \n');
    l.run('rs1', 'ip addr del 198.51.100.100/32 dev lo');
    l.run('rs1', 'ip addr add 198.51.100.100/24 dev lo');
    expect(l.run('rs1', 'ip route get 198.51.100.10').stdout).toBe('local 198.51.100.10 dev lo src 198.51.100.100 uid 0 \n    cache <local> \n');
  });

  it('ifconfig lo:0 with a /32 netmask leaves a labelled /32', () => {
    const l = lanLab([lanHost('rs1', 11)]);
    l.run('rs1', 'ifconfig lo:0 198.51.100.100 netmask 255.255.255.255 up');
    expect(l.run('rs1', 'ip -4 addr show dev lo').stdout).toContain('inet 198.51.100.100/32 scope global lo:0');
    expect(l.run('rs1', 'ip route show table local').stdout).not.toContain('198.51.100.0/24');
  });

  it('never throws on arbitrary input', () => {
    const inputs = ['', '   ', ';;', '&& ls', 'ip', 'ip route add', 'ip neigh add', 'arping', 'ping -c', 'sysctl -w', 'ifconfig eth0 netmask', '"', 'route add -host', 'ip a a 1.2.3.4/99 dev eth0'];
    for (const input of inputs) {
      const r = lab.run('rs1', input);
      expect(typeof r.exit).toBe('number');
      expect(r.stderr).not.toContain('internal simulator error');
    }
  });
});
