// Where the learner dragged the workspace's splitters: the terminal column's
// width and the topology's height, in CSS pixels, remembered in the document
// store so the next start looks the same. null: the default (CSS decides).
import type { DocumentStore } from '../storage/types.ts';

export const LAYOUT_KEY = 'workspace-layout';

export interface PaneSizes {
  /** Width of the column with the topology and the terminal. */
  left: number | null;
  /** Height of the topology above the terminal. */
  top: number | null;
}

export const DEFAULT_SIZES: PaneSizes = { left: null, top: null };

const size = (value: unknown): value is number | null => value === null || (typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 20_000);

/** The stored document, or an Error saying what is wrong with it (the store keeps a bad one aside). */
export function parsePaneSizes(value: unknown): PaneSizes {
  if (typeof value !== 'object' || value === null) throw new Error('workspace layout: expected an object');
  const { version, left, top } = value as Record<string, unknown>;
  if (version !== 1) throw new Error(`workspace layout: unsupported version ${JSON.stringify(version)} (expected 1)`);
  if (!size(left)) throw new Error('workspace layout: left must be null or a width in pixels');
  if (!size(top)) throw new Error('workspace layout: top must be null or a height in pixels');
  return { left, top };
}

/** `value` kept between `min` and `max` (max wins when the room is smaller than min). */
export function clampSize(value: number, min: number, max: number): number {
  return Math.round(Math.max(Math.min(value, max), Math.min(min, max)));
}

export class PaneLayout {
  sizes = $state.raw<PaneSizes>(DEFAULT_SIZES);
  readonly #store: Promise<DocumentStore>;
  #saving: Promise<void> = Promise.resolve();

  constructor(store: Promise<DocumentStore>) {
    this.#store = store;
    void this.#load();
  }

  async #load(): Promise<void> {
    const result = await (await this.#store).load(LAYOUT_KEY, parsePaneSizes);
    if (result.status === 'ok') this.sizes = result.value;
  }

  set(change: Partial<PaneSizes>): void {
    this.sizes = { ...this.sizes, ...change };
  }

  /** Saved when a drag or a key press ends, one save after another. */
  save(): Promise<void> {
    const document = { version: 1, ...this.sizes };
    this.#saving = this.#saving.then(async () => {
      try {
        await (await this.#store).save(LAYOUT_KEY, document);
      } catch (error) {
        console.warn('the workspace layout could not be saved:', error);
      }
    });
    return this.#saving;
  }
}
