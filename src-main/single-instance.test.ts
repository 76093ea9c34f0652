// A second launch must not start a second lab (two windows writing the same
// documents): it quits at once, and the first instance brings its window forward.
import { expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({ quit: 0, handled: [] as string[], windows: 0, ready: 0 }));

vi.mock('electron', () => ({
  app: {
    isPackaged: true,
    requestSingleInstanceLock: () => false,
    quit: () => void (calls.quit += 1),
    on: () => undefined,
    whenReady: () => {
      calls.ready += 1;
      return Promise.resolve();
    },
    enableSandbox: () => undefined,
    setPath: () => undefined,
  },
  BrowserWindow: class {
    constructor() {
      calls.windows += 1;
    }
  },
  ipcMain: { handle: (channel: string) => void calls.handled.push(channel) },
  session: {},
  Menu: {},
  dialog: {},
  screen: {},
}));

it('quits without a window, IPC handlers or a menu when another instance holds the lock', async () => {
  await import('./index.ts');
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(calls).toEqual({ quit: 1, handled: [], windows: 0, ready: 0 });
});
