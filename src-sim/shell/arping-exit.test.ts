// How arping ends decides its exit status: iputils 20221126 (Debian 12),
// arping.c's finish() (lines 302-325) and the end of event_loop() (lines
// 847-856), measured on kernel runs: scenarios 105-108 and 406.
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';

const VIP = '198.51.100.100';

function summary(stdout: string): string[] {
  return stdout.split('\n').filter((line) => line.startsWith('Sent') || line.startsWith('Received'));
}

describe('arping exit status', () => {
  const cases: [string, number][] = [
    ['arping -c 2 -w 1 -I eth0 198.51.100.11', 1],
    ['arping -c 2 -w 2 -I eth0 198.51.100.11', 0],
    ['arping -w 2 -I eth0 198.51.100.11', 0],
    ['arping -w 1 -I eth0 198.51.100.77', 1],
    ['arping -f -w 3 -I eth0 198.51.100.11', 0],
    ['arping -U -c 2 -w 1 -I eth0 198.51.100.1', 0],
    ['arping -D -c 2 -w 1 -I eth0 198.51.100.11', 1],
    ['arping -D -w 1 -I eth0 198.51.100.77', 0],
    ['arping -c 0 -I eth0 198.51.100.11', 1],
    ['arping -i 0.5 -I eth0 198.51.100.11', 1],
  ];
  it.each(cases)('%s exits %i', (line, exit) => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)]);
    expect(lab.run('client', line).exit).toBe(exit);
  });
});

// Two hosts answer each broadcast probe (a VIP on the director's eth0 and on
// rs2's lo, arp_ignore 0), so answers and probes can balance again at the
// deadline: event_loop ends with rc |= (sent != received) however it ended
// (line 856), and the -w timerfd, armed after the interval one (lines 755 and
// 768), expires just after it: the probe due at the deadline is sent (line
// 823) and its answer is not waited for. Kernel run figures (scenario 406).
describe('arping -c with -w when two hosts answer', () => {
  const cases: [string, string[], number][] = [
    [`arping -c 3 -w 1 -I eth0 ${VIP}`, ['Sent 2 probes (1 broadcast(s))', 'Received 2 response(s)'], 0],
    [`arping -c 3 -w 2 -I eth0 ${VIP}`, ['Sent 2 probes (1 broadcast(s))', 'Received 3 response(s)'], 1],
    [`arping -c 4 -w 2 -I eth0 ${VIP}`, ['Sent 3 probes (1 broadcast(s))', 'Received 3 response(s)'], 0],
    [`arping -c 5 -w 3 -I eth0 ${VIP}`, ['Sent 4 probes (1 broadcast(s))', 'Received 4 response(s)'], 0],
    [`arping -c 2 -w 1 -I eth0 ${VIP}`, ['Sent 1 probes (1 broadcast(s))', 'Received 2 response(s)'], 1],
  ];
  it.each(cases)('%s: %j, exit %i', (line, lines, exit) => {
    const lab = lanLab([lanHost('client', 1), lanHost('director', 2, { interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:02', addresses: ['198.51.100.2/24', `${VIP}/32`] }] }), lanHost('rs2', 12)]);
    lab.run('rs2', `ip addr add ${VIP}/32 dev lo`);
    const result = lab.run('client', line);
    expect(summary(result.stdout)).toEqual(lines);
    expect(result.exit).toBe(exit);
  });
});

// The deadline is a timer of its own (lines 762-772), not a check made when a
// probe is sent; -i 0 disarms the interval timer (timerfd_settime with a zero
// value), so only the first probe goes out.
describe('arping deadline and interval', () => {
  const cases: [string, string[], number, number][] = [
    ['arping -c 3 -w 3 -i 2 -I eth0 198.51.100.11', ['Sent 2 probes (1 broadcast(s))', 'Received 2 response(s)'], 0, 3],
    ['arping -w 1 -i 2 -I eth0 198.51.100.11', ['Sent 1 probes (1 broadcast(s))', 'Received 1 response(s)'], 0, 1],
    ['arping -c 2 -w 1 -i 0 -I eth0 198.51.100.11', ['Sent 1 probes (1 broadcast(s))', 'Received 1 response(s)'], 0, 1],
    ['arping -c 3 -w 2 -I eth0 198.51.100.11', ['Sent 3 probes (1 broadcast(s))', 'Received 2 response(s)'], 1, 2],
  ];
  it.each(cases)('%s: %j, exit %i after %i s', (line, lines, exit, seconds) => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)]);
    const before = lab.now;
    const result = lab.run('client', line);
    expect(summary(result.stdout)).toEqual(lines);
    expect(result.exit).toBe(exit);
    expect(Math.round(lab.now - before)).toBe(seconds);
  });
});
