// The line discipline of the lab terminal: one editable line with a cursor,
// history, and the escape sequences that redraw it in a terminal `cols` wide.
// Pure, so the editing rules are tested without a DOM.

export type EditorAction =
  | { kind: 'redraw' }
  | { kind: 'submit'; line: string }
  | { kind: 'interrupt' }
  | { kind: 'clear-screen' }
  | { kind: 'complete' }
  | { kind: 'none' };

/** Escape sequences xterm sends for editing keys. */
const KEYS: ReadonlyArray<readonly [string, (e: LineEditor) => EditorAction]> = [
  ['\x1b[A', (e) => e.recall(-1)],
  ['\x1b[B', (e) => e.recall(1)],
  ['\x1b[C', (e) => e.move(e.cursor + 1)],
  ['\x1b[D', (e) => e.move(e.cursor - 1)],
  ['\x1b[H', (e) => e.move(0)],
  ['\x1b[F', (e) => e.move(e.line.length)],
  ['\x1bOH', (e) => e.move(0)],
  ['\x1bOF', (e) => e.move(e.line.length)],
  ['\x1b[1~', (e) => e.move(0)],
  ['\x1b[4~', (e) => e.move(e.line.length)],
  ['\x1b[3~', (e) => e.deleteForward()],
];

export class LineEditor {
  line = '';
  cursor = 0;
  readonly history: string[];
  /** Position while browsing history; null = editing a new line. */
  #historyIndex: number | null = null;
  #draft = '';

  constructor(history: string[] = []) {
    this.history = history;
  }

  /** Feeds what the terminal received (typed keys or pasted text); returns what to do, in order. */
  feed(data: string): EditorAction[] {
    const actions: EditorAction[] = [];
    let i = 0;
    while (i < data.length) {
      const key = KEYS.find(([seq]) => data.startsWith(seq, i));
      if (key) {
        actions.push(key[1](this));
        i += key[0].length;
        continue;
      }
      const ch = data[i]!;
      i++;
      if (ch === '\x1b') {
        // An unknown escape sequence or Alt+key: skip it whole rather than insert its letters.
        const rest = /^(\[[0-9;]*[~A-Za-z]|O[A-Za-z])/.exec(data.slice(i)) ?? (data[i] !== undefined && data[i] !== '\x1b' ? [data[i]!] : null);
        if (rest) i += rest[0].length;
        continue;
      }
      actions.push(this.#control(ch));
    }
    return actions;
  }

  #control(ch: string): EditorAction {
    switch (ch) {
      case '\r':
      case '\n':
        return this.submit();
      case '\x7f':
      case '\b':
        return this.backspace();
      case '\t':
        return { kind: 'complete' };
      case '\x03':
        return this.interrupt();
      case '\x0c':
        return { kind: 'clear-screen' };
      case '\x01':
        return this.move(0);
      case '\x05':
        return this.move(this.line.length);
      case '\x02':
        return this.move(this.cursor - 1);
      case '\x06':
        return this.move(this.cursor + 1);
      case '\x0b':
        return this.#set(this.line.slice(0, this.cursor), this.cursor);
      case '\x15':
        return this.#set(this.line.slice(this.cursor), 0);
      case '\x17':
        return this.deleteWordBackward();
      default:
        // Other control characters do nothing at a bash prompt we emulate.
        if (ch < ' ') return { kind: 'none' };
        return this.insert(ch);
    }
  }

  insert(text: string): EditorAction {
    return this.#set(this.line.slice(0, this.cursor) + text + this.line.slice(this.cursor), this.cursor + text.length);
  }

  /** Replaces line[start, cursor) with `text` (a completion). */
  replace(start: number, text: string): EditorAction {
    return this.#set(this.line.slice(0, start) + text + this.line.slice(this.cursor), start + text.length);
  }

  backspace(): EditorAction {
    if (this.cursor === 0) return { kind: 'none' };
    return this.#set(this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor), this.cursor - 1);
  }

  deleteForward(): EditorAction {
    if (this.cursor >= this.line.length) return { kind: 'none' };
    return this.#set(this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1), this.cursor);
  }

  deleteWordBackward(): EditorAction {
    const before = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '');
    return this.#set(before + this.line.slice(this.cursor), before.length);
  }

  move(to: number): EditorAction {
    const clamped = Math.max(0, Math.min(this.line.length, to));
    if (clamped === this.cursor) return { kind: 'none' };
    this.cursor = clamped;
    return { kind: 'redraw' };
  }

  recall(step: -1 | 1): EditorAction {
    if (this.history.length === 0) return { kind: 'none' };
    const from = this.#historyIndex ?? this.history.length;
    const to = Math.min(Math.max(from + step, 0), this.history.length);
    if (to === from) return { kind: 'none' };
    if (this.#historyIndex === null) this.#draft = this.line;
    this.#historyIndex = to === this.history.length ? null : to;
    const text = this.#historyIndex === null ? this.#draft : this.history[this.#historyIndex]!;
    this.line = text;
    this.cursor = text.length;
    return { kind: 'redraw' };
  }

  submit(): EditorAction {
    const line = this.line;
    this.#reset();
    return { kind: 'submit', line };
  }

  interrupt(): EditorAction {
    this.#reset();
    return { kind: 'interrupt' };
  }

  #reset(): void {
    this.line = '';
    this.cursor = 0;
    this.#historyIndex = null;
    this.#draft = '';
  }

  #set(line: string, cursor: number): EditorAction {
    this.line = line;
    this.cursor = cursor;
    return { kind: 'redraw' };
  }
}

/**
 * Escape sequences that redraw `prompt` + `line` from the prompt's first row
 * and leave the cursor at `cursor`, in a terminal `cols` wide, given that the
 * cursor is now `cursorRow` rows below the prompt's first row. `promptWidth`
 * is the prompt's visible width (it may carry colour codes). Returns the text
 * to write and the cursor's new row.
 */
export function redrawLine(
  prompt: string,
  promptWidth: number,
  line: string,
  cursor: number,
  cols: number,
  cursorRow: number,
): { text: string; cursorRow: number } {
  let text = cursorRow > 0 ? `\x1b[${cursorRow}A` : '';
  text += `\r\x1b[J${prompt}${line}`;
  const total = promptWidth + line.length;
  // After filling a row exactly, the cursor waits on its last column (pending wrap).
  const endRow = total > 0 && total % cols === 0 ? total / cols - 1 : Math.floor(total / cols);
  const target = promptWidth + cursor;
  const row = Math.floor(target / cols);
  const col = target % cols;
  if (row > endRow) text += '\r\n';
  else if (endRow > row) text += `\x1b[${endRow - row}A`;
  text += `\x1b[${col + 1}G`;
  return { text, cursorRow: row };
}
