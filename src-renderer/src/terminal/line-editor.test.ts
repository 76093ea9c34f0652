import { describe, expect, it } from 'vitest';
import { LineEditor, redrawLine } from './line-editor.ts';

describe('LineEditor', () => {
  it('inserts typed text at the cursor and submits the line on Enter', () => {
    const e = new LineEditor();
    e.feed('arpng');
    e.feed('\x1b[D\x1b[D');
    e.feed('i');
    expect(e.line).toBe('arping');
    expect(e.feed('\r')).toEqual([{ kind: 'submit', line: 'arping' }]);
    expect(e.line).toBe('');
  });

  it('edits with Backspace, Delete, Home, End, Ctrl-U, Ctrl-K and Ctrl-W', () => {
    const e = new LineEditor();
    e.feed('ip neigh shoow');
    e.feed('\x7f\x7f');
    expect(e.line).toBe('ip neigh sho');
    e.feed('\x1b[H\x1b[3~');
    expect(e.line).toBe('p neigh sho');
    e.feed('\x1b[F\x17');
    expect(e.line).toBe('p neigh ');
    e.feed('\x01\x06\x0b');
    expect(e.line).toBe('p');
    e.feed('\x05\x15');
    expect(e.line).toBe('');
  });

  it('recalls history with Up and Down and keeps the draft', () => {
    const e = new LineEditor(['ip addr', 'ip neigh']);
    e.feed('draft');
    e.feed('\x1b[A');
    expect(e.line).toBe('ip neigh');
    e.feed('\x1b[A\x1b[A');
    expect(e.line).toBe('ip addr');
    e.feed('\x1b[B\x1b[B');
    expect(e.line).toBe('draft');
  });

  it('Ctrl-C drops the line; Ctrl-L asks for a clear screen; Tab for completion', () => {
    const e = new LineEditor();
    e.feed('ping 1.2.3.4');
    expect(e.feed('\x03')).toEqual([{ kind: 'interrupt' }]);
    expect(e.line).toBe('');
    expect(e.feed('\x0c')).toEqual([{ kind: 'clear-screen' }]);
    expect(e.feed('\t')).toEqual([{ kind: 'complete' }]);
  });

  it('runs each line of pasted text in order', () => {
    const e = new LineEditor();
    const actions = e.feed('ip addr\rip neigh\rarp');
    expect(actions.filter((a) => a.kind === 'submit')).toEqual([
      { kind: 'submit', line: 'ip addr' },
      { kind: 'submit', line: 'ip neigh' },
    ]);
    expect(e.line).toBe('arp');
  });

  it('skips escape sequences it does not know instead of inserting them', () => {
    const e = new LineEditor();
    e.feed('a\x1b[15~b\x1b[1;5Cc\x1bp');
    expect(e.line).toBe('abc');
  });

  it('replaces the word before the cursor with a completion', () => {
    const e = new LineEditor();
    e.feed('sysctl net.ipv4.co');
    e.replace(7, 'net.ipv4.conf.');
    expect(e.line).toBe('sysctl net.ipv4.conf.');
    expect(e.cursor).toBe(e.line.length);
  });
});

describe('redrawLine', () => {
  it('rewrites the prompt and line and puts the cursor in its column', () => {
    const r = redrawLine('$ ', 2, 'abc', 1, 80, 0);
    expect(r.text).toBe('\r\x1b[J$ abc\x1b[4G');
    expect(r.cursorRow).toBe(0);
  });

  it('moves up to the prompt row first and back up to a cursor on an earlier row of a wrapped line', () => {
    // 2 + 15 = 17 characters in 10 columns: rows 0 and 1; cursor at index 3 → row 0, column 5.
    const r = redrawLine('$ ', 2, 'x'.repeat(15), 3, 10, 1);
    expect(r.text).toBe(`\x1b[1A\r\x1b[J$ ${'x'.repeat(15)}\x1b[1A\x1b[6G`);
    expect(r.cursorRow).toBe(0);
  });

  it('moves to the next row when the line fills its last row exactly', () => {
    const r = redrawLine('$ ', 2, 'x'.repeat(8), 8, 10, 0);
    expect(r.text.endsWith('\r\n\x1b[1G')).toBe(true);
    expect(r.cursorRow).toBe(1);
  });
});
