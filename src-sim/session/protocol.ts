// The messages between a session client (the window) and the session server
// (a Web Worker in the app, or the same thread in tests): small, typed and
// structured-clone safe. Every request carries an id; the server answers each
// with one `result`, in order, and streams `output` while a line runs.
import type { CommandResult } from '../api.ts';
import type { CheckResult } from '../course/lessons/check-types.ts';
import type { Scenario } from '../scenario/types.ts';
import type { PowerAction } from '../step.ts';
import type { CompletionSource, FileBytes, LabDelta, OpenedFile, RunOutcome, SessionCursor, SessionSpec } from './lab-session.ts';

export type SessionRequest =
  /** `cursor`: answer with what changed since it (a rebuilt session continues the window's view), else everything since the setup. */
  | { type: 'open'; session: number; spec: SessionSpec; cursor?: SessionCursor }
  /** `live`: a command that runs until Ctrl-C, typed alone, is left running (the app's terminals). */
  | { type: 'run'; session: number; host: string; line: string; cursor: SessionCursor; live?: boolean }
  /** Ctrl-C at a host's terminal whose live line left a command running. */
  | { type: 'interrupt-foreground'; session: number; host: string; cursor: SessionCursor }
  | { type: 'sleep'; session: number; seconds: number; cursor: SessionCursor }
  /** A host's power button (src-sim/power.ts): journaled as a power step. */
  | { type: 'power'; session: number; host: string; action: PowerAction; cursor: SessionCursor }
  | { type: 'read-file'; session: number; host: string; path: string }
  /** A file's bytes, for the app to save on the learner's machine (a capture `tcpdump -w` wrote). */
  | { type: 'file-bytes'; session: number; host: string; path: string }
  | { type: 'write-file'; session: number; host: string; path: string; text: string; cursor: SessionCursor }
  | { type: 'completion-source'; session: number; host: string }
  | { type: 'verify-lesson'; session: number; lesson: string }
  | { type: 'pcapng'; session: number }
  | { type: 'saved-scenario'; session: number }
  | { type: 'close'; session: number };

/** What each request answers. */
export interface SessionReplies {
  open: { hostNames: string[]; setupResults: Array<{ host: string; run: string } & CommandResult>; delta: LabDelta; origin: SessionCursor };
  run: RunOutcome & { delta: LabDelta };
  sleep: { delta: LabDelta };
  'interrupt-foreground': { result: CommandResult; delta: LabDelta };
  power: { result: CommandResult; delta: LabDelta };
  'read-file': OpenedFile;
  'file-bytes': FileBytes;
  'write-file': { result: CommandResult; delta: LabDelta };
  'completion-source': CompletionSource;
  /** Messages: the window renders them in the language of the moment. */
  'verify-lesson': CheckResult[];
  pcapng: Uint8Array;
  'saved-scenario': { scenario: Scenario; seed: number };
  close: null;
}

/** Sent by the client before anything else: the shared Ctrl-C flag (when the page is cross-origin isolated). */
export interface SessionInit {
  type: 'init';
  /** Int32Array over a SharedArrayBuffer: Ctrl-C stores at index 0 the id of the request (a run or a sleep) it ends. */
  interruptFlag: Int32Array | null;
}

export type ClientMessage = (SessionRequest & { id: number }) | SessionInit;

export type ServerMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: string }
  /**
   * Terminal output of the running line, batched; `work` is its budget spent so far (for a rebuild after Ctrl-C).
   * With `host`: what a background job printed meanwhile in that host's terminal (another terminal than the line's).
   */
  | { type: 'output'; session: number; chunks: Array<[stream: 'stdout' | 'stderr', text: string]>; work: number; host?: string };
