// The pcapng writer, byte for byte: block layout per the pcapng spec and the
// checksums that tshark 4.0 reported as good on the same frames.
import { describe, expect, it } from 'vitest';
import { parseIp4 } from './addr.ts';
import type { EthernetFrame, TcpOptions } from './frame.ts';
import { BLOCK_EPB, BLOCK_IDB, BLOCK_SHB, BYTE_ORDER_MAGIC, writePcapng, type CapturedFrame } from './pcapng.ts';
import { encodeFrame, internetChecksum } from './wire.ts';

const ip = (text: string): number => parseIp4(text)!;
const arp: EthernetFrame = { id: 1, src: '02:00:00:00:00:01', dst: 'ff:ff:ff:ff:ff:ff', payload: { type: 'arp', arp: { op: 1, senderMac: '02:00:00:00:00:01', senderIp: ip('198.51.100.1'), targetMac: '00:00:00:00:00:00', targetIp: ip('198.51.100.100') } } };
const echo: EthernetFrame = { id: 2, src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02', payload: { type: 'ipv4', ip: { src: ip('198.51.100.1'), dst: ip('198.51.100.100'), ttl: 64, proto: 'icmp', length: 84, icmp: { type: 8, code: 0, id: 1234, seq: 1 } } } };
const udp: EthernetFrame = { id: 3, src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02', payload: { type: 'ipv4', ip: { src: ip('198.51.100.1'), dst: ip('198.51.100.100'), ttl: 64, proto: 'udp', length: 40, sport: 40000, dport: 9999 } } };
const syn = { id: 4, src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02', payload: { type: 'ipv4', ip: { src: ip('198.51.100.1'), dst: ip('198.51.100.100'), ttl: 64, proto: 'tcp', length: 40, sport: 40000, dport: 80, tcp: { flags: { syn: true, ack: false, fin: false, rst: false, psh: false }, seq: 1000, ack: 0, window: 64240, payloadLength: 0 } } } } as EthernetFrame;

const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

interface Block {
  type: number;
  body: DataView;
  bytes: Uint8Array;
}

/** Splits a little-endian pcapng file into blocks, checking both length fields. */
function blocks(file: Uint8Array): Block[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: Block[] = [];
  for (let offset = 0; offset < file.length; ) {
    const length = view.getUint32(offset + 4, true);
    expect(length % 4).toBe(0);
    expect(view.getUint32(offset + length - 4, true)).toBe(length);
    out.push({ type: view.getUint32(offset, true), body: new DataView(file.buffer, file.byteOffset + offset + 8, length - 12), bytes: file.subarray(offset, offset + length) });
    offset += length;
  }
  return out;
}

/** Options as code → raw value. */
function options(view: DataView, from: number): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  for (let o = from; o + 4 <= view.byteLength; ) {
    const code = view.getUint16(o, true);
    const length = view.getUint16(o + 2, true);
    if (code === 0) break;
    out.set(code, new Uint8Array(view.buffer, view.byteOffset + o + 4, length));
    o += 4 + ((length + 3) & ~3);
  }
  return out;
}

describe('writePcapng', () => {
  const captured: CapturedFrame[] = [
    { segment: 'lan', timeUs: 123, frame: arp },
    { segment: 'lan', timeUs: 5_000_000_123, frame: echo },
  ];
  const file = writePcapng(captured, ['lan', 'wan']);
  const [shb, lan, wan, ...packets] = blocks(file);

  it('starts with a little-endian Section Header Block, version 1.0, length unknown', () => {
    expect(shb!.type).toBe(BLOCK_SHB);
    expect(shb!.body.getUint32(0, true)).toBe(BYTE_ORDER_MAGIC);
    expect(hex(shb!.bytes.subarray(8, 12))).toBe('4d3c2b1a');
    expect([shb!.body.getUint16(4, true), shb!.body.getUint16(6, true)]).toEqual([1, 0]);
    expect(shb!.body.getBigInt64(8, true)).toBe(-1n);
  });

  it('has one Interface Description Block per segment: Ethernet, if_name, microsecond if_tsresol', () => {
    for (const [block, name] of [[lan!, 'lan'], [wan!, 'wan']] as const) {
      expect(block.type).toBe(BLOCK_IDB);
      expect(block.body.getUint16(0, true)).toBe(1);
      expect(block.body.getUint32(4, true)).toBe(262144);
      const opts = options(block.body, 8);
      expect(new TextDecoder().decode(opts.get(2))).toBe(name);
      expect([...opts.get(9)!]).toEqual([6]);
    }
  });

  it('writes one Enhanced Packet Block per frame with its interface, time and bytes', () => {
    expect(packets).toHaveLength(2);
    const [first, second] = packets as [Block, Block];
    expect(first.type).toBe(BLOCK_EPB);
    expect(first.body.getUint32(0, true)).toBe(0);
    expect([first.body.getUint32(4, true), first.body.getUint32(8, true)]).toEqual([0, 123]);
    expect([first.body.getUint32(12, true), first.body.getUint32(16, true)]).toEqual([42, 42]);
    expect(hex(first.bytes.subarray(28, 28 + 42))).toBe('ffffffffffff020000000001' + '0806' + '0001080006040001' + '020000000001c6336401' + '000000000000c6336464');
    // 5_000_000_123 µs = 0x1_2A05_F27B: the high word carries.
    expect([second.body.getUint32(4, true), second.body.getUint32(8, true)]).toEqual([1, 0x2a05f27b]);
    expect(second.body.getUint32(12, true)).toBe(98);
    expect(second.bytes.length).toBe(12 + 20 + 100); // 98 bytes padded to 100
  });

  it('appends segments named only by frames', () => {
    const only = blocks(writePcapng([{ segment: 'dmz', timeUs: 0, frame: arp }]));
    expect(only.map((b) => b.type)).toEqual([BLOCK_SHB, BLOCK_IDB, BLOCK_EPB]);
  });
});

describe('encodeFrame checksums (the values tshark 4.0 verified as good)', () => {
  it('IPv4 header and ICMP echo', () => {
    const bytes = encodeFrame(echo);
    expect(hex(bytes.subarray(0, 42))).toBe('020000000002020000000001' + '0800' + '4500005400004000' + '4001e5dc' + 'c6336401c6336464' + '0800fc1904d20001');
    expect(internetChecksum(bytes, 14, 34)).toBe(0);
    expect(internetChecksum(bytes, 34, 98)).toBe(0);
  });

  it('UDP with the pseudo-header', () => {
    const bytes = encodeFrame(udp);
    expect(hex(bytes.subarray(24, 26))).toBe('e5f8');
    expect(hex(bytes.subarray(34, 42))).toBe('9c40270f0014e7a9');
  });

  it('TCP with the pseudo-header', () => {
    const bytes = encodeFrame(syn);
    expect(hex(bytes.subarray(24, 26))).toBe('e603');
    expect(hex(bytes.subarray(34, 54))).toBe('9c400050000003e8000000005002faf0bfac0000');
  });

  it('TCP options in tcp_options_write\'s layout, the data offset counting them', () => {
    const segment = (length: number, options: TcpOptions): EthernetFrame => {
      const base = syn.payload.type === 'ipv4' ? syn.payload.ip : null;
      return { ...syn, payload: { type: 'ipv4', ip: { ...base!, length, tcp: { ...base!.tcp!, options } } } };
    };
    const synBytes = encodeFrame(segment(60, { mss: 1460, sackPermitted: true, timestamp: { val: 0x01020304, ecr: 0 }, windowScale: 7 }));
    expect(synBytes.length).toBe(74);
    expect(synBytes[46]).toBe(0xa0); // 10 words: a 40-byte header
    expect(hex(synBytes.subarray(54, 74))).toBe('020405b4' + '0402' + '080a0102030400000000' + '01' + '030307');
    const ackBytes = encodeFrame(segment(52, { timestamp: { val: 5, ecr: 0x01020304 } }));
    expect(ackBytes.length).toBe(66);
    expect(ackBytes[46]).toBe(0x80);
    expect(hex(ackBytes.subarray(54, 66))).toBe('0101' + '080a0000000501020304');
  });

  it('an ICMP error quotes the packet it is about', () => {
    const error: EthernetFrame = { id: 5, src: '02:00:00:00:00:02', dst: '02:00:00:00:00:01', payload: { type: 'ipv4', ip: { src: ip('198.51.100.100'), dst: ip('198.51.100.1'), ttl: 64, proto: 'icmp', length: 68, icmp: { type: 3, code: 3, id: 0, seq: 0, original: udp.payload.type === 'ipv4' ? udp.payload.ip : undefined } } } };
    const bytes = encodeFrame(error);
    expect(hex(bytes.subarray(42, 82))).toBe(hex(encodeFrame(udp).subarray(14)));
    expect(internetChecksum(bytes, 34, 82)).toBe(0);
  });
});
