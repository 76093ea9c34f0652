// The main process as wired by index.ts, run in Node against a recording fake
// of Electron (the real binary cannot be downloaded everywhere the tests run).
// It checks what the e2e cannot check without Electron: the window's options,
// that every channel is registered behind the sender check, the permission
// and request policies, and the document store end to end through IPC.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const state = {
    userData: '',
    handlers: new Map<string, Listener>(),
    appListeners: new Map<string, Listener[]>(),
    windows: [] as Array<{ options: Record<string, unknown>; loaded: string | undefined }>,
    permissionRequest: undefined as Listener | undefined,
    permissionCheck: undefined as Listener | undefined,
    beforeRequest: undefined as Listener | undefined,
    menu: undefined as unknown,
    privilegedSchemes: [] as unknown[],
    protocolHandlers: new Map<string, Listener>(),
    headersReceived: undefined as Listener | undefined,
    /** What the next open/save dialog "chooses". */
    nextOpen: { canceled: true, filePaths: [] as string[] },
    nextSave: { canceled: true, filePath: '' },
    saveOptions: undefined as unknown,
  };
  const on = (event: string, listener: Listener): void => {
    state.appListeners.set(event, [...(state.appListeners.get(event) ?? []), listener]);
  };
  class BrowserWindow {
    static getAllWindows = (): unknown[] => [];
    static getFocusedWindow = (): null => null;
    static fromWebContents = (): null => null;
    webContents = { send: () => undefined };
    record: { options: Record<string, unknown>; loaded: string | undefined };
    constructor(options: Record<string, unknown>) {
      this.record = { options, loaded: undefined };
      state.windows.push(this.record);
    }
    once(): void {}
    on(): void {}
    loadFile(file: string): Promise<void> {
      this.record.loaded = file;
      return Promise.resolve();
    }
    loadURL(url: string): Promise<void> {
      this.record.loaded = url;
      return Promise.resolve();
    }
    getNormalBounds(): unknown {
      return { x: 0, y: 0, width: 1280, height: 800 };
    }
  }
  const electron = {
    app: {
      isPackaged: true,
      requestSingleInstanceLock: () => true,
      enableSandbox: () => undefined,
      whenReady: () => Promise.resolve(),
      on,
      getPath: (name: string) => (name === 'userData' ? state.userData : '/nonexistent'),
      setPath: () => undefined,
      getVersion: () => '0.1.0',
      getLocale: () => 'en-US',
      quit: () => undefined,
      exit: () => undefined,
    },
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void state.privilegedSchemes.push(...schemes),
      handle: (scheme: string, h: Listener) => void state.protocolHandlers.set(scheme, h),
    },
    ipcMain: { handle: (channel: string, listener: Listener) => void state.handlers.set(channel, listener) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => void (state.permissionRequest = h),
        setPermissionCheckHandler: (h: Listener) => void (state.permissionCheck = h),
        setDevicePermissionHandler: () => undefined,
        webRequest: {
          onBeforeRequest: (h: Listener) => void (state.beforeRequest = h),
          onHeadersReceived: (h: Listener) => void (state.headersReceived = h),
        },
      },
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => void (state.menu = m) },
    screen: { getDisplayMatching: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }) },
    dialog: {
      showOpenDialog: async () => state.nextOpen,
      showSaveDialog: async (options: unknown) => {
        state.saveOptions = options;
        return state.nextSave;
      },
    },
  };
  return { state, electron };
});

vi.mock('electron', () => fake.electron);

const appPage = 'app://lab/index.html';
const event = (url: string, parent: unknown = null): unknown => ({ senderFrame: { url, parent }, sender: {} });
const invoke = async (channel: string, url: string, ...args: unknown[]): Promise<unknown> => {
  const handler = fake.state.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event(url), ...args);
};

beforeAll(async () => {
  fake.state.userData = await mkdtemp(join(tmpdir(), 'ldl-main-'));
  delete process.env['ELECTRON_RENDERER_URL'];
  delete process.env['LVS_LAB_USER_DATA'];
  await import('./index.ts');
  await new Promise((resolve) => setTimeout(resolve, 0)); // whenReady().then(...)
});
afterAll(async () => {
  await rm(fake.state.userData, { recursive: true, force: true });
});

describe('main process wiring', () => {
  it('opens one sandboxed, isolated window without Node or developer tools, on the built page', () => {
    expect(fake.state.windows).toHaveLength(1);
    const [win] = fake.state.windows;
    expect(win?.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    expect(String((win?.options['webPreferences'] as { preload: string }).preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(win?.loaded).toBe(appPage);
    expect(fake.state.menu).toBeDefined();
  });

  it('serves the renderer through app:// (standard, secure, fetch for the module worker), from out/renderer only', async () => {
    expect(fake.state.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const serve = fake.state.protocolHandlers.get('app');
    expect(serve).toBeDefined();
    // The built index.ts sits in out/main, so out/renderer is its sibling; here that is src-main/../renderer.
    const res = (await serve?.({ url: 'app://lab/../package.json' })) as Response;
    expect(res.status).toBe(403);
    expect(((await serve?.({ url: 'app://lab/no-such-file.js' })) as Response).status).toBe(404);
  });

  it('leaves app:// headers as the protocol sent them and adds the CSP to anything else', () => {
    const headersFor = (url: string): unknown => {
      let result: unknown;
      fake.state.headersReceived?.({ url, responseHeaders: {} }, (r: unknown) => (result = r));
      return result;
    };
    expect(headersFor('app://lab/index.html')).toEqual({});
    expect(headersFor('devtools://devtools/x')).toMatchObject({ responseHeaders: { 'Content-Security-Policy': [expect.stringContaining("default-src 'self'")] } });
  });

  it('registers every channel of the IPC map', () => {
    expect([...fake.state.handlers.keys()].sort()).toEqual(
      ['app:get-version', 'app:set-language', 'file:open', 'file:save', 'scenario:open', 'store:load', 'store:save', 'store:set-aside'].sort(),
    );
  });

  it('refuses calls from other pages and from frames inside the app page', async () => {
    for (const channel of fake.state.handlers.keys()) {
      await expect(invoke(channel, 'https://evil.example/'), channel).rejects.toThrow(`${channel}: refused a call from an unexpected sender`);
    }
    const handler = fake.state.handlers.get('app:get-version')!;
    expect(() => handler(event(appPage, { url: appPage }))).toThrow('refused a call from an unexpected sender');
    expect(() => handler(event('file:///tmp/out/renderer/index.html'))).toThrow('refused a call from an unexpected sender');
    expect(() => handler(event('app://lab/assets/index.js'))).toThrow('refused a call from an unexpected sender');
    expect(await invoke('app:get-version', appPage)).toBe('0.1.0');
  });

  it('stores documents in <userData>/documents through IPC, refusing bad keys', async () => {
    await invoke('store:save', appPage, 'progress', '{"done":["lesson-1"]}');
    expect(await readFile(join(fake.state.userData, 'documents', 'progress.json'), 'utf8')).toBe('{"done":["lesson-1"]}');
    expect(await invoke('store:load', appPage, 'progress')).toEqual({ status: 'ok', text: '{"done":["lesson-1"]}' });
    expect(await invoke('store:set-aside', appPage, 'progress')).toBe('progress.corrupt-1.json');
    expect(await invoke('store:load', appPage, 'progress')).toEqual({ status: 'missing' });
    await expect(invoke('store:load', appPage, '../window-state')).rejects.toThrow('store:load: invalid document key');
  });

  it('grants no permission but clipboard writes from the app page, and blocks remote requests', () => {
    const decide = (permission: string, url: string): boolean => {
      let granted: boolean | undefined;
      fake.state.permissionRequest?.({ getURL: () => url }, permission, (g: boolean) => (granted = g));
      return granted ?? false;
    };
    expect(decide('media', appPage)).toBe(false);
    expect(decide('notifications', appPage)).toBe(false);
    expect(decide('clipboard-read', appPage)).toBe(false);
    expect(decide('clipboard-sanitized-write', appPage)).toBe(true);
    expect(decide('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(decide('clipboard-sanitized-write', 'file:///tmp/index.html')).toBe(false);
    expect(fake.state.permissionCheck?.(null, 'clipboard-sanitized-write')).toBe(false);

    const cancelled = (url: string): boolean => {
      let cancel: boolean | undefined;
      const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      fake.state.beforeRequest?.({ url }, (r: { cancel: boolean }) => (cancel = r.cancel));
      spy.mockRestore();
      return cancel ?? false;
    };
    expect(cancelled(appPage)).toBe(false);
    expect(cancelled('app://lab/assets/index.js')).toBe(false);
    expect(cancelled('data:,')).toBe(false);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled(pathToFileURL(join(fileURLToPath(new URL('.', import.meta.url)), '../renderer/index.html')).href)).toBe(true);
    expect(cancelled('app://elsewhere/index.html')).toBe(true);
    expect(cancelled('https://cdn.example/x.js')).toBe(true);
    expect(cancelled('http://127.0.0.1:4173/')).toBe(true);
  });

  it('denies navigation, new windows and webviews in every web contents', () => {
    const listeners = new Map<string, (e: { preventDefault: () => void }) => void>();
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (name: string, l: (e: { preventDefault: () => void }) => void) => void listeners.set(name, l),
      setWindowOpenHandler: (h: () => { action: string }) => void (openHandler = h),
    };
    for (const l of fake.state.appListeners.get('web-contents-created') ?? []) l({}, contents);
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      const prevented = vi.fn();
      listeners.get(name)?.({ preventDefault: prevented });
      expect(prevented, name).toHaveBeenCalled();
    }
    expect(openHandler?.()).toEqual({ action: 'deny' });
  });

  it('saves text or bytes where the learner chose, atomically, and reports only the base name', async () => {
    const dir = join(fake.state.userData, 'exports');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    const pcap = new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a, 0, 1, 2, 255]);
    fake.state.nextSave = { canceled: false, filePath: join(dir, 'capture.pcapng') };
    const filters = [{ name: 'pcapng', extensions: ['pcapng'] }];
    expect(await invoke('file:save', appPage, { suggestedName: 'capture.pcapng', filters, data: pcap })).toEqual({ name: 'capture.pcapng' });
    expect(new Uint8Array(await readFile(join(dir, 'capture.pcapng')))).toEqual(pcap);
    expect(fake.state.saveOptions).toMatchObject({ filters, defaultPath: join('/nonexistent', 'capture.pcapng') });

    fake.state.nextSave = { canceled: false, filePath: join(dir, '成绩.csv') };
    expect(await invoke('file:save', appPage, { suggestedName: 'results.csv', data: 'name,score\nada,3\n' })).toEqual({ name: '成绩.csv' });
    expect(await readFile(join(dir, '成绩.csv'), 'utf8')).toBe('name,score\nada,3\n');
    expect((await readdir(dir)).sort()).toEqual(['capture.pcapng', '成绩.csv']);

    fake.state.nextSave = { canceled: true, filePath: '' };
    expect(await invoke('file:save', appPage, { suggestedName: 'x.txt', data: 'x' })).toBeNull();

    fake.state.nextSave = { canceled: false, filePath: join(dir, 'no-such-folder', 'x.txt') };
    await expect(invoke('file:save', appPage, { suggestedName: 'x.txt', data: 'x' })).rejects.toThrow(/^could not save x\.txt: ENOENT/);
  });

  it('opens scenario, pack and results files: text only, packs at most 1 MiB, results and gradebooks at most 4 MiB', async () => {
    const dir = join(fake.state.userData, 'imports');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    await writeFile(join(dir, 'a.json'), '{"a":1}');
    await writeFile(join(dir, 'b.json'), '{"b":2}');
    await writeFile(join(dir, 'big.json'), 'x'.repeat(1024 * 1024 + 1));
    await writeFile(join(dir, 'binary.json'), Buffer.from([0xff, 0xfe, 0x00]));

    fake.state.nextOpen = { canceled: false, filePaths: [join(dir, 'a.json'), join(dir, 'b.json')] };
    expect(await invoke('file:open', appPage, { purpose: 'results', multiple: true })).toEqual([
      { name: 'a.json', text: '{"a":1}' },
      { name: 'b.json', text: '{"b":2}' },
    ]);
    expect(await invoke('scenario:open', appPage)).toEqual({ name: 'a.json', text: '{"a":1}' });
    fake.state.nextOpen = { canceled: false, filePaths: [join(dir, 'big.json')] };
    await expect(invoke('file:open', appPage, { purpose: 'pack' })).rejects.toThrow('big.json is larger than 1 MiB');
    // A gradebook the app saved (up to 4 MiB) opens again; one byte more does not.
    expect(((await invoke('file:open', appPage, { purpose: 'results' })) as Array<{ text: string }>)[0]?.text.length).toBe(1024 * 1024 + 1);
    await writeFile(join(dir, 'huge.json'), 'x'.repeat(4 * 1024 * 1024 + 1));
    fake.state.nextOpen = { canceled: false, filePaths: [join(dir, 'huge.json')] };
    await expect(invoke('file:open', appPage, { purpose: 'results' })).rejects.toThrow('huge.json is larger than 4 MiB');
    fake.state.nextOpen = { canceled: false, filePaths: [join(dir, 'binary.json')] };
    await expect(invoke('file:open', appPage, { purpose: 'pack' })).rejects.toThrow('binary.json is not UTF-8 text');
    fake.state.nextOpen = { canceled: true, filePaths: [] };
    expect(await invoke('file:open', appPage, { purpose: 'scenario' })).toEqual([]);
    expect(await invoke('scenario:open', appPage)).toBeNull();
  });
});
