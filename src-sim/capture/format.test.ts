// formatFrameLine against the real tcpdump: the same frames are written to a
// pcapng file and read back with `tcpdump -r`; every line must match. Skipped
// (with a message) where tcpdump is not installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePcapng } from '../net/pcapng.ts';
import { formatFrameLine, formatTimestamp, TcpSequenceTracker, type FormatOptions } from './format.ts';
import { SAMPLE } from './sample-frames.ts';

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

  it('prints TCP with relative sequence numbers after the SYN-ACK, and the options Linux sends', () => {
    const lines = ours({ numeric: true }).filter((l) => l.includes('.40000 >') || l.includes('.40000:'));
    expect(lines.slice(-6).map((l) => l.slice(16))).toEqual([
      'IP 198.51.100.1.40000 > 198.51.100.100.80: Flags [S], seq 1000, win 64240, options [mss 1460,sackOK,TS val 3405691582 ecr 0,nop,wscale 7], length 0',
      'IP 198.51.100.100.80 > 198.51.100.1.40000: Flags [S.], seq 5000, ack 1001, win 65160, options [mss 1460,sackOK,TS val 19088743 ecr 3405691582,nop,wscale 7], length 0',
      'IP 198.51.100.1.40000 > 198.51.100.100.80: Flags [.], ack 1, win 502, options [nop,nop,TS val 3405691582 ecr 19088743], length 0',
      'IP 198.51.100.1.40000 > 198.51.100.100.80: Flags [P.], seq 1:78, ack 1, win 502, options [nop,nop,TS val 3405691582 ecr 19088743], length 77: HTTP',
      'IP 198.51.100.100.80 > 198.51.100.1.40000: Flags [P.], seq 1:121, ack 78, win 509, options [nop,nop,TS val 19088744 ecr 3405691582], length 120: HTTP',
      'IP 198.51.100.1.40000 > 198.51.100.100.80: Flags [F.], seq 78, ack 121, win 502, options [nop,nop,TS val 3405691583 ecr 19088744], length 0',
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
