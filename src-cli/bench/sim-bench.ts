// `npm run bench`: figures, not assertions. Frames per second of wall time in
// a broadcast-heavy lab (two figures: frames sent, and frame deliveries, one
// per receiving NIC; a broadcast here is 49 deliveries), virtual/wall time for a 10 s scenario, HTTP requests
// per second through an LVS-DR director, and memory per neighbour entry.
import { performance } from 'node:perf_hooks';
import { Lab } from '../../src-sim/lab.ts';
import { BROADCAST_MAC } from '../../src-sim/net/addr.ts';
import { ARP_REQUEST } from '../../src-sim/net/frame.ts';
import { lanHost, lanLab } from '../../src-sim/test-lab.ts';
import { standardLab, STANDARD_VIP } from '../../src-sim/ipvs/standard-lab.ts';

function broadcastLab(hostCount: number, trace: boolean): Lab {
  const lab = new Lab({ seed: 1, trace });
  for (let i = 0; i < hostCount; i++) {
    const host = lab.addHost(`h${i}`);
    const mac = `02:00:00:00:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
    const dev = host.addDevice('eth0', mac, lab.segment('lan'));
    host.addAddress(dev, { local: (((198 << 24) >>> 0) + (51 << 16) + (100 << 8) + i + 1) >>> 0, prefixLen: 24, label: 'eth0', scope: 'global', broadcast: null });
  }
  return lab;
}

function benchBroadcast(trace: boolean, warmUp = false): void {
  const hosts = 50;
  const lab = broadcastLab(hosts, trace);
  let deliveries = 0;
  const start = performance.now();
  // Every host ARPs every other host once: a broadcast request seen by 49
  // hosts and a unicast reply, 2 450 times over.
  for (let i = 0; i < hosts; i++) {
    for (let j = 0; j < hosts; j++) {
      if (i === j) continue;
      lab.run(`h${i}`, `arping -c 1 -I eth0 198.51.100.${j + 1}`);
      deliveries += hosts; // 49 for the broadcast + 1 for the reply
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const frames = lab.frames.length;
  if (warmUp) return;
  console.log(`broadcast lab, ${hosts} hosts, explanations ${trace ? 'on ' : 'off'}: ${frames} frames sent, ${deliveries} frame deliveries in ${seconds.toFixed(2)} s wall`);
  console.log(`  frames sent/s: ${Math.round(frames / seconds).toLocaleString('en')} (one per frame put on the segment: built, recorded in lab.frames, ${trace ? 'explained, ' : ''}flooded or forwarded; includes running each \`arping -c 1\` command)`);
  console.log(`  frame deliveries/s: ${Math.round(deliveries / seconds).toLocaleString('en')} (one per receiving NIC: packet type, taps, arp_process with its route lookup, arp_ignore and neighbour update${trace ? ', explanations' : ''})`);
  console.log(`  trace events: ${lab.trace.length}`);
}

/**
 * The broadcast lab's ARP traffic without the arping command: each host puts
 * the request on the wire itself (host.sendArp, as arping's packet socket
 * does) and the queue runs 1 ms. This is the simulator's frame path alone:
 * send, record, flood, 49 receives with arp_process, the reply. The first
 * pass creates a neighbour entry (an xstate actor) on every target, as the
 * arping benchmark does; the second finds them all there.
 */
function benchBroadcastFrames(trace: boolean, warmUp = false): void {
  const hosts = 50;
  const lab = broadcastLab(hosts, trace);
  const ip = (i: number): number => (((198 << 24) >>> 0) + (51 << 16) + (100 << 8) + i + 1) >>> 0;
  const pass = (): number => {
    const start = performance.now();
    for (let i = 0; i < hosts; i++) {
      const host = lab.host(`h${i}`);
      const dev = host.device('eth0')!;
      for (let j = 0; j < hosts; j++) {
        if (i === j) continue;
        host.sendArp(dev, ARP_REQUEST, ip(i), BROADCAST_MAC, BROADCAST_MAC, ip(j), 'bench');
        lab.queue.runUntil(lab.queue.now + 1000);
      }
    }
    return (performance.now() - start) / 1000;
  };
  const first = pass();
  const framesFirst = lab.frames.length;
  const second = pass();
  const framesSecond = lab.frames.length - framesFirst;
  if (warmUp) return;
  const deliveriesPerPass = hosts * (hosts - 1) * hosts; // 49 per request + 1 per reply
  const figures = (frames: number, seconds: number): string => `${Math.round(frames / seconds).toLocaleString('en')} frames sent/s, ${Math.round(deliveriesPerPass / seconds).toLocaleString('en')} deliveries/s`;
  console.log(`  same traffic without the arping command (host.sendArp, 1 ms of virtual time each): new neighbour entries ${figures(framesFirst, first)}; entries already there ${figures(framesSecond, second)}`);
}

function benchVirtualTime(): void {
  const lab = lanLab([lanHost('client', 10), lanHost('director', 2), lanHost('rs1', 11), lanHost('rs2', 12)]);
  const start = performance.now();
  lab.run('client', 'ping -c 10 198.51.100.11');
  lab.run('rs2', 'arping -c 3 -I eth0 198.51.100.2');
  const virtualSeconds = lab.now;
  const wall = (performance.now() - start) / 1000;
  console.log(`10 s scenario: ${virtualSeconds.toFixed(1)} s of virtual time in ${(wall * 1000).toFixed(1)} ms wall, ratio ${Math.round(virtualSeconds / wall).toLocaleString('en')}×`);
}

function benchNeighbourMemory(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) {
    console.log('memory per neighbour entry: run with node --expose-gc for this figure');
    return;
  }
  const count = 5000;
  const lab = lanLab([lanHost('client', 10)]);
  const host = lab.host('client');
  const dev = host.device('eth0')!;
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) {
    const entry = host.neigh.create((((203 << 24) >>> 0) + i + 1) >>> 0, dev);
    host.neigh.update(entry, `02:00:00:00:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`, 'STALE', { override: true, admin: true }, 'bench');
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  // host.neigh.size keeps the lab alive until after the measurement.
  console.log(`memory per neighbour entry (xstate actor + entry): ${((after - before) / count / 1024).toFixed(2)} KiB over ${host.neigh.size} entries`);
}

/**
 * HTTP through the director: the standard DR lab (client, router, director,
 * 3 real servers, rr), explanations off. `ab -n N -c 10` keeps ten
 * connections in flight; the curl loop is the learner's `for` loop, one
 * connection at a time, each curl a separate command.
 */
function benchHttp(requests: number, warmUp = false): void {
  const ab = standardLab({ trace: false });
  let start = performance.now();
  const result = ab.run('client', `ab -q -n ${requests} -c 10 http://${STANDARD_VIP}/`);
  let seconds = (performance.now() - start) / 1000;
  const answered = ab.hosts.get('rs1')!.nginx.requests + ab.hosts.get('rs2')!.nginx.requests + ab.hosts.get('rs3')!.nginx.requests;
  if (warmUp) return;
  if (result.exit !== 0) console.log(`ab failed: ${result.stderr}`);
  console.log(`HTTP through the DR director (3 real servers, rr, explanations off):`);
  console.log(`  ab -n ${requests} -c 10: ${answered} answered in ${seconds.toFixed(3)} s wall, ${Math.round(answered / seconds).toLocaleString('en')} requests/s, ${ab.frames.length.toLocaleString('en')} frames, ${ab.now.toFixed(3)} s virtual`);
  const loop = standardLab({ trace: false });
  const n = Math.min(requests, 2000);
  start = performance.now();
  loop.run('client', `for i in $(seq ${n}); do curl -s -o /dev/null ${STANDARD_VIP}; done`);
  seconds = (performance.now() - start) / 1000;
  console.log(`  for loop of ${n} curls: ${(seconds * 1000).toFixed(0)} ms wall, ${Math.round(n / seconds).toLocaleString('en')} requests/s`);
  const traced = standardLab({ trace: true });
  start = performance.now();
  traced.run('client', `ab -q -n ${Math.min(requests, 2000)} -c 10 http://${STANDARD_VIP}/`);
  seconds = (performance.now() - start) / 1000;
  console.log(`  ab -n ${Math.min(requests, 2000)} -c 10 with explanations on: ${Math.round(Math.min(requests, 2000) / seconds).toLocaleString('en')} requests/s, ${traced.trace.length.toLocaleString('en')} trace events`);
}

// One untimed pass first, so the figures are of JIT-compiled code.
benchBroadcast(false, true);
benchBroadcastFrames(false, true);
benchBroadcast(false);
benchBroadcastFrames(false);
benchBroadcast(true);
benchBroadcastFrames(true);
benchVirtualTime();
benchHttp(2000, true);
benchHttp(10_000);
benchNeighbourMemory();
