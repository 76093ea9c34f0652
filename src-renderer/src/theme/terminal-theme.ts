// How the terminals look: font, line height and the 16 ANSI colours.
//
// The font and line height are chosen so `_` shows: at 14 px DejaVu Sans
// Mono in rows exactly as tall as the font, xterm's rows clipped the
// underscore (it sits below the baseline), so `arp_ignore` read `arp ignore`.
// Rows 1.2 times the font leave the descender room at 1x and 2x (e2e glyph
// test). 13 px keeps 80 columns in the terminal's column at 1280x720 with the
// task panel beside it. Every colour a program can print in is at least 4.5:1 against the
// background (terminal-theme.test.ts), red error text included; xterm's own
// contrast correction stays off because it would restyle cells inline.
import type { ITheme } from '@xterm/xterm';

export const TERMINAL_BACKGROUND = '#1e1e1e';

export const TERMINAL_FONT = {
  fontFamily: "'DejaVu Sans Mono', ui-monospace, monospace",
  fontSize: 13,
  lineHeight: 1.2,
} as const;

export const TERMINAL_THEME = {
  background: TERMINAL_BACKGROUND,
  foreground: '#e6e6e6',
  cursor: '#e6e6e6',
  cursorAccent: TERMINAL_BACKGROUND,
  selectionBackground: '#264f78',
  selectionForeground: '#ffffff',
  selectionInactiveBackground: '#3a3d41',
  // "Black" text is still text: grey enough to read on the dark background.
  black: '#8f8f8f',
  red: '#ff8f8f',
  green: '#7ee787',
  yellow: '#e5c07b',
  blue: '#79b8ff',
  magenta: '#d8a0f0',
  cyan: '#6fd3e0',
  white: '#e6e6e6',
  brightBlack: '#a8a8a8',
  brightRed: '#ffaaaa',
  brightGreen: '#a5f3a9',
  brightYellow: '#f5d58f',
  brightBlue: '#9ecbff',
  brightMagenta: '#e6bcf7',
  brightCyan: '#9ae6f0',
  brightWhite: '#ffffff',
} as const satisfies ITheme;

/** The colours text is drawn in (each checked against the background it is drawn on). */
export const TERMINAL_TEXT_COLOURS = [
  'foreground',
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'brightBlack',
  'brightRed',
  'brightGreen',
  'brightYellow',
  'brightBlue',
  'brightMagenta',
  'brightCyan',
  'brightWhite',
] as const satisfies ReadonlyArray<keyof typeof TERMINAL_THEME>;
