// The Web Worker the labs run in: the session server, fed by messages.
import { createSessionServer, type ClientMessage, type ServerMessage } from '../../src-sim/session/index.ts';

const scope = self as unknown as { postMessage(message: ServerMessage): void; onmessage: ((event: MessageEvent<ClientMessage>) => void) | null };
const serve = createSessionServer({ post: (message) => scope.postMessage(message), wallClock: () => performance.now() });
scope.onmessage = (event) => serve(event.data);
