// What the renderer, the CLI and tests use from the simulator.
import type { TraceKey, TraceParams } from './i18n/trace.ts';
import type { ObservedFrame } from './scenario/types.ts';

export type Lang = 'en' | 'zh-CN';

export interface CommandResult {
  exit: number;
  stdout: string;
  stderr: string;
}

/** A frame as recorded on a segment, with a stable id for the UI. */
export type LabFrame = ObservedFrame & { id: number };

/**
 * One decision the simulated kernel made, e.g. "rs1 did not answer who-has …".
 * `key` names the rule; `params` carries the values; `describeEvent` renders it.
 */
export interface TraceEvent {
  id: number;
  /** Seconds of virtual time since the lab started. */
  t: number;
  host: string;
  key: TraceKey;
  params: TraceParams;
  /** The frame that caused this decision, when there is one. */
  frameId?: number;
}
