import { describe, expect, it } from 'vitest';
import { decodeEthernet, mergeCaptures, parsePcap, PcapError } from './pcap.ts';
import { encodeIpv4 } from '../../src-sim/net/wire.ts';

function hex(s: string): number[] {
  return s
    .replace(/[\s:.]/g, '')
    .match(/../g)!
    .map((b) => parseInt(b, 16));
}

const ARP_REQUEST = hex(
  'ff ff ff ff ff ff 02 00 00 00 00 01 08 06' + // Ethernet: broadcast from ...:01, ARP
    '00 01 08 00 06 04 00 01' + // Ethernet/IPv4, request
    '02 00 00 00 00 01 c6 33 64 01' + // sender 02:..:01 198.51.100.1
    '00 00 00 00 00 00 c6 33 64 64', // target 00:..:00 198.51.100.100
);
const ARP_REPLY = hex(
  '02 00 00 00 00 01 02 00 00 00 00 03 08 06' +
    '00 01 08 00 06 04 00 02' +
    '02 00 00 00 00 03 c6 33 64 64' +
    '02 00 00 00 00 01 c6 33 64 01',
);
const UDP = hex(
  '02 00 00 00 00 02 02 00 00 00 00 01 08 00' +
    '45 00 00 1c 00 01 00 00 40 11 00 00 c6 33 64 01 cb 00 71 07' + // 198.51.100.1 -> 203.0.113.7, UDP
    '30 39 00 35 00 08 00 00', // 12345 -> 53
);
const ICMP = hex('02 00 00 00 00 02 02 00 00 00 00 01 08 00' + '45 00 00 1c 00 01 00 00 40 01 00 00 c6 33 64 01 c6 33 64 02' + '08 00 00 00 00 00 00 00');
const IPV6 = hex('33 33 00 00 00 01 02 00 00 00 00 01 86 dd 60 00 00 00 00 00 3a ff');

interface Rec {
  sec: number;
  frac: number;
  data: number[];
}

function pcapBytes(records: Rec[], opts: { little: boolean; nano: boolean; linkType?: number }): Uint8Array {
  const parts: number[] = [];
  const u32 = (v: number): void => {
    const b = [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
    parts.push(...(opts.little ? b.reverse() : b));
  };
  const u16 = (v: number): void => {
    const b = [(v >>> 8) & 255, v & 255];
    parts.push(...(opts.little ? b.reverse() : b));
  };
  u32(opts.nano ? 0xa1b23c4d : 0xa1b2c3d4);
  u16(2);
  u16(4);
  u32(0);
  u32(0);
  u32(262144);
  u32(opts.linkType ?? 1);
  for (const r of records) {
    u32(r.sec);
    u32(r.frac);
    u32(r.data.length);
    u32(r.data.length);
    parts.push(...r.data);
  }
  return new Uint8Array(parts);
}

describe('parsePcap', () => {
  for (const little of [true, false]) {
    for (const nano of [true, false]) {
      it(`reads ${little ? 'little' : 'big'}-endian ${nano ? 'nanosecond' : 'microsecond'} files`, () => {
        const bytes = pcapBytes(
          [
            { sec: 1700000000, frac: nano ? 123456789 : 123456, data: ARP_REQUEST },
            { sec: 1700000001, frac: 5, data: ARP_REPLY },
          ],
          { little, nano },
        );
        const p = parsePcap(bytes);
        expect(p.linkType).toBe(1);
        expect(p.nanosecond).toBe(nano);
        expect(p.truncated).toBe(false);
        expect(p.records).toHaveLength(2);
        expect(p.records[0]!.sec).toBe(1700000000);
        expect(p.records[0]!.nsec).toBe(nano ? 123456789 : 123456000);
        expect(p.records[1]!.nsec).toBe(nano ? 5 : 5000);
        expect([...p.records[1]!.data]).toEqual(ARP_REPLY);
      });
    }
  }

  it('stops at a record cut short and says so', () => {
    const bytes = pcapBytes([{ sec: 1, frac: 0, data: ARP_REQUEST }, { sec: 2, frac: 0, data: ARP_REPLY }], { little: true, nano: true });
    const p = parsePcap(bytes.subarray(0, bytes.length - 10));
    expect(p.records).toHaveLength(1);
    expect(p.truncated).toBe(true);
  });

  it('reads an empty capture (header only)', () => {
    expect(parsePcap(pcapBytes([], { little: true, nano: true })).records).toEqual([]);
  });

  it('rejects what is not a pcap file', () => {
    expect(() => parsePcap(new Uint8Array(24))).toThrow(PcapError);
    expect(() => parsePcap(new Uint8Array(3))).toThrow('truncated dump file; tried to read 4 file header bytes, only got 3');
  });
});

describe('decodeEthernet', () => {
  it('decodes an ARP request with all four addresses', () => {
    expect(decodeEthernet(new Uint8Array(ARP_REQUEST), 'lan', 0.5)).toEqual({
      segment: 'lan',
      t: 0.5,
      ethSrc: '02:00:00:00:00:01',
      ethDst: 'ff:ff:ff:ff:ff:ff',
      kind: 'arp',
      op: 'request',
      senderMac: '02:00:00:00:00:01',
      senderIp: '198.51.100.1',
      targetMac: '00:00:00:00:00:00',
      targetIp: '198.51.100.100',
    });
  });

  it('decodes an ARP reply', () => {
    const f = decodeEthernet(new Uint8Array(ARP_REPLY), 'lan', 0);
    expect(f).toMatchObject({ kind: 'arp', op: 'reply', ethDst: '02:00:00:00:00:01', senderMac: '02:00:00:00:00:03', senderIp: '198.51.100.100', targetIp: '198.51.100.1' });
  });

  it('decodes IPv4 with ports for UDP and without for ICMP', () => {
    expect(decodeEthernet(new Uint8Array(UDP), 'wan', 1)).toEqual({
      segment: 'wan',
      t: 1,
      ethSrc: '02:00:00:00:00:01',
      ethDst: '02:00:00:00:00:02',
      kind: 'ipv4',
      proto: 'udp',
      src: '198.51.100.1',
      dst: '203.0.113.7',
      sport: 12345,
      dport: 53,
    });
    const icmp = decodeEthernet(new Uint8Array(ICMP), 'lan', 0);
    expect(icmp).toMatchObject({ kind: 'ipv4', proto: 'icmp', src: '198.51.100.1', dst: '198.51.100.2' });
    expect(icmp).not.toHaveProperty('sport');
  });

  it('ignores IPv6 and runt frames', () => {
    expect(decodeEthernet(new Uint8Array(IPV6), 'lan', 0)).toBeNull();
    expect(decodeEthernet(new Uint8Array(ARP_REQUEST.slice(0, 30)), 'lan', 0)).toBeNull();
  });
});

describe('mergeCaptures', () => {
  it('merges ports by timestamp, relative to the origin, and drops non-IPv4 frames', () => {
    const a = parsePcap(pcapBytes([{ sec: 100, frac: 500_000_000, data: ARP_REQUEST }, { sec: 101, frac: 0, data: IPV6 }], { little: true, nano: true }));
    const b = parsePcap(pcapBytes([{ sec: 100, frac: 500_100, data: ARP_REPLY }], { little: true, nano: false }));
    const frames = mergeCaptures([{ segment: 'lan', pcap: a }, { segment: 'lan', pcap: b }], 100, 0);
    expect(frames.map((f) => [f.kind === 'arp' ? f.op : f.kind, f.t])).toEqual([
      ['request', 0.5],
      ['reply', 0.5001],
    ]);
  });
});

describe('VRRP advertisements', () => {
  // keepalived 2.2.7's first advert as MASTER, captured on the bridge (tcpdump -x): priority 150, PASS "s3cret".
  const CAPTURED_IP = hex('45c0 0028 0001 0000 ff70 b05c c633 6402 e000 0012 2133 9601 0101 e117 c633 6464 7333 6372 6574 0000');
  const FRAME = [...hex('01 00 5e 00 00 12 02 00 00 00 00 02 08 00'), ...CAPTURED_IP];

  it('are read from the bytes into the contract fields', () => {
    expect(decodeEthernet(new Uint8Array(FRAME), 'lan', 1)).toEqual({
      segment: 'lan', t: 1, ethSrc: '02:00:00:00:00:02', ethDst: '01:00:5e:00:00:12', kind: 'ipv4', proto: 'vrrp', src: '198.51.100.2', dst: '224.0.0.18',
      vrrpVersion: 2, vrid: 51, priority: 150, advertInt: 1, authType: 1, addresses: ['198.51.100.100'],
    });
  });

  it('are encoded by the simulator byte for byte as keepalived sent them', () => {
    const packet = { src: 0xc6336402, dst: 0xe0000012, ttl: 255, tos: 0xc0, id: 1, proto: 'vrrp' as const, length: 40, vrrp: { vrid: 51, priority: 150, authType: 1, advertInt: 1, addresses: [0xc6336464], authData: 's3cret' } };
    expect([...encodeIpv4(packet)]).toEqual(CAPTURED_IP);
  });
});
