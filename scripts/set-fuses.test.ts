// scripts/set-fuses.mjs asks for exactly the app's fuses (issue 16, item 5).
// No Electron binary can be downloaded here, so it runs, as a real process and
// through the real @electron/fuses, on a fake binary: bytes around Electron's
// fuse sentinel and a V1 wire of eight fuses set as Electron 41 ships them.
import { getCurrentFuseWire } from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = 0x31;
const DISABLE = 0x30;
/** Fuse order of wire V1: RunAsNode, EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable,
 * EnableNodeCliInspectArguments, EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar,
 * LoadBrowserProcessSpecificV8Snapshot, GrantFileProtocolExtraPrivileges. */
const SHIPPED = [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE];

const script = fileURLToPath(new URL('./set-fuses.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ldl-fuses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeElectron(name: string, withSentinel = true): string {
  const path = join(dir, name);
  const padding = Buffer.alloc(4096, 0x90);
  const wire = withSentinel ? Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, SHIPPED.length, ...SHIPPED])]) : Buffer.alloc(0);
  writeFileSync(path, Buffer.concat([padding, wire, padding]));
  return path;
}

const run = (...args: string[]): ReturnType<typeof spawnSync> =>
  spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('set-fuses', () => {
  it('turns off RunAsNode, NODE_OPTIONS and --inspect, turns on asar integrity, asar-only and cookie encryption, and leaves the rest', async () => {
    const binary = fakeElectron('electron');
    const result = run(binary);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('6 fuses set in 1 fuse wire(s)');
    const wire = await getCurrentFuseWire(binary);
    expect(wire).toEqual({
      version: '1',
      0: DISABLE, // RunAsNode
      1: ENABLE, // EnableCookieEncryption
      2: DISABLE, // EnableNodeOptionsEnvironmentVariable
      3: DISABLE, // EnableNodeCliInspectArguments
      4: ENABLE, // EnableEmbeddedAsarIntegrityValidation
      5: ENABLE, // OnlyLoadAppFromAsar
      6: SHIPPED[6], // LoadBrowserProcessSpecificV8Snapshot: not ours to set
      7: SHIPPED[7], // GrantFileProtocolExtraPrivileges: not ours to set
    });
  });

  it('fails with a clear message on a file that is not an Electron binary, and without an argument', () => {
    const notElectron = run(fakeElectron('not-electron', false));
    expect(notElectron.status).toBe(1);
    expect(notElectron.stderr).toContain('set-fuses: Could not find sentinel');
    const usage = run();
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: node scripts/set-fuses.mjs');
  });
});
