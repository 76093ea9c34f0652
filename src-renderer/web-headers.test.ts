// The browser build cannot be framed by another site (issue 16, finding 6):
// frame-ancestors only works as a header, so serve-web sends the build's
// headers.json with every response.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../src-main/csp.ts';
import { webServerHeaders } from './csp-plugin.ts';

describe('web server headers', () => {
  it('are the <meta> policy plus frame-ancestors, X-Frame-Options and cross-origin isolation', () => {
    expect(webServerHeaders()).toEqual({
      'Content-Security-Policy': `${contentSecurityPolicy(false)}; frame-ancestors 'none'`,
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
  });

  it('are the ones the note for schools shows in its nginx example', () => {
    const note = readFileSync(join(import.meta.dirname, '..', 'docs', 'hosting-the-web-build.md'), 'utf8');
    for (const [name, value] of Object.entries(webServerHeaders())) expect(note).toContain(`add_header ${name} "${value}" always;`);
  });
});

describe('serve-web', () => {
  const root = mkdtempSync(join(tmpdir(), 'lvs-dr-lab-web-'));
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it('sends the build\'s headers with every file and every error', async () => {
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>lab</title>');
    writeFileSync(join(root, 'headers.json'), JSON.stringify(webServerHeaders()));
    server = spawn(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'serve-web.mjs'), '--root', root, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const address = await new Promise<string>((resolve, reject) => {
      server!.stdout!.on('data', (chunk: Buffer) => {
        const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(chunk));
        if (match) resolve(match[0]);
      });
      server!.once('exit', (code) => reject(new Error(`serve-web exited with ${code}`)));
    });
    for (const [path, status] of [['', 200], ['missing.js', 404], ['..%2f..%2fetc%2fpasswd', 403]] as const) {
      const response = await fetch(address + path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-security-policy'), path).toMatch(/; frame-ancestors 'none'$/);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('cross-origin-embedder-policy'), path).toBe('require-corp');
    }
  });
});
