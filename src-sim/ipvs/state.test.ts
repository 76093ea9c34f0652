import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';
import { parseIp4 } from '../net/addr.ts';
import type { IpvsPacket, TcpFlags } from './types.ts';
import type { ServiceSpec } from './state.ts';
import { stateName } from './describe.ts';
import { describeEvent } from '../i18n/trace.ts';

const ip = (text: string): number => parseIp4(text)!;
const VIP = ip('198.51.100.100');
const SVC: ServiceSpec = { proto: 'tcp', addr: VIP, port: 80, fwmark: 0, schedName: 'rr', persistent: false, timeout: 300, netmask: 0xffffffff };
const dest = (n: number, weight = 1) => ({ addr: ip(`198.51.100.${n}`), port: 80, fwd: 'Route' as const, weight, uThreshold: 0, lThreshold: 0 });
const tcp = (sport: number, flags: TcpFlags, src = '203.0.113.10'): IpvsPacket => ({ proto: 'tcp', src: ip(src), sport, dst: VIP, dport: 80, length: 60, tcpFlags: flags });

function director(spec: Partial<ServiceSpec> = {}, weights = [1, 1]) {
  const lab = lanLab([lanHost('director', 10)]);
  const host = lab.host('director');
  expect(host.ipvs.addService({ ...SVC, ...spec })).toBeNull();
  weights.forEach((w, i) => expect(host.ipvs.addDest(SVC, dest(11 + i, w))).toBeNull());
  /** Runs one packet through schedule + onPacket, as the packet path does. */
  const send = (p: IpvsPacket) => {
    const r = host.ipvs.schedule(p);
    if (r && 'conn' in r && !('drop' in r)) host.ipvs.onPacket(r.conn, p);
    return r;
  };
  return { lab, host, ipvs: host.ipvs, send, dests: host.ipvs.services[0]!.dests };
}

describe('IPVS connection entries in DR (INPUT-ONLY table)', () => {
  it('SYN → SYN_RECV (inactive), ACK → ESTABLISHED (active), FIN → FIN_WAIT (inactive), then expiry', () => {
    const { lab, ipvs, send, dests } = director();
    const first = send(tcp(40000, { syn: true }));
    expect(first && 'isNew' in first && first.isNew).toBe(true);
    const conn = ipvs.listConnections()[0]!;
    const rs = conn.dest;
    expect(rs).toBe(dests[0]); // rr from the head: the server added last
    expect([stateName(conn), rs.activeConns, rs.inactConns]).toEqual(['SYN_RECV', 0, 1]);
    send(tcp(40000, { syn: true })); // a retransmitted SYN stays in SYN_RECV
    expect(stateName(conn)).toBe('SYN_RECV');
    expect(send(tcp(40000, { ack: true }))).toMatchObject({ isNew: false, dest: rs });
    expect([stateName(conn), rs.activeConns, rs.inactConns, ipvs.conns.secondsLeft(conn)]).toEqual(['ESTABLISHED', 1, 0, 900]);
    send(tcp(40000, { fin: true, ack: true }));
    expect([stateName(conn), rs.activeConns, rs.inactConns]).toEqual(['FIN_WAIT', 0, 1]);
    send(tcp(40000, { ack: true })); // the last ACK: still FIN_WAIT, timer restarted
    expect(stateName(conn)).toBe('FIN_WAIT');
    lab.sleep(119);
    expect(ipvs.listConnections()).toHaveLength(1);
    lab.sleep(1);
    expect(ipvs.listConnections()).toHaveLength(0);
    expect([rs.activeConns, rs.inactConns]).toEqual([0, 0]);
    expect(rs.stats.count).toMatchObject({ conns: 1, inpkts: 5, inbytes: 300, outpkts: 0, outbytes: 0 });
  });

  it('RST in SYN_RECV stays; RST in ESTABLISHED → CLOSE (10 s); a new SYN on a CLOSE tuple is scheduled afresh', () => {
    const { lab, ipvs, send } = director();
    send(tcp(40000, { syn: true }));
    const conn = ipvs.listConnections()[0]!;
    send(tcp(40000, { rst: true }));
    expect(stateName(conn)).toBe('SYN_RECV');
    send(tcp(40000, { ack: true }));
    send(tcp(40000, { rst: true }));
    expect([stateName(conn), ipvs.conns.secondsLeft(conn)]).toEqual(['CLOSE', 10]);
    const again = send(tcp(40000, { syn: true }));
    expect(again).toMatchObject({ isNew: true });
    expect(ipvs.listConnections()).toHaveLength(1);
    expect(ipvs.listConnections()[0]!.dest).not.toBe(conn.dest); // rr moved on
    lab.sleep(60);
    expect(ipvs.listConnections()).toHaveLength(0);
  });

  it('only a SYN opens a connection; other traffic is not IPVS’s', () => {
    const { send } = director();
    expect(send(tcp(40000, { ack: true }))).toBeNull();
    expect(send(tcp(40000, { syn: true, rst: true }))).toBeNull();
    expect(send({ ...tcp(40000, { syn: true }), dport: 22 })).toBeNull();
  });

  it('UDP entries count as inactive and last 300 s', () => {
    const lab = lanLab([lanHost('director', 10)]);
    const ipvs = lab.host('director').ipvs;
    ipvs.addService({ ...SVC, proto: 'udp', port: 53 });
    ipvs.addDest({ ...SVC, proto: 'udp', port: 53 }, { ...dest(11), port: 53 });
    const p: IpvsPacket = { proto: 'udp', src: ip('203.0.113.10'), sport: 5353, dst: VIP, dport: 53, length: 40 };
    const r = ipvs.schedule(p);
    if (!r || !('isNew' in r)) throw new Error('not scheduled');
    ipvs.onPacket(r.conn, p);
    const conn = ipvs.listConnections()[0]!;
    expect([stateName(conn), conn.dest.inactConns, ipvs.conns.secondsLeft(conn)]).toEqual(['UDP', 1, 300]);
    lab.sleep(300);
    expect(ipvs.listConnections()).toHaveLength(0);
  });

  it('no eligible server is "no destination"; a removed server’s entries drop packets', () => {
    const { ipvs, send, dests } = director({}, [0, 0]);
    expect(send(tcp(40000, { syn: true }))).toMatchObject({ noDestination: true });
    ipvs.editDest(SVC, dest(12, 1));
    send(tcp(40001, { syn: true }));
    expect(dests.find((d) => d.weight === 1)!.inactConns).toBe(1);
    ipvs.deleteDest(SVC, ip('198.51.100.12'), 80);
    expect(send(tcp(40001, { ack: true }))).toMatchObject({ drop: true });
  });

  it('u_threshold sets OVERLOAD; below 3/4 of it (no l_threshold) it clears', () => {
    const { lab, ipvs, send } = director({}, [1]);
    ipvs.editDest(SVC, { ...dest(11), uThreshold: 2 });
    send(tcp(1, { syn: true }));
    send(tcp(2, { syn: true }));
    const rs = ipvs.services[0]!.dests[0]!;
    expect(rs.overloaded).toBe(true);
    expect(send(tcp(3, { syn: true }))).toMatchObject({ noDestination: true });
    lab.sleep(60); // both SYN_RECV entries expire: 0 × 4 < 2 × 3
    expect(rs.overloaded).toBe(false);
  });
});

describe('persistence', () => {
  it('a template sends the same client to the same server and is refreshed on reuse', () => {
    const { lab, ipvs, send } = director({ persistent: true, timeout: 300 });
    send(tcp(40000, { syn: true }));
    lab.sleep(50); // within the first entry's 60 s in SYN_RECV
    send(tcp(40001, { syn: true }));
    const [tpl, c1, c2] = ipvs.listConnections();
    expect(tpl!.template).toBe(true);
    expect([tpl!.cport, tpl!.vport, tpl!.dport, stateName(tpl!)]).toEqual([0, 80, 80, 'NONE']);
    expect(c2!.dest).toBe(c1!.dest);
    expect([c1!.dest.persistConns, c1!.dest.inactConns]).toEqual([1, 2]);
    expect(ipvs.conns.secondsLeft(tpl!)).toBe(300);
  });

  it('ESTABLISHED marks the template ASSURED; it outlives its connections by 60 s steps', () => {
    const { lab, ipvs, send } = director({ persistent: true, timeout: 300 });
    send(tcp(40000, { syn: true }));
    const tpl = ipvs.listConnections()[0]!;
    expect(stateName(tpl)).toBe('NONE');
    lab.sleep(10);
    send(tcp(40000, { ack: true })); // ESTABLISHED until 910 s
    expect(stateName(tpl)).toBe('ASSURED');
    lab.sleep(290);
    expect(ipvs.listConnections()).toHaveLength(2); // at 300 s it still controls the entry
    expect(ipvs.conns.secondsLeft(tpl)).toBe(60);
    lab.sleep(611);
    expect(ipvs.listConnections()).toEqual([tpl]);
    expect(ipvs.conns.secondsLeft(tpl)).toBe(49); // 300 + 11 × 60 = 960
    lab.sleep(49);
    expect(ipvs.listConnections()).toHaveLength(0);
  });

  it('a client with a template keeps reaching a weight-0 server unless expire_quiescent_template = 1', () => {
    const { host, ipvs, send } = director({ persistent: true });
    const first = send(tcp(40000, { syn: true })) as { dest: { addr: number } };
    const quiesced = dest(first.dest.addr & 255, 0);
    ipvs.editDest(SVC, quiesced);
    expect(send(tcp(40001, { syn: true }))).toMatchObject({ dest: { addr: quiesced.addr, weight: 0 } });
    expect(send(tcp(40000, { syn: true }, '203.0.113.99'))).not.toMatchObject({ dest: { addr: quiesced.addr } });
    host.sysctl.write('net.ipv4.vs.expire_quiescent_template', '1');
    const moved = send(tcp(40002, { syn: true })) as { dest: { addr: number } };
    expect(moved.dest.addr).not.toBe(quiesced.addr);
    // The old template stays in the table with ports 65535 until its timer runs out.
    expect(ipvs.listConnections().filter((c) => c.template).map((c) => c.vport)).toContain(65535);
  });

  it('-M groups clients by network', () => {
    const { send } = director({ persistent: true, netmask: 0xffffff00 });
    const a = send(tcp(1, { syn: true }, '203.0.113.10')) as { dest: unknown };
    const b = send(tcp(2, { syn: true }, '203.0.113.77')) as { dest: unknown };
    expect(b.dest).toBe(a.dest);
  });
});

describe('statistics and the 2-second rate estimator', () => {
  it('rates follow ip_vs_est.c: avg += (delta × 2^9 − avg) / 4 per tick, read back rounded', () => {
    const { lab, ipvs, send } = director({}, [1]);
    for (let i = 0; i < 10; i++) send(tcp(1000 + i, { syn: true }));
    const svc = ipvs.services[0]!;
    expect(svc.stats.rates(lab.queue.now)).toEqual({ cps: 0, inpps: 0, outpps: 0, inbps: 0, outbps: 0 });
    lab.sleep(2);
    // conns: 10 × 512 / 4 = 1280 → (1280 + 511) >> 10 = 1; bytes: 600 × 16 / 4 = 2400 → (2400 + 15) >> 5 = 75.
    expect(svc.stats.rates(lab.queue.now)).toEqual({ cps: 1, inpps: 1, outpps: 0, inbps: 75, outbps: 0 });
    lab.sleep(2);
    // 1280 − 1280/4 = 960 → (960 + 511) >> 10 = 1 cps; 2400 − 600 = 1800 → 56 B/s.
    expect(svc.stats.rates(lab.queue.now)).toEqual({ cps: 1, inpps: 1, outpps: 0, inbps: 56, outbps: 0 });
    lab.sleep(2); // 960 − 240 = 720 → 1231 >> 10 = 1; 1800 − 450 = 1350 → 42
    expect(svc.stats.rates(lab.queue.now)).toMatchObject({ cps: 1, inbps: 42 });
    lab.sleep(2); // 720 − 180 = 540 → 1051 >> 10 = 1; then 405 → 0
    lab.sleep(2);
    expect(svc.stats.rates(lab.queue.now).cps).toBe(0);
    ipvs.zero(null);
    expect(svc.stats.count.conns).toBe(0);
    expect(svc.stats.rates(lab.queue.now).inbps).toBe(0);
  });
});

describe('explanations', () => {
  it('scheduling, state changes, expiry and persistence render in both languages without gaps', () => {
    const { lab, ipvs, send } = director({ persistent: true });
    send(tcp(40000, { syn: true }));
    send(tcp(40001, { syn: true }));
    ipvs.deleteDest(SVC, ip('198.51.100.12'), 80);
    ipvs.deleteDest(SVC, ip('198.51.100.11'), 80);
    send(tcp(40002, { syn: true }));
    lab.sleep(400);
    const keys = lab.trace.map((e) => e.key);
    for (const key of ['ipvs.schedule', 'ipvs.persist.new', 'ipvs.persist.reuse', 'ipvs.conn.state', 'ipvs.persist.invalid', 'ipvs.no-destination', 'ipvs.conn.expire']) expect(keys).toContain(key);
    for (const event of lab.trace.filter((e) => e.key.startsWith('ipvs.'))) {
      for (const lang of ['en', 'zh-CN'] as const) expect(describeEvent(event, lang)).not.toMatch(/\{\w+\}/);
    }
    const chose = lab.trace.find((e) => e.key === 'ipvs.schedule')!;
    expect(describeEvent(chose, 'en')).toContain('the rr scheduler chose real server 198.51.100.12:80. rr takes the next eligible server');
  });
});
