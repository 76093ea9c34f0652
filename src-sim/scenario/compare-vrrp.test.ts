import { describe, expect, it } from 'vitest';
import { compareObservations } from './compare.ts';
import { OBSERVATION_FORMAT, type ObservedFrame, type Observation } from './types.ts';

const LD1 = '02:00:00:00:00:02';
const LD2 = '02:00:00:00:00:03';

function advert(t: number, mac: string, src: string, priority: number, vrid = 51): ObservedFrame {
  return { segment: 'lan', t, ethSrc: mac, ethDst: '01:00:5e:00:00:12', kind: 'ipv4', proto: 'vrrp', src, dst: '224.0.0.18', vrrpVersion: 2, vrid, priority, advertInt: 1, authType: 1, addresses: ['198.51.100.100'] };
}
function garp(t: number, mac: string): ObservedFrame {
  return { segment: 'lan', t, ethSrc: mac, ethDst: 'ff:ff:ff:ff:ff:ff', kind: 'arp', op: 'request', senderMac: mac, senderIp: '198.51.100.100', targetMac: 'ff:ff:ff:ff:ff:ff', targetIp: '198.51.100.100' };
}
const burst = (t: number, mac: string): ObservedFrame[] => [0, 1, 2, 3, 4].map((i) => garp(t + i * 1e-5, mac));
const igmp = (t: number): ObservedFrame => ({ segment: 'lan', t, ethSrc: LD1, ethDst: '01:00:5e:00:00:16', kind: 'ipv4', proto: 'igmp', src: '198.51.100.2', dst: '224.0.0.22' });

/** ld1 master from `first`, stopping at `stop` (priority 0), ld2 taking over `takeover` later, garps 5 s after each takeover. */
function failover(opts: { first?: number; stop?: number; takeover?: number; garpDelay?: number; extraAdverts?: number; bursts?: 'both' | 'one' } = {}): Observation {
  const { first = 3.49, stop = 6.02, takeover = 0.609, garpDelay = 5, extraAdverts = 0, bursts = 'both' } = opts;
  const frames: ObservedFrame[] = [igmp(0.07)];
  for (let t = first; t < stop; t += 1) frames.push(advert(t, LD1, '198.51.100.2', 150));
  for (let i = 0; i < extraAdverts; i++) frames.push(advert(stop - 0.5 + i * 0.01, LD1, '198.51.100.2', 150));
  frames.push(...burst(first + 0.001, LD1));
  frames.push(advert(stop, LD1, '198.51.100.2', 0));
  const t2 = stop + takeover;
  for (let t = t2; t < t2 + 7; t += 1) frames.push(advert(t, LD2, '198.51.100.3', 100));
  frames.push(...burst(t2 + 0.001, LD2));
  if (bursts === 'both') frames.push(...burst(t2 + garpDelay, LD2));
  frames.sort((a, b) => a.t - b.t);
  return { format: OBSERVATION_FORMAT, steps: [], frames, neighbors: {} };
}

describe('comparison of VRRP scenarios', () => {
  it('accepts the same failover, and leaves IGMP out', () => {
    const kernel = failover();
    const sim = { ...failover(), frames: failover().frames.filter((f) => !(f.kind === 'ipv4' && f.proto === 'igmp')) };
    expect(compareObservations(sim, [kernel, kernel])).toEqual({ equal: true, differences: [], excluded: [] });
  });

  it('allows one advertisement more or fewer per sender, but not two', () => {
    expect(compareObservations(failover({ extraAdverts: 1 }), [failover()]).equal).toBe(true);
    const r = compareObservations(failover({ extraAdverts: 2 }), [failover()]);
    expect(r.differences).toEqual(['segment lan: number of VRRP advertisements from 02:00:00:00:00:02 198.51.100.2 vrid 51 priority 150: 3 on Linux, 5 in the simulator (±1)']);
  });

  it('times the first advertisement within 0.25 s and the takeover within 0.1 s', () => {
    expect(compareObservations(failover({ first: 3.7 }), [failover()]).equal).toBe(true);
    expect(compareObservations(failover({ first: 3.8 }), [failover()]).differences).toContain('segment lan: first VRRP advertisement of 02:00:00:00:00:02 198.51.100.2 vrid 51: at 3.49 s on Linux, at 3.8 s in the simulator (±0.25)');
    expect(compareObservations(failover({ takeover: 0.75 }), [failover()]).differences).toContain(
      'segment lan: takeover delay (from the last advertisement of another router) of 02:00:00:00:00:03 198.51.100.3 vrid 51: 0.609 s on Linux, 0.75 s in the simulator (±0.1)',
    );
  });

  it('counts gratuitous ARPs and their bursts exactly, the interval between bursts within 0.15 s', () => {
    expect(compareObservations(failover({ bursts: 'one' }), [failover()]).differences).toEqual([
      'segment lan: number of gratuitous ARPs from 02:00:00:00:00:03 198.51.100.100: 10 on Linux, 5 in the simulator (±0)',
      'segment lan: gratuitous ARPs of 02:00:00:00:00:03 198.51.100.100 come in bursts of 5,5 on Linux, 5 in the simulator',
    ]);
    expect(compareObservations(failover({ garpDelay: 5.1 }), [failover()]).equal).toBe(true);
    expect(compareObservations(failover({ garpDelay: 5.2 }), [failover()]).differences).toEqual(['segment lan: interval before gratuitous ARP burst 2 of 02:00:00:00:00:03 198.51.100.100: 4.999 s on Linux, 5.199 s in the simulator (±0.15 s)']);
  });

  it('leaves out what the kernel runs disagree on', () => {
    const r = compareObservations(failover({ first: 4.3 }), [failover(), failover({ first: 3.9 })]);
    expect(r.differences).toEqual([]);
    expect(r.excluded).toContain('segment lan: first VRRP advertisement of 02:00:00:00:00:02 198.51.100.2 vrid 51 (kernel runs: at 3.49 s and at 3.9 s)');
  });

  it('reports an advertisement kind Linux never sends (a wrong vrid)', () => {
    const sim = failover();
    sim.frames = sim.frames.map((f) => (f.kind === 'ipv4' && f.ethSrc === LD2 && f.proto === 'vrrp' ? { ...f, vrid: 52 } : f));
    const r = compareObservations(sim, [failover()]);
    expect(r.differences).toContain('segment lan: the simulator sends the VRRP advertisement 02:00:00:00:00:03 01:00:5e:00:00:12 198.51.100.3 224.0.0.18 vrid 52 priority 100 advert_int 1, Linux never does');
  });
});
