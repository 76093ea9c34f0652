import { describe, expect, it } from 'vitest';
import { readBoundedText, terminalSafe } from './cli-support.ts';

describe('readBoundedText', () => {
  it('refuses /dev/zero instead of reading until killed (lesson check --commands /dev/zero)', () => {
    expect(readBoundedText('/dev/zero', 1024)).toEqual({ ok: false, message: 'cannot read /dev/zero: not a regular file (a character device)' });
  });
});

describe('terminalSafe', () => {
  it('removes escape sequences\' controls, C1, DEL and bidi overrides, keeping newlines, tabs and text', () => {
    expect(terminalSafe('Pack\u001b[2J\u001b]0;owned\u0007 title\u009b31m\u007f\r\n\tline \u202eevil\u2066 中文')).toBe('Pack[2J]0;owned title31m\n\tline evil 中文');
  });
});
