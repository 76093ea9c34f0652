import { describe, expect, it } from 'vitest';
import { MAX_OPEN_BYTES, tooLargeMessage } from '../../../src-main/ipc-map.ts';
import { refusedAsTooLarge } from './open-refusal.ts';

describe('refusedAsTooLarge', () => {
  it('reads the file and the limit from the pickers\' sentence, with or without the IPC prefix', () => {
    expect(refusedAsTooLarge(new Error(tooLargeMessage('gradebook: week 5.json', 'results')))).toEqual({ file: 'gradebook: week 5.json', limit: '4 MiB' });
    expect(refusedAsTooLarge(new Error(`Error invoking remote method 'file:open': Error: ${tooLargeMessage('big.json', 'pack')}`))).toEqual({ file: 'big.json', limit: '1 MiB' });
  });

  it('is null for any other error', () => {
    expect(refusedAsTooLarge(new Error('big.json is not UTF-8 text'))).toBeNull();
    expect(refusedAsTooLarge('big.json is larger than 1 MiB')).toBeNull();
  });

  it('opens a results file or gradebook as large as the app writes one (4 MiB), scenarios and packs up to 1 MiB', () => {
    expect(MAX_OPEN_BYTES).toEqual({ scenario: 1024 * 1024, pack: 1024 * 1024, results: 4 * 1024 * 1024 });
  });
});
