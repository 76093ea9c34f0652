import { describe, expect, it } from 'vitest';
import { classifyCommand, compareObservations } from './compare.ts';
import type { Observation, ObservedArpFrame } from './types.ts';

// The shared example (shared/contracts/examples/arp-ignore-0.kernel.json): what Linux 6.18 gave.
export const EXAMPLE_KERNEL: Observation = {
 format: "lvs-dr-lab/observation@1",
 steps: [
  {
   index: 0,
   host: "rs1",
   run: "ip addr add 198.51.100.100/32 dev lo",
   exit: 0,
   stdout: "",
   stderr: ""
  },
  {
   index: 1,
   host: "client",
   run: "arping -w 1 -I eth0 198.51.100.100",
   exit: 0,
   stdout: "ARPING 198.51.100.100 from 198.51.100.1 eth0\nUnicast reply from 198.51.100.100 [02:00:00:00:00:03]  0.579ms\nUnicast reply from 198.51.100.100 [02:00:00:00:00:02]  0.589ms\nSent 2 probes (1 broadcast(s))\nReceived 2 response(s)\n",
   stderr: ""
  },
  {
   index: 3,
   host: "client",
   run: "ip neigh show",
   exit: 0,
   stdout: "",
   stderr: ""
  }
 ],
 frames: [
  {
   segment: "lan",
   t: 0.005563,
   ethSrc: "02:00:00:00:00:01",
   ethDst: "ff:ff:ff:ff:ff:ff",
   kind: "arp",
   op: "request",
   senderMac: "02:00:00:00:00:01",
   senderIp: "198.51.100.1",
   targetMac: "ff:ff:ff:ff:ff:ff",
   targetIp: "198.51.100.100"
  },
  {
   segment: "lan",
   t: 0.005596,
   ethSrc: "02:00:00:00:00:03",
   ethDst: "02:00:00:00:00:01",
   kind: "arp",
   op: "reply",
   senderMac: "02:00:00:00:00:03",
   senderIp: "198.51.100.100",
   targetMac: "02:00:00:00:00:01",
   targetIp: "198.51.100.1"
  },
  {
   segment: "lan",
   t: 0.0056,
   ethSrc: "02:00:00:00:00:02",
   ethDst: "02:00:00:00:00:01",
   kind: "arp",
   op: "reply",
   senderMac: "02:00:00:00:00:02",
   senderIp: "198.51.100.100",
   targetMac: "02:00:00:00:00:01",
   targetIp: "198.51.100.1"
  },
  {
   segment: "lan",
   t: 1.00566,
   ethSrc: "02:00:00:00:00:01",
   ethDst: "02:00:00:00:00:02",
   kind: "arp",
   op: "request",
   senderMac: "02:00:00:00:00:01",
   senderIp: "198.51.100.1",
   targetMac: "02:00:00:00:00:02",
   targetIp: "198.51.100.100"
  },
  {
   segment: "lan",
   t: 1.00568,
   ethSrc: "02:00:00:00:00:02",
   ethDst: "02:00:00:00:00:01",
   kind: "arp",
   op: "reply",
   senderMac: "02:00:00:00:00:02",
   senderIp: "198.51.100.100",
   targetMac: "02:00:00:00:00:01",
   targetIp: "198.51.100.1"
  }
 ],
 neighbors: {
  client: [],
  director: [
   {
    ip: "198.51.100.1",
    dev: "eth0",
    lladdr: "02:00:00:00:00:01",
    state: "STALE"
   }
  ],
  rs1: [
   {
    ip: "198.51.100.1",
    dev: "eth0",
    lladdr: "02:00:00:00:00:01",
    state: "STALE"
   }
  ]
 }
};

function clone(o: Observation): Observation {
  return JSON.parse(JSON.stringify(o)) as Observation;
}

/** The same example as a bridge with the other port order would give it: rs1 and director answer in the other order. */
function reversedPortOrder(): Observation {
  const o = clone(EXAMPLE_KERNEL);
  const step = o.steps.find((s) => s.index === 1)!;
  step.stdout =
    'ARPING 198.51.100.100 from 198.51.100.1 eth0\nUnicast reply from 198.51.100.100 [02:00:00:00:00:02]  0.561ms\nUnicast reply from 198.51.100.100 [02:00:00:00:00:03]  0.582ms\nSent 2 probes (1 broadcast(s))\nReceived 2 response(s)\n';
  // The second, unicast probe goes to the MAC that answered last: now rs1.
  const probe = o.frames[3] as ObservedArpFrame;
  const reply = o.frames[4] as ObservedArpFrame;
  probe.ethDst = probe.targetMac = '02:00:00:00:00:03';
  reply.ethSrc = reply.senderMac = '02:00:00:00:00:03';
  return o;
}

describe('classifyCommand', () => {
  it.each([
    ['ip route show', 'route-show'],
    ['ip route', 'route-show'],
    ['ip r', 'route-show'],
    ['ip -4 route list table local', 'route-show'],
    ['ip route get 198.51.100.10', 'exit-only'],
    ['ip route add default via 198.51.100.254', 'exit-only'],
    ['ip neigh show', 'neigh-list'],
    ['ip neigh', 'neigh-list'],
    ['ip n show dev eth0', 'neigh-list'],
    ['ip -4 neigh show', 'neigh-list'],
    ['ip neigh flush dev eth0', 'exit-only'],
    ['arp -n', 'neigh-list'],
    ['cat /proc/net/arp', 'neigh-list'],
    ['sysctl net.ipv4.conf.all.arp_ignore', 'sysctl-read'],
    ['sysctl -n net.ipv4.conf.eth0.arp_announce', 'sysctl-read'],
    ['sysctl -w net.ipv4.conf.all.arp_ignore=1', 'exit-only'],
    ['sysctl -a', 'sysctl-all'],
    ['cat /proc/sys/net/ipv4/conf/all/arp_ignore', 'proc-read'],
    ['echo 1 > /proc/sys/net/ipv4/conf/all/arp_ignore', 'exit-only'],
    ['arping -c 1 -I eth0 198.51.100.3', 'arping'],
    ['ping -c 1 198.51.100.3', 'exit-only'],
    ['sysctl -a | grep arp', 'exit-only'],
    ['curl -s http://198.51.100.100/', 'curl'],
    ["curl -s -o /dev/null -w '%{http_code}\\n' http://198.51.100.100/", 'curl'],
    ['for i in 1 2; do curl -s http://198.51.100.100/; done', 'curl'],
    ['for i in $(seq 10); do curl -s http://198.51.100.100/; curl -s http://198.51.100.11/; done', 'curl'],
    ['for i in 1 2; do curl -s http://198.51.100.100/ > /tmp/x; done', 'exit-only'],
    ['for i in 1 2; do ping -c 1 198.51.100.100; done', 'exit-only'],
  ])('%s → %s', (run, kind) => {
    expect(classifyCommand(run)).toBe(kind);
  });
});

describe('compareObservations', () => {
  it('finds the shared kernel example equal to itself', () => {
    const r = compareObservations(clone(EXAMPLE_KERNEL), [EXAMPLE_KERNEL]);
    expect(r).toEqual({ equal: true, differences: [], excluded: [] });
  });

  it('ignores timings, t and white space in the compared forms', () => {
    const sim = clone(EXAMPLE_KERNEL);
    sim.steps[1]!.stdout = sim.steps[1]!.stdout.replace('0.579ms', '0.001ms').replace('0.589ms', '12.5ms');
    for (const f of sim.frames) f.t = 42;
    expect(compareObservations(sim, [EXAMPLE_KERNEL]).equal).toBe(true);
  });

  it('excludes what differs between the two port orders and accepts either winner', () => {
    const forward = EXAMPLE_KERNEL;
    const reverse = reversedPortOrder();
    for (const sim of [clone(forward), clone(reverse)]) {
      const r = compareObservations(sim, [forward, reverse]);
      expect(r.differences).toEqual([]);
      expect(r.equal).toBe(true);
      // The unicast probe and its reply differ between runs: two frame keys each way.
      expect(r.excluded.filter((e) => e.startsWith('segment lan:'))).toHaveLength(4);
      expect(r.excluded.some((e) => e.includes('02:00:00:00:00:03') && e.includes('ARP request'))).toBe(true);
    }
  });

  it('reports a missing ARP reply with the segment and the frame in words', () => {
    const sim = clone(EXAMPLE_KERNEL);
    sim.frames.splice(1, 1); // rs1's reply to the broadcast request
    const r = compareObservations(sim, [EXAMPLE_KERNEL]);
    expect(r.equal).toBe(false);
    expect(r.differences).toEqual([
      'segment lan: Linux sends ARP reply "198.51.100.100 is-at 02:00:00:00:00:03" to 198.51.100.1 (target MAC 02:00:00:00:00:01, Ethernet destination 02:00:00:00:00:01) once, the simulator never',
    ]);
  });

  it('counts frames as a multiset', () => {
    const sim = clone(EXAMPLE_KERNEL);
    sim.frames.push({ ...sim.frames[0]! });
    const r = compareObservations(sim, [EXAMPLE_KERNEL]);
    expect(r.differences).toHaveLength(1);
    expect(r.differences[0]).toContain('who-has 198.51.100.100 tell 198.51.100.1');
    expect(r.differences[0]).toContain('once, the simulator 2 times');
  });

  it('compares IPv4 frames by ethSrc, ethDst, proto, src, dst but not ports', () => {
    const k = clone(EXAMPLE_KERNEL);
    k.frames = [{ segment: 'lan', t: 0, ethSrc: '02:00:00:00:00:01', ethDst: '02:00:00:00:00:02', kind: 'ipv4', proto: 'udp', src: '198.51.100.1', dst: '198.51.100.2', sport: 1000, dport: 53 }];
    const sim = clone(k);
    (sim.frames[0] as { sport?: number }).sport = 2000;
    expect(compareObservations(sim, [k]).equal).toBe(true);
    (sim.frames[0] as { ethSrc: string }).ethSrc = '02:00:00:00:00:09';
    const r = compareObservations(sim, [k]);
    expect(r.differences).toEqual([
      'segment lan: Linux sends IPv4 udp 198.51.100.1 -> 198.51.100.2 (Ethernet 02:00:00:00:00:01 -> 02:00:00:00:00:02) once, the simulator never',
      'segment lan: Linux sends IPv4 udp 198.51.100.1 -> 198.51.100.2 (Ethernet 02:00:00:00:00:09 -> 02:00:00:00:00:02) never, the simulator once',
    ]);
  });

  it('reports a wrong exit status with the step, host and command', () => {
    const sim = clone(EXAMPLE_KERNEL);
    sim.steps[1]!.exit = 1;
    const r = compareObservations(sim, [EXAMPLE_KERNEL]);
    expect(r.differences).toEqual(['step 1 (client: arping -w 1 -I eth0 198.51.100.100): exit status 1 in the simulator, Linux exits 0']);
  });

  it('reports arping reply lines missing or extra', () => {
    const sim = clone(EXAMPLE_KERNEL);
    sim.steps[1]!.stdout = 'ARPING 198.51.100.100 from 198.51.100.1 eth0\nUnicast reply from 198.51.100.100 [02:00:00:00:00:02]  0.5ms\nBroadcast reply from 198.51.100.100 [02:00:00:00:00:04]  0.5ms\nSent 2 probes (1 broadcast(s))\nReceived 2 response(s)\n';
    const r = compareObservations(sim, [EXAMPLE_KERNEL], { revision: 1 });
    expect(r.differences).toHaveLength(2);
    expect(r.differences).toContain('step 1 (client: arping -w 1 -I eth0 198.51.100.100): Linux prints the reply line "Unicast reply from 198.51.100.100 [02:00:00:00:00:03]", the simulator does not');
    expect(r.differences).toContain('step 1 (client: arping -w 1 -I eth0 198.51.100.100): the simulator prints the reply line "Broadcast reply from 198.51.100.100 [02:00:00:00:00:04]", Linux does not');
  });

  it('compares neighbour tables entry by entry', () => {
    const sim = clone(EXAMPLE_KERNEL);
    sim.neighbors['rs1'] = [{ ip: '198.51.100.1', dev: 'eth0', lladdr: '02:00:00:00:00:01', state: 'REACHABLE' }];
    sim.neighbors['client'] = [{ ip: '198.51.100.100', dev: 'eth0', lladdr: '02:00:00:00:00:02', state: 'STALE' }];
    delete (sim.neighbors as Record<string, unknown>)['director'];
    const r = compareObservations(sim, [EXAMPLE_KERNEL]);
    expect(r.differences.sort()).toEqual([
      'host client: neighbour 198.51.100.100 dev eth0: Linux ends with no entry, the simulator with lladdr 02:00:00:00:00:02 STALE',
      'host director: neighbour 198.51.100.1 dev eth0: Linux ends with lladdr 02:00:00:00:00:01 STALE, the simulator with no entry',
      'host rs1: neighbour 198.51.100.1 dev eth0: Linux ends with lladdr 02:00:00:00:00:01 STALE, the simulator with lladdr 02:00:00:00:00:01 REACHABLE',
    ]);
  });

  it('compares ip neigh show as a set of lines and ip route show with white space folded', () => {
    const base = clone(EXAMPLE_KERNEL);
    base.steps = [
      { index: 0, host: 'client', run: 'ip neigh show', exit: 0, stdout: '198.51.100.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE \n198.51.100.3 dev eth0 lladdr 02:00:00:00:00:03 STALE \n', stderr: '' },
      { index: 1, host: 'client', run: 'ip route show', exit: 0, stdout: '198.51.100.0/24 dev eth0 proto kernel scope link src 198.51.100.1 \n', stderr: '' },
    ];
    const sim = clone(base);
    sim.steps[0]!.stdout = '198.51.100.3 dev eth0 lladdr 02:00:00:00:00:03 STALE\n198.51.100.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE\n';
    sim.steps[1]!.stdout = '198.51.100.0/24  dev eth0 proto kernel scope link src 198.51.100.1';
    expect(compareObservations(sim, [base]).equal).toBe(true);
    sim.steps[1]!.stdout = '198.51.100.0/24 dev eth0 proto kernel scope link src 198.51.100.9\n';
    const r = compareObservations(sim, [base]);
    expect(r.differences).toHaveLength(1);
    expect(r.differences[0]).toMatch(/^step 1 \(client: ip route show\): stdout differs/);
  });

  it('accepts a sysctl -a whose lines are a subset of what Linux prints', () => {
    const base = clone(EXAMPLE_KERNEL);
    base.steps = [{ index: 0, host: 'rs1', run: 'sysctl -a', exit: 0, stdout: 'kernel.hostname = x\nnet.ipv4.conf.all.arp_ignore = 0\nnet.ipv4.conf.all.arp_announce = 2\n', stderr: '' }];
    const sim = clone(base);
    sim.steps[0]!.stdout = 'net.ipv4.conf.all.arp_announce = 2\n';
    expect(compareObservations(sim, [base]).equal).toBe(true);
    sim.steps[0]!.stdout = 'net.ipv4.conf.all.arp_announce = 0\n';
    expect(compareObservations(sim, [base]).differences).toEqual([
      'step 0 (rs1: sysctl -a): the simulator prints the line "net.ipv4.conf.all.arp_announce = 0", Linux does not',
    ]);
  });

  it('reports missing steps and mismatched commands', () => {
    const sim = clone(EXAMPLE_KERNEL);
    sim.steps = sim.steps.filter((s) => s.index !== 3);
    sim.steps[0]!.run = 'ip addr add 198.51.100.100/24 dev lo';
    const r = compareObservations(sim, [EXAMPLE_KERNEL]);
    expect(r.differences).toHaveLength(2);
    expect(r.differences[0]).toContain('different command');
    expect(r.differences[1]).toBe('step 3 (client: ip neigh show): Linux ran this step, the simulator reports no step 3');
  });

  it('revision 1 compares curl\'s body and error message but not the clock: Date header, elapsed ms, time_ variables', () => {
    const step = (run: string, exit: number, stdout: string, stderr: string): Observation => ({
      format: 'lvs-dr-lab/observation@1',
      steps: [{ index: 0, host: 'client', run, exit, stdout, stderr }],
      frames: [],
      neighbors: {},
    });
    const get = 'curl -s http://198.51.100.100/';
    expect(compareObservations(step(get, 0, 'rs1\n', ''), [step(get, 0, 'rs1\n', '')]).equal).toBe(true);
    expect(compareObservations(step(get, 0, 'director\n', ''), [step(get, 0, 'rs1\n', '')], { revision: 1 }).differences).toEqual([
      'step 0 (client: curl -s http://198.51.100.100/): curl\'s stdout differs: Linux prints "rs1\\n", the simulator "director\\n"',
    ]);
    const timeout = 'curl -sS -m 2 http://198.51.100.9/';
    expect(compareObservations(step(timeout, 28, '', 'curl: (28) Connection timed out after 2001 milliseconds\n'), [step(timeout, 28, '', 'curl: (28) Connection timed out after 2002 milliseconds\n')]).equal).toBe(true);
    const refused = step(timeout, 28, '', "curl: (7) Failed to connect to 198.51.100.9 port 80 after 0 ms: Couldn't connect to server\n");
    expect(compareObservations(refused, [step(timeout, 28, '', 'curl: (28) Connection timed out after 2002 milliseconds\n')]).differences[0]).toContain('stderr differs');
    const head = 'curl -s -i http://198.51.100.100/';
    const at = (date: string): string => `HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: ${date}\r\nContent-Length: 4\r\n\r\nrs1\n`;
    expect(compareObservations(step(head, 0, at('Mon, 01 Jan 2024 00:00:00 GMT'), ''), [step(head, 0, at('Tue, 01 Dec 2026 13:00:00 GMT'), '')]).equal).toBe(true);
    const timed = "curl -s -o /dev/null -w '%{time_total}' http://198.51.100.100/";
    expect(compareObservations(step(timed, 0, '0.001000', ''), [step(timed, 0, '0.002310', '')]).equal).toBe(true);
  });

  it('is not equal without any kernel run', () => {
    expect(compareObservations(EXAMPLE_KERNEL, []).equal).toBe(false);
  });
});
