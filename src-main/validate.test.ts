import { describe, expect, it } from 'vitest';
import { MAX_SAVE_BYTES } from './ipc-map.ts';
import { checkLanguage, checkOpenFile, checkSaveFile, checkStoreKey, checkStoreSave, noArgs } from './validate.ts';

describe('IPC argument checks', () => {
  it('accepts exactly the declared arguments', () => {
    expect(noArgs([])).toEqual([]);
    expect(() => noArgs([1])).toThrow('expected 0 arguments, got 1');
    expect(checkStoreKey(['progress'])).toEqual(['progress']);
    expect(() => checkStoreKey(['progress', 'x'])).toThrow('expected 1 argument, got 2');
    expect(checkStoreSave(['progress', '{}'])).toEqual(['progress', '{}']);
    expect(checkLanguage(['zh-CN'])).toEqual(['zh-CN']);
  });

  it('refuses store keys that are paths, and documents that are not text', () => {
    for (const key of ['../../.bashrc', '/etc/passwd', 'C:\\x', 'a.json', 'A', 42, null]) {
      expect(() => checkStoreKey([key]), String(key)).toThrow(/invalid document key/);
    }
    expect(() => checkStoreSave(['progress', { a: 1 }])).toThrow('the document must be JSON text');
  });

  it('refuses an unknown language', () => {
    expect(() => checkLanguage(['fr'])).toThrow('unknown language "fr" (expected "en" or "zh-CN")');
  });

  it('checks open requests: known purpose, boolean multiple, nothing else', () => {
    expect(checkOpenFile([{ purpose: 'results', multiple: true }])).toEqual([{ purpose: 'results', multiple: true }]);
    expect(checkOpenFile([{ purpose: 'pack' }])).toEqual([{ purpose: 'pack', multiple: false }]);
    expect(() => checkOpenFile([{ purpose: 'exe' }])).toThrow('unknown purpose "exe" (expected scenario, pack, results)');
    expect(() => checkOpenFile([{ purpose: 'pack', multiple: 'yes' }])).toThrow('multiple must be true or false');
    expect(() => checkOpenFile([{ purpose: 'pack', defaultPath: '/etc' }])).toThrow('open request: unknown property defaultPath');
  });

  it('checks save requests: a base name, sane filters, text or bytes within the limit', () => {
    const bytes = new Uint8Array([0x0a, 0x0d, 0x0d, 0x0a]);
    expect(checkSaveFile([{ suggestedName: 'capture.pcapng', filters: [{ name: 'pcapng', extensions: ['pcapng'] }], data: bytes }])).toEqual([
      { suggestedName: 'capture.pcapng', filters: [{ name: 'pcapng', extensions: ['pcapng'] }], data: bytes },
    ]);
    expect(checkSaveFile([{ suggestedName: '成绩 results.csv', data: 'a,b\n' }])).toEqual([{ suggestedName: '成绩 results.csv', data: 'a,b\n' }]);
    for (const name of ['../x.csv', '/tmp/x', 'a\\b', 'C:x', '.bashrc', '', 'x'.repeat(201), 'a\nb']) {
      expect(() => checkSaveFile([{ suggestedName: name, data: '' }]), name).toThrow(/suggestedName/);
    }
    expect(() => checkSaveFile([{ suggestedName: 'a.csv', data: 5 }])).toThrow('data must be text or bytes (Uint8Array)');
    expect(() => checkSaveFile([{ suggestedName: 'a.csv', data: '', filters: [{ name: 'CSV', extensions: ['.csv'] }] }])).toThrow(
      'filters[0].extensions: ".csv" is not an extension (letters and digits, no dot)',
    );
    expect(() => checkSaveFile([{ suggestedName: 'a.csv', data: '', path: '/etc/passwd' }])).toThrow('save request: unknown property path');
    expect(() => checkSaveFile([{ suggestedName: 'a.bin', data: new Uint8Array(MAX_SAVE_BYTES + 1) }])).toThrow(/data too large/);
    // Text is limited by its UTF-8 size: 22 M three-byte characters are 66 MB.
    expect(() => checkSaveFile([{ suggestedName: 'a.txt', data: '中'.repeat(22 * 1024 * 1024) }])).toThrow(/data too large/);
    expect(checkSaveFile([{ suggestedName: 'a.txt', data: 'a'.repeat(30 * 1024 * 1024) }])[0].suggestedName).toBe('a.txt');
  });
});
