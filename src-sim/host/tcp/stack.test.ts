// The TCP stack against what Linux 6.18 put on the wire (captures from the
// kernel conformance suite's namespaces: curl 7.88.1 → an HTTP server).
import { describe, expect, test } from 'vitest';
import { createLab, type Lab } from '../../lab.ts';
import { lanHost } from '../../test-lab.ts';
import { flagText } from './connection.ts';

function lab(): Lab {
  return createLab({ format: 'lvs-dr-lab/scenario@1', hosts: [lanHost('client', 1), lanHost('rs1', 11)], steps: [] }, { seed: 1, capture: true });
}

/** "client > rs1 S" lines for the TCP segments captured, in order. */
function segments(l: Lab): string[] {
  const names: Record<string, string> = { '02:00:00:00:00:01': 'client', '02:00:00:00:00:11': 'rs1' };
  return l.captured.flatMap(({ frame }) => {
    if (frame.payload.type !== 'ipv4' || !frame.payload.ip.tcp) return [];
    const tcp = frame.payload.ip.tcp;
    return [`${names[frame.src]} > ${names[frame.dst]} ${flagText(tcp.flags)}${tcp.payloadLength > 0 ? ' data' : ''}`];
  });
}

describe('TCP segments of one curl, as Linux sends them', () => {
  test('quick ACKs: the server acknowledges the request and the client the response before either program answers; the server\'s FIN carries the ACK of the client\'s FIN', () => {
    const l = lab();
    expect(l.run('client', 'curl -s http://198.51.100.11/').stdout).toBe('rs1\n');
    // Linux 6.18: S, S., ., P., . (quick ACK of GET), P. (response), . (quick
    // ACK of the response), F., F. (server, delayed ACK ridden), . — 10
    // segments; the simulator used to send 8 (no quick ACKs).
    expect(segments(l)).toEqual([
      'client > rs1 S',
      'rs1 > client S.',
      'client > rs1 .',
      'client > rs1 P. data',
      'rs1 > client .',
      'rs1 > client P. data',
      'client > rs1 .',
      'client > rs1 F.',
      'rs1 > client F.',
      'client > rs1 .',
    ]);
  });

  test('two URLs of one server go on one connection; the second request finds both ends interactive (pingpong)', () => {
    const l = lab();
    const r = l.run('client', "curl -s -w '%{num_connects}\\n' http://198.51.100.11/ http://198.51.100.11/index.html");
    expect(r.stdout).toBe('rs1\n1\nrs1\n0\n');
    // Linux 6.18 (conformance 77): the server ACKs the first request by itself, the second only with its response
    // (it sent data within ato of receiving: pingpong); the client's ACK of the second response rides on its FIN.
    expect(segments(l)).toEqual([
      'client > rs1 S',
      'rs1 > client S.',
      'client > rs1 .',
      'client > rs1 P. data',
      'rs1 > client .',
      'rs1 > client P. data',
      'client > rs1 .',
      'client > rs1 P. data',
      'rs1 > client P. data',
      'client > rs1 F.',
      'rs1 > client F.',
      'client > rs1 .',
    ]);
  });

  test('dst_confirm: one exchange right after DELAY began does not save the probe (timer-wheel slack); a later exchange does', () => {
    const l = lab();
    const probesFromRs1 = (): number => l.frames.filter((f) => f.kind === 'arp' && f.op === 'request' && f.ethSrc === '02:00:00:00:00:11' && f.ethDst === '02:00:00:00:00:01').length;
    l.run('client', 'curl -s http://198.51.100.11/');
    expect(l.neighbors('rs1')).toEqual([{ ip: '198.51.100.1', dev: 'eth0', lladdr: '02:00:00:00:00:01', state: 'DELAY' }]);
    l.sleep(6);
    // Linux 6.18: "who-has 198.51.100.1 tell 198.51.100.11" unicast 5.10–5.18 s after the curl, answered: REACHABLE.
    expect(probesFromRs1()).toBe(1);
    expect(l.neighbors('rs1')[0]!.state).toBe('REACHABLE');

    const m = lab();
    m.run('client', 'curl -s http://198.51.100.11/');
    m.sleep(1);
    m.run('client', 'curl -s http://198.51.100.11/');
    m.sleep(6);
    // The second curl confirmed the entry 1 s into DELAY: REACHABLE without a probe (conformance 74).
    expect(m.frames.filter((f) => f.kind === 'arp' && f.ethSrc === '02:00:00:00:00:11' && f.op === 'request').length).toBe(0);
    expect(m.neighbors('rs1')[0]!.state).toBe('REACHABLE');
  });

  test('SYN retransmission with tcp_syn_linear_timeouts=4: 1 s apart four times, then doubling; ETIMEDOUT at 131 s', () => {
    const l = lab();
    l.run('client', 'ip neigh add 198.51.100.9 lladdr 02:00:00:00:00:99 dev eth0 nud permanent');
    const start = l.now;
    const r = l.run('client', 'curl -sS http://198.51.100.9/');
    expect(r.exit).toBe(28);
    expect(r.stderr).toBe("curl: (28) Failed to connect to 198.51.100.9 port 80 after 131000 ms: Couldn't connect to server\n");
    const syns = l.frames.filter((f) => f.kind === 'ipv4' && f.dst === '198.51.100.9').map((f) => Math.round(f.t - start));
    // Linux 6.18 sent them at 0, 1.003, 2.027, 3.051, 4.079, 5.099, 7.119, 11.211, 19.403, 35.533, 69.579 s (timer-wheel rounding).
    expect(syns).toEqual([0, 1, 2, 3, 4, 5, 7, 11, 19, 35, 67]);
  });
});
