// Remembers the window's size and position in the user-data folder.
import { app, screen, type BrowserWindow, type Rectangle } from 'electron';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const DEFAULT: Rectangle = { x: 0, y: 0, width: 1280, height: 800 };

function statePath(): string {
  return join(app.getPath('userData'), 'window-state.json');
}

function isRectangle(value: unknown): value is Rectangle {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => Number.isInteger(r[k])) && (r['width'] as number) >= 400 && (r['height'] as number) >= 300;
}

/** Saved bounds when they are valid and still on a connected display; else undefined. */
export function loadBounds(): Rectangle | undefined {
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(statePath(), 'utf8'));
  } catch {
    return undefined; // First start, or a damaged file: use the default size.
  }
  if (!isRectangle(saved)) return undefined;
  const area = screen.getDisplayMatching(saved).workArea;
  const visible = saved.x < area.x + area.width && saved.x + saved.width > area.x && saved.y < area.y + area.height && saved.y + saved.height > area.y;
  return visible ? saved : undefined;
}

export function defaultBounds(): Pick<Rectangle, 'width' | 'height'> {
  return { width: DEFAULT.width, height: DEFAULT.height };
}

/** Writes the bounds when the window closes; tmp + fsync + rename so a crash never leaves half a file. */
export function rememberBounds(win: BrowserWindow): void {
  win.on('close', () => {
    const file = statePath();
    const tmp = `${file}.tmp`;
    try {
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, JSON.stringify(win.getNormalBounds()));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, file);
    } catch (error) {
      console.error('lvs-dr-lab: could not save the window size:', error);
    }
  });
}
