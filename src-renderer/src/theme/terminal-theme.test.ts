import { describe, expect, it } from 'vitest';
import { contrastRatio } from './contrast.ts';
import { TERMINAL_TEXT_COLOURS, TERMINAL_THEME } from './terminal-theme.ts';

describe('contrastRatio', () => {
  it('follows WCAG 2: 21 for black on white, 1 for a colour on itself, symmetric', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    expect(contrastRatio('#1e1e1e', '#cd3131')).toBeCloseTo(contrastRatio('#cd3131', '#1e1e1e'), 10);
    // xterm's default red on this background, the 3.5:1 a learner could hardly read.
    expect(contrastRatio('#cd3131', '#1e1e1e')).toBeLessThan(4.5);
  });
});

describe('terminal colours', () => {
  it.each(TERMINAL_TEXT_COLOURS)('%s text is at least 4.5:1 on the terminal background', (name) => {
    expect(contrastRatio(TERMINAL_THEME[name], TERMINAL_THEME.background)).toBeGreaterThanOrEqual(4.5);
  });

  it('selected text is at least 4.5:1 on the selection', () => {
    expect(contrastRatio(TERMINAL_THEME.selectionForeground, TERMINAL_THEME.selectionBackground)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(TERMINAL_THEME.cursorAccent, TERMINAL_THEME.cursor)).toBeGreaterThanOrEqual(4.5);
  });
});
