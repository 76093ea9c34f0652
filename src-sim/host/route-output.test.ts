// ip_route_output_key as `ip route get` shows it (outputs recorded on Linux 6.18, scenario 103).
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';

function client() {
  const lab = lanLab([lanHost('client', 1, { routes: ['203.0.113.0/24 via 198.51.100.254'] })]);
  lab.run('client', 'ip addr add 198.51.100.100/32 dev lo');
  return (line: string) => {
    const r = lab.run('client', line);
    return r.exit === 0 ? r.stdout.split('\n')[0] : `${r.exit} ${r.stderr.trim()}`;
  };
}

describe('ip route get', () => {
  it('prints src only when the kernel chose the source', () => {
    const get = client();
    expect(get('ip route get 198.51.100.11')).toBe('198.51.100.11 dev eth0 src 198.51.100.1 uid 0 ');
    expect(get('ip route get 198.51.100.11 from 198.51.100.100')).toBe('198.51.100.11 from 198.51.100.100 dev eth0 uid 0 ');
    expect(get('ip route get 203.0.113.9 from 198.51.100.1')).toBe('203.0.113.9 from 198.51.100.1 via 198.51.100.254 dev eth0 uid 0 ');
    expect(get('ip route get 198.51.100.100 from 198.51.100.1')).toBe('local 198.51.100.100 from 198.51.100.1 dev lo uid 0 ');
  });

  it('refuses a source that is not local (ENETUNREACH) and a 127/8 source out of eth0 (EINVAL)', () => {
    const get = client();
    expect(get('ip route get 198.51.100.11 from 198.51.100.77')).toBe('2 RTNETLINK answers: Network is unreachable');
    expect(get('ip route get 198.51.100.11 from 127.0.0.1')).toBe('2 RTNETLINK answers: Invalid argument');
  });

  it('with an output device: on link without a route, only that device\'s routes, local ones too', () => {
    const get = client();
    expect(get('ip route get 192.0.2.1')).toBe('2 RTNETLINK answers: Network is unreachable');
    expect(get('ip route get 192.0.2.1 oif eth0')).toBe('192.0.2.1 dev eth0 src 198.51.100.1 uid 0 ');
    expect(get('ip route get 198.51.100.100 oif eth0')).toBe('198.51.100.100 dev eth0 src 198.51.100.1 uid 0 ');
    expect(get('ip route get 198.51.100.11 oif lo')).toBe('198.51.100.11 dev lo src 198.51.100.100 uid 0 ');
  });

  it('255.255.255.255 needs a route, a device or a source', () => {
    const get = client();
    expect(get('ip route get 255.255.255.255')).toBe('2 RTNETLINK answers: Network is unreachable');
    expect(get('ip route get 255.255.255.255 oif eth0')).toBe('broadcast 255.255.255.255 dev eth0 src 198.51.100.1 uid 0 ');
  });
});
