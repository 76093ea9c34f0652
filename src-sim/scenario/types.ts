// The public, headless interface of the simulator: shared/contracts/scenario-v1.md.
// Field names and shapes here are the contract; do not change them.

import type { Step } from '../step.ts';
import type { HostOs } from '../host/os.ts';

export const SCENARIO_FORMAT = 'lvs-dr-lab/scenario@1';
export const OBSERVATION_FORMAT = 'lvs-dr-lab/observation@1';

export interface ScenarioInterface {
  name: string;
  /** Absent only for `lo`. */
  segment?: string;
  /** Absent only for `lo`. */
  mac?: string;
  /** May be empty or absent (the contract: "may be empty"); absent is the same as []. */
  addresses?: string[];
  /** false: boot with IFF_NOARP (`ip link set DEV arp off`); absent is true. */
  arp?: boolean;
}

export interface ScenarioHost {
  name: string;
  interfaces: ScenarioInterface[];
  routes?: string[];
  /** Applied in insertion order, as JSON object key order. */
  sysctl?: Record<string, string>;
  /** The distribution whose files the host boots with; Debian 12 when absent. */
  os?: HostOs;
}

/** A scenario's steps are the lab's steps (`{host, run}` / `{sleep}`). */
export type ScenarioStep = Step;

export interface Scenario {
  format: typeof SCENARIO_FORMAT;
  name?: string;
  hosts: ScenarioHost[];
  steps: ScenarioStep[];
}

export interface ObservedStep {
  index: number;
  host: string;
  run: string;
  exit: number;
  stdout: string;
  stderr: string;
}

export interface ObservedArpFrame {
  segment: string;
  t: number;
  ethSrc: string;
  ethDst: string;
  kind: 'arp';
  op: 'request' | 'reply';
  senderMac: string;
  senderIp: string;
  targetMac: string;
  targetIp: string;
}

export interface ObservedIpv4Frame {
  segment: string;
  t: number;
  ethSrc: string;
  ethDst: string;
  kind: 'ipv4';
  proto: 'icmp' | 'tcp' | 'udp' | string;
  src: string;
  dst: string;
  sport?: number;
  dport?: number;
  /** VRRP advertisements (proto "vrrp"), read from the packet's bytes (net/vrrp.ts). */
  vrrpVersion?: number;
  vrid?: number;
  /** 0: the master resigns. */
  priority?: number;
  advertInt?: number;
  /** 0 none, 1 simple password. */
  authType?: number;
  /** The virtual addresses the advertisement carries. */
  addresses?: string[];
}

export type ObservedFrame = ObservedArpFrame | ObservedIpv4Frame;

export interface NeighborRow {
  ip: string;
  dev: string;
  lladdr: string | null;
  state: string;
}

export interface Observation {
  format: typeof OBSERVATION_FORMAT;
  steps: ObservedStep[];
  frames: ObservedFrame[];
  neighbors: Record<string, NeighborRow[]>;
}
