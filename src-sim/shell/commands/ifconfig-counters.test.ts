// ifconfig's counter lines (net-tools 2.10, lib/interface.c ife_print_long):
// the device's /proc/net/dev counters, bytes scaled to tenths (truncated) of
// the largest binary unit they exceed.
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../../test-lab.ts';
import { scaledBytes } from './ifconfig.ts';

describe('ifconfig counters', () => {
  it.each([
    [0, '0.0 B'],
    [606, '606.0 B'],
    [1024, '1024.0 B'],
    [1025, '1.0 KiB'],
    [2047, '1.9 KiB'],
    [1048577, '1.0 MiB'],
    [5 * 2 ** 30 + 1, '5.0 GiB'],
  ])('%i bytes → (%s)', (bytes, text) => {
    expect(scaledBytes(bytes)).toBe(text);
  });

  it('counts what the device sent and received (two pings: ARP 42 bytes, ICMP 98), under the device and not its aliases', () => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)]);
    lab.run('client', 'ping -c 2 -i 0.2 198.51.100.11');
    lab.run('client', 'ifconfig eth0:1 198.51.100.201 netmask 255.255.255.0 up');
    const out = lab.run('client', 'ifconfig').stdout;
    expect(out).toContain('ether 02:00:00:00:00:01  txqueuelen 1000  (Ethernet)\n        RX packets 3  bytes 238 (238.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 3  bytes 238 (238.0 B)\n');
    expect(out).toMatch(/eth0:1: flags=4163<UP,BROADCAST,RUNNING,MULTICAST> {2}mtu 1500\n {8}inet 198\.51\.100\.201 {2}netmask 255\.255\.255\.0 {2}broadcast 198\.51\.100\.255\n {8}ether 02:00:00:00:00:01 {2}txqueuelen 1000 {2}\(Ethernet\)\n\n/);
  });
});
