import { describe, expect, it } from 'vitest';
import type { InterfaceView } from '../../../src-sim/session/index.ts';
import { framePath, frameEnds, layoutTopology, pointAlong } from './layout.ts';

const eth = (name: string, segment: string, mac: string, address: string): InterfaceView => ({ name, mac, up: true, segment, loopback: false, addresses: [address] });

describe('layoutTopology', () => {
  const hosts = [
    { name: 'client', interfaces: [eth('eth0', 'wan', '02:00:00:00:00:10', '203.0.113.10/24')] },
    // The router lists its lan interface first, the opposite of the order the buses are drawn in.
    { name: 'router', interfaces: [eth('eth1', 'lan', '02:00:00:00:01:01', '198.51.100.1/24'), eth('eth0', 'wan', '02:00:00:00:00:01', '203.0.113.1/24')] },
    { name: 'rs1', interfaces: [eth('eth0', 'lan', '02:00:00:00:00:11', '198.51.100.11/24')] },
    { name: 'rs2', interfaces: [eth('eth0', 'lan', '02:00:00:00:00:12', '198.51.100.12/24')] },
  ];
  const layout = layoutTopology(hosts);

  it('draws one bus per segment and a link per interface, the router joining both', () => {
    expect(layout.buses.map((b) => b.name)).toEqual(['wan', 'lan']);
    const router = layout.hosts.find((h) => h.name === 'router')!;
    expect(router.router).toBe(true);
    expect(router.attachments.map((a) => a.segment).sort()).toEqual(['lan', 'wan']);
    const [wan, lan] = layout.buses;
    // The router sits between the buses; the client above the first, servers below the second.
    expect(router.y).toBeGreaterThan(wan!.y);
    expect(router.y + router.height).toBeLessThan(lan!.y);
    expect(layout.hosts.find((h) => h.name === 'client')!.y).toBeLessThan(wan!.y);
    expect(layout.hosts.find((h) => h.name === 'rs1')!.y).toBeGreaterThan(lan!.y);
  });

  it('keeps host boxes apart', () => {
    const rs1 = layout.hosts.find((h) => h.name === 'rs1')!;
    const rs2 = layout.hosts.find((h) => h.name === 'rs2')!;
    expect(rs2.x).toBeGreaterThanOrEqual(rs1.x + rs1.width);
  });

  it('sends a broadcast to every other interface on the segment and a unicast to its owner', () => {
    expect(frameEnds(layout, 'lan', '02:00:00:00:00:11', 'ff:ff:ff:ff:ff:ff').to.map((a) => a.mac).sort()).toEqual(['02:00:00:00:00:12', '02:00:00:00:01:01']);
    const unicast = frameEnds(layout, 'lan', '02:00:00:00:00:11', '02:00:00:00:01:01');
    expect(unicast.from?.dev).toBe('eth0');
    expect(unicast.to.map((a) => a.dev)).toEqual(['eth1']);
  });
});

describe('pointAlong', () => {
  it('walks a polyline by length', () => {
    const path = [{ x: 0, y: 0 }, { x: 0, y: 10 }, { x: 30, y: 10 }];
    expect(pointAlong(path, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(path, 0.5)).toEqual({ x: 10, y: 10 });
    expect(pointAlong(path, 1)).toEqual({ x: 30, y: 10 });
  });

  it('goes up the sender link, along the bus and down to the receiver', () => {
    const path = framePath({ dev: 'eth0', mac: 'a', segment: 'lan', x: 10, hostY: 0, busY: 20 }, { dev: 'eth0', mac: 'b', segment: 'lan', x: 50, hostY: 0, busY: 20 });
    expect(path).toEqual([{ x: 10, y: 0 }, { x: 10, y: 20 }, { x: 50, y: 20 }, { x: 50, y: 0 }]);
  });
});
