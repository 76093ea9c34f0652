// Reactive view of one simulated lab. The simulator itself is plain,
// synchronous TypeScript; after every command this class copies what the UI
// shows (frames, trace, neighbour tables) into $state so Svelte re-renders.
import type { LabFrame, TraceEvent } from '../../src-sim/api.ts';
import { createLab } from '../../src-sim/lab.ts';
import type { NeighborRow, Scenario } from '../../src-sim/scenario/types.ts';

type Lab = ReturnType<typeof createLab>;

export interface TranscriptEntry {
  id: number;
  kind: 'command' | 'stdout' | 'stderr';
  text: string;
}

export class LabState {
  #lab: Lab;
  #nextEntryId = 0;

  readonly scenario: Scenario;
  readonly hostNames: readonly string[];
  selectedHost = $state('');
  /** Per host: what its terminal shows. Ctrl-L empties it; history survives. */
  transcripts = $state<Record<string, TranscriptEntry[]>>({});
  histories = $state<Record<string, string[]>>({});
  frames = $state.raw<readonly LabFrame[]>([]);
  trace = $state.raw<readonly TraceEvent[]>([]);
  neighbors = $state.raw<Record<string, NeighborRow[]>>({});
  selectedFrameId = $state<number | null>(null);

  selectedFrame = $derived(this.frames.find((f) => f.id === this.selectedFrameId) ?? null);
  selectedEvents = $derived(
    this.selectedFrameId === null ? [] : this.trace.filter((e) => e.frameId === this.selectedFrameId),
  );

  constructor(scenario: Scenario, seed = 1) {
    this.scenario = scenario;
    this.#lab = createLab(scenario, { seed });
    this.hostNames = [...this.#lab.hostNames];
    this.selectedHost = this.hostNames[0] ?? '';
    for (const host of this.hostNames) {
      this.transcripts[host] = [];
      this.histories[host] = [];
    }
    this.#refresh();
  }

  get now(): number {
    return this.#lab.now;
  }

  /** Runs one typed line on `host`, as its shell would, and records the output. */
  run(host: string, line: string): void {
    const transcript = this.transcripts[host] ?? [];
    this.#append(transcript, 'command', line);
    if (line.trim() !== '') this.histories[host]?.push(line);
    try {
      const result = this.#lab.run(host, line);
      if (result.stdout) this.#append(transcript, 'stdout', result.stdout);
      if (result.stderr) this.#append(transcript, 'stderr', result.stderr);
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

  // Copies, not the simulator's own arrays: it may mutate those in place, and
  // $state.raw only notices a new value.
  #refresh(): void {
    this.frames = [...this.#lab.frames];
    this.trace = [...this.#lab.trace];
    this.neighbors = Object.fromEntries(this.hostNames.map((h) => [h, [...this.#lab.neighbors(h)]]));
  }
}
