import { describe, expect, it } from 'vitest';
import { complete, type CompletionSource } from './complete.ts';

// What a terminal on rs1 passes (the terminal reads these from the simulator).
const COMMANDS = ['arp', 'arping', 'cat', 'echo', 'hostname', 'ifconfig', 'ip', 'ipvsadm', 'ping', 'route', 'sleep', 'sysctl', 'tcpdump'];
const conf = ['arp_accept', 'arp_announce', 'arp_filter', 'arp_ignore', 'forwarding', 'rp_filter'];
const source: CompletionSource = {
  commands: COMMANDS,
  interfaces: ['eth0', 'lo'],
  sysctlKeys: [
    ...['all', 'default', 'eth0', 'lo'].flatMap((dev) => conf.map((key) => `net.ipv4.conf.${dev}.${key}`)),
    'net.ipv4.ip_forward',
    'net.ipv4.neigh.eth0.base_reachable_time_ms',
  ],
};

const tab = (line: string) => {
  const c = complete(line, line.length, source);
  return { line: line.slice(0, c.start) + c.replacement, candidates: c.candidates };
};

describe('complete', () => {
  it('completes a unique command and adds a space', () => {
    expect(tab('arpi').line).toBe('arping ');
    expect(tab('ipv').line).toBe('ipvsadm ');
  });

  it('stops at the common prefix of several commands and lists them', () => {
    const result = tab('ar');
    expect(result.line).toBe('arp');
    expect(result.candidates).toEqual(['arp', 'arping']);
  });

  it('offers every command on an empty line', () => {
    expect(tab('').candidates).toEqual(COMMANDS);
  });

  it('completes options of the command being typed', () => {
    expect(tab('ipvsadm --add-se').line).toBe('ipvsadm --add-serv');
    expect(tab('ipvsadm --add-servi').line).toBe('ipvsadm --add-service ');
    expect(tab('arping -').candidates).toContain('-I');
  });

  it('completes interface names after dev, -I and ifconfig', () => {
    expect(tab('ip addr show dev e').line).toBe('ip addr show dev eth0 ');
    expect(tab('arping -I ').candidates).toEqual(['eth0', 'lo']);
    expect(tab('ifconfig l').line).toBe('ifconfig lo ');
  });

  it('completes ip objects, verbs and keywords', () => {
    expect(tab('ip ne').line).toBe('ip neigh ');
    expect(tab('ip -br a').line).toBe('ip -br addr ');
    expect(tab('ip neigh fl').line).toBe('ip neigh flush ');
    expect(tab('ip route add 10.0.0.0/8 vi').line).toBe('ip route add 10.0.0.0/8 via ');
  });

  it('completes sysctl keys one part at a time', () => {
    expect(tab('sysctl net.ipv4.co').line).toBe('sysctl net.ipv4.conf.');
    expect(tab('sysctl net.ipv4.conf.e').line).toBe('sysctl net.ipv4.conf.eth0.');
    expect(tab('sysctl -w net.ipv4.conf.all.arp_ig').line).toBe('sysctl -w net.ipv4.conf.all.arp_ignore ');
  });

  it('completes /proc/sys paths after a redirection, with or without a space', () => {
    expect(tab('echo 1 > /proc/sys/net/ipv4/conf/l').line).toBe('echo 1 > /proc/sys/net/ipv4/conf/lo/');
    expect(tab('echo 2 >/proc/sys/net/ipv4/conf/all/arp_an').line).toBe('echo 2 >/proc/sys/net/ipv4/conf/all/arp_announce ');
    expect(tab('cat /proc/sys/net/ipv4/conf/all/arp_i').line).toBe('cat /proc/sys/net/ipv4/conf/all/arp_ignore ');
  });

  it('starts a new command after ; and &&', () => {
    expect(tab('ip neigh flush all; arpi').line).toBe('ip neigh flush all; arping ');
    expect(tab('true && sysc').line).toBe('true && sysctl ');
  });

  it('leaves the word alone when nothing matches', () => {
    const result = tab('ip neigh show dev wlan');
    expect(result.line).toBe('ip neigh show dev wlan');
    expect(result.candidates).toEqual([]);
  });

  it('completes at the cursor, not at the end of the line', () => {
    const line = 'arpi -c 1';
    const c = complete(line, 4, source);
    expect(c.start).toBe(0);
    expect(c.replacement).toBe('arping ');
  });
});
