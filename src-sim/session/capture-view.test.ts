import { describe, expect, it } from 'vitest';
import type { EthernetFrame } from '../net/frame.ts';
import { parseIp4 } from '../net/addr.ts';
import { CaptureRows, decodeFrame, frameKind } from './capture-view.ts';

const ip = (text: string): number => parseIp4(text)!;
const arp = (op: 1 | 2, senderIp: string, targetIp: string, id = 1): EthernetFrame => ({
  id,
  src: '02:00:00:00:00:10',
  dst: op === 1 ? 'ff:ff:ff:ff:ff:ff' : '02:00:00:00:00:02',
  payload: { type: 'arp', arp: { op, senderMac: '02:00:00:00:00:10', senderIp: ip(senderIp), targetMac: '00:00:00:00:00:00', targetIp: ip(targetIp) } },
});

describe('frameKind', () => {
  it('tells requests, replies and gratuitous ARP apart', () => {
    expect(frameKind(arp(1, '198.51.100.10', '198.51.100.100'))).toBe('arp-request');
    expect(frameKind(arp(2, '198.51.100.100', '198.51.100.10'))).toBe('arp-reply');
    expect(frameKind(arp(1, '198.51.100.11', '198.51.100.11'))).toBe('arp-gratuitous');
    expect(frameKind(arp(2, '198.51.100.11', '198.51.100.11'))).toBe('arp-gratuitous');
  });
});

describe('CaptureRows', () => {
  it('formats each frame once, as tcpdump -n -e prints it', () => {
    const rows = new CaptureRows();
    const all = [
      ...rows.format([{ segment: 'lan', timeUs: 1_500_000, frame: arp(1, '198.51.100.10', '198.51.100.100') }]),
      ...rows.format([{ segment: 'lan', timeUs: 1_500_100, frame: arp(2, '198.51.100.100', '198.51.100.10', 2) }]),
    ];
    expect(all).toHaveLength(2);
    expect(all[0]!.line).toBe(
      '00:00:01.500000 02:00:00:00:00:10 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 198.51.100.100 tell 198.51.100.10, length 28',
    );
    expect(all[1]!.kind).toBe('arp-reply');
  });
});

describe('decodeFrame', () => {
  it('names the owner of each MAC and decodes the ARP fields', () => {
    const owners = new Map([['02:00:00:00:00:10', 'client eth0']]);
    const [eth, body] = decodeFrame(arp(1, '198.51.100.10', '198.51.100.100'), owners);
    expect(eth!.fields).toContainEqual(['src', '02:00:00:00:00:10 (client eth0)']);
    expect(eth!.fields).toContainEqual(['dst', 'ff:ff:ff:ff:ff:ff (broadcast)']);
    expect(body!.layer).toBe('arp');
    expect(body!.fields).toContainEqual(['targetIp', '198.51.100.100']);
    expect(body!.fields).toContainEqual(['op', 'request (1)']);
  });

  it('writes the words inside values in the language it is given', () => {
    const words = { request: '请求', reply: '应答', broadcast: '广播', none: '无' };
    const [eth, body] = decodeFrame(arp(1, '198.51.100.10', '198.51.100.100'), new Map(), words);
    expect(eth!.fields).toContainEqual(['dst', 'ff:ff:ff:ff:ff:ff (广播)']);
    expect(body!.fields).toContainEqual(['op', '请求 (1)']);
  });

  it('decodes IPv4 and TCP headers with their flags', () => {
    const frame: EthernetFrame = {
      id: 3,
      src: '02:00:00:00:00:10',
      dst: '02:00:00:00:00:02',
      payload: {
        type: 'ipv4',
        ip: {
          src: ip('198.51.100.10'), dst: ip('198.51.100.100'), ttl: 64, proto: 'tcp', length: 60, sport: 40000, dport: 80,
          tcp: { flags: { syn: true, ack: false, fin: false, rst: false, psh: false }, seq: 1000, ack: 0, window: 64240, payloadLength: 0 },
        },
      },
    };
    const layers = decodeFrame(frame);
    expect(layers.map((l) => l.layer)).toEqual(['ethernet', 'ipv4', 'tcp']);
    expect(layers[1]!.fields).toContainEqual(['ttl', '64']);
    expect(layers[2]!.fields).toContainEqual(['flags', 'SYN']);
    expect(layers[2]!.fields).toContainEqual(['dport', '80']);
  });
});
