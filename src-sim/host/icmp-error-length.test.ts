// icmp_send's length as Linux 6.18 showed it (scenario 408).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLab } from '../lab.ts';
import { frameLength } from '../net/frame.ts';
import type { Scenario } from '../scenario/types.ts';

const routed = JSON.parse(readFileSync(new URL('../../conformance/scenarios/408-icmp-error-quote-lengths.json', import.meta.url), 'utf8')) as Scenario;

describe('ICMP errors quote the packet up to 576 bytes', () => {
  it('a router\'s Time to live exceeded and Destination Host Unreachable about an 84-byte ping: 112-byte packets, counted by ip -s link (Linux: RX 168 then 294 bytes)', () => {
    const lab = createLab({ ...routed, steps: [] }, { seed: 1, capture: true });
    lab.run('wclient', 'ping -c 1 -t 1 -W 1 198.51.100.2');
    expect(lab.run('wclient', 'ip -s link show eth0').stdout).toContain('\n           168       2      0       0       0       0 \n');
    lab.run('wclient', 'ping -c 1 -W 4 198.51.100.77');
    expect(lab.run('wclient', 'ip -s link show eth0').stdout).toContain('\n           294       3      0       0       0       0 \n');
    const errors = lab.captured.flatMap(({ frame }) => (frame.payload.type === 'ipv4' && frame.payload.ip.proto === 'icmp' && frame.payload.ip.icmp?.original ? [frameLength(frame)] : []));
    expect(errors).toEqual([126, 126]);
  });
});
