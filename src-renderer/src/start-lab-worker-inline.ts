// The labs' Web Worker for the single-file build (vite.single.config.ts): its
// code is a string inside the page, started from a blob: URL (CSP worker-src
// blob:), so the page needs no other file, even when opened from file://.
// Each call makes a new blob URL, so a Ctrl-C restart gets a fresh worker.
import type { SessionPort } from '../../src-sim/session/index.ts';
import LabWorker from './session-worker.ts?worker&inline';

export function startLabWorker(): SessionPort {
  return new LabWorker({ name: 'lab-session' }) as unknown as SessionPort;
}
