import { describe, expect, it } from 'vitest';
import { createDocumentStore, memoryBackend } from '../storage/document-store.ts';
import { clampSize, LAYOUT_KEY, PaneLayout, parsePaneSizes } from './pane-layout.svelte.ts';

describe('pane sizes', () => {
  it('reads what it saves and refuses what is not a layout', () => {
    expect(parsePaneSizes({ version: 1, left: 740, top: null })).toEqual({ left: 740, top: null });
    expect(() => parsePaneSizes({ version: 2, left: 1, top: 1 })).toThrow(/version/);
    expect(() => parsePaneSizes({ version: 1, left: -5, top: null })).toThrow(/left/);
    expect(() => parsePaneSizes({ version: 1, left: null, top: 'tall' })).toThrow(/top/);
    expect(() => parsePaneSizes(null)).toThrow(/object/);
  });

  it('clamps a drag between the limits; too little room gives the room', () => {
    expect(clampSize(100, 320, 900)).toBe(320);
    expect(clampSize(1000, 320, 900)).toBe(900);
    expect(clampSize(500.4, 320, 900)).toBe(500);
    expect(clampSize(500, 320, 200)).toBe(200);
  });

  it('remembers the sizes in the document store for the next start', async () => {
    const store = Promise.resolve(createDocumentStore(memoryBackend()));
    const first = new PaneLayout(store);
    first.set({ left: 812 });
    await first.save();
    expect(await (await store).load(LAYOUT_KEY, parsePaneSizes)).toEqual({ status: 'ok', value: { left: 812, top: null } });
    const next = new PaneLayout(store);
    await expect.poll(() => next.sizes.left).toBe(812);
  });
});
