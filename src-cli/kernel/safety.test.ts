import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src-sim/scenario/types.ts';
import { neighborsFromIpJson } from './run.ts';
import { isAllowedAddress, refusalReasons } from './safety.ts';

function scenario(addresses: string[], runs: string[], routes: string[] = []): Scenario {
  return {
    format: 'lvs-dr-lab/scenario@1',
    hosts: [{ name: 'a', interfaces: [{ name: 'eth0', segment: 's', mac: '02:00:00:00:00:01', addresses }], routes }],
    steps: runs.map((run) => ({ host: 'a', run })),
  };
}

describe('isAllowedAddress', () => {
  it('allows only the documentation blocks and loopback', () => {
    expect(isAllowedAddress('198.51.100.7')).toBe(true);
    expect(isAllowedAddress('203.0.113.255')).toBe(true);
    expect(isAllowedAddress('192.0.2.1')).toBe(true);
    expect(isAllowedAddress('127.0.0.1')).toBe(true);
    expect(isAllowedAddress('10.0.0.1')).toBe(false);
    expect(isAllowedAddress('198.51.101.1')).toBe(false);
    expect(isAllowedAddress('192.168.1.1')).toBe(false);
  });
});

describe('refusalReasons', () => {
  it('accepts a documentation-only scenario with netmasks and DAD', () => {
    expect(
      refusalReasons(scenario(['198.51.100.11/24'], ['ifconfig lo:0 198.51.100.100 netmask 255.255.255.255 up', 'arping -D -I eth0 198.51.100.100', 'ping -c 1 -W 1 203.0.113.10'], ['default via 198.51.100.254'])),
    ).toEqual([]);
  });

  it('names the JSON path of every foreign address', () => {
    const r = refusalReasons(scenario(['10.1.2.3/8'], ['ping -c 1 8.8.8.8'], ['default via 172.16.0.1']));
    expect(r).toHaveLength(3);
    expect(r[0]).toMatch(/^\$\.hosts\[0\]\.interfaces\[0\]\.addresses\[0\]: address 10\.1\.2\.3\/8/);
    expect(r[1]).toMatch(/^\$\.hosts\[0\]\.routes\[0\]: address 172\.16\.0\.1/);
    expect(r[2]).toMatch(/^\$\.steps\[0\]\.run: address 8\.8\.8\.8/);
  });

  it('refuses simulator-only tools', () => {
    const r = refusalReasons(scenario(['198.51.100.2/24'], ['ipvsadm -Ln', 'curl -s http://198.51.100.100/', 'timeout 1 tcpdump -n -e -i eth0 arp', 'echo ok']));
    expect(r).toEqual([
      '$.steps[0].run: "ipvsadm" is simulator-only and cannot be compared with the kernel',
      '$.steps[1].run: "curl" is simulator-only and cannot be compared with the kernel',
      '$.steps[2].run: "tcpdump" is simulator-only and cannot be compared with the kernel',
    ]);
  });
});

describe('neighborsFromIpJson', () => {
  it('turns ip -4 -j neigh show into contract rows', () => {
    const text =
      '[{"dst":"198.51.100.77","dev":"eth0","state":["FAILED"]},{"dst":"198.51.100.2","dev":"eth0","lladdr":"02:00:00:00:00:02","state":["REACHABLE"]}]\n';
    expect(neighborsFromIpJson(text)).toEqual([
      { ip: '198.51.100.2', dev: 'eth0', lladdr: '02:00:00:00:00:02', state: 'REACHABLE' },
      { ip: '198.51.100.77', dev: 'eth0', lladdr: null, state: 'FAILED' },
    ]);
    expect(neighborsFromIpJson('')).toEqual([]);
    expect(neighborsFromIpJson('[]')).toEqual([]);
  });
});
