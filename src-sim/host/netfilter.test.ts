// The seams IPv4 offers modules: netfilter hook points and protocol handlers.
import { describe, expect, it } from 'vitest';
import { formatIp4, parseIp4 } from '../net/addr.ts';
import { lanHost, lanLab } from '../test-lab.ts';
import { ipOutput } from './ipv4.ts';
import type { NfHookPoint } from './netfilter.ts';

const POINTS: NfHookPoint[] = ['PRE_ROUTING', 'LOCAL_IN', 'FORWARD', 'LOCAL_OUT', 'POST_ROUTING'];

/** Records "POINT proto src>dst" for every packet that passes a host's hook points. */
function watch(lab: ReturnType<typeof lanLab>, name: string): string[] {
  const seen: string[] = [];
  for (const point of POINTS) {
    lab.host(name).nfHooks.register(point, (_host, packet) => {
      seen.push(`${point} ${packet.proto} ${formatIp4(packet.src)}>${formatIp4(packet.dst)}`);
      return packet;
    });
  }
  return seen;
}

describe('netfilter hook points', () => {
  it('sees a ping leave through LOCAL_OUT and POST_ROUTING and its reply come in through PRE_ROUTING and LOCAL_IN', () => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)]);
    const client = watch(lab, 'client');
    const server = watch(lab, 'rs1');
    expect(lab.run('client', 'ping -c 1 198.51.100.11').exit).toBe(0);
    expect(client).toEqual([
      'LOCAL_OUT icmp 198.51.100.1>198.51.100.11',
      'POST_ROUTING icmp 198.51.100.1>198.51.100.11',
      'PRE_ROUTING icmp 198.51.100.11>198.51.100.1',
      'LOCAL_IN icmp 198.51.100.11>198.51.100.1',
    ]);
    expect(server).toEqual([
      'PRE_ROUTING icmp 198.51.100.1>198.51.100.11',
      'LOCAL_IN icmp 198.51.100.1>198.51.100.11',
      'LOCAL_OUT icmp 198.51.100.11>198.51.100.1',
      'POST_ROUTING icmp 198.51.100.11>198.51.100.1',
    ]);
  });

  it('passes forwarded packets through FORWARD and POST_ROUTING, not LOCAL_IN', () => {
    const router = lanHost('router', 254, {
      interfaces: [
        { name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:fe', addresses: ['198.51.100.254/24'] },
        { name: 'eth1', segment: 'wan', mac: '02:00:00:00:01:fe', addresses: ['203.0.113.254/24'] },
      ],
    });
    const far = { name: 'far', interfaces: [{ name: 'eth0', segment: 'wan', mac: '02:00:00:00:01:07', addresses: ['203.0.113.7/24'] }] };
    const lab = lanLab([lanHost('client', 1), router, far]);
    lab.run('router', 'sysctl -w net.ipv4.ip_forward=1');
    lab.run('client', 'ip route add default via 198.51.100.254');
    lab.run('far', 'ip route add default via 203.0.113.254');
    const seen = watch(lab, 'router');
    expect(lab.run('client', 'ping -c 1 203.0.113.7').exit).toBe(0);
    expect(seen.filter((line) => line.includes('198.51.100.1>'))).toEqual([
      'PRE_ROUTING icmp 198.51.100.1>203.0.113.7',
      'FORWARD icmp 198.51.100.1>203.0.113.7',
      'POST_ROUTING icmp 198.51.100.1>203.0.113.7',
    ]);
  });

  it('checks and decreases the TTL before FORWARD: a packet that dies on the router never reaches the hook (ip_forward)', () => {
    const router = lanHost('router', 254, {
      interfaces: [
        { name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:fe', addresses: ['198.51.100.254/24'] },
        { name: 'eth1', segment: 'wan', mac: '02:00:00:00:01:fe', addresses: ['203.0.113.254/24'] },
      ],
      sysctl: { 'net.ipv4.ip_forward': '1' },
    });
    const far = { name: 'far', interfaces: [{ name: 'eth0', segment: 'wan', mac: '02:00:00:00:01:07', addresses: ['203.0.113.7/24'] }], routes: ['default via 203.0.113.254'] };
    const lab = lanLab([lanHost('client', 1, { routes: ['default via 198.51.100.254'] }), router, far]);
    const ttls: number[] = [];
    lab.host('router').nfHooks.register('FORWARD', (_host, packet) => {
      ttls.push(packet.ttl);
      return packet;
    });
    const dies = lab.run('client', 'ping -c 1 -t 1 -W 1 203.0.113.7');
    expect(dies.stdout).toContain('From 198.51.100.254 icmp_seq=1 Time to live exceeded');
    expect(ttls).toEqual([]);
    expect(lab.run('client', 'ping -c 1 -t 2 -W 1 203.0.113.7').exit).toBe(0);
    expect(ttls[0]).toBe(1);
  });

  it('stops a packet whose hook function takes it (NF_DROP / NF_STOLEN)', () => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)]);
    lab.host('rs1').nfHooks.register('PRE_ROUTING', (_host, packet) => (packet.proto === 'icmp' ? null : packet));
    expect(lab.run('client', 'ping -c 1 -W 1 198.51.100.11').exit).toBe(1);
    expect(lab.run('client', 'curl -s http://198.51.100.11/').stdout).toBe('rs1\n');
  });
});

describe('protocol handlers', () => {
  it('hands local packets to the handler of their protocol, one handler per protocol', () => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)]);
    const rs1 = lab.host('rs1');
    expect(rs1.inetProtocols.add('tcp', () => undefined)).toBe(false);
    expect(rs1.inetProtocols.get('ipip')).toBeDefined();
    const udp: string[] = [];
    expect(rs1.inetProtocols.add('udp', (_host, packet, dev) => udp.push(`${dev?.name} ${formatIp4(packet.src)}:${packet.sport}>${packet.dport}`))).toBe(true);
    ipOutput(lab.host('client'), { src: 0, dst: parseIp4('198.51.100.11')!, ttl: 64, proto: 'udp', length: 28, sport: 40000, dport: 53 }, null);
    lab.run('client', 'sleep 1');
    expect(udp).toEqual(['eth0 198.51.100.1:40000>53']);
    expect(lab.run('client', 'curl -s http://198.51.100.11/').stdout).toBe('rs1\n');
  });
});
