import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const env = vi.hoisted(() => ({ userData: '', workArea: { x: 0, y: 0, width: 1920, height: 1080 } }));
vi.mock('electron', () => ({
  app: { getPath: () => env.userData },
  screen: { getDisplayMatching: () => ({ workArea: env.workArea }) },
}));
const { loadBounds, rememberBounds } = await import('./window-state.ts');

beforeEach(async () => {
  env.userData = await mkdtemp(join(tmpdir(), 'ldl-window-'));
});
afterEach(async () => {
  await rm(env.userData, { recursive: true, force: true });
});

/** A window stand-in: records the close listener, reports fixed normal bounds. */
function fakeWindow(bounds: object): { close: () => void; win: Parameters<typeof rememberBounds>[0] } {
  let onClose = (): void => undefined;
  const win = { on: (_: string, l: () => void) => void (onClose = l), getNormalBounds: () => bounds };
  return { close: () => onClose(), win: win as unknown as Parameters<typeof rememberBounds>[0] };
}

describe('window size and position', () => {
  it('are written on close and read back on the next start', async () => {
    const { win, close } = fakeWindow({ x: 100, y: 50, width: 1000, height: 700 });
    rememberBounds(win);
    expect(loadBounds()).toBeUndefined();
    close();
    expect(JSON.parse(await readFile(join(env.userData, 'window-state.json'), 'utf8'))).toEqual({ x: 100, y: 50, width: 1000, height: 700 });
    expect(loadBounds()).toEqual({ x: 100, y: 50, width: 1000, height: 700 });
  });

  it('fall back to the default when the saved place is off every display (a monitor unplugged)', async () => {
    await writeFile(join(env.userData, 'window-state.json'), JSON.stringify({ x: 3000, y: 50, width: 800, height: 600 }));
    expect(loadBounds()).toBeUndefined();
  });

  it('fall back to the default for a damaged or implausible file', async () => {
    for (const text of ['{"x":1', '{"x":0,"y":0,"width":10,"height":10}', '{"x":"0","y":0,"width":800,"height":600}', 'null']) {
      await writeFile(join(env.userData, 'window-state.json'), text);
      expect(loadBounds(), text).toBeUndefined();
    }
  });
});
