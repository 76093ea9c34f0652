// The session server: owns LabSessions and answers the protocol's requests.
// In the app it runs inside a Web Worker (src-renderer/src/session-worker.ts
// is three lines around it); in tests and the CLI the client calls it on the
// same thread. Output is batched (about one message per display frame), so a
// loop printing for minutes cannot flood the window.
import { checkLesson } from '../course/lessons/lesson-run.ts';
import { findLesson } from '../course/lessons/curriculum/index.ts';
import { LabSession } from './lab-session.ts';
import type { ClientMessage, ServerMessage, SessionReplies, SessionRequest } from './protocol.ts';

export interface ServerHost {
  post(message: ServerMessage): void;
  /** Wall-clock milliseconds (performance.now in a worker); only paces output batches. */
  wallClock(): number;
}

/** Output is sent at most about this often while a line runs (ms of wall time: 20 updates a second)… */
const FLUSH_INTERVAL_MS = 50;
/** …or as soon as this much text is waiting. */
const FLUSH_CHARS = 64 * 1024;

export function createSessionServer(host: ServerHost): (message: ClientMessage) => void {
  const sessions = new Map<number, LabSession>();
  let flag: Int32Array | null = null;
  /** The request being answered: Ctrl-C stores the id of the request it ends. */
  let answering = 0;
  // Atomics.load sees the window's store at once, while this thread is busy running the line.
  // An id, not a boolean: a Ctrl-C that arrives before its line starts here still ends it,
  // and a stale one can never end a later line, so nothing ever has to reset the flag.
  const interrupted = (): boolean => flag !== null && answering !== 0 && Atomics.load(flag, 0) === answering;

  const session = (id: number): LabSession => {
    const found = sessions.get(id);
    if (!found) throw new Error(`no session ${id}`);
    return found;
  };

  /** Output for one terminal (the running line's when `host` is null), sent in batches. */
  const batcher = (id: number, s: LabSession, target: string | null) => {
    let chunks: Array<['stdout' | 'stderr', string]> = [];
    let waiting = 0;
    let last = host.wallClock();
    const flush = (): void => {
      if (chunks.length === 0) return;
      host.post({ type: 'output', session: id, chunks, work: s.lab.budget.workDone, ...(target === null ? {} : { host: target }) });
      chunks = [];
      waiting = 0;
      last = host.wallClock();
    };
    const write = (stream: 'stdout' | 'stderr', text: string): void => {
      const previous = chunks.at(-1);
      if (previous && previous[0] === stream) previous[1] += text;
      else chunks.push([stream, text]);
      waiting += text.length;
      if (waiting >= FLUSH_CHARS || host.wallClock() - last >= FLUSH_INTERVAL_MS) flush();
    };
    return { write, flush };
  };

  /** Every host's terminal, for what background jobs print while a request runs elsewhere. */
  const otherTerminals = (id: number, s: LabSession) => {
    const batches = new Map<string, ReturnType<typeof batcher>>();
    return {
      write: (target: string, stream: 'stdout' | 'stderr', text: string): void => {
        let batch = batches.get(target);
        if (!batch) {
          batch = batcher(id, s, target);
          batches.set(target, batch);
        }
        batch.write(stream, text);
      },
      flush: (): void => {
        for (const batch of batches.values()) batch.flush();
      },
    };
  };

  const answer = <T extends SessionRequest['type']>(request: Extract<SessionRequest, { type: T }>): SessionReplies[T] => {
    const r = request as SessionRequest;
    switch (r.type) {
      case 'open': {
        const opened = new LabSession(r.spec, interrupted);
        sessions.set(r.session, opened);
        return { hostNames: [...opened.hostNames], setupResults: opened.setupResults, delta: opened.delta(r.cursor), origin: opened.origin } as SessionReplies[T];
      }
      case 'run': {
        const s = session(r.session);
        const out = batcher(r.session, s, null);
        const others = otherTerminals(r.session, s);
        const outcome = s.run(r.host, r.line, out.write, others.write, r.live === true);
        others.flush();
        out.flush();
        const { stdout: _stdout, stderr: _stderr, ...rest } = outcome;
        return { ...rest, delta: s.delta(r.cursor) } as SessionReplies[T];
      }
      case 'sleep': {
        const s = session(r.session);
        const others = otherTerminals(r.session, s);
        s.sleep(r.seconds, others.write);
        others.flush();
        return { delta: s.delta(r.cursor) } as SessionReplies[T];
      }
      case 'interrupt-foreground': {
        const s = session(r.session);
        const out = batcher(r.session, s, r.host);
        const others = otherTerminals(r.session, s);
        const result = s.interrupt(r.host, out.write, others.write);
        others.flush();
        out.flush();
        return { result: { exit: result.exit, stdout: '', stderr: '' }, delta: s.delta(r.cursor) } as SessionReplies[T];
      }
      case 'power': {
        const s = session(r.session);
        const result = s.power(r.host, r.action);
        return { result, delta: s.delta(r.cursor) } as SessionReplies[T];
      }
      case 'read-file':
        return session(r.session).readFile(r.host, r.path) as SessionReplies[T];
      case 'file-bytes':
        return session(r.session).fileBytes(r.host, r.path) as SessionReplies[T];
      case 'write-file': {
        const s = session(r.session);
        const result = s.writeFile(r.host, r.path, r.text);
        return { result, delta: s.delta(r.cursor) } as SessionReplies[T];
      }
      case 'completion-source':
        return session(r.session).completionSource(r.host) as SessionReplies[T];
      case 'verify-lesson': {
        const lesson = findLesson(r.lesson);
        if (!lesson) throw new Error(`no lesson ${r.lesson}`);
        const lab = session(r.session).lab;
        return checkLesson(lab, lesson) as SessionReplies[T];
      }
      case 'pcapng':
        return session(r.session).pcapng() as SessionReplies[T];
      case 'saved-scenario':
        return session(r.session).savedScenario() as SessionReplies[T];
      case 'close':
        sessions.delete(r.session);
        return null as SessionReplies[T];
    }
  };

  return (message) => {
    if (message.type === 'init') {
      flag = message.interruptFlag;
      return;
    }
    answering = message.id;
    try {
      host.post({ type: 'result', id: message.id, ok: true, value: answer(message) });
    } catch (error) {
      host.post({ type: 'result', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    } finally {
      answering = 0;
    }
  };
}
