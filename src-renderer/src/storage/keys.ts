// Document keys: the same rules in main (where a key becomes a file name) and in
// the browser (where it is an IndexedDB key), so a key that works in one works in both.

/**
 * Lower-case words joined by single hyphens, at most 64 characters:
 * `progress`, `leaderboard`, `challenge-results`, `lesson-3-notes`.
 * No dots, slashes or backslashes, so a key can never name a path outside the
 * store, nor collide with a `KEY.corrupt-N` document kept aside.
 */
export const STORE_KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_STORE_KEY_LENGTH = 64;

/**
 * Largest document: UTF-8 bytes of its JSON text, the unit of a file's size.
 * Reads and saves check the same limit in the same unit, so a document that
 * loads can be saved again.
 */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

/** Why a document's text cannot be stored, or null when it fits. */
export function documentSizeProblem(key: string, text: string): string | null {
  // Each UTF-16 code unit is at most 3 UTF-8 bytes: short texts need no count.
  if (text.length * 3 <= MAX_DOCUMENT_BYTES) return null;
  // Main and the renderer both import this module; TextEncoder is in both (and Node).
  const bytes = new TextEncoder().encode(text).length;
  return bytes > MAX_DOCUMENT_BYTES ? `${key}: document too large (${bytes} bytes, limit ${MAX_DOCUMENT_BYTES})` : null;
}

export function isStoreKey(key: unknown): key is string {
  return typeof key === 'string' && key.length <= MAX_STORE_KEY_LENGTH && STORE_KEY_PATTERN.test(key);
}

/** The error text for a rejected key, the same in every backend. */
export function invalidKeyMessage(key: unknown): string {
  const shown = typeof key === 'string' ? JSON.stringify(key.slice(0, 80)) : typeof key;
  return `invalid document key ${shown}: use lower-case letters, digits and single hyphens (at most ${MAX_STORE_KEY_LENGTH} characters)`;
}

/** The name a corrupt document is kept under: `progress.corrupt-1.json` (desktop) or `progress.corrupt-1` (browser). */
export function corruptName(key: string, n: number, extension = ''): string {
  return `${key}.corrupt-${n}${extension}`;
}
