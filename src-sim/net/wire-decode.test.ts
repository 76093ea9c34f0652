import { describe, expect, it } from 'vitest';
import { formatFrameLine, TcpSequenceTracker } from '../capture/format.ts';
import { SAMPLE } from '../capture/sample-frames.ts';
import { encodeFrame } from './wire.ts';
import { decodeFrame } from './wire-decode.ts';

describe('decodeFrame', () => {
  it('gives back frames tcpdump prints as it printed the frames they were encoded from', () => {
    const before = new TcpSequenceTracker();
    const after = new TcpSequenceTracker();
    for (const { frame, timeUs } of SAMPLE) {
      const bytes = encodeFrame(frame);
      const decoded = decodeFrame(bytes, frame.id);
      expect(decoded).not.toBeNull();
      for (const verbose of [0, 2]) {
        expect(formatFrameLine(decoded!, timeUs, { verbose, link: true, numeric: true, tcp: after })).toBe(formatFrameLine(frame, timeUs, { verbose, link: true, numeric: true, tcp: before }));
      }
      expect(encodeFrame(decoded!)).toEqual(bytes);
    }
  });

  it('gives null for what the lab never sends', () => {
    expect(decodeFrame(Uint8Array.of(0x33, 0x33, 0, 0, 0, 1, 2, 0, 0, 0, 0, 1, 0x86, 0xdd, 0x60))).toBeNull();
    expect(decodeFrame(new Uint8Array(10))).toBeNull();
  });
});
