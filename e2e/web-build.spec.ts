// The browser build as a classroom would deploy it: from a sub-path of some web
// server, with the learner's documents in IndexedDB.
import { test as base, type Page } from '@playwright/test';
import { build, type Rollup } from 'vite';
import { expect, requireChromium } from './fixtures.ts';
import { WorkspacePage } from './pages/workspace-page.ts';

requireChromium(base);

base('the build works from a sub-path of any server (relative asset URLs)', async ({ page, baseURL }) => {
  // The test server serves out/web at its root; this maps /courses/lvs/lab/* onto it,
  // the way a school's web server would serve the folder under a sub-path.
  const root = new URL(baseURL ?? '/');
  const mounted = new URL('courses/lvs/lab/', root);
  const outside: string[] = [];
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== root.origin) return route.abort();
    if (!url.pathname.startsWith(mounted.pathname)) {
      outside.push(url.pathname);
      return route.fulfill({ status: 404, body: 'outside the sub-path' });
    }
    return route.fulfill({ response: await route.fetch({ url: new URL(url.pathname.slice(mounted.pathname.length), root).href }) });
  });
  const failed: string[] = [];
  page.on('response', (r) => void (r.ok() || failed.push(`${r.status()} ${r.url()}`)));
  const errors: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(mounted.href);
  await new WorkspacePage(page).ready();
  expect(outside, 'requests that left the sub-path').toEqual([]);
  expect(failed, 'failed requests').toEqual([]);
  expect(errors).toEqual([]);
});

/** A renderer module alone, bundled as a global for a test page at the app's origin (IndexedDB is per origin). */
const bundles = new Map<string, string>();
async function bundle(entry: string, name: string): Promise<string> {
  const cached = bundles.get(entry);
  if (cached) return cached;
  const output = (await build({
    configFile: false,
    logLevel: 'warn',
    build: { write: false, minify: false, lib: { entry, formats: ['iife'], name, fileName: name } },
  })) as Rollup.RollupOutput[];
  const code = output[0]?.output[0]?.code ?? '';
  bundles.set(entry, code);
  return code;
}

async function openModulesPage(page: Page, baseURL: string | undefined): Promise<void> {
  const url = new URL('__modules-test.html', baseURL);
  const scripts = [
    await bundle('src-renderer/src/storage/index.ts', 'ldlStorage'),
    await bundle('src-renderer/src/desktop.ts', 'ldlDesktop'),
  ];
  const body = `<!doctype html><title>modules</title>${scripts.map((s) => `<script>${s}</script>`).join('')}<button id="save">save</button>`;
  await page.route(url.href, (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto(url.href);
}

declare global {
  interface Window {
    ldlStorage: typeof import('../src-renderer/src/storage/index.ts');
    ldlDesktop: typeof import('../src-renderer/src/desktop.ts');
  }
}

base('saveFile downloads bytes under the suggested name in the browser build', async ({ page, baseURL }) => {
  await openModulesPage(page, baseURL);
  await page.evaluate(() => {
    document.getElementById('save')!.onclick = () =>
      void window.ldlDesktop.saveFile({ suggestedName: 'capture-client.pcapng', data: new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a, 0xff]) });
  });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save')]);
  expect(download.suggestedFilename()).toBe('capture-client.pcapng');
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  expect([...Buffer.concat(chunks)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a, 0xff]);
});

base.describe('documents in IndexedDB', () => {
  base('are saved, survive a reload, and a corrupt one is kept aside, not lost', async ({ page, baseURL }) => {
    await openModulesPage(page, baseURL);
    const first = await page.evaluate(async () => {
      const store = await window.ldlStorage.documentStore();
      const parse = window.ldlStorage.guard((v: unknown): v is { done: string[] } => Array.isArray((v as { done?: unknown }).done), 'done must be a list');
      const before = await store.load('progress', parse);
      await store.save('progress', { done: ['lesson-1'] });
      return { kind: store.kind, before, after: await store.load('progress', parse) };
    });
    expect(first).toEqual({ kind: 'indexeddb', before: { status: 'missing' }, after: { status: 'ok', value: { done: ['lesson-1'] } } });

    await page.reload();
    const corrupt = await page.evaluate(async () => {
      const store = await window.ldlStorage.documentStore();
      const parse = window.ldlStorage.guard((v: unknown): v is { done: string[] } => Array.isArray((v as { done?: unknown }).done), 'done must be a list');
      const reloaded = await store.load('progress', parse);
      // Damage the record behind the store's back, as a crash or another program might.
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('lvs-dr-lab');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const raw = (mode: IDBTransactionMode) => db.transaction('documents', mode).objectStore('documents');
      await new Promise((resolve) => (raw('readwrite').put('{"done": [', 'progress').onsuccess = resolve));
      const damaged = await store.load('progress', parse);
      const kept = await new Promise((resolve) => {
        const get = raw('readonly').get('progress.corrupt-1');
        get.onsuccess = () => resolve(get.result);
      });
      return { reloaded, damaged, kept, afterwards: await store.load('progress', parse) };
    });
    expect(corrupt.reloaded).toEqual({ status: 'ok', value: { done: ['lesson-1'] } });
    expect(corrupt.damaged).toMatchObject({ status: 'corrupt', keptAs: 'progress.corrupt-1' });
    expect((corrupt.damaged as { message: string }).message).toMatch(/^not valid JSON: /);
    expect(corrupt.kept).toBe('{"done": [');
    expect(corrupt.afterwards).toEqual({ status: 'missing' });
  });
});
