// How arping ends decides its exit status: measured on iputils 20221126 (Debian 12), scenarios 105-108.
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';

describe('arping exit status', () => {
  const cases: [string, number][] = [
    ['arping -c 2 -w 1 -I eth0 198.51.100.11', 1],
    ['arping -c 2 -w 2 -I eth0 198.51.100.11', 0],
    ['arping -w 2 -I eth0 198.51.100.11', 0],
    ['arping -w 1 -I eth0 198.51.100.77', 1],
    ['arping -f -w 3 -I eth0 198.51.100.11', 0],
    ['arping -U -c 2 -w 1 -I eth0 198.51.100.1', 0],
    ['arping -D -c 2 -w 1 -I eth0 198.51.100.11', 1],
    ['arping -D -w 1 -I eth0 198.51.100.77', 0],
    ['arping -c 0 -I eth0 198.51.100.11', 1],
    ['arping -i 0.5 -I eth0 198.51.100.11', 1],
  ];
  it.each(cases)('%s exits %i', (line, exit) => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)]);
    expect(lab.run('client', line).exit).toBe(exit);
  });
});
