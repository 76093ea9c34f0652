// tcpdump as learners type it, each form pinned to what tcpdump 4.99.3 /
// libpcap 1.10.3 printed in two network namespaces joined by a veth
// (scripts/record-tcpdump.sh: 198.51.100.1 pings 198.51.100.2, the capture
// runs on .2). The recorded line is quoted above each expectation; the lab's
// times, ICMP ids and ping payload differ, the layout must not.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './index.ts';
import type { RunningCommand } from '../context.ts';
import { commandContext } from '../shell.ts';
import { lanHost, lanLab } from '../../test-lab.ts';

function twoHosts() {
  return lanLab([lanHost('client', 1), lanHost('rs1', 11)]);
}

/** Starts `tcpdump ARGS` on rs1, runs `traffic` on the client (or rs1 itself), returns what tcpdump printed. */
function captureWhile(args: string[], traffic = 'ping -c 1 198.51.100.11', on = 'client', lab = twoHosts()) {
  let stdout = '';
  let stderr = '';
  const outcome = COMMANDS.get('tcpdump')!(commandContext(lab, lab.host('rs1'), ['tcpdump', ...args], lab.budget, { out: (t) => (stdout += t), err: (t) => (stderr += t) }));
  if (typeof outcome !== 'number') {
    lab.run(on, traffic);
    if (!outcome.done) (outcome as RunningCommand).interrupt?.();
  }
  return { stdout, stderr, exit: typeof outcome === 'number' ? outcome : outcome.exitCode, lab };
}

const STATS = (n: number) => `${n} packet${n === 1 ? '' : 's'} captured\n${n} packet${n === 1 ? '' : 's'} received by filter\n0 packets dropped by kernel\n`;
const TIME = String.raw`\d\d:\d\d:\d\d\.\d{6}`;

describe('-i any (LINUX_SLL2)', () => {
  it('says the link type first and marks each packet with its device and direction', () => {
    const { stdout, stderr } = captureWhile(['-nn', '-c', '2', '-i', 'any', 'icmp']);
    // tcpdump: data link type LINUX_SLL2
    // tcpdump: verbose output suppressed, use -v[v]... for full protocol decode
    // listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes
    expect(stderr).toBe(`tcpdump: data link type LINUX_SLL2\ntcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes\n${STATS(2)}`);
    // 21:22:24.906504 eth0  In  IP 198.51.100.1 > 198.51.100.2: ICMP echo request, id 26528, seq 1, length 64
    // 21:22:24.906523 eth0  Out IP 198.51.100.2 > 198.51.100.1: ICMP echo reply, id 26528, seq 1, length 64
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${TIME} eth0  In  IP 198\\.51\\.100\\.1 > 198\\.51\\.100\\.11: ICMP echo request, id \\d+, seq 1, length 64$`));
    expect(lines[1]).toMatch(new RegExp(`^${TIME} eth0  Out IP 198\\.51\\.100\\.11 > 198\\.51\\.100\\.1: ICMP echo reply, id \\d+, seq 1, length 64$`));
  });

  it('with -e prints the cooked header: ifindex, the link address, length 20 + the packet', () => {
    // 21:22:26.936341 eth0  In  ifindex 2 02:00:00:00:00:0a ethertype IPv4 (0x0800), length 104: 198.51.100.1 > 198.51.100.2: ICMP echo request, …
    // 21:22:26.936359 eth0  Out ifindex 2 02:00:00:00:00:0b ethertype IPv4 (0x0800), length 104: 198.51.100.2 > 198.51.100.1: ICMP echo reply, …
    const lines = captureWhile(['-nn', '-e', '-c', '2', '-i', 'any', 'icmp']).stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/ eth0 {2}In {2}ifindex 2 02:00:00:00:00:01 ethertype IPv4 \(0x0800\), length 104: 198\.51\.100\.1 > 198\.51\.100\.11: ICMP echo request, /);
    expect(lines[1]).toMatch(/ eth0 {2}Out ifindex 2 02:00:00:00:00:11 ethertype IPv4 \(0x0800\), length 104: 198\.51\.100\.11 > 198\.51\.100\.1: ICMP echo reply, /);
  });

  it('shows a ping to the own address on lo, received, with the zero address', () => {
    // 21:22:30.041640 lo    In  ifindex 1 00:00:00:00:00:00 ethertype IPv4 (0x0800), length 104: 198.51.100.2 > 198.51.100.2: ICMP echo request, …
    // (without -n) … lo    In  ifindex 1 00:00:00:00:00:00 (oui Ethernet) ethertype IPv4 (0x0800), length 104: …
    const numeric = captureWhile(['-nn', '-e', '-c', '2', '-i', 'any', 'icmp'], 'ping -c 1 198.51.100.11', 'rs1').stdout.trimEnd().split('\n');
    expect(numeric[0]).toMatch(/ lo {4}In {2}ifindex 1 00:00:00:00:00:00 ethertype IPv4 \(0x0800\), length 104: 198\.51\.100\.11 > 198\.51\.100\.11: ICMP echo request, /);
    expect(numeric[1]).toMatch(/ lo {4}In {2}ifindex 1 00:00:00:00:00:00 ethertype IPv4 \(0x0800\), length 104: 198\.51\.100\.11 > 198\.51\.100\.11: ICMP echo reply, /);
    const named = captureWhile(['-e', '-c', '1', '-i', 'any', 'icmp'], 'ping -c 1 198.51.100.11', 'rs1').stdout;
    expect(named).toContain(' lo    In  ifindex 1 00:00:00:00:00:00 (oui Ethernet) ethertype IPv4 (0x0800), length 104: ');
  });

  it('marks a broadcast received as B', () => {
    // 21:22:34.182679 eth0  B   ifindex 2 02:00:00:00:00:0a ethertype ARP (0x0806), length 48: Request who-has 198.51.100.2 tell 198.51.100.1, length 28
    // 21:22:34.182697 eth0  Out ifindex 2 02:00:00:00:00:0b ethertype ARP (0x0806), length 48: Reply 198.51.100.2 is-at 02:00:00:00:00:0b, length 28
    const lines = captureWhile(['-i', 'any', '-nn', '-e', '-c', '2', 'arp']).stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.slice(16))).toEqual([
      'eth0  B   ifindex 2 02:00:00:00:00:01 ethertype ARP (0x0806), length 48: Request who-has 198.51.100.11 tell 198.51.100.1, length 28',
      'eth0  Out ifindex 2 02:00:00:00:00:11 ethertype ARP (0x0806), length 48: Reply 198.51.100.11 is-at 02:00:00:00:00:11, length 28',
    ]);
    // 21:22:36.254829 eth0  B   ARP, Request who-has 198.51.100.2 (ff:ff:ff:ff:ff:ff) tell 198.51.100.1, length 28
    expect(captureWhile(['-i', 'any', '-nn', '-c', '1', 'arp'], 'arping -c 1 198.51.100.11').stdout.slice(16)).toBe('eth0  B   ARP, Request who-has 198.51.100.11 (ff:ff:ff:ff:ff:ff) tell 198.51.100.1, length 28\n');
  });
});

describe('-w FILE and -r FILE', () => {
  it('-w prints no packets, one listening line and the counts; the file is a classic pcap of 24 + 16 + 98 bytes a ping frame', () => {
    // tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes
    // 2 packets captured … (x.pcap: 252 bytes)
    const { stdout, stderr, lab } = captureWhile(['-nn', '-c', '2', '-i', 'eth0', '-w', '/tmp/x.pcap', 'icmp']);
    expect(stdout).toBe('');
    expect(stderr).toBe(`tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n${STATS(2)}`);
    expect(lab.run('rs1', 'ls -l /tmp/x.pcap').stdout).toMatch(/^-rw-r--r-- 1 root root 252 /);
    const bytes = lab.host('rs1').fs.readBytes('/tmp/x.pcap');
    if (!bytes.ok) throw new Error(bytes.errno);
    // d4c3 b2a1 0200 0400 0000 0000 0000 0000 0000 0400 0100 0000
    expect(Array.from(bytes.value.subarray(0, 24))).toEqual([0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0]);
    // cp keeps the bytes.
    lab.run('rs1', 'cp /tmp/x.pcap /root/copy.pcap');
    const copy = lab.host('rs1').fs.readBytes('/root/copy.pcap');
    expect(copy.ok && Array.from(copy.value)).toEqual(Array.from(bytes.value));
  });

  it('-w with --print prints the packets too; -w on any writes LINUX_SLL2 (20 bytes a packet more)', () => {
    const printed = captureWhile(['-nn', '-c', '2', '-i', 'eth0', '-w', '/tmp/y.pcap', '--print', 'icmp']);
    expect(printed.stdout.trimEnd().split('\n')).toHaveLength(2);
    // tcpdump: data link type LINUX_SLL2 / tcpdump: listening on any, … (any.pcap: 264 bytes)
    const any = captureWhile(['-nn', '-c', '2', '-i', 'any', '-w', '/tmp/any.pcap', 'icmp']);
    expect(any.stderr).toBe(`tcpdump: data link type LINUX_SLL2\ntcpdump: listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144 bytes\n${STATS(2)}`);
    expect(any.lab.run('rs1', 'ls -l /tmp/any.pcap').stdout).toMatch(/ 264 /);
  });

  it('-w with -v says once a second how many packets it has (recorded: "Got 0\\rGot 5\\r" before the counts after about 2.5 s)', () => {
    const lab = twoHosts();
    const { stderr } = captureWhile(['-v', '-nn', '-i', 'eth0', '-w', '/tmp/got.pcap', 'icmp'], 'sleep 1.5; ping -c 2 -i 0.2 198.51.100.11; sleep 1', 'client', lab);
    expect(stderr).toBe(`tcpdump: listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\nGot 0\rGot 4\r\n${STATS(4)}`);
  });

  it('-r prints what the live capture printed, with filter, -c, -e and -n', () => {
    const live = captureWhile(['-c', '2', '-i', 'eth0', '-e', '--print', '-w', '/tmp/x.pcap', 'icmp']);
    const { lab } = live;
    // reading from file x.pcap, link-type EN10MB (Ethernet), snapshot length 262144
    const read = lab.run('rs1', 'tcpdump -e -r /tmp/x.pcap');
    expect(read).toEqual({ exit: 0, stdout: live.stdout, stderr: 'reading from file /tmp/x.pcap, link-type EN10MB (Ethernet), snapshot length 262144\n' });
    expect(lab.run('rs1', 'cd /tmp && tcpdump -nn -c 1 -r x.pcap').stdout).toMatch(/^00:00:00\.\d{6} IP 198\.51\.100\.1 > 198\.51\.100\.11: ICMP echo request, id \d+, seq 1, length 64\n$/);
    expect(lab.run('rs1', 'tcpdump -nn -r /tmp/x.pcap arp')).toEqual({ exit: 0, stdout: '', stderr: 'reading from file /tmp/x.pcap, link-type EN10MB (Ethernet), snapshot length 262144\n' });
    // -r with -w copies what the filter selects, printing nothing.
    expect(lab.run('rs1', 'tcpdump -r /tmp/x.pcap -w /tmp/copy.pcap').stdout).toBe('');
    expect(lab.run('rs1', 'ls -l /tmp/copy.pcap').stdout).toMatch(/ 252 /);
  });

  it('-r of a LINUX_SLL2 file warns that the names are the reader\'s', () => {
    const { lab } = captureWhile(['-nn', '-c', '2', '-i', 'any', '-w', '/tmp/any.pcap', 'icmp']);
    // reading from file any.pcap, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144
    // Warning: interface names might be incorrect
    const read = lab.run('rs1', 'tcpdump -nn -r /tmp/any.pcap');
    expect(read.stderr).toBe('reading from file /tmp/any.pcap, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144\nWarning: interface names might be incorrect\n');
    expect(read.stdout).toMatch(/ eth0 {2}In {2}IP 198\.51\.100\.1 > 198\.51\.100\.11: ICMP echo request, [^\n]*\n[^\n]* eth0 {2}Out IP 198\.51\.100\.11 > /);
  });

  it('refuses what is no capture file in libpcap\'s words', () => {
    const lab = twoHosts();
    lab.run('rs1', 'echo "hello world this is text file more than 24 bytes" > /tmp/t.txt; echo hi > /tmp/short.txt; touch /tmp/empty');
    expect(lab.run('rs1', 'tcpdump -r /tmp/t.txt')).toEqual({ exit: 1, stdout: '', stderr: 'tcpdump: unknown file format\n' });
    expect(lab.run('rs1', 'tcpdump -r /tmp/short.txt').stderr).toBe('tcpdump: truncated dump file; tried to read 4 file header bytes, only got 3\n');
    expect(lab.run('rs1', 'tcpdump -r /tmp/empty').stderr).toBe('tcpdump: truncated dump file; tried to read 4 file header bytes, only got 0\n');
    expect(lab.run('rs1', 'tcpdump -r nonexist.pcap')).toEqual({ exit: 1, stdout: '', stderr: 'tcpdump: nonexist.pcap: No such file or directory\n' });
    expect(lab.run('rs1', 'tcpdump -r /tmp').stderr).toBe('tcpdump: error reading dump file: Is a directory\n');
    expect(lab.run('rs1', 'tcpdump -nn -i eth0 -w /nonexist/dir/x.pcap -c 1')).toEqual({ exit: 1, stdout: '', stderr: 'tcpdump: /nonexist/dir/x.pcap: No such file or directory\n' });
  });
});

describe('printing options', () => {
  it('-X: hex and ASCII of the IP packet; -XX from the Ethernet header; -x/-xx hex alone', () => {
    // 	0x0000:  4500 0054 74a0 4000 4001 719e c633 6401  E..Tt.@.@.q..3d.
    // 	0x0050:  3435 3637                                4567
    const x = captureWhile(['-nn', '-X', '-i', 'eth0', '-c', '1', 'icmp']).stdout.split('\n');
    expect(x.slice(1)).toEqual([
      '\t0x0000:  4500 0054 0000 4000 4001 e635 c633 6401  E..T..@.@..5.3d.',
      expect.stringMatching(/^\t0x0010: {2}c633 640b 0800 [0-9a-f]{4} [0-9a-f]{4} 0001 0001 0203 {2}\.3d\.{13}$/),
      '\t0x0020:  0405 0607 0809 0a0b 0c0d 0e0f 1011 1213  ................',
      '\t0x0030:  1415 1617 1819 1a1b 1c1d 1e1f 2021 2223  .............!"#',
      "\t0x0040:  2425 2627 2829 2a2b 2c2d 2e2f 3031 3233  $%&'()*+,-./0123",
      '\t0x0050:  3435 3637                                4567',
      '',
    ]);
    // 	0x0000:  0200 0000 000b 0200 0000 000a 0800 4500  ..............E.
    // 	0x0060:  3637                                     67
    const xx = captureWhile(['-nn', '-XX', '-i', 'eth0', '-c', '1', 'icmp']).stdout.split('\n');
    expect(xx[1]).toBe('\t0x0000:  0200 0000 0011 0200 0000 0001 0800 4500  ..............E.');
    expect(xx[7]).toBe('\t0x0060:  3637                                     67');
    // 	0x0000:  4500 0054 74a7 4000 4001 7197 c633 6401
    // 	0x0050:  3435 3637
    const hex = captureWhile(['-nn', '-x', '-i', 'eth0', '-c', '1', 'icmp']).stdout.split('\n');
    expect(hex[1]).toBe('\t0x0000:  4500 0054 0000 4000 4001 e635 c633 6401');
    expect(hex[6]).toBe('\t0x0050:  3435 3637');
    const hex2 = captureWhile(['-nn', '-xx', '-i', 'eth0', '-c', '1', 'icmp']).stdout.split('\n');
    expect(hex2[7]).toBe('\t0x0060:  3637');
  });

  it('-XX on any starts with the 20-byte cooked header', () => {
    // 	0x0000:  0800 0000 0000 0002 0001 0006 0200 0000  ................
    // 	0x0010:  000a 0000 4500 0054 7671 4000 4001 6fcd  ....E..Tvq@.@.o.
    const lines = captureWhile(['-nn', '-XX', '-i', 'any', '-c', '1', 'icmp']).stdout.split('\n');
    expect(lines[1]).toBe('\t0x0000:  0800 0000 0000 0002 0001 0006 0200 0000  ................');
    expect(lines[2]).toBe('\t0x0010:  0001 0000 4500 0054 0000 4000 4001 e635  ....E..T..@.@..5');
  });

  it('-A: the packet as ASCII on the next line', () => {
    // E..Ts.@.@.ry.3d..3d...J.i....#.k............................ !"#$%&'()*+,-./01234567
    const lines = captureWhile(['-nn', '-A', '-i', 'eth0', '-c', '1', 'icmp']).stdout.split('\n');
    expect(lines[1]).toMatch(/^E\.\.T\.\.@\.@\.\.5\.3d\.\.3d\.\.\./);
    expect(lines.at(-2)).toMatch(/ !"#\$%&'\(\)\*\+,-\.\/01234567$/);
  });

  it('-s 64 keeps 64 bytes and says so', () => {
    // listening on eth0, link-type EN10MB (Ethernet), snapshot length 64 bytes
    // 	0x0030:  1415                                     ..
    const { stdout, stderr } = captureWhile(['-nn', '-s', '64', '-X', '-i', 'eth0', '-c', '1', 'icmp']);
    expect(stderr).toContain('listening on eth0, link-type EN10MB (Ethernet), snapshot length 64 bytes\n');
    expect(stdout.split('\n').slice(-2)).toEqual(['\t0x0030:  1415                                     ..', '']);
    expect(captureWhile(['-nn', '-s', '0', '-i', 'eth0', '-c', '1', 'icmp']).stderr).toContain('snapshot length 262144 bytes');
    expect(captureWhile(['-s', 'x']).stderr).toBe('tcpdump: invalid snaplen x\n');
  });

  it('-tt, -ttt, -tttt, -ttttt and -# / --number', () => {
    const lab = twoHosts();
    lab.run('client', 'sleep 5');
    // 1796678577.798029 IP …
    expect(captureWhile(['-nn', '-tt', '-c', '1', 'icmp'], undefined, undefined, lab).stdout).toMatch(/^17040672\d\d\.\d{6} IP 198\.51\.100\.1 > /);
    // 2026-12-07 21:22:54.723867 IP …
    expect(captureWhile(['-nn', '-tttt', '-c', '1', 'icmp']).stdout).toMatch(/^2024-01-01 00:00:00\.\d{6} IP 198\.51\.100\.1 > /);
    //  00:00:00.000000 IP … /  00:00:00.000022 IP …
    for (const t of ['-ttt', '-ttttt']) expect(captureWhile(['-nn', t, '-c', '2', 'icmp']).stdout).toMatch(/^ 00:00:00\.000000 IP [^\n]*\n 00:00:00\.\d{6} IP /);
    //     1  21:22:59.885088 IP … /     2  21:22:59.885107 IP …
    for (const n of ['-#', '--number']) expect(captureWhile(['-nn', n, '-c', '2', 'icmp']).stdout).toMatch(/^ {4}1 {2}\d\d:\d\d:\d\d\.\d{6} IP [^\n]*\n {4}2 {2}\d\d:/);
  });

  it('-Q in / out / inout choose the direction; a bad one is refused', () => {
    expect(captureWhile(['-nn', '-Q', 'in', '-c', '1', 'icmp']).stdout).toContain('ICMP echo request');
    expect(captureWhile(['-nn', '-Q', 'out', '-c', '1', 'icmp']).stdout).toContain('ICMP echo reply');
    expect(captureWhile(['-nn', '-Q', 'inout', '-c', '2', 'icmp']).stdout.trimEnd().split('\n')).toHaveLength(2);
    // tcpdump: unknown capture direction `sideways'
    expect(captureWhile(['-nn', '-Q', 'sideways', '-c', '1', 'icmp'])).toMatchObject({ exit: 1, stdout: '', stderr: "tcpdump: unknown capture direction `sideways'\n" });
  });

  it('-p does not see frames for other hosts; -D lists the devices as libpcap does', () => {
    // The LAN (a learning bridge) floods the first frame for rs2's MAC, not yet learned, to rs1 too.
    const flooding = () => {
      const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11), lanHost('rs2', 12)]);
      lab.run('client', 'ip neigh replace 198.51.100.12 lladdr 02:00:00:00:00:12 dev eth0');
      return lab;
    };
    expect(captureWhile(['-nn', '-c', '1', 'icmp'], 'ping -c 1 198.51.100.12', 'client', flooding()).stdout).toContain('IP 198.51.100.1 > 198.51.100.12: ICMP echo request');
    expect(captureWhile(['-nn', '-p', '-c', '1', 'icmp'], 'ping -c 1 198.51.100.12', 'client', flooding()).stdout).toBe('');
    // 1.eth0 [Up, Running, Connected] / 2.any (…) [Up, Running] / 3.lo [Up, Running, Loopback] / 4.bluetooth-monitor … / 8.dbus-session (D-Bus session bus) [none]
    const rs1 = twoHosts();
    const modules = ['bluetooth-monitor (Bluetooth Linux Monitor) [Wireless]', 'nflog (Linux netfilter log (NFLOG) interface) [none]', 'nfqueue (Linux netfilter queue (NFQUEUE) interface) [none]', 'dbus-system (D-Bus system bus) [none]', 'dbus-session (D-Bus session bus) [none]'];
    const numbered = (entries: string[]): string => entries.map((e, i) => `${i + 1}.${e}\n`).join('');
    expect(rs1.run('rs1', 'tcpdump -D').stdout).toBe(numbered(['eth0 [Up, Running, Connected]', 'any (Pseudo-device that captures on all interfaces) [Up, Running]', 'lo [Up, Running, Loopback]', ...modules]));
    // A device down comes last (recorded with a veth set down: 10.eth1 [none, Disconnected]).
    rs1.run('rs1', 'ip link set eth0 down');
    expect(rs1.run('rs1', 'tcpdump -D').stdout).toBe(numbered(['any (Pseudo-device that captures on all interfaces) [Up, Running]', 'lo [Up, Running, Loopback]', ...modules, 'eth0 [none, Disconnected]']));
  });
});
