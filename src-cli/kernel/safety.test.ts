import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src-sim/scenario/types.ts';
import { neighborsFromIpJson } from './run.ts';
import { curlArgvProblems } from './allowlist.ts';
import { isAllowedAddress, nginxControl, refusalReasons, usesWebServer } from './safety.ts';

const curlProblems = (line: string): string[] => curlArgvProblems(line.split(' ').slice(1));

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

  it('refuses boot sysctls outside net.* (machine-wide even inside a namespace)', () => {
    const s = scenario(['198.51.100.2/24'], ['ip addr']);
    s.hosts[0]!.sysctl = { 'kernel.panic': '1', 'net.ipv4.ip_forward': '1' };
    expect(refusalReasons(s)).toEqual(['$.hosts[0].sysctl["kernel.panic"]: sysctl may write only net.* keys (the namespace\'s own), not "kernel.panic"']);
  });

  it("refuses a live terminal's steps: a command left running until Ctrl-C, and the Ctrl-C (each kernel step runs to its end)", () => {
    const s = scenario(['198.51.100.2/24'], ['ping 198.51.100.1']);
    s.steps = [{ host: 'a', run: 'ping 198.51.100.1', live: true }, { host: 'a', interrupt: true }];
    expect(refusalReasons(s)).toEqual([
      '$.steps[0].live: a command left running at a live terminal is not run on the kernel (the kernel runner runs each step to its end)',
      '$.steps[1].interrupt: Ctrl-C at a live terminal is not run on the kernel (the kernel runner runs each step to its end)',
    ]);
  });

  it('refuses simulator-only tools', () => {
    const r = refusalReasons(scenario(['198.51.100.2/24'], ['ipvsadm -Ln', 'ab -n 10 http://198.51.100.100/', 'tcpdump -n -e -i eth0 arp', 'modprobe ipip', 'echo ok']));
    expect(r).toEqual([
      '$.steps[0].run: "ipvsadm" is simulator-only and cannot be compared with the kernel',
      '$.steps[1].run: "ab" is simulator-only and cannot be compared with the kernel',
      '$.steps[2].run: "tcpdump" is simulator-only and cannot be compared with the kernel (the kernel runner runs it only left running: tcpdump -n -i eth0 &)',
      '$.steps[3].run: "modprobe" is simulator-only and cannot be compared with the kernel',
    ]);
  });

  it('runs curl with the simulator\'s options to allowed IPv4 URLs, in loops too', () => {
    expect(
      refusalReasons(scenario(['198.51.100.2/24'], [
        'curl -s http://198.51.100.100/',
        "curl -sS -m 2 -o /dev/null -w '%{http_code} %{remote_ip}\\n' http://198.51.100.11:81/missing",
        'curl --connect-timeout 1.5 -I 198.51.100.11',
        "curl -s -H 'Connection: close' http://localhost/",
        'for i in 1 2 3; do curl -s http://198.51.100.100/; done',
      ])),
    ).toEqual([]);
  });

  it('refuses curl that would write or read files, go elsewhere, or depend on the shell', () => {
    expect(curlProblems('curl -o /tmp/x http://198.51.100.1/')).toEqual(['curl may write only to /dev/null or stdout on the shared kernel (-o /tmp/x)']);
    expect(curlProblems('curl -w @/etc/passwd http://198.51.100.1/')).toEqual(['curl may not read files on the shared kernel (-w @/etc/passwd)']);
    expect(curlProblems('curl file:///etc/shadow')).toEqual(['curl\'s URL "file:///etc/shadow" is not http:// to an IPv4 address or localhost']);
    expect(curlProblems('curl -K cfg http://198.51.100.1/')[0]).toMatch(/^curl option -K is not one the kernel runner allows/);
    expect(curlProblems('curl --trace-ascii x http://198.51.100.1/')[0]).toMatch(/^curl option --trace-ascii is not one/);
    expect(curlProblems('curl -m two http://198.51.100.1/')).toEqual(['curl\'s -m takes seconds (a number), got "two"']);
    expect(curlProblems('curl -s')).toEqual(['curl needs a URL']);
    expect(refusalReasons(scenario(['198.51.100.2/24'], ['curl http://10.0.0.1/']))).toEqual([
      '$.steps[0].run: address 10.0.0.1 is outside the allowed blocks (only 198.51.100.0/24, 203.0.113.0/24, 192.0.2.0/24 and 127.0.0.0/8 are allowed on the shared kernel)',
    ]);
  });

  it('maps only "systemctl VERB nginx" alone on the line to the runner\'s web server', () => {
    expect(nginxControl('systemctl stop nginx')).toBe('stop');
    expect(nginxControl(' systemctl is-active nginx.service ')).toBe('is-active');
    expect(nginxControl('systemctl stop sshd')).toBeNull();
    expect(nginxControl('systemctl stop nginx; reboot')).toBeNull();
    const r = refusalReasons(scenario(['198.51.100.2/24'], ['systemctl start nginx', 'systemctl stop networking', 'systemctl enable nginx']));
    expect(r).toHaveLength(2);
    expect(r[0]).toMatch(/^\$\.steps\[1\]\.run: the kernel runner only maps/);
    expect(usesWebServer('systemctl start nginx')).toBe(true);
    expect(usesWebServer('for i in 1 2; do curl -s http://198.51.100.1/; done')).toBe(true);
    expect(usesWebServer('ping -c 1 198.51.100.1')).toBe(false);
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
