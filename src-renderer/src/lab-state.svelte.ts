// Reactive view of one simulated lab. The simulator itself is plain,
// synchronous TypeScript; after every command this class copies what the UI
// shows (frames, trace, neighbour tables) into $state so Svelte re-renders.
// What was done (setup and the learner's steps) is the lab's own journal.
import type { CommandResult, LabFrame, TraceEvent } from '../../src-sim/api.ts';
import type { CapturedFrame } from '../../src-sim/net/pcapng.ts';
import { CaptureRows, macOwners, type CaptureRow } from './capture/capture-view.ts';
import { bootLab, type Lab } from '../../src-sim/lab.ts';
import type { NeighborRow, Scenario } from '../../src-sim/scenario/types.ts';
import type { Step } from '../../src-sim/step.ts';

export interface LabStateOptions {
  seed?: number;
  /** Commands and sleeps run before the learner starts (a lesson's break); no transcript, frames hidden. */
  setup?: readonly Step[];
}

export interface TranscriptEntry {
  id: number;
  kind: 'command' | 'stdout' | 'stderr';
  text: string;
}

/** Replaced, never mutated: the owners are recomputed after every command. */
const NO_OWNERS: ReadonlyMap<string, string> = Object.freeze(new Map<string, string>());

export class LabState {
  #lab: Lab;
  #nextEntryId = 0;

  readonly hostNames: readonly string[];
  selectedHost = $state('');
  /** Per host: what its terminal shows. Ctrl-L empties it; history survives. */
  transcripts = $state<Record<string, TranscriptEntry[]>>({});
  histories = $state<Record<string, string[]>>({});
  frames = $state.raw<readonly LabFrame[]>([]);
  trace = $state.raw<readonly TraceEvent[]>([]);
  neighbors = $state.raw<Record<string, NeighborRow[]>>({});
  selectedFrameId = $state<number | null>(null);
  /** Every captured frame as tcpdump prints it, with its kind and decoded frame. */
  captureRows = $state.raw<readonly CaptureRow[]>([]);
  /** MAC → "host dev"; refreshed because `ip link set dev … address` can change a MAC. */
  owners = $state.raw<ReadonlyMap<string, string>>(NO_OWNERS);
  readonly #rows = new CaptureRows();

  selectedFrame = $derived(this.frames.find((f) => f.id === this.selectedFrameId) ?? null);
  selectedRow = $derived(this.captureRows.find((r) => r.id === this.selectedFrameId) ?? null);
  selectedEvents = $derived(
    this.selectedFrameId === null ? [] : this.trace.filter((e) => e.frameId === this.selectedFrameId),
  );

  /** Boots `scenario` and runs the setup silently; or shows `lab` (a fork) as it is, its setup hidden. */
  constructor(scenario: Scenario | Lab, options: LabStateOptions = {}) {
    // capture: the lab keeps every frame as sent, for pcapng export.
    this.#lab = 'format' in scenario ? bootLab(scenario, options.setup ?? [], { seed: options.seed ?? 1, capture: true }) : scenario;
    this.hostNames = [...this.#lab.hostNames];
    this.selectedHost = this.hostNames[0] ?? '';
    for (const host of this.hostNames) {
      this.transcripts[host] = [];
      this.histories[host] = [];
    }
    this.#refresh();
  }

  get seed(): number {
    return this.#lab.origin?.options.seed ?? 1;
  }

  /** The learner's steps since the setup, in order across hosts. */
  get journal(): Step[] {
    return this.#lab.learnerSteps;
  }

  get now(): number {
    return this.#lab.now;
  }

  /** The simulator itself, for checks (a lesson's goal) and for reading host state. */
  get sim(): Lab {
    return this.#lab;
  }

  /** Frames as sent since the learner started, for pcapng export. */
  get captured(): readonly CapturedFrame[] {
    return this.#lab.captured.slice(this.#lab.start.captured);
  }

  /** Bumped after every command, so views that read the simulator directly re-render. */
  version = $state(0);

  /** Runs one typed line on `host`, as its shell would, and records the output. */
  run(host: string, line: string): CommandResult {
    const transcript = this.transcripts[host] ?? [];
    this.#append(transcript, 'command', line);
    if (line.trim() !== '') this.histories[host]?.push(line);
    try {
      const result = this.#lab.run(host, line);
      if (result.stdout) this.#append(transcript, 'stdout', result.stdout);
      if (result.stderr) this.#append(transcript, 'stderr', result.stderr);
      return result;
    } finally {
      this.#refresh();
    }
  }

  /** Shows a message from the workspace itself (not the simulated shell) as error output. */
  note(host: string, text: string): void {
    const transcript = this.transcripts[host];
    if (transcript) this.#append(transcript, 'stderr', text.endsWith('\n') ? text : `${text}\n`);
  }

  clear(host: string): void {
    this.transcripts[host] = [];
  }

  selectFrame(id: number | null): void {
    this.selectedFrameId = id;
  }

  #append(transcript: TranscriptEntry[], kind: TranscriptEntry['kind'], text: string): void {
    transcript.push({ id: this.#nextEntryId++, kind, text });
  }

  // Frames and trace from booting and setup are hidden: the UI starts at `lab.start`.
  // Copies, not the simulator's own arrays: it may mutate those in place, and
  // $state.raw only notices a new value.
  #refresh(): void {
    this.frames = this.#lab.frames.slice(this.#lab.start.frames);
    this.captureRows = [...this.#rows.extend(this.#lab.captured.slice(this.#lab.start.captured))];
    this.owners = macOwners(this.#lab);
    this.trace = this.#lab.trace.slice(this.#lab.start.trace);
    this.version++;
    this.neighbors = Object.fromEntries(this.hostNames.map((h) => [h, [...this.#lab.neighbors(h)]]));
  }
}
