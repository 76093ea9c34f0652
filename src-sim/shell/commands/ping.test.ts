// ping's flood mode and its statistics, as iputils 20221126 computes them
// (ping_common.c pinger(), gather_statistics(), finish()).
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../../test-lab.ts';

describe('ping -i 0', () => {
  it('sends the next probe as soon as the last is answered, printing ipg/ewma', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    const result = lab.run('rs1', 'ping -c 5 -i 0 198.51.100.12');
    expect(result.exit).toBe(0);
    const requests = lab.frames.filter((f) => f.kind === 'ipv4' && f.src === '198.51.100.11');
    const replies = lab.frames.filter((f) => f.kind === 'ipv4' && f.src === '198.51.100.12');
    expect(requests).toHaveLength(5);
    // Each request leaves when the reply to the one before it has come back.
    for (let i = 1; i < 5; i++) expect(requests[i]!.t).toBeGreaterThanOrEqual(replies[i - 1]!.t);
    expect(requests.at(-1)!.t - requests[0]!.t).toBeLessThan(0.001);
    expect(result.stdout).toMatch(/\nrtt min\/avg\/max\/mdev = [\d.]+\/[\d.]+\/[\d.]+\/[\d.]+ ms, ipg\/ewma \d+\.\d{3}\/\d+\.\d{3} ms\n$/);
  });

  it('holds an unanswered probe back 10 ms (MININTERVAL): 100 probes a second to a silent address', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const result = lab.run('rs1', 'ping -c 3 -i 0 198.51.100.99');
    expect(result.exit).toBe(1);
    expect(result.stdout).toContain('3 packets transmitted, 0 received, +3 errors, 100% packet loss');
    expect(result.stdout).toMatch(/\npipe 3\n$/);
  });

  it('numbers probes in 16 bits: icmp_seq 65535 is followed by 0', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    const result = lab.run('rs1', 'ping -c 65537 -i 0 198.51.100.12 | sed -n "65536,65538p"');
    // Line 1 is the PING header, so lines 65536-65538 are the replies to probes 65535, 65536 and 65537.
    expect(result.stdout.split('\n').map((line) => line.replace(/ ttl=.*/, ''))).toEqual(['64 bytes from 198.51.100.12: icmp_seq=65535', '64 bytes from 198.51.100.12: icmp_seq=0', '64 bytes from 198.51.100.12: icmp_seq=1', '']);
  }, 60_000);
});

describe('ping statistics', () => {
  it('truncate the average and take an integer square root, as finish() does', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    // The first reply waits for ARP (40 µs), the next two do not (20 µs): 80/3 µs averages to 26, not 27.
    const result = lab.run('rs1', 'ping -c 3 -i 0.2 198.51.100.12');
    expect(result.stdout).toContain('\nrtt min/avg/max/mdev = 0.020/0.026/0.040/0.009 ms\n');
  });
});

describe('ping summary time', () => {
  // finish() prints cur_time - start_time, and pinger() moves cur_time only when it sends (Linux: scenarios 202, 210, 409).
  const summaryTime = (stdout: string): string => /packet loss, time (\d+)ms/.exec(stdout)![1]!;

  it('counts to the last probe sent, not to the last answer or the exit', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    expect(summaryTime(lab.run('rs1', 'ping -c 1 -W 5 198.51.100.99').stdout)).toBe('0');
    expect(summaryTime(lab.run('rs1', 'ping -c 3 -i 0.5 -W 1 198.51.100.98').stdout)).toBe('1000');
    expect(summaryTime(lab.run('rs1', 'ping -c 1 -w 3 198.51.100.97').stdout)).toBe('2000');
    expect(summaryTime(lab.run('rs1', 'ping -c 2 -i 0.2 198.51.100.12').stdout)).toBe('200');
  });
});
