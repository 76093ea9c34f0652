// Starts the labs' Web Worker from its own file next to the page (the web build,
// the desktop app). The single-file build swaps this module for
// start-lab-worker-inline.ts (vite.single.config.ts), since a page opened from
// file:// may not load a worker script from a file.
import type { SessionPort } from '../../src-sim/session/index.ts';

export function startLabWorker(): SessionPort {
  return new Worker(new URL('./session-worker.ts', import.meta.url), { type: 'module', name: 'lab-session' }) as unknown as SessionPort;
}
