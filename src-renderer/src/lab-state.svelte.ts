// Reactive view of one lab. The lab itself runs behind a LabSession (in a Web
// Worker in the app): this class sends it command lines, shows their output
// as it streams in, and keeps what the views show ($state) from the deltas
// the session answers with — new frames, trace events and capture rows
// appended, hosts and neighbour tables replaced. Nothing here reads the
// simulator directly.
import type { CaptureRow, CheckResult, CommandResult, CompletionSource, FileBytes, HostSnapshot, Step, LabDelta, LabFrame, RemoteSession, RunOutcome, Scenario, TraceEvent } from '../../src-sim/session/index.ts';
import { sessionClient } from './session-client.ts';

export interface LabStateOptions {
  seed?: number;
  /** Commands and sleeps run before the learner starts (a lesson's break); no transcript, frames hidden. */
  setup?: readonly Step[];
  /** Steps replayed after the setup without a transcript (a what-if fork). */
  journal?: readonly Step[];
}

export interface TranscriptEntry {
  /** Increasing: a terminal remembers how far it has shown by id, not by position (old entries go). */
  id: number;
  /** 'notice': a message from the workspace itself that is not an error (a host was power-cycled). */
  kind: 'command' | 'stdout' | 'stderr' | 'notice';
  text: string;
  /** Characters dropped from the front of `text` by the transcript's limit. */
  cut: number;
}

/** A command as a challenge transcript records it: when it started on the lab's clock. */
export interface TimedCommand {
  /** Virtual seconds since the lab booted. */
  t: number;
  host: string;
  run: string;
}

/** A file open in the editor panel: `vi`, `vim` or `nano FILE` typed in a host's terminal. */
export interface EditorBuffer {
  host: string;
  program: EditorProgram;
  /** As typed, for the editor's messages. */
  name: string;
  /** Absolute, against the shell's current directory. */
  path: string;
  /** The text as last read or saved. */
  saved: string;
  /** The file did not exist yet: vi says "[New]". */
  isNew: boolean;
}

export type EditorProgram = 'vi' | 'vim' | 'nano';

/** `vi FILE` as the app opens it in the editor panel: one editor, one plain file name, nothing else on the line. */
const EDIT_LINE = /^\s*(vi|vim|nano)\s+([\w./~+-][\w./+@-]*)\s*$/;

/** What a terminal keeps of its output (characters); older entries go first, like a scrollback. */
export const TRANSCRIPT_LIMIT = 200_000;

/** Replaced, never mutated: owners change only with a delta. */
const NO_OWNERS: ReadonlyMap<string, string> = Object.freeze(new Map<string, string>());

export class LabState {
  #session: RemoteSession | null = null;
  #nextEntryId = 0;
  /** Lines run one after another, in the order they were asked for (a lesson typing its solution). */
  #queue: Promise<unknown>;
  /** Hosts whose next line was interrupted before it started (bookkeeping, nothing on screen depends on it). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #interruptWhenStarted = new Set<string>();
  /** Hosts whose line left a command running in the foreground (`ping VIP`): its end gives the terminal its prompt back. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #live = new Map<string, () => void>();

  readonly scenario: Scenario;
  readonly seed: number;
  readonly setup: readonly Step[];
  readonly hostNames: readonly string[];
  /** Resolves when the lab has booted and run its setup. */
  readonly ready: Promise<void>;
  /** What each setup command printed, so a caller can report a broken setup (after `ready`). */
  setupResults: Array<{ host: string; run: string } & CommandResult> = [];
  /** Every line the learner ran, across hosts, in order. */
  readonly journal: Array<{ host: string; run: string }> = [];
  /** The same lines with their start on the lab's clock. */
  readonly timed: TimedCommand[] = [];
  selectedHost = $state('');
  /** Per host: what its terminal shows. Ctrl-L empties it; history survives. */
  transcripts = $state<Record<string, TranscriptEntry[]>>({});
  histories = $state<Record<string, string[]>>({});
  frames = $state.raw<readonly LabFrame[]>([]);
  trace = $state.raw<readonly TraceEvent[]>([]);
  hosts = $state.raw<Record<string, HostSnapshot>>({});
  selectedFrameId = $state<number | null>(null);
  /** Every captured frame as tcpdump prints it, with its kind and decoded frame. */
  captureRows = $state.raw<readonly CaptureRow[]>([]);
  /** MAC → "host dev"; refreshed because `ip link set dev … address` can change a MAC. */
  owners = $state.raw<ReadonlyMap<string, string>>(NO_OWNERS);
  /** Virtual seconds since boot. */
  now = $state(0);
  /** The host whose line is running, or null. */
  running = $state<string | null>(null);
  /** Lines asked for and not finished yet, per host (a terminal shows its prompt again at 0). */
  pending = $state<Record<string, number>>({});
  /**
   * Lines finished, per host. Counted apart from the transcript, which drops
   * its oldest entries (the command line itself first) once a flood of
   * output passes TRANSCRIPT_LIMIT.
   */
  finished = $state<Record<string, number>>({});
  /** The file open in the editor panel, or null. */
  editor = $state<EditorBuffer | null>(null);
  /** Bumped after every command, so views that derive from the lab re-render. */
  version = $state(0);

  selectedFrame = $derived(this.frames.find((f) => f.id === this.selectedFrameId) ?? null);
  selectedRow = $derived(this.captureRows.find((r) => r.id === this.selectedFrameId) ?? null);
  selectedEvents = $derived(
    this.selectedFrameId === null ? [] : this.trace.filter((e) => e.frameId === this.selectedFrameId),
  );

  constructor(scenario: Scenario, options: LabStateOptions = {}) {
    this.scenario = scenario;
    this.seed = options.seed ?? 1;
    this.setup = options.setup ?? [];
    this.hostNames = scenario.hosts.map((h) => h.name);
    this.selectedHost = this.hostNames[0] ?? '';
    for (const host of this.hostNames) {
      this.transcripts[host] = [];
      this.histories[host] = [];
    }
    for (const entry of options.journal ?? []) if ('run' in entry) this.journal.push({ host: entry.host, run: entry.run });
    // Plain copies: a $state proxy (a what-if change, a lesson's data) cannot cross to the worker.
    const spec = $state.snapshot({ scenario, seed: this.seed, setup: [...this.setup], journal: options.journal ? [...options.journal] : undefined });
    this.ready = sessionClient()
      .open(spec)
      .then((session) => {
        this.#session = session;
        this.setupResults = session.setupResults;
        // A job left running in one terminal (tcpdump … &) prints there while another terminal's line runs.
        session.watchTerminals((host, stream, text) => {
          const transcript = this.transcripts[host];
          if (transcript) this.#append(transcript, stream, text);
        });
        this.#apply(session.first, true);
      });
    this.#queue = this.ready;
  }

  /** Runs one line on `host` as its shell would; the transcript shows the output as it comes. */
  run(host: string, line: string): Promise<RunOutcome & { exit: number }> {
    const transcript = this.transcripts[host] ?? [];
    this.#append(transcript, 'command', line);
    if (line.trim() !== '') this.histories[host]?.push(line);
    this.pending[host] = (this.pending[host] ?? 0) + 1;
    const edit = EDIT_LINE.exec(line);
    if (edit) return this.#openEditor(host, edit[1] as EditorProgram, edit[2]!);
    let live: Promise<void> | null = null;
    const done = this.#queue.then(async () => {
      const session = this.#session!;
      this.running = host;
      let reply: Awaited<ReturnType<RemoteSession['run']>> | null = null;
      try {
        // Live: a command that runs until Ctrl-C (ping, tcpdump) keeps this terminal while the others work.
        const replied = session.run(host, line, (stream, text) => this.#append(this.transcripts[host] ?? transcript, stream, text), true);
        // Ctrl-C typed while this line waited its turn ends it as soon as it starts.
        if (this.#interruptWhenStarted.delete(host)) session.interrupt();
        reply = await replied;
        if (line.trim() !== '') {
          this.journal.push({ host, run: line });
          this.timed.push({ t: reply.startedAt, host, run: line });
        }
        if (reply.live) live = new Promise<void>((resolve) => this.#live.set(host, resolve));
        this.#apply(reply.delta, false);
        return reply;
      } finally {
        this.running = null;
        if (!reply?.live) this.#lineFinished(host);
      }
    });
    this.#queue = done.catch(() => undefined);
    // The next line waits for this one's reply, not for its live command: the terminal waits for that.
    return done.then(async (reply) => {
      if (live) await live;
      return reply;
    });
  }

  #lineFinished(host: string): void {
    this.pending[host] = (this.pending[host] ?? 1) - 1;
    this.finished[host] = (this.finished[host] ?? 0) + 1;
  }

  /**
   * `vi FILE`: opens the file in the editor panel instead of running the line
   * (the shell's own vi would only say it needs the app). The line is not
   * journaled; saving the file is (a write step).
   */
  #openEditor(host: string, program: EditorProgram, name: string): Promise<RunOutcome & { exit: number }> {
    const done = this.#queue.then(async () => {
      try {
        const opened = await this.#session!.readFile(host, name);
        if (opened.error !== null && opened.error !== 'ENOENT') {
          this.note(host, `${program}: ${name}: ${opened.error === 'EISDIR' ? 'Is a directory' : opened.error}`);
          return { exit: 1, startedAt: this.now };
        }
        this.editor = { host, program, name, path: opened.path, saved: opened.text, isNew: opened.error !== null };
        return { exit: 0, startedAt: this.now };
      } finally {
        this.pending[host] = (this.pending[host] ?? 1) - 1;
        this.finished[host] = (this.finished[host] ?? 0) + 1;
      }
    });
    this.#queue = done.catch(() => undefined);
    return done;
  }

  /** A file's bytes on `host` (a capture `tcpdump -w` wrote), to save on the learner's machine. */
  fileBytes(host: string, path: string): Promise<FileBytes> {
    return this.settled().then(() => this.#session!.fileBytes(host, path));
  }

  /** Saves the editor's text: a write step in the lab (replays and forks keep it). */
  saveEditor(text: string): Promise<CommandResult> {
    const buffer = this.editor;
    if (!buffer) return Promise.resolve({ exit: 1, stdout: '', stderr: '' });
    const done = this.#queue.then(async () => {
      const reply = await this.#session!.writeFile(buffer.host, buffer.path, text);
      if (reply.result.exit === 0 && this.editor === buffer) this.editor = { ...buffer, saved: text, isNew: false };
      this.#apply(reply.delta, false);
      return reply.result;
    });
    this.#queue = done.catch(() => undefined);
    return done;
  }

  closeEditor(): void {
    this.editor = null;
  }

  /** Ctrl-C on `host`'s terminal: ends its running line, or its next one if it is still waiting for another to finish. */
  interrupt(host: string): void {
    if (this.#live.has(host)) {
      const done = this.#queue.then(async () => this.#apply((await this.#session!.interruptForeground(host)).delta, false));
      this.#queue = done.catch(() => undefined);
    } else if (this.running === host) this.#session?.interrupt();
    else if ((this.pending[host] ?? 0) > 0) this.#interruptWhenStarted.add(host);
  }

  /**
   * The host's power button, pressed for a reset (Power cycle): the lab runs
   * until the host has booted again. A live command on it ends with it.
   */
  powerCycle(host: string): Promise<CommandResult> {
    const done = this.#queue.then(async () => {
      const reply = await this.#session!.power(host, 'cycle');
      this.#apply(reply.delta, false);
      return reply.result;
    });
    this.#queue = done.catch(() => undefined);
    return done;
  }

  /** Lets virtual time pass (a challenge keeps the lab's clock with the wall clock). */
  sleep(seconds: number): Promise<void> {
    const done = this.#queue.then(async () => this.#apply(await this.#session!.sleep(seconds), false));
    this.#queue = done.catch(() => undefined);
    return done;
  }

  /** Every line run so far has finished. */
  settled(): Promise<void> {
    return this.#queue.then(() => undefined);
  }

  completionSource(host: string): Promise<CompletionSource> {
    return this.ready.then(() => this.#session!.completionSource(host));
  }

  /**
   * A lesson's checks on the lab as it is now, evaluated once; the results are
   * messages for any language. `checked` is how many journal lines they saw:
   * the session handles requests in order, so lines run later are not in them.
   */
  verifyLesson(lesson: string): Promise<{ results: CheckResult[]; checked: number }> {
    return this.settled().then(async () => {
      const checked = this.journal.length;
      return { results: await this.#session!.verifyLesson(lesson), checked };
    });
  }

  /** The lines run after the first `checked` of the journal (read `version` so a view follows new lines). */
  linesAfter(checked: number): Array<{ host: string; run: string }> {
    void this.version;
    return this.journal.slice(checked);
  }

  /** Frames sent since the learner started, as a pcapng file. */
  pcapng(): Promise<Uint8Array> {
    return this.settled().then(() => this.#session!.pcapng());
  }

  /** The session as a scenario file: the lab's hosts and what was typed, with the time between. */
  savedScenario(): Promise<{ scenario: Scenario; seed: number }> {
    return this.settled().then(() => this.#session!.savedScenario());
  }

  /** "What if": the same lab and setup with `change` made first, every line of the learner replayed. */
  async forkWithChange(change: { host: string; run: string }): Promise<LabState> {
    await this.settled();
    const fork = new LabState(this.scenario, { seed: this.seed, setup: [...this.setup, { host: change.host, run: change.run }], journal: this.#session!.journal });
    await fork.ready;
    return fork;
  }

  /** Frees the lab in the worker (a new lab replaces this one). */
  dispose(): void {
    this.#stopClock();
    void this.settled().then(() => this.#session?.close());
  }

  /** Whether the lab's clock follows wall time while background jobs run (false: paused). */
  followsWallClock = $state(true);
  #clockTimer: ReturnType<typeof setInterval> | null = null;

  /** A clock step is on its way to the lab: the next waits for it (a slow step never piles them up). */
  #ticking = false;

  /**
   * While a background job runs (ping, tcpdump, sleep … &) or a live line's
   * command holds a terminal (`ping VIP`, `tcpdump -n -i eth0`), and nothing
   * else is asked of the lab, its clock goes on with wall time: a sleep step
   * of CLOCK_STEP_S every CLOCK_STEP_S, journaled like any, so forks replay it.
   */
  #followJobs(): void {
    const jobs = Object.values(this.hosts).some((h) => h.runningJobs > 0 || h.live !== null);
    if (!jobs || !this.followsWallClock) {
      this.#stopClock();
      return;
    }
    this.#clockTimer ??= setInterval(() => {
      // A terminal held by its live command counts its line as pending: that one does not stop the clock.
      const asked = Object.entries(this.pending).some(([host, n]) => n > (this.#live.has(host) ? 1 : 0));
      if (this.#ticking || this.running !== null || asked) return;
      this.#ticking = true;
      void this.sleep(CLOCK_STEP_S).finally(() => (this.#ticking = false));
    }, CLOCK_STEP_S * 1000);
  }

  #stopClock(): void {
    if (this.#clockTimer !== null) clearInterval(this.#clockTimer);
    this.#clockTimer = null;
  }

  /** The time controls: pause (or resume) the clock that background jobs run on. */
  setFollowsWallClock(follow: boolean): void {
    this.followsWallClock = follow;
    this.#followJobs();
  }

  /**
   * Shows a message from the workspace itself (not the simulated shell) in
   * `host`'s terminal: as error output (a file that cannot be opened), or as
   * a notice in the terminal's normal colour (what the workspace did).
   */
  note(host: string, text: string, kind: 'stderr' | 'notice' = 'stderr'): void {
    const transcript = this.transcripts[host];
    if (transcript) this.#append(transcript, kind, text.endsWith('\n') ? text : `${text}\n`);
  }

  clear(host: string): void {
    this.transcripts[host] = [];
  }

  selectFrame(id: number | null): void {
    this.selectedFrameId = id;
  }

  /** Output joins the entry before it when of the same kind: a long run is a few entries, not thousands. */
  #append(transcript: TranscriptEntry[], kind: TranscriptEntry['kind'], text: string): void {
    const last = transcript.at(-1);
    if (kind !== 'command' && last && last.kind === kind) last.text += text;
    else transcript.push({ id: this.#nextEntryId++, kind, text, cut: 0 });
    let size = 0;
    for (const entry of transcript) size += entry.text.length;
    while (size > TRANSCRIPT_LIMIT && transcript.length > 1) size -= transcript.shift()!.text.length;
    if (size > TRANSCRIPT_LIMIT) {
      const first = transcript[0]!;
      first.text = first.text.slice(size - TRANSCRIPT_LIMIT);
      first.cut += size - TRANSCRIPT_LIMIT;
    }
  }

  // New arrays, not pushes: $state.raw only notices a new value.
  #apply(delta: LabDelta, first: boolean): void {
    this.frames = first ? delta.frames : concat(this.frames, delta.frames);
    this.trace = first ? delta.trace : concat(this.trace, delta.trace);
    this.captureRows = first ? delta.captureRows : concat(this.captureRows, delta.captureRows);
    this.hosts = delta.hosts;
    // Replaced whole with every delta, never mutated: a plain Map in $state.raw is enough.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.owners = new Map(delta.owners);
    this.now = delta.now;
    this.version++;
    // A live line's command ended (Ctrl-C, or by itself): its terminal shows the prompt again.
    for (const [host, finish] of [...this.#live]) {
      if (this.hosts[host]?.live !== null) continue;
      this.#live.delete(host);
      this.#lineFinished(host);
      finish();
    }
    this.#followJobs();
  }
}

/** Virtual seconds the clock moves per wall-clock tick while background jobs run. */
const CLOCK_STEP_S = 0.25;

/** Frames, rows and events the window keeps; beyond it the oldest half goes (the session's deltas are bounded too). */
const VIEW_LIMIT = 50_000;

function concat<T>(old: readonly T[], added: readonly T[]): readonly T[] {
  if (added.length === 0) return old;
  const out = old.length + added.length > VIEW_LIMIT ? old.slice(Math.min(old.length, old.length + added.length - VIEW_LIMIT / 2)) : old.slice();
  for (const item of added) out.push(item);
  return out;
}
