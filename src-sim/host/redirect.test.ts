// ICMP redirects (redirect.ts), pinned by kernel-recorded scenarios 706-711;
// these tests name the rules one at a time.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLab, type Lab } from '../lab.ts';
import { formatFrameLine } from '../capture/format.ts';
import { ICMP_REDIRECT } from '../net/frame.ts';
import type { Scenario } from '../scenario/types.ts';

const scenario = JSON.parse(readFileSync(new URL('../../conformance/scenarios/706-icmp-redirect-ping.json', import.meta.url), 'utf8')) as Scenario;

function lab(): Lab {
  return createLab({ ...scenario, steps: [] }, { seed: 1, capture: true });
}

const redirects = (l: Lab): number[] => l.captured.flatMap(({ frame, timeUs }) => (frame.payload.type === 'ipv4' && frame.payload.ip.icmp?.type === ICMP_REDIRECT ? [timeUs] : []));

describe('a router that forwards back out of the interface it came in on', () => {
  it('paces its redirects per sender: the first at once, then after 40, 80, 160 ms … (ip_rt_redirect_load << n)', () => {
    const l = lab();
    l.run('client', 'sysctl -qw net.ipv4.conf.all.accept_redirects=0 net.ipv4.conf.eth0.accept_redirects=0');
    l.run('client', 'ping -c 16 -i 0.05 -q 203.0.113.11');
    const at = redirects(l);
    // Probes every 50 ms: redirected are the 1st, 2nd (50 > 40), 4th (150 − 50 > 80), 8th (350 − 150 > 160) and 15th (700 − 350 > 320).
    expect(at.length).toBe(5);
    const gaps = at.slice(1).map((t, i) => Math.round((t - at[i]!) / 50_000));
    expect(gaps).toEqual([1, 2, 4, 7]);
  });

  it('sends none when send_redirects is off on both all and the device (it is all OR device)', () => {
    const l = lab();
    l.run('router', 'sysctl -qw net.ipv4.conf.eth0.send_redirects=0');
    l.run('client', 'ping -c 1 203.0.113.11');
    expect(redirects(l).length).toBe(1);
    l.run('router', 'sysctl -qw net.ipv4.conf.all.send_redirects=0');
    l.run('client', 'ip route flush cache; sleep 21; ping -c 1 203.0.113.11');
    expect(redirects(l).length).toBe(1);
  });

  it('tcpdump prints the redirect as print-icmp.c does', () => {
    const l = lab();
    l.run('client', 'ping -c 1 203.0.113.11');
    const frame = l.captured.find(({ frame: f }) => f.payload.type === 'ipv4' && f.payload.ip.icmp?.type === ICMP_REDIRECT)!.frame;
    expect(formatFrameLine(frame, 0, { numeric: true, noTimestamp: true })).toContain('198.51.100.1 > 198.51.100.5: ICMP redirect 203.0.113.11 to host 198.51.100.11, length 92');
  });
});

describe('a host that takes a redirect', () => {
  it('first resolves the new gateway, takes the second redirect, and keeps it 300 s or until the routes change', () => {
    const l = lab();
    const ping = l.run('client', 'ping -c 2 -i 0.3 203.0.113.11').stdout;
    expect(ping).toContain('From 198.51.100.1: icmp_seq=1 Redirect Host(New nexthop: 198.51.100.11)\n64 bytes from 203.0.113.11: icmp_seq=1 ttl=64');
    expect(l.run('client', 'ip route get 203.0.113.11').stdout).toBe('203.0.113.11 via 198.51.100.11 dev eth0 src 198.51.100.5 uid 0 \n    cache <redirected> expires 299sec \n');
    l.run('client', 'ip route add 192.0.2.0/24 via 198.51.100.1; ip route del 192.0.2.0/24');
    expect(l.run('client', 'ip route get 203.0.113.11').stdout).toBe('203.0.113.11 via 198.51.100.1 dev eth0 src 198.51.100.5 uid 0 \n    cache \n');
  });

  it('with forwarding on, takes none while all.accept_redirects is 0 (forwarding sets it so): the AND of all and the device', () => {
    const l = lab();
    l.run('client', 'sysctl -qw net.ipv4.ip_forward=1; ping -c 1 -q 198.51.100.11; ping -c 3 -i 0.3 -q 203.0.113.11');
    expect(l.run('client', 'ip route get 203.0.113.11').stdout).toContain('via 198.51.100.1 ');
    l.run('client', 'sysctl -qw net.ipv4.conf.all.accept_redirects=1; sleep 1; ping -c 1 -q 203.0.113.11');
    expect(l.run('client', 'ip route get 203.0.113.11').stdout).toContain('cache <redirected>');
  });
});

describe('ip route flush', () => {
  it('needs arguments, flushes by device quietly, and counts with -s', () => {
    const l = lab();
    expect(l.run('client', 'ip route flush')).toMatchObject({ exit: 1, stderr: '"ip route flush" requires arguments.\n' });
    expect(l.run('client', 'ip -s route flush table main').stdout).toBe('\n*** Round 1, deleting 2 entries ***\n*** Flush is complete after 1 round ***\n');
    expect(l.run('client', 'ip route').stdout).toBe('');
    expect(l.run('client', 'ip -s route flush dev eth0').stdout).toBe('Nothing to flush.\n');
  });
});
