// Filters (against the real tcpdump where installed), background captures and
// the tcpdump command in a lab.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_GAP_US, COMMAND_TIME_LIMIT_US } from '../lab.ts';
import { writePcapng } from '../net/pcapng.ts';
import { COMMANDS } from '../shell/commands/index.ts';
import type { RunningCommand } from '../shell/context.ts';
import { commandContext } from '../shell/shell.ts';
import { lanHost, lanLab } from '../test-lab.ts';
import { startCapture } from './capture.ts';
import { compileFilter } from './filter.ts';
import { formatFrameLine, TcpSequenceTracker } from './format.ts';
import { SAMPLE } from './sample-frames.ts';

const FILTERS = [
  'arp',
  'icmp',
  'tcp',
  'udp',
  'ip',
  'not arp',
  '!icmp',
  'host 198.51.100.254',
  'src host 198.51.100.1',
  'dst 198.51.100.100',
  'host 198.51.100.254 or 203.0.113.9',
  'port 80',
  'tcp port 22 or udp',
  'src port 80',
  'dst port http',
  'arp or icmp and host 198.51.100.100',
  'icmp and (host 198.51.100.254 or arp)',
  'not (tcp or arp)',
  'ether src 02:00:00:00:00:02',
  'ether host ff:ff:ff:ff:ff:ff',
];

describe('compileFilter', () => {
  it('reports errors as tcpdump 4.99.3 does', () => {
    const error = (text: string): string | null => {
      const r = compileFilter(text);
      return r.ok ? null : r.error;
    };
    expect(error('foo')).toBe("can't parse filter expression: syntax error");
    expect(error('host')).toBe("can't parse filter expression: syntax error");
    expect(error('arp or')).toBe("can't parse filter expression: syntax error");
    expect(error('icmp and (arp')).toBe("can't parse filter expression: syntax error");
    expect(error('198.51.100.1')).toBe("can't parse filter expression: syntax error");
    expect(error('host foo')).toBe("unknown host 'foo'");
    expect(error('host 1.2.3.999')).toBe("invalid IPv4 address '1.2.3.999'");
    expect(error('port 99999')).toBe('illegal port number 99999 > 65535');
    expect(error('port foo')).toBe("unknown port 'foo'");
    expect(error('')).toBeNull();
  });

  const hasTcpdump = spawnSync('tcpdump', ['--version']).status === 0;
  if (!hasTcpdump) console.warn('capture.test.ts: tcpdump is not installed; skipping the filter comparison with `tcpdump -r FILE EXPR`');
  describe.skipIf(!hasTcpdump)('selects what tcpdump -r FILE EXPR selects', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lvs-dr-lab-filter-'));
    const file = join(dir, 'sample.pcapng');
    writeFileSync(file, writePcapng(SAMPLE, ['lan']));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    for (const expression of FILTERS) {
      it(expression, () => {
        const theirs = execFileSync('tcpdump', ['-r', file, '-n', '-t', expression], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trimEnd().split('\n').filter(Boolean);
        const compiled = compileFilter(expression);
        if (!compiled.ok) throw new Error(compiled.error);
        // Relative TCP numbers depend on what tcpdump saw, so format the selection alone.
        const tracker = new TcpSequenceTracker();
        const ours = SAMPLE.filter((c) => compiled.match(c.frame)).map((c) => formatFrameLine(c.frame, c.timeUs, { numeric: true, noTimestamp: true, tcp: tracker }));
        expect(ours).toEqual(theirs);
      });
    }
  });
});

function twoHosts() {
  return lanLab([lanHost('client', 1), lanHost('rs1', 11)]);
}

describe('startCapture', () => {
  it('keeps capturing in the background while commands run elsewhere', () => {
    const lab = twoHosts();
    const started = startCapture(lab.host('rs1'), 'eth0', 'icmp', { numeric: true, link: true });
    if (!started.ok) throw new Error(started.error);
    lab.run('client', 'ping -c 2 198.51.100.11');
    const lines = started.capture.lines();
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^00:00:00\.0100\d\d 02:00:00:00:00:01 > 02:00:00:00:00:11, ethertype IPv4 \(0x0800\), length 98: 198\.51\.100\.1 > 198\.51\.100\.11: ICMP echo request, id \d+, seq 1, length 64$/);
    expect(lines[1]).toContain('198.51.100.11 > 198.51.100.1: ICMP echo reply');
    started.capture.stop();
    lab.run('client', 'ping -c 1 198.51.100.11');
    expect(started.capture.lines()).toHaveLength(4);
    expect(started.capture.stopped).toBe(true);
  });

  it('sees frames the segment floods to other hosts (promiscuous)', () => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11), lanHost('rs2', 12)]);
    const started = startCapture(lab.host('rs2'), 'eth0', '', { numeric: true });
    if (!started.ok) throw new Error(started.error);
    lab.run('client', 'arping -c 1 198.51.100.11');
    expect(started.capture.lines().map((l) => l.slice(16))).toEqual(['ARP, Request who-has 198.51.100.11 (ff:ff:ff:ff:ff:ff) tell 198.51.100.1, length 28']);
  });

  it('refuses what tcpdump refuses', () => {
    const lab = twoHosts();
    const error = (dev: string | null, filter = ''): string => {
      const r = startCapture(lab.host('rs1'), dev, filter);
      return r.ok ? 'ok' : r.error;
    };
    expect(error('eth9')).toBe('tcpdump: eth9: No such device exists\n(No such device exists)');
    expect(error('eth0', 'host')).toBe("tcpdump: can't parse filter expression: syntax error");
    lab.run('rs1', 'ip link set eth0 down');
    expect(error('eth0')).toBe('tcpdump: eth0: That device is not up');
  });
});

describe('tcpdump command', () => {
  const HEADER = 'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n';

  it('stops after -c N packets and prints the statistics', () => {
    const lab = twoHosts();
    let stdout = '';
    let stderr = '';
    const run = COMMANDS.get('tcpdump')!(commandContext(lab, lab.host('rs1'), ['tcpdump', '-n', '-e', '-i', 'eth0', '-c', '2', 'arp'], lab.budget, { out: (t) => (stdout += t), err: (t) => (stderr += t) })) as RunningCommand;
    expect(run.done).toBe(false);
    lab.run('client', 'ping -c 1 198.51.100.11');
    expect(run.done).toBe(true);
    expect(run.exitCode).toBe(0);
    expect(stdout.split('\n')).toEqual([
      '00:00:00.010010 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 198.51.100.11 tell 198.51.100.1, length 28',
      '00:00:00.010010 02:00:00:00:00:11 > 02:00:00:00:00:01, ethertype ARP (0x0806), length 42: Reply 198.51.100.11 is-at 02:00:00:00:00:11, length 28',
      '',
    ]);
    expect(stderr).toBe(`${HEADER}2 packets captured\n2 packets received by filter\n0 packets dropped by kernel\n`);
  });

  it('without -c runs until interrupted (the time limit in a headless run)', () => {
    const lab = twoHosts();
    const before = lab.queue.now;
    const result = lab.run('rs1', 'tcpdump -n -i eth0');
    expect(lab.queue.now - before).toBe(COMMAND_GAP_US + COMMAND_TIME_LIMIT_US);
    expect(result).toEqual({ exit: 0, stdout: '', stderr: `${HEADER}\n0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n` });
  });

  it('with -v says where it listens on one line', () => {
    const lab = twoHosts();
    expect(lab.run('rs1', 'tcpdump -v -c 1').stderr.split('\n')[0]).toBe('tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes');
  });

  it('prints errors and usage as tcpdump does', () => {
    const lab = twoHosts();
    expect(lab.run('rs1', 'tcpdump -n -i eth9')).toEqual({ exit: 1, stdout: '', stderr: 'tcpdump: eth9: No such device exists\n(No such device exists)\n' });
    expect(lab.run('rs1', 'tcpdump -n -i eth0 arp or')).toEqual({ exit: 1, stdout: '', stderr: "tcpdump: can't parse filter expression: syntax error\n" });
    expect(lab.run('rs1', 'tcpdump -c 0')).toEqual({ exit: 1, stdout: '', stderr: 'tcpdump: invalid packet count 0\n' });
    const usage = lab.run('rs1', 'tcpdump -i');
    expect(usage.exit).toBe(1);
    expect(usage.stderr).toMatch(/^tcpdump: option requires an argument -- 'i'\ntcpdump version 4\.99\.3\n[^]*Usage: tcpdump \[-AbdDefhHIJKlLnNOpqStuUvxX#\]/);
    expect(lab.run('rs1', 'tcpdump -Y').stderr).toMatch(/^tcpdump: invalid option -- 'Y'\n/);
  });
});
