// Each classic way to break LVS, with the symptom Linux shows: the standard
// lab (src-sim/scenario/textbook.ts) with one thing changed.
import { describe, expect, test } from 'vitest';
import type { LabFrame } from '../api.ts';
import { COMMAND_GAP_US } from '../lab.ts';
import { textbookLab, TEXTBOOK_VIP } from '../scenario/textbook.ts';

const VIP = TEXTBOOK_VIP;
type IpFrame = LabFrame & { proto: string; src: string; dst: string; sport?: number; dport?: number };
const ipFrames = (frames: LabFrame[]): IpFrame[] => frames.filter((f) => f.kind === 'ipv4') as IpFrame[];
const DIRECTOR_MAC = '02:00:00:00:00:02';

/** The answers of n curls from the client, one per line ('' for a failure), and their exit codes. */
function curls(lab: ReturnType<typeof textbookLab>, n: number, options = '-s -m 2'): { answers: string[]; exits: number[] } {
  const answers: string[] = [];
  const exits: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = lab.run('client', `curl ${options} ${VIP}`);
    answers.push(r.stdout.trim());
    exits.push(r.exit);
  }
  return { answers, exits };
}

function routerVipEntry(lab: ReturnType<typeof textbookLab>): string | null {
  return lab.neighbors('router').find((n) => n.ip === VIP)?.lladdr ?? null;
}

function directorConns(lab: ReturnType<typeof textbookLab>): number {
  const line = lab.run('director', 'ipvsadm -Ln --stats').stdout.split('\n').find((l) => l.startsWith('TCP'))!;
  return Number(line.trim().split(/\s+/)[2]);
}

describe('classic breaks', () => {
  test('real server without the VIP: it drops the packets (not local, no forwarding), the client times out (28)', () => {
    const lab = textbookLab({ realServers: 3 });
    lab.run('rs3', `ip addr del ${VIP}/32 dev lo`);
    const r = lab.run('client', `curl -m 3 ${VIP}`);
    expect(r).toEqual({ exit: 28, stdout: '', stderr: 'curl: (28) Connection timed out after 3001 milliseconds\n' });
    // The director sent the SYN and its retransmissions (Linux 6.18: 0, 1, 2 s… with tcp_syn_linear_timeouts=4) to rs3.
    expect(ipFrames(lab.frames).filter((f) => f.ethSrc === DIRECTOR_MAC && f.ethDst === '02:00:00:00:00:13').length).toBe(3);
    expect(lab.trace.some((e) => e.host === 'rs3' && e.key === 'ip.drop.no-forwarding')).toBe(true);
    // The next connection goes to the next server and works: only one server is broken.
    expect(lab.run('client', `curl -s ${VIP}`).stdout).toBe('rs2\n');
  });

  test('real server without the VIP and no -m: the kernel gives up after 11 SYNs (4 linear 1 s timeouts, then 1+2+…+64 s = 131 s, each late by the timer wheel: 135 s); curl exits 28', () => {
    const lab = textbookLab({ realServers: 1 });
    lab.run('rs1', `ip addr del ${VIP}/32 dev lo`);
    const start = lab.now + COMMAND_GAP_US / 1e6;
    const r = lab.run('client', `curl ${VIP}`);
    expect(r).toEqual({ exit: 28, stdout: '', stderr: `curl: (28) Failed to connect to ${VIP} port 80 after 135128 ms: Couldn't connect to server\n` });
    expect(lab.now - start).toBeCloseTo(135.128, 3);
    const syns = ipFrames(lab.frames).filter((f) => f.segment === 'wan' && f.dst === VIP);
    // Linux 6.18: 0, 1.003, 2.027, 3.051, 4.079, 5.099, 7.119, 11.211, 19.403, 35.533, 69.579 s.
    expect(syns.map((f) => Math.round(f.t - start))).toEqual([0, 1, 2, 3, 4, 5, 7, 11, 19, 36, 70]);
  });

  test('arp_ignore=0: the real server answers the router\'s ARP for the VIP, and wins when its answer is first; requests bypass the director', () => {
    // Which of two answers arrives first is a race in Linux (bridge port
    // order); here rs1's port comes before the director's.
    const lab = textbookLab({ realServers: 3, hostOrder: ['rs1', 'client', 'router', 'director', 'rs2', 'rs3'] });
    lab.run('rs1', 'sysctl -w net.ipv4.conf.all.arp_ignore=0');
    const { answers } = curls(lab, 4);
    expect(routerVipEntry(lab)).toBe('02:00:00:00:00:11');
    expect(answers).toEqual(['rs1', 'rs1', 'rs1', 'rs1']);
    expect(directorConns(lab)).toBe(0);
    expect(ipFrames(lab.frames).some((f) => f.ethDst === DIRECTOR_MAC && f.proto === 'tcp')).toBe(false);
  });

  test('arp_ignore=0 where the director answers first: its entry is kept for locktime, traffic still flows through it', () => {
    const lab = textbookLab({ realServers: 3 });
    lab.run('rs1', 'sysctl -w net.ipv4.conf.all.arp_ignore=0');
    expect(curls(lab, 3).answers).toEqual(['rs3', 'rs2', 'rs1']);
    expect(routerVipEntry(lab)).toBe(DIRECTOR_MAC);
    expect(lab.trace.some((e) => e.host === 'router' && e.key === 'arp.cache.locked')).toBe(true);
  });

  test('arp_announce=0: the first reply makes the real server ask "who-has gateway tell VIP"; the router\'s VIP entry is poisoned', () => {
    const lab = textbookLab({ realServers: 3 });
    lab.run('rs3', 'sysctl -w net.ipv4.conf.all.arp_announce=0');
    const first = lab.run('client', `curl -s ${VIP}`);
    expect(first.stdout).toBe('rs3\n');
    const poison = lab.frames.find((f) => f.kind === 'arp' && f.op === 'request' && f.senderIp === VIP);
    expect(poison).toMatchObject({ ethSrc: '02:00:00:00:00:13', targetIp: '198.51.100.254' });
    expect(routerVipEntry(lab)).toBe('02:00:00:00:00:13');
    // Every later request goes router → rs3 directly: the scheduler is out of the game.
    expect(curls(lab, 4).answers).toEqual(['rs3', 'rs3', 'rs3', 'rs3']);
    expect(directorConns(lab)).toBe(1);
  });

  test('VIP /24 on lo: the whole subnet is local on that server; the director can no longer reach it', () => {
    const lab = textbookLab({ realServers: 3 });
    lab.run('rs3', `ip addr del ${VIP}/32 dev lo`);
    lab.run('rs3', `ip addr add ${VIP}/24 dev lo`);
    expect(lab.run('rs3', 'ip route get 198.51.100.2').stdout).toBe(`local 198.51.100.2 dev lo src ${VIP} uid 0 \n    cache <local> \n`);
    // A check from the director (curl to the RIP) gets no SYN-ACK: rs3 sends it to itself.
    expect(lab.run('director', 'curl -s -m 2 198.51.100.13').exit).toBe(28);
    // The client sits behind the router: its replies leave by the default route and still arrive.
    expect(lab.run('client', `curl -s -m 2 ${VIP}`).stdout).toBe('rs3\n');
  });

  test('real server in another subnet: DR sends the frame to the gateway, which routes it back; the loop ends in time exceeded', () => {
    const lab = textbookLab({ realServers: 0 });
    lab.run('director', `ipvsadm -a -t ${VIP}:80 -r 203.0.113.50:80 -g`);
    const r = lab.run('client', `curl -m 3 ${VIP}`);
    expect(r.exit).toBe(7);
    expect(r.stderr).toBe(`curl: (7) Failed to connect to ${VIP} port 80 after 0 ms: Couldn't connect to server\n`);
    const loop = ipFrames(lab.frames).filter((f) => f.segment === 'lan' && f.dst === VIP && f.proto === 'tcp');
    // Client TTL 64, router −1, then director and router −1 each per round: 63 frames on the LAN.
    expect(loop.length).toBe(63);
    expect(loop.filter((f) => f.ethSrc === DIRECTOR_MAC).every((f) => f.ethDst === '02:00:00:00:00:fe')).toBe(true);
    const exceeded = ipFrames(lab.frames).find((f) => f.proto === 'icmp' && f.dst === '203.0.113.10' && f.segment === 'wan');
    expect(exceeded).toBeDefined();
    expect(lab.trace.some((e) => e.key === 'ipvs.xmit.dr-gateway')).toBe(true);
  });

  test('-m with the real server\'s gateway not the director: the reply goes out un-NATed from the RIP; the client resets it and times out', () => {
    const lab = textbookLab({ method: '-m', realServers: 1 });
    lab.run('rs1', 'ip route replace default via 198.51.100.254');
    const r = lab.run('client', `curl -m 2 ${VIP}`);
    expect(r.exit).toBe(28);
    const synAck = ipFrames(lab.frames).find((f) => f.segment === 'wan' && f.src === '198.51.100.11');
    expect(synAck).toMatchObject({ dst: '203.0.113.10', sport: 80 });
    expect(ipFrames(lab.frames).some((f) => f.src === '203.0.113.10' && f.dst === '198.51.100.11')).toBe(true); // the RST
    expect(lab.trace.some((e) => e.host === 'client' && e.key === 'tcp.no-socket')).toBe(true);
  });

  test('DR with the real server\'s gateway set to the director: its replies from the VIP reach the director, which drops them (source is its own address)', () => {
    const lab = textbookLab({ realServers: 1 });
    lab.run('rs1', 'ip route replace default via 198.51.100.2');
    lab.run('director', 'sysctl -w net.ipv4.ip_forward=1');
    expect(lab.run('client', `curl -s -m 2 ${VIP}`).exit).toBe(28);
    expect(lab.trace.some((e) => e.host === 'director' && e.key === 'ip.drop.own-source' && e.params.src === VIP)).toBe(true);
  });

  test('a real server whose web server is stopped: IPVS has no health check, so every third connection is refused (curl 7)', () => {
    const lab = textbookLab({ realServers: 3 });
    lab.run('rs2', 'systemctl stop nginx');
    const { answers, exits } = curls(lab, 6);
    expect(answers).toEqual(['rs3', '', 'rs1', 'rs3', '', 'rs1']);
    expect(exits).toEqual([0, 7, 0, 0, 7, 0]);
    // The refused connections stay in SYN_RECV on the director: it never sees the real server's RST.
    expect(lab.run('director', 'ipvsadm -Lnc').stdout.split('\n').filter((l) => l.includes('SYN_RECV')).length).toBe(2);
    expect(lab.trace.some((e) => e.host === 'rs2' && e.key === 'tcp.refused')).toBe(true);
  });

  test('-m done right: requests rewritten to the RIP, replies un-NATed at the director (ip_forward=1)', () => {
    const lab = textbookLab({ realServers: 3, method: '-m' });
    expect(curls(lab, 3).answers).toEqual(['rs3', 'rs2', 'rs1']);
    const toRs = ipFrames(lab.frames).find((f) => f.ethSrc === DIRECTOR_MAC && f.proto === 'tcp' && f.dst === '198.51.100.13')!;
    expect(toRs.dport).toBe(80);
    const wanReplies = ipFrames(lab.frames).filter((f) => f.segment === 'wan' && f.dst === '203.0.113.10' && f.proto === 'tcp');
    expect(wanReplies.every((f) => f.src === VIP)).toBe(true);
    // Without forwarding the replies die at the director.
    lab.run('director', 'sysctl -w net.ipv4.ip_forward=0');
    expect(curls(lab, 1).exits).toEqual([28]);
  });

  test('-i: IPIP to the RIP; the real server needs tunl0 up with the VIP, and rp_filter not strict on it', () => {
    const lab = textbookLab({ method: '-i', realServers: 1 });
    expect(lab.run('client', `curl -s ${VIP}`).stdout).toBe('rs1\n');
    const outer = ipFrames(lab.frames).find((f) => f.proto === 'ipip')!;
    const captured = textbookLab({ method: '-i', realServers: 1, capture: true });
    captured.run('client', `curl -s ${VIP}`);
    const ipip = captured.captured.map((c) => c.frame.payload).find((p) => p.type === 'ipv4' && p.ip.proto === 'ipip');
    // Inner TTL 64 − router − director = 62; the outer header copies it (ip_vs_prepare_tunneled_skb).
    // The inner SYN is 60 bytes (20 of options), the outer header adds 20.
    expect(ipip?.type === 'ipv4' ? [ipip.ip.ttl, ipip.ip.inner?.ttl, ipip.ip.length, ipip.ip.inner?.length] : null).toEqual([62, 62, 80, 60]);
    expect(outer).toMatchObject({ src: '198.51.100.2', dst: '198.51.100.11', ethSrc: DIRECTOR_MAC, ethDst: '02:00:00:00:00:11' });
    lab.run('rs1', 'sysctl -w net.ipv4.conf.all.rp_filter=1');
    expect(lab.run('client', `curl -s -m 2 ${VIP}`).exit).toBe(28);
    expect(lab.trace.some((e) => e.host === 'rs1' && e.key === 'ip.drop.rp-filter')).toBe(true);
    lab.run('rs1', 'sysctl -w net.ipv4.conf.all.rp_filter=2');
    lab.run('rs1', 'ip link set tunl0 down');
    expect(lab.run('client', `curl -s -m 2 ${VIP}`).exit).toBe(28);
    expect(lab.trace.some((e) => e.key === 'ipip.tunl0-down')).toBe(true);
    lab.run('rs1', 'ip link set tunl0 up');
    expect(lab.run('client', `curl -s -m 2 ${VIP}`).stdout).toBe('rs1\n');
  });

  test('tunl0 appears as with the ipip module: by modprobe or by naming it, down, NOARP, MTU 1480', () => {
    const lab = textbookLab({ realServers: 3, configure: false, service: false });
    expect(lab.run('rs1', 'ip link show tunl0')).toEqual({ exit: 0, stdout: '3: tunl0@NONE: <NOARP> mtu 1480 qdisc noop state DOWN mode DEFAULT group default qlen 1000\n    link/ipip 0.0.0.0 brd 0.0.0.0\n', stderr: '' });
    expect(lab.run('rs2', 'modprobe ipip').exit).toBe(0);
    expect(lab.run('rs2', 'ip -br addr show').stdout).toContain('tunl0@NONE');
    expect(lab.run('rs2', 'modprobe ipvs_nope')).toEqual({ exit: 1, stdout: '', stderr: 'modprobe: FATAL: Module ipvs_nope not found in directory /lib/modules/6.1.0-18-amd64\n' });
  });

  test('weight 0: quiesced; with every server at weight 0 the director answers ICMP port unreachable (curl exit 7)', () => {
    const lab = textbookLab({ realServers: 3 });
    lab.run('director', `ipvsadm -e -t ${VIP}:80 -r 198.51.100.13:80 -w 0`);
    expect(curls(lab, 4).answers).toEqual(['rs2', 'rs1', 'rs2', 'rs1']);
    for (const ip of ['11', '12']) lab.run('director', `ipvsadm -e -t ${VIP}:80 -r 198.51.100.${ip}:80 -w 0`);
    const r = lab.run('client', `curl ${VIP}`);
    expect(r).toEqual({ exit: 7, stdout: '', stderr: `curl: (7) Failed to connect to ${VIP} port 80 after 0 ms: Couldn't connect to server\n` });
    const unreachable = lab.trace.find((e) => e.key === 'ipvs.no-destination');
    expect(unreachable?.host).toBe('director');
  });

  test('weight 0 with persistence: a client holding a template keeps reaching the quiesced server until expire_quiescent_template=1', () => {
    const lab = textbookLab({ realServers: 3 });
    lab.run('director', `ipvsadm -E -t ${VIP}:80 -s rr -p 300`);
    expect(curls(lab, 1).answers).toEqual(['rs3']);
    lab.run('director', `ipvsadm -e -t ${VIP}:80 -r 198.51.100.13:80 -w 0`);
    expect(curls(lab, 2).answers).toEqual(['rs3', 'rs3']);
    lab.run('director', 'sysctl -w net.ipv4.vs.expire_quiescent_template=1');
    expect(curls(lab, 2).answers).toEqual(['rs2', 'rs2']);
    expect(lab.trace.some((e) => e.key === 'ipvs.persist.invalid')).toBe(true);
  });

  test('VIP not on the director: nobody answers the router\'s ARP for it; the router reports host unreachable (exit 7 after ARP gives up)', () => {
    const lab = textbookLab({ realServers: 3 });
    lab.run('director', `ip addr del ${VIP}/24 dev eth0`);
    const r = lab.run('client', `curl ${VIP}`);
    expect(r.exit).toBe(7);
    expect(r.stderr).toMatch(/^curl: \(7\) Failed to connect to 198\.51\.100\.100 port 80 after 3\d{3} ms: Couldn't connect to server\n$/);
  });
});
