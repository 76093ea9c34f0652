// The document store: small JSON documents (progress, leaderboard, results,
// settings) that survive restarts. Two backends share this interface: the
// desktop app's JSON files in the user-data folder (through IPC to main) and
// IndexedDB in the browser build. Pick one with `documentStore()` (./index.ts).

/**
 * Turns what was stored into a typed value, or throws an Error whose message
 * says what is wrong (it reaches the learner). A document that fails
 * validation is treated exactly like one that is not JSON: kept aside, reported.
 */
export type Validate<T> = (value: unknown) => T;

export type LoadResult<T> =
  | { status: 'ok'; value: T }
  /** Never saved (first start): use a default. */
  | { status: 'missing' }
  /**
   * The stored document was unreadable or invalid. It was moved aside (never
   * deleted) under `keptAs` — a file name in the desktop app, a record key in
   * the browser — so the next save starts fresh and nothing is lost.
   */
  | { status: 'corrupt'; keptAs: string; message: string };

export interface DocumentStore {
  /** Which backend this is, for the "where your data lives" line in the UI. */
  readonly kind: 'files' | 'indexeddb' | 'memory';
  load<T>(key: string, validate: Validate<T>): Promise<LoadResult<T>>;
  /** Replaces the whole document, atomically; rejects with a clear Error (bad key, too large, disk full). */
  save(key: string, value: unknown): Promise<void>;
}
