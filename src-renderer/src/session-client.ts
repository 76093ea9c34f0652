// The one SessionClient of the window. In the app the labs run in a Web
// Worker (session-worker.ts), so a long command line never blocks the page;
// Ctrl-C is a shared flag when the page is cross-origin isolated (serve-web
// and the dev servers send COOP/COEP), a worker restart otherwise: a server
// without those headers, or the single-file build opened from file:// (see
// src-sim/session/client.ts). Where there is no Worker (unit tests in Node),
// the labs run on this thread.
import { SessionClient } from '../../src-sim/session/index.ts';
import { startLabWorker } from './start-lab-worker.ts';

let client: SessionClient | null = null;

export function sessionClient(): SessionClient {
  client ??= typeof Worker === 'undefined' ? SessionClient.inProcess() : new SessionClient(startLabWorker, globalThis.crossOriginIsolated === true);
  return client;
}

