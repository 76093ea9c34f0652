// The one SessionClient of the window. In the app the labs run in a Web
// Worker (session-worker.ts), so a long command line never blocks the page;
// Ctrl-C is a shared flag when the page is cross-origin isolated (serve-web
// and the dev servers send COOP/COEP), a worker restart otherwise, as in the
// packaged Electron app, which loads file:// (see
// src-sim/session/client.ts). Where there is no Worker (unit tests in Node),
// the labs run on this thread.
import { SessionClient, type SessionPort } from '../../src-sim/session/index.ts';

let client: SessionClient | null = null;

export function sessionClient(): SessionClient {
  client ??= typeof Worker === 'undefined' ? SessionClient.inProcess() : new SessionClient(startWorker, globalThis.crossOriginIsolated === true);
  return client;
}

function startWorker(): SessionPort {
  return new Worker(new URL('./session-worker.ts', import.meta.url), { type: 'module', name: 'lab-session' }) as unknown as SessionPort;
}
