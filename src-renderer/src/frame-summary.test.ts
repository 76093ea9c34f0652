import { describe, expect, it } from 'vitest';
import { frameEssentials } from './frame-summary.ts';

describe('frameEssentials', () => {
  it('keeps the time and what follows the length: the ARP question, the addresses and flags', () => {
    expect(frameEssentials('00:00:02.540000 02:00:00:00:00:10 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Request who-has 198.51.100.100 tell 198.51.100.10, length 28')).toBe(
      '00:00:02.540000 Request who-has 198.51.100.100 tell 198.51.100.10, length 28',
    );
    expect(
      frameEssentials('00:00:02.540140 02:00:00:00:00:02 > 02:00:00:00:00:11, ethertype IPv4 (0x0800), length 66: 198.51.100.10.44789 > 198.51.100.100.80: Flags [.], ack 239, win 502, length 0'),
    ).toBe('00:00:02.540140 198.51.100.10.44789 > 198.51.100.100.80: Flags [.], ack 239, win 502, length 0');
  });

  it('keeps a line of another shape whole', () => {
    expect(frameEssentials('00:00:01.000000 something else')).toBe('00:00:01.000000 something else');
  });
});
