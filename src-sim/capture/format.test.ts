// formatFrameLine against the real tcpdump: the same frames are written to a
// pcapng file and read back with `tcpdump -r`; every line must match. Skipped
// (with a message) where tcpdump is not installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseIp4 } from '../net/addr.ts';
import type { EthernetFrame, Ipv4Packet } from '../net/frame.ts';
import { writePcapng, type CapturedFrame } from '../net/pcapng.ts';
import { formatFrameLine, formatTimestamp, TcpSequenceTracker, type FormatOptions } from './format.ts';

const ip = (text: string): number => parseIp4(text)!;
const C = '02:00:00:00:00:01';
const D = '02:00:00:00:00:02';
const BC = 'ff:ff:ff:ff:ff:ff';
let nextId = 1;
const eth = (src: string, dst: string, payload: EthernetFrame['payload']): EthernetFrame => ({ id: nextId++, src, dst, payload });
const ipv4 = (src: string, dst: string, packet: Omit<Ipv4Packet, 'src' | 'dst'>): EthernetFrame['payload'] => ({ type: 'ipv4', ip: { src: ip(src), dst: ip(dst), ...packet } });
const tcp = (src: string, sport: number, dst: string, dport: number, flags: string, seq: number, ack: number, payloadLength = 0, window = 64240): EthernetFrame['payload'] => ({
  type: 'ipv4',
  // The `tcp` fields as the TCP model is to add them.
  ip: { src: ip(src), dst: ip(dst), ttl: 64, proto: 'tcp', length: 40 + payloadLength, sport, dport, tcp: { flags, seq, ack, window, payloadLength } } as Ipv4Packet,
});

const echo = { ttl: 64, proto: 'icmp' as const, length: 84, icmp: { type: 8, code: 0, id: 1234, seq: 1 } };
const udpProbe: Ipv4Packet = { src: ip('198.51.100.1'), dst: ip('198.51.100.100'), ttl: 64, proto: 'udp', length: 40, sport: 40000, dport: 9999 };

/** Every kind of frame the formatter knows, in a plausible order. */
export const SAMPLE: CapturedFrame[] = [
  eth(C, BC, { type: 'arp', arp: { op: 1, senderMac: C, senderIp: ip('198.51.100.1'), targetMac: '00:00:00:00:00:00', targetIp: ip('198.51.100.100') } }),
  eth(C, BC, { type: 'arp', arp: { op: 1, senderMac: C, senderIp: ip('198.51.100.1'), targetMac: BC, targetIp: ip('198.51.100.100') } }),
  eth(D, C, { type: 'arp', arp: { op: 2, senderMac: D, senderIp: ip('198.51.100.100'), targetMac: C, targetIp: ip('198.51.100.1') } }),
  eth(C, D, ipv4('198.51.100.1', '198.51.100.100', echo)),
  eth(D, C, ipv4('198.51.100.100', '198.51.100.1', { ...echo, icmp: { ...echo.icmp, type: 0 } })),
  eth(D, C, ipv4('198.51.100.254', '198.51.100.1', { ttl: 64, proto: 'icmp', length: 112, icmp: { type: 3, code: 1, id: 0, seq: 0, original: { src: ip('198.51.100.1'), dst: ip('203.0.113.9'), ...echo, ttl: 63 } } })),
  eth(D, C, ipv4('198.51.100.100', '198.51.100.1', { ttl: 64, proto: 'icmp', length: 68, icmp: { type: 3, code: 3, id: 0, seq: 0, original: udpProbe } })),
  eth(D, C, ipv4('198.51.100.254', '198.51.100.1', { ttl: 64, proto: 'icmp', length: 112, icmp: { type: 11, code: 0, id: 0, seq: 0, original: { src: ip('198.51.100.1'), dst: ip('203.0.113.9'), ...echo, ttl: 1 } } })),
  eth(C, D, { type: 'ipv4', ip: udpProbe }),
  eth(C, D, tcp('198.51.100.1', 40000, '198.51.100.100', 80, 'S', 1000, 0)),
  eth(D, C, tcp('198.51.100.100', 80, '198.51.100.1', 40000, 'S.', 5000, 1001, 0, 65160)),
  eth(C, D, tcp('198.51.100.1', 40000, '198.51.100.100', 80, '.', 1001, 5001, 0, 502)),
  eth(C, D, tcp('198.51.100.1', 40000, '198.51.100.100', 80, 'P.', 1001, 5001, 77, 502)),
  eth(D, C, tcp('198.51.100.100', 80, '198.51.100.1', 40000, 'P.', 5001, 1078, 120, 509)),
  eth(C, D, tcp('198.51.100.1', 40000, '198.51.100.100', 80, 'F.', 1078, 5121, 0, 502)),
  eth(D, C, tcp('198.51.100.100', 80, '198.51.100.1', 40001, 'R.', 0, 2001, 0, 0)),
  eth(C, D, tcp('198.51.100.1', 40002, '198.51.100.100', 8080, 'S', 4294967000, 0)),
  eth(C, D, tcp('198.51.100.1', 40002, '198.51.100.100', 8080, 'P.', 4294967001, 1, 10)),
  eth(C, D, tcp('198.51.100.1', 40003, '198.51.100.100', 22, 'S', 1, 0)),
  eth(D, C, tcp('198.51.100.100', 22, '198.51.100.1', 40003, 'S.', 7, 2)),
  eth(D, C, tcp('198.51.100.100', 22, '198.51.100.1', 40003, 'P.', 8, 2, 30)),
].map((frame, i) => ({ segment: 'lan', timeUs: 1_000_000 + i * 1234, frame }));

const FLAG_SETS: [string[], FormatOptions][] = [
  [['-n', '-e'], { numeric: true, link: true }],
  [['-n'], { numeric: true }],
  [['-e'], { link: true }],
  [[], {}],
  [['-n', '-e', '-v'], { numeric: true, link: true, verbose: 1 }],
  [['-n', '-vv'], { numeric: true, verbose: 2 }],
  [['-n', '-e', '-q'], { numeric: true, link: true, quiet: true }],
  [['-n', '-t'], { numeric: true, noTimestamp: true }],
];

function ours(options: FormatOptions): string[] {
  const tracker = new TcpSequenceTracker();
  return SAMPLE.flatMap((c) => formatFrameLine(c.frame, c.timeUs, { ...options, tcp: tracker }).split('\n'));
}

describe('formatTimestamp', () => {
  it('renders virtual time as a time of day from midnight', () => {
    expect(formatTimestamp(0)).toBe('00:00:00.000000');
    expect(formatTimestamp(123)).toBe('00:00:00.000123');
    expect(formatTimestamp(3_723_000_456)).toBe('01:02:03.000456');
    expect(formatTimestamp(86_400_000_001)).toBe('00:00:00.000001');
  });
});

describe('formatFrameLine', () => {
  it('prints the lines of the contract', () => {
    const [req, , reply, ping] = SAMPLE.map((c) => formatFrameLine(c.frame, 123, { numeric: true, link: true }));
    expect(req).toBe('00:00:00.000123 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 198.51.100.100 tell 198.51.100.1, length 28');
    expect(reply).toBe('00:00:00.000123 02:00:00:00:00:02 > 02:00:00:00:00:01, ethertype ARP (0x0806), length 42: Reply 198.51.100.100 is-at 02:00:00:00:00:02, length 28');
    expect(ping).toBe('00:00:00.000123 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype IPv4 (0x0800), length 98: 198.51.100.1 > 198.51.100.100: ICMP echo request, id 1234, seq 1, length 64');
  });

  it('prints TCP with relative sequence numbers after the SYN-ACK', () => {
    const lines = ours({ numeric: true }).filter((l) => l.includes('.40000 >') || l.includes('.40000:'));
    expect(lines.slice(-6).map((l) => l.slice(16))).toEqual([
      'IP 198.51.100.1.40000 > 198.51.100.100.80: Flags [S], seq 1000, win 64240, length 0',
      'IP 198.51.100.100.80 > 198.51.100.1.40000: Flags [S.], seq 5000, ack 1001, win 65160, length 0',
      'IP 198.51.100.1.40000 > 198.51.100.100.80: Flags [.], ack 1, win 502, length 0',
      'IP 198.51.100.1.40000 > 198.51.100.100.80: Flags [P.], seq 1:78, ack 1, win 502, length 77: HTTP',
      'IP 198.51.100.100.80 > 198.51.100.1.40000: Flags [P.], seq 1:121, ack 78, win 509, length 120: HTTP',
      'IP 198.51.100.1.40000 > 198.51.100.100.80: Flags [F.], seq 78, ack 121, win 502, length 0',
    ]);
  });
});

const hasTcpdump = spawnSync('tcpdump', ['--version']).status === 0;
if (!hasTcpdump) console.warn('format.test.ts: tcpdump is not installed; skipping the comparison with `tcpdump -r` (apt-get install tcpdump to run it)');

describe.skipIf(!hasTcpdump)('tcpdump -r on our pcapng prints what formatFrameLine prints', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lvs-dr-lab-tcpdump-'));
  const file = join(dir, 'sample.pcapng');
  writeFileSync(file, writePcapng(SAMPLE, ['lan']));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const [flags, options] of FLAG_SETS) {
    it(`tcpdump -r FILE ${flags.join(' ')}`, () => {
      // TZ=UTC: tcpdump prints local time, and virtual time 0 is written as the epoch.
      const text = execFileSync('tcpdump', ['-r', file, ...flags], { env: { ...process.env, TZ: 'UTC' }, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
      expect(ours(options)).toEqual(text.trimEnd().split('\n'));
    });
  }
});
