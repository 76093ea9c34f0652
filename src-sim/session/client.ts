// The window's side of the session protocol: promises for requests, a
// callback for streamed output, and Ctrl-C.
//
// How Ctrl-C reaches a running line:
// - cross-origin isolated page (COOP/COEP headers: serve-web and the Vite
//   and electron-vite dev/preview servers send them): the client and the worker
//   share an Int32Array over a SharedArrayBuffer; Ctrl-C stores the id of
//   the run (or sleep) request it ends, and the line's budget checks compare
//   it with Atomics.load between two steps, so the line ends with ^C within
//   a few thousand cheap steps — or at its first step when Ctrl-C came
//   before the worker had started it;
// - otherwise (a page served without those headers, or the packaged
//   Electron app, which loads file:// and cannot be isolated) the worker cannot be
//   told while it is busy: the client terminates it, starts a new one and
//   rebuilds every session by replaying its journal. The simulator is
//   deterministic, and the interrupted line is replayed up to the budget work
//   it had reported with its last output, so the rebuilt lab is the lab that
//   was interrupted there.
import type { PowerAction, Step } from '../step.ts';
import type { LabDelta, SessionCursor, SessionSpec } from './lab-session.ts';
import type { ClientMessage, ServerMessage, SessionReplies, SessionRequest } from './protocol.ts';
import { createSessionServer } from './server.ts';

/** A Web Worker, or anything that talks like one. */
export interface SessionPort {
  postMessage(message: ClientMessage): void;
  onmessage: ((event: { data: ServerMessage }) => void) | null;
  terminate(): void;
}

export type OutputListener = (stream: 'stdout' | 'stderr', text: string) => void;
/** What a background job printed in a host's terminal while a request ran elsewhere. */
export type TerminalListener = (host: string, stream: 'stdout' | 'stderr', text: string) => void;

interface Pending {
  request: SessionRequest & { id: number };
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type Reply<T extends SessionRequest['type']> = SessionReplies[T];

export class SessionClient {
  readonly #start: () => SessionPort;
  readonly #flag: Int32Array | null;
  #port: SessionPort;
  #nextId = 1;
  #nextSession = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #sessions = new Map<number, RemoteSession>();
  readonly #listeners = new Map<number, OutputListener>();
  readonly #terminalListeners = new Map<number, TerminalListener>();
  /** Budget work reported with the running line's last output, per session. */
  readonly #work = new Map<number, number>();

  /**
   * `start` makes a server (a Web Worker in the app). `shared`: the page may
   * share memory with it (crossOriginIsolated), so Ctrl-C is a flag; without
   * it Ctrl-C restarts the worker.
   */
  constructor(start: () => SessionPort, shared: boolean) {
    this.#start = start;
    this.#flag = shared ? new Int32Array(new SharedArrayBuffer(4)) : null;
    this.#port = this.#connect();
  }

  /** A server on this thread: tests and the CLI (a line blocks until it ends). */
  static inProcess(): SessionClient {
    return new SessionClient(() => inProcessPort(), true);
  }

  /** Whether Ctrl-C is a shared flag (true) or a worker restart (false). */
  get sharesMemory(): boolean {
    return this.#flag !== null;
  }

  async open(spec: SessionSpec): Promise<RemoteSession> {
    const id = this.#nextSession++;
    const reply = await this.request({ type: 'open', session: id, spec });
    const session = new RemoteSession(this, id, spec, reply);
    this.#sessions.set(id, session);
    return session;
  }

  /** Ctrl-C: ends the session's line (or sleep) sent and not answered yet, running or about to run; nothing when there is none. */
  interrupt(session: number): void {
    const running = [...this.#pending.values()].find((p) => (p.request.type === 'run' || p.request.type === 'sleep') && p.request.session === session);
    if (!running) return;
    if (this.#flag) Atomics.store(this.#flag, 0, running.request.id);
    else this.#rebuild(running);
  }

  request<T extends SessionRequest['type']>(request: Extract<SessionRequest, { type: T }>): Promise<Reply<T>> {
    const id = this.#nextId++;
    const message = { ...request, id } as SessionRequest & { id: number };
    return new Promise<Reply<T>>((resolve, reject) => {
      this.#pending.set(id, { request: message, resolve: resolve as (value: unknown) => void, reject });
      this.#port.postMessage(message);
    });
  }

  listen(session: number, listener: OutputListener | null): void {
    if (listener) this.#listeners.set(session, listener);
    else this.#listeners.delete(session);
    this.#work.set(session, 0);
  }

  /** Background output of every host's terminal in the session, as it comes (null stops it). */
  watchTerminals(session: number, listener: TerminalListener | null): void {
    if (listener) this.#terminalListeners.set(session, listener);
    else this.#terminalListeners.delete(session);
  }

  forget(session: number): void {
    this.#sessions.delete(session);
    this.#listeners.delete(session);
    this.#terminalListeners.delete(session);
  }

  dispose(): void {
    this.#port.terminate();
    for (const p of this.#pending.values()) p.reject(new Error('session closed'));
    this.#pending.clear();
  }

  #connect(): SessionPort {
    const port = this.#start();
    port.onmessage = ({ data }) => this.#receive(data);
    port.postMessage({ type: 'init', interruptFlag: this.#flag });
    return port;
  }

  #receive(message: ServerMessage): void {
    if (message.type === 'output') {
      this.#work.set(message.session, message.work);
      if (message.host !== undefined) {
        const watcher = this.#terminalListeners.get(message.session);
        if (watcher) for (const [stream, text] of message.chunks) watcher(message.host, stream, text);
        return;
      }
      const listener = this.#listeners.get(message.session);
      if (listener) for (const [stream, text] of message.chunks) listener(stream, text);
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new Error(message.error));
  }

  /** Ctrl-C without shared memory: a new worker, every session replayed, the interrupted line stopped where it had got. */
  #rebuild(running: Pending): void {
    this.#port.onmessage = null;
    this.#port.terminate();
    const waiting = [...this.#pending.values()].filter((p) => p !== running);
    this.#pending.clear();
    this.#port = this.#connect();
    const interrupted = running.request;
    for (const session of this.#sessions.values()) {
      const journal = [...session.journal];
      let line: Step | null = null;
      if (interrupted.session === session.id) {
        const work = this.#work.get(session.id) ?? 0;
        line = interrupted.type === 'run' ? { host: interrupted.host, run: interrupted.line, ...(interrupted.live ? { live: true as const } : {}), interruptedAfter: work } : interrupted.type === 'sleep' ? { sleep: interrupted.seconds, interruptedAfter: work } : null;
        if (line) journal.push(line);
      }
      const reopened = this.request({ type: 'open', session: session.id, spec: { ...session.spec, journal }, cursor: session.cursor });
      if (interrupted.session !== session.id) continue;
      this.#listeners.get(session.id)?.('stdout', '^C\n');
      void reopened.then(
        (reply) => {
          const delta = { ...reply.delta };
          running.resolve(interrupted.type === 'run' ? { exit: 130, startedAt: session.now, interruptedAfter: line?.interruptedAfter ?? 0, delta } : { delta });
        },
        (error: Error) => running.reject(error),
      );
    }
    for (const p of waiting) {
      this.#pending.set(p.request.id, p);
      this.#port.postMessage(p.request);
    }
  }
}

/** One lab behind the protocol, as the window sees it. */
export class RemoteSession {
  readonly id: number;
  readonly spec: SessionSpec;
  readonly hostNames: readonly string[];
  readonly setupResults: SessionReplies['open']['setupResults'];
  /** The learner's steps, with where Ctrl-C landed: a fork or a rebuild replays them. */
  readonly journal: Step[] = [];
  /** What the window has seen of the lab's logs; each delta continues from it. */
  cursor: SessionCursor;
  /** The lab's virtual time at the last reply. */
  now: number;
  readonly first: LabDelta;
  readonly #client: SessionClient;

  constructor(client: SessionClient, id: number, spec: SessionSpec, opened: SessionReplies['open']) {
    this.#client = client;
    this.id = id;
    this.spec = spec;
    this.hostNames = opened.hostNames;
    this.setupResults = opened.setupResults;
    this.journal.push(...(spec.journal ?? []));
    this.first = opened.delta;
    this.cursor = opened.delta.cursor;
    this.now = opened.delta.now;
  }

  /**
   * Runs a line; `output` gets the terminal's text as it is produced. `live`: a
   * command that runs until Ctrl-C, typed alone, is left running (the reply
   * says `live`; its output then comes through `watchTerminals`).
   */
  async run(host: string, line: string, output?: OutputListener, live = false): Promise<SessionReplies['run']> {
    this.#client.listen(this.id, output ?? null);
    try {
      const reply = await this.#client.request({ type: 'run', session: this.id, host, line, cursor: this.cursor, ...(live ? { live } : {}) });
      this.journal.push({ host, run: line, ...(live ? { live: true as const } : {}), ...(reply.interruptedAfter === undefined ? {} : { interruptedAfter: reply.interruptedAfter }) });
      this.#advance(reply.delta);
      return reply;
    } finally {
      this.#client.listen(this.id, null);
    }
  }

  async sleep(seconds: number): Promise<LabDelta> {
    const reply = await this.#client.request({ type: 'sleep', session: this.id, seconds, cursor: this.cursor });
    this.journal.push({ sleep: seconds });
    this.#advance(reply.delta);
    return reply.delta;
  }

  /** A host's power button (Power cycle: `cycle`); journaled, so a rebuilt session powers it again. */
  async power(host: string, action: PowerAction): Promise<SessionReplies['power']> {
    const reply = await this.#client.request({ type: 'power', session: this.id, host, action, cursor: this.cursor });
    this.journal.push({ host, power: action });
    this.#advance(reply.delta);
    return reply;
  }

  interrupt(): void {
    this.#client.interrupt(this.id);
  }

  /** Ctrl-C at `host`'s terminal while a live line's command runs there: what it prints on its way out reaches `watchTerminals`. */
  async interruptForeground(host: string): Promise<SessionReplies['interrupt-foreground']> {
    const reply = await this.#client.request({ type: 'interrupt-foreground', session: this.id, host, cursor: this.cursor });
    this.journal.push({ host, interrupt: true });
    this.#advance(reply.delta);
    return reply;
  }

  /** What background jobs print in each host's terminal while lines run elsewhere or time passes. */
  watchTerminals(listener: TerminalListener | null): void {
    this.#client.watchTerminals(this.id, listener);
  }

  /** A file as the editor opens it (see LabSession.readFile). */
  readFile(host: string, path: string): Promise<SessionReplies['read-file']> {
    return this.#client.request({ type: 'read-file', session: this.id, host, path });
  }

  /** A file's bytes as the host holds them (binary files too), to save outside the lab. */
  fileBytes(host: string, path: string): Promise<SessionReplies['file-bytes']> {
    return this.#client.request({ type: 'file-bytes', session: this.id, host, path });
  }

  /** Saves a file as the editor does: journaled as a write step. */
  async writeFile(host: string, path: string, text: string): Promise<SessionReplies['write-file']> {
    const reply = await this.#client.request({ type: 'write-file', session: this.id, host, path, text, cursor: this.cursor });
    this.journal.push({ host, write: { path, text } });
    this.#advance(reply.delta);
    return reply;
  }

  completionSource(host: string): Promise<SessionReplies['completion-source']> {
    return this.#client.request({ type: 'completion-source', session: this.id, host });
  }

  /** A lesson's checks on this lab, evaluated once (checks never change the lab). */
  verifyLesson(lesson: string): Promise<SessionReplies['verify-lesson']> {
    return this.#client.request({ type: 'verify-lesson', session: this.id, lesson });
  }

  pcapng(): Promise<Uint8Array> {
    return this.#client.request({ type: 'pcapng', session: this.id });
  }

  savedScenario(): Promise<SessionReplies['saved-scenario']> {
    return this.#client.request({ type: 'saved-scenario', session: this.id });
  }

  /** The same lab with `change` made first and the learner's steps replayed ("what if"). */
  fork(change?: { host: string; run: string }): Promise<RemoteSession> {
    return this.#client.open({ ...this.spec, setup: [...(this.spec.setup ?? []), ...(change ? [change] : [])], journal: this.journal });
  }

  async close(): Promise<void> {
    this.#client.forget(this.id);
    await this.#client.request({ type: 'close', session: this.id });
  }

  #advance(delta: LabDelta): void {
    this.cursor = delta.cursor;
    this.now = delta.now;
  }
}

/** The server on this thread, answering after the caller's current task (as a worker would). */
function inProcessPort(): SessionPort {
  const port: SessionPort = {
    onmessage: null,
    postMessage: (message) => void Promise.resolve(message).then(serve),
    terminate: () => {
      port.onmessage = null;
    },
  };
  const serve = createSessionServer({ post: (message) => port.onmessage?.({ data: message }), wallClock: () => 0 });
  return port;
}
