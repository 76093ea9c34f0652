// app:// serves out/renderer and nothing else (issue 16, item 5): checked on a
// real folder with a secret beside it, through the same node:fs reader index.ts uses.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, appProtocolResponse, contentTypeOf, isAppPageUrl } from './app-protocol.ts';
import { webServerHeaders } from './csp.ts';

let base = '';
let root = '';
const reads: string[] = [];
const reader = async (path: string): Promise<Uint8Array> => {
  reads.push(path);
  return readFile(path);
};
const get = (url: string): Promise<Response> => appProtocolResponse(url, root, reader);

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'ldl-app-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>lab</title>');
  await writeFile(join(root, 'assets', 'index-Ab12.js'), 'export {};');
  await writeFile(join(root, 'assets', 'session.worker-Cd34.js'), 'self.onmessage = () => {};');
  await writeFile(join(root, 'assets', 'index-Ef56.css'), 'body{}');
  await writeFile(join(base, 'secret.txt'), 'the teacher key');
  await writeFile(join(base, 'renderer-secret.txt'), 'sibling folder sharing the prefix');
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('app:// protocol', () => {
  it('serves the page, scripts, the worker and styles with their types and the app headers', async () => {
    const cases: Array<[string, string, string]> = [
      [APP_INDEX_URL, 'text/html; charset=utf-8', '<!doctype html><title>lab</title>'],
      ['app://lab/', 'text/html; charset=utf-8', '<!doctype html><title>lab</title>'],
      ['app://lab/assets/index-Ab12.js', 'text/javascript; charset=utf-8', 'export {};'],
      ['app://lab/assets/session.worker-Cd34.js?worker_file&type=module', 'text/javascript; charset=utf-8', 'self.onmessage = () => {};'],
      ['app://lab/assets/index-Ef56.css', 'text/css; charset=utf-8', 'body{}'],
    ];
    for (const [url, type, body] of cases) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type'), url).toBe(type);
      expect(await res.text(), url).toBe(body);
      for (const [name, value] of Object.entries(webServerHeaders())) expect(res.headers.get(name), `${url} ${name}`).toBe(value);
    }
  });

  it('sends cross-origin isolation and frame-ancestors on refusals too', async () => {
    const res = await get('app://lab/nothing-here.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('refuses every spelling of a path outside the build, without reading it', async () => {
    reads.length = 0;
    const hostile = [
      'app://lab/../secret.txt',
      'app://lab/assets/../../secret.txt',
      'app://lab/%2e%2e/secret.txt',
      'app://lab/%2E%2E/secret.txt',
      'app://lab/.%2e/secret.txt',
      'app://lab/..%2fsecret.txt',
      'app://lab/..%5csecret.txt',
      'app://lab/..\\secret.txt',
      'app://lab/assets\\..\\..\\secret.txt',
      'app://lab/index.html%00.js',
      'app://lab/index.html\0',
      `app://lab/${join(base, 'secret.txt')}`,
      `app://lab//${join(base, 'secret.txt')}`,
      'app://lab/C:/Windows/win.ini',
      'app://lab/%E0%A4%A',
      'app://lab/.hidden',
      'app://lab/assets/',
    ];
    for (const url of hostile) {
      const res = await get(url);
      expect([403, 404], url).toContain(res.status);
      expect(await res.text(), url).not.toContain('teacher');
    }
    expect(reads).toEqual([]);
  });

  it('answers only its own host and scheme', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('file:///etc/passwd')).status).toBe(404);
    expect((await get('not a url')).status).toBe(404);
  });

  it('answers 404, not an error, for a folder or a missing file', async () => {
    expect((await get('app://lab/assets')).status).toBe(404);
    expect((await get('app://lab/missing.html')).status).toBe(404);
  });

  it('names content types by extension, bytes for anything unknown', () => {
    expect(contentTypeOf('a/b.MJS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('font.woff2')).toBe('font/woff2');
    expect(contentTypeOf('x.wasm')).toBe('application/wasm');
    expect(contentTypeOf('LICENSE')).toBe('application/octet-stream');
  });

  it('knows the app page from everything else', () => {
    expect(isAppPageUrl(APP_INDEX_URL)).toBe(true);
    expect(isAppPageUrl('app://lab/index.html#lesson-3')).toBe(true);
    expect(isAppPageUrl('app://lab/assets/index-Ab12.js')).toBe(false);
    expect(isAppPageUrl('app://evil/index.html')).toBe(false);
    expect(isAppPageUrl('file:///index.html')).toBe(false);
    expect(isAppPageUrl('https://lab/index.html')).toBe(false);
  });
});
