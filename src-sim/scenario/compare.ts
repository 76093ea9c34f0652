// Compares a simulator observation with one or more kernel observations of the
// same scenario, exactly as shared/contracts/scenario-v1.md says: revision 1
// ("How two observations are compared", below) or, by default, revision 2
// ("Comparison, revision 2"), which keeps every rule of revision 1 and also
// compares what arping, ping, ip addr/link, ifconfig, route -n, ip route get,
// arp -n and curl print, normalised as output-rules.ts says, and the stderr of
// every step that fails. Under revision 2 each step's normalised stdout is one
// item and the stderr of a failing step another; an item the kernel runs do
// not agree on is a race and left out (for arping, whose replies may come in
// either order, the set of reply lines and the other lines are then compared
// as two smaller items). docs/scenario-format.md says it in the project's words.
// Pure TypeScript, no Node imports.
//
// Revision 1:
// - per step: the same exit status; for `ip route show` (`ip route`, `ip r`,
//   `ip route list …`), `sysctl K` / `sysctl -n K`, `cat /proc/...` the same
//   stdout with white space folded; for neighbour listings (`ip neigh show`,
//   `ip neigh`, `ip n …`, `arp -n`, `cat /proc/net/arp`) the same *set* of
//   lines (white space folded); for `sysctl -a` every line the simulator prints
//   must be one Linux prints; for `arping` the same set of "… reply from IP
//   [MAC]" lines, timings stripped; for `curl` (alone on the line, or the
//   curls of a `for … in …; do curl …; done` loop) what it
//   prints that does not depend on the clock or the ephemeral port: stdout
//   without `Date:` header lines (not compared when -w names a time_, speed_
//   or local_port variable), and with -s the stderr message, the number of
//   milliseconds in "after N ms" / "after N milliseconds" left out (-v: stdout
//   only); anything else: the exit status only. The contract lists no rule for
//   curl, so this is stricter than it, never looser: the body (which server
//   answered), http_code, remote_ip and curl's error are what LVS lessons
//   turn on, and Linux prints them deterministically.
// - frames: per segment, the same multiset of ARP frames (op, ethDst, sender
//   and target addresses) and of IPv4 frames (ethSrc, ethDst, proto, src, dst).
//   TCP segments are IPv4 frames like any other: their number per (segment,
//   ethSrc, ethDst, src, dst) must be Linux's, which is deterministic once the
//   simulator sends ACKs as Linux does (host/tcp/stack.ts: quick ACKs at the
//   start of a connection, delayed ACKs riding on a reply or FIN within
//   40 ms). Ports and flags are not part of the contract's frame and are not
//   compared (ephemeral ports are random in both). What stays timing-
//   dependent in Linux, and is therefore kept out of the scenarios rather
//   than loosened here: a retransmission (SYN at 0, 1, 2, 3, 4, 5, 7, 11 s;
//   ARP probe every 1 s) within a few ms of a curl -m deadline, of the end
//   of the run, or of a router's neighbour entry failing (Linux 6.18 once
//   queued the SYN sent at 3 s behind a FAILED entry and once not: a 4th ARP
//   request and one ICMP fewer; timers of both are rounded up by the timer
//   wheel by up to 32 ms per second-long period); the delayed ACK of a FIN when the peer program takes longer
//   than 40 ms to close; which end closes first after "Connection: close"
//   (the server's FIN and the client's close() race); and the DELAY → PROBE
//   decision when TCP confirms a neighbour within the timer wheel's slack
//   (up to 256 ms at HZ=250) of the DELAY timer's nominal expiry.
// - neighbour tables: the same entries (ip, dev, lladdr, state) per host.
// - every item on which the kernel runs (different bridge port orders) disagree
//   is a race: it is left out of the comparison and listed in `excluded`.
import { arpTable, socketTable, arpingAnswerLines, arpingLines, arpingOtherLines, curlLines, curlOptions, failingStderr, fold, ifconfigLines, ipListingLines, lineByLine, outputClass, pingLines, type OutputClass } from './output-rules.ts';
import { pipelineLines, pipelineRule, type PipelineRule } from './pipeline-rule.ts';
import { compareVrrp, isVrrpObservation, otherFrames } from './compare-vrrp.ts';
import { terminalItems, terminalSteps } from './compare-jobs.ts';
import type { NeighborRow, Observation, ObservedFrame, ObservedStep } from './types.ts';

export interface CompareOptions {
  /** Which rules: 1 (exit status for most commands) or 2 (the default: what the tools print). */
  revision?: 1 | 2;
}

export interface ComparisonResult {
  equal: boolean;
  differences: string[];
  excluded: string[];
}

export type StepKind = 'route-show' | 'sysctl-read' | 'proc-read' | 'neigh-list' | 'sysctl-all' | 'arping' | 'curl' | 'exit-only';

const SHELL_META_RE = /[;&|<>`$()]/;

function isPrefixOf(word: string, full: string, min = 1): boolean {
  return word.length >= min && full.startsWith(word);
}

/** `for V in WORDS; do curl …; [curl …;] done`: a loop of curls, as lessons write them. */
const CURL_LOOP_RE = /^for [a-z_]\w* in [^;]*;\s*do(\s+curl [^;&|<>`$()]*;)+\s*done$/i;

/** Which comparison rule applies to a step's command line. */
export function classifyCommand(run: string): StepKind {
  const line = run.trim();
  if (CURL_LOOP_RE.test(line)) return 'curl';
  if (line === '' || SHELL_META_RE.test(line)) return 'exit-only';
  const words = line.split(/\s+/);
  const tool = words[0]!;
  const args = words.slice(1);
  if (tool === 'ip') {
    const rest = args.filter((w) => !w.startsWith('-'));
    const object = rest[0];
    const sub = rest[1] ?? 'show';
    const listing = ['show', 'list', 'lst', 'ls', 'sh', 'l'].includes(sub) || isPrefixOf(sub, 'show') || isPrefixOf(sub, 'list');
    if (object === undefined) return 'exit-only';
    if (isPrefixOf(object, 'route') && listing) return 'route-show';
    if ((isPrefixOf(object, 'neighbour') || isPrefixOf(object, 'neighbor')) && listing) return 'neigh-list';
    return 'exit-only';
  }
  if (tool === 'sysctl') {
    const opts = args.filter((w) => w.startsWith('-'));
    const keys = args.filter((w) => !w.startsWith('-'));
    if (opts.some((o) => o === '-a' || o === '-A' || o === '-X' || o === '--all' || (/^-[a-zA-Z]+$/.test(o) && /[aAX]/.test(o)))) {
      return keys.length === 0 ? 'sysctl-all' : 'exit-only';
    }
    if (opts.some((o) => o === '-w' || o === '--write' || o === '-p' || o === '--load' || o === '--system')) return 'exit-only';
    if (keys.length === 0 || keys.some((k) => k.includes('='))) return 'exit-only';
    return 'sysctl-read';
  }
  if (tool === 'cat' && args.length > 0 && args.every((a) => a.startsWith('/proc/'))) {
    if (args.every((a) => a === '/proc/net/arp')) return 'neigh-list';
    return 'proc-read';
  }
  if (tool === 'arp' && !args.some((a) => /^-[a-zA-Z]*[sdf]/.test(a) || a === '--set' || a === '--delete' || a === '--file')) {
    return 'neigh-list';
  }
  if (tool === 'arping') return 'arping';
  if (tool === 'curl') return 'curl';
  return 'exit-only';
}

const ARPING_REPLY_RE = /^(Unicast|Broadcast) reply from (\S+) \[([0-9A-Fa-f:]+)\]/;

function arpingReplies(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = ARPING_REPLY_RE.exec(line.trim());
    if (m) out.push(`${m[1]} reply from ${m[2]} [${m[3]!.toLowerCase()}]`);
  }
  return out;
}

function foldedLines(text: string): string[] {
  return lineByLine(text);
}

function quote(s: string): string {
  return JSON.stringify(s);
}

function stepLabel(step: ObservedStep): string {
  return `step ${step.index} (${step.host}: ${step.run})`;
}

function allSame<T>(values: T[]): boolean {
  return values.every((v) => v === values[0]);
}

/** Lines-as-sets comparison with per-line race exclusion. */
function compareLineSets(
  label: string,
  simLines: string[],
  kernelLines: string[][],
  subsetOnly: boolean,
  what: string,
  diffs: string[],
  excluded: string[],
): void {
  const sim = new Set(simLines);
  const runs = kernelLines.map((ls) => new Set(ls));
  const union = new Set<string>(sim);
  if (!subsetOnly) for (const r of runs) for (const l of r) union.add(l);
  for (const line of union) {
    const inRuns = runs.filter((r) => r.has(line)).length;
    if (inRuns > 0 && inRuns < runs.length) {
      excluded.push(`${label}: ${what} ${quote(line)} (printed in only ${inRuns} of ${runs.length} kernel runs)`);
      continue;
    }
    const inKernel = inRuns === runs.length;
    if (inKernel && !sim.has(line)) diffs.push(`${label}: Linux prints the ${what} ${quote(line)}, the simulator does not`);
    else if (!inKernel && sim.has(line)) diffs.push(`${label}: the simulator prints the ${what} ${quote(line)}, Linux does not`);
  }
}

/** Where two lists of lines first part, in words. */
function describeLineLists(sim: string[], linux: string[]): string {
  let i = 0;
  while (i < sim.length && i < linux.length && sim[i] === linux[i]) i++;
  if (i === linux.length) return `the simulator prints more after line ${i + 1}: ${quote(sim[i]!)}`;
  if (i === sim.length) return `Linux prints more after line ${i + 1}: ${quote(linux[i]!)}`;
  return `line ${i + 1}: Linux prints ${quote(linux[i]!)}, the simulator ${quote(sim[i]!)}`;
}

/**
 * One item of revision 2: a list of normalised lines compared in order, left
 * out when the kernel runs do not agree on it. Returns false when left out.
 */
function compareLineItem(label: string, what: string, simLines: string[], kernelLines: string[][], diffs: string[], excluded: string[]): boolean {
  const keys = kernelLines.map((ls) => JSON.stringify(ls));
  if (!allSame(keys)) {
    excluded.push(`${label}: ${what} (differs between kernel runs)`);
    return false;
  }
  const linux = kernelLines[0]!;
  if (JSON.stringify(simLines) !== keys[0]) diffs.push(`${label}: ${what} differs: ${describeLineLists(simLines, linux)}`);
  return true;
}

/** Revision 1's per-step output rules. */
function compareRevision1Output(label: string, simStep: ObservedStep, present: ObservedStep[], revision: 1 | 2, diffs: string[], excluded: string[]): void {
  const ref = present[0]!;
  switch (classifyCommand(ref.run)) {
    case 'route-show':
    case 'sysctl-read':
    case 'proc-read': {
      const outs = present.map((s) => fold(s.stdout));
      if (!allSame(outs)) excluded.push(`${label}: stdout (differs between kernel runs)`);
      else if (fold(simStep.stdout) !== outs[0]) {
        diffs.push(`${label}: stdout differs (white space folded): Linux prints ${quote(ref.stdout)}, the simulator ${quote(simStep.stdout)}`);
      }
      break;
    }
    case 'neigh-list':
      compareLineSets(label, neighListing(simStep.stdout), present.map((s) => neighListing(s.stdout)), false, 'line', diffs, excluded);
      break;
    case 'sysctl-all':
      compareLineSets(label, foldedLines(simStep.stdout), present.map((s) => foldedLines(s.stdout)), true, 'line', diffs, excluded);
      break;
    case 'arping':
      compareLineSets(label, arpingReplies(simStep.stdout), present.map((s) => arpingReplies(s.stdout)), false, 'reply line', diffs, excluded);
      break;
    case 'curl': {
      const o = curlOptions(ref.run);
      const norm = (t: string): string => curlLines(t, ref.run).join('\n');
      if (!o.clockInWriteOut && !o.unrepeatableWriteOut) {
        const outs = present.map((s) => norm(s.stdout));
        if (!allSame(outs)) excluded.push(`${label}: stdout (differs between kernel runs)`);
        else if (norm(simStep.stdout) !== outs[0]) diffs.push(`${label}: curl's stdout differs: Linux prints ${quote(ref.stdout)}, the simulator ${quote(simStep.stdout)}`);
      }
      // Revision 2 compares the stderr of failing steps for every command (compareFailingStderr).
      const failing = present.every((s) => s.exit !== 0);
      if (o.silent && !o.verbose && !(revision === 2 && failing)) compareStderrItem(label, simStep, present, diffs, excluded);
      break;
    }
    case 'exit-only':
      break;
  }
}

/** stderr, normalised as revision 2 says, as one item. */
function compareStderrItem(label: string, simStep: ObservedStep, present: ObservedStep[], diffs: string[], excluded: string[]): void {
  const norm = (s: ObservedStep): string => failingStderr(s.stderr, s.run);
  const outs = present.map(norm);
  if (!allSame(outs)) {
    excluded.push(`${label}: stderr (differs between kernel runs)`);
    return;
  }
  if (norm(simStep) !== outs[0]) diffs.push(`${label}: stderr differs: Linux prints ${quote(present[0]!.stderr.trim())}, the simulator ${quote(simStep.stderr.trim())}`);
}

/** Revision 2: the stderr of a step that fails in every kernel run. */
function compareFailingStderr(label: string, simStep: ObservedStep, present: ObservedStep[], diffs: string[], excluded: string[]): void {
  const failing = present.map((s) => s.exit !== 0);
  if (!failing.some(Boolean)) return;
  if (!failing.every(Boolean)) {
    excluded.push(`${label}: stderr (the step fails in only some kernel runs)`);
    return;
  }
  compareStderrItem(label, simStep, present, diffs, excluded);
}

/** arping under revision 2: the whole stdout, or when it races, its reply-line set and its other lines. */
function compareArping(label: string, simStep: ObservedStep, present: ObservedStep[], diffs: string[], excluded: string[]): void {
  const whole = present.map((s) => arpingLines(s.stdout));
  if (allSame(whole.map((ls) => JSON.stringify(ls)))) {
    compareLineItem(label, 'stdout', arpingLines(simStep.stdout), whole, diffs, excluded);
    return;
  }
  excluded.push(`${label}: stdout as a whole (differs between kernel runs; its reply lines are compared as a set and its other lines in order)`);
  const sets = present.map((s) => [...new Set(arpingAnswerLines(s.stdout))].sort());
  const simSet = [...new Set(arpingAnswerLines(simStep.stdout))].sort();
  if (allSame(sets.map((ls) => JSON.stringify(ls)))) {
    if (JSON.stringify(simSet) !== JSON.stringify(sets[0])) compareLineSets(label, simSet, sets, false, 'reply line', diffs, excluded);
  } else {
    // Revision 1's rule still holds: a reply line every run printed must be printed.
    compareLineSets(label, simSet, sets, false, 'reply line', diffs, excluded);
  }
  compareLineItem(label, 'lines other than replies', arpingOtherLines(simStep.stdout), present.map((s) => arpingOtherLines(s.stdout)), diffs, excluded);
}

/** Revision 2's output rules for the classes it adds. */
function compareRevision2Output(cls: OutputClass, label: string, simStep: ObservedStep, present: ObservedStep[], diffs: string[], excluded: string[]): void {
  const run = present[0]!.run;
  const lines = (norm: (text: string) => string[]): void => {
    compareLineItem(label, 'stdout', norm(simStep.stdout), present.map((s) => norm(s.stdout)), diffs, excluded);
  };
  switch (cls) {
    case 'arping':
      compareArping(label, simStep, present, diffs, excluded);
      break;
    case 'ping':
      lines(pingLines);
      break;
    case 'ip-listing':
      lines(ipListingLines);
      break;
    case 'ifconfig':
      lines(ifconfigLines);
      break;
    case 'folded':
      lines((t) => [fold(t)].filter((l) => l !== ''));
      break;
    case 'arp-table': {
      const tables = present.map((s) => arpTable(s.stdout));
      const simTable = arpTable(simStep.stdout);
      compareLineItem(label, 'header line', simTable.header === null ? [] : [simTable.header], tables.map((t) => (t.header === null ? [] : [t.header])), diffs, excluded);
      compareLineSets(label, simTable.entries, tables.map((t) => t.entries), false, 'entry', diffs, excluded);
      break;
    }
    case 'socket-table': {
      const tables = present.map((s) => socketTable(s.stdout));
      const simTable = socketTable(simStep.stdout);
      compareLineItem(label, 'header lines', simTable.header, tables.map((t) => t.header), diffs, excluded);
      compareLineItem(label, 'sockets (as a set, ephemeral ports as *)', simTable.sockets, tables.map((t) => t.sockets), diffs, excluded);
      break;
    }
    case 'curl': {
      const o = curlOptions(run);
      if (!o.unrepeatableWriteOut) lines((t) => curlLines(t, run));
      if (o.silent && !o.verbose && present.every((s) => s.exit === 0)) compareStderrItem(label, simStep, present, diffs, excluded);
      break;
    }
  }
}

/** Revision 2: a pipeline ending in a text tool, its stdout masked and ordered as its first stage needs (pipeline-rule.ts). */
function comparePipeline(rule: PipelineRule, label: string, simStep: ObservedStep, present: ObservedStep[], diffs: string[], excluded: string[]): void {
  if (rule.kind === 'exit-only') return;
  const norm = (t: string): string[] => pipelineLines(t, rule);
  if (rule.kind === 'subset') compareLineSets(label, norm(simStep.stdout), present.map((s) => norm(s.stdout)), true, 'line', diffs, excluded);
  else compareLineItem(label, rule.kind === 'set' ? 'stdout (lines as a set)' : 'stdout', norm(simStep.stdout), present.map((s) => norm(s.stdout)), diffs, excluded);
}

function compareSteps(sim: Observation, kernels: Observation[], revision: 1 | 2, diffs: string[], excluded: string[]): void {
  const simByIndex = new Map(sim.steps.map((s) => [s.index, s]));
  const kernelByIndex = kernels.map((k) => new Map(k.steps.map((s) => [s.index, s])));
  const indices = new Set<number>(sim.steps.map((s) => s.index));
  for (const k of kernels) for (const s of k.steps) indices.add(s.index);
  const onTerminal = terminalSteps(sim.steps);
  for (const index of [...indices].sort((a, b) => a - b)) {
    const simStep = simByIndex.get(index);
    const kSteps = kernelByIndex.map((m) => m.get(index));
    const present = kSteps.filter((s): s is ObservedStep => s !== undefined);
    if (present.length === 0) {
      diffs.push(`${stepLabel(simStep!)}: the simulator reports this step, Linux has no step ${index}`);
      continue;
    }
    const ref = present[0]!;
    const label = stepLabel(ref);
    if (present.length < kSteps.length) {
      excluded.push(`${label}: missing from some kernel runs`);
      continue;
    }
    if (simStep === undefined) {
      diffs.push(`${label}: Linux ran this step, the simulator reports no step ${index}`);
      continue;
    }
    if (simStep.host !== ref.host || simStep.run !== ref.run) {
      diffs.push(`${label}: the simulator's step ${index} is a different command (${simStep.host}: ${simStep.run}); the observations are of different scenarios`);
      continue;
    }
    // Exit status.
    const exits = present.map((s) => s.exit);
    if (!allSame(exits)) excluded.push(`${label}: exit status (kernel runs gave ${exits.join(' and ')})`);
    else if (simStep.exit !== ref.exit) {
      diffs.push(`${label}: exit status ${simStep.exit} in the simulator, Linux exits ${ref.exit}${ref.stderr.trim() ? ` (Linux stderr: ${quote(ref.stderr.trim())})` : ''}${simStep.stderr.trim() ? ` (simulator stderr: ${quote(simStep.stderr.trim())})` : ''}`);
    }
    // A host's steps from the first that leaves a process running: compared as one terminal (compareTerminals).
    if (onTerminal.has(index)) continue;
    // Output.
    const cls = revision === 2 ? outputClass(ref.run) : null;
    const pipeline = revision === 2 ? pipelineRule(ref.run, classifyCommand) : null;
    if (pipeline !== null) comparePipeline(pipeline, label, simStep, present, diffs, excluded);
    else if (cls === null) compareRevision1Output(label, simStep, present, revision, diffs, excluded);
    else compareRevision2Output(cls, label, simStep, present, diffs, excluded);
    if (revision === 2) compareFailingStderr(label, simStep, present, diffs, excluded);
  }
}

/**
 * Revision 2: each host whose steps left a process running, its steps from
 * then on as one terminal (compare-jobs.ts); each item left out when the
 * kernel runs disagree on it.
 */
function compareTerminals(sim: Observation, kernels: Observation[], diffs: string[], excluded: string[]): void {
  const onTerminal = terminalSteps(sim.steps);
  const hosts = [...new Set(sim.steps.filter((s) => onTerminal.has(s.index)).map((s) => s.host))];
  for (const host of hosts) {
    const of = (o: Observation): ObservedStep[] => o.steps.filter((s) => s.host === host && onTerminal.has(s.index));
    const simItems = terminalItems(of(sim));
    const kernelItems = kernels.map((k) => terminalItems(of(k)));
    simItems.forEach((item, i) => {
      compareLineItem(`${host}'s terminal`, item.what, item.lines, kernelItems.map((items) => items[i]!.lines), diffs, excluded);
    });
  }
}

/** The identity of a frame for the comparison, per the contract (no `t`). */
export function frameKey(f: ObservedFrame): string {
  if (f.kind === 'arp') return ['arp', f.op, f.ethDst, f.senderMac, f.senderIp, f.targetMac, f.targetIp].join(' ');
  return ['ipv4', f.ethSrc, f.ethDst, f.proto, f.src, f.dst].join(' ');
}

function describeFrameKey(key: string): string {
  const p = key.split(' ');
  if (p[0] === 'arp') {
    const [, op, ethDst, senderMac, senderIp, targetMac, targetIp] = p;
    if (op === 'request') {
      return `ARP request "who-has ${targetIp} tell ${senderIp}" (sender MAC ${senderMac}, target MAC ${targetMac}, Ethernet destination ${ethDst})`;
    }
    return `ARP reply "${senderIp} is-at ${senderMac}" to ${targetIp} (target MAC ${targetMac}, Ethernet destination ${ethDst})`;
  }
  const [, ethSrc, ethDst, proto, src, dst] = p;
  return `IPv4 ${proto} ${src} -> ${dst} (Ethernet ${ethSrc} -> ${ethDst})`;
}

function countFrames(frames: ObservedFrame[]): Map<string, Map<string, number>> {
  const bySegment = new Map<string, Map<string, number>>();
  for (const f of frames) {
    let m = bySegment.get(f.segment);
    if (!m) bySegment.set(f.segment, (m = new Map()));
    const k = frameKey(f);
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return bySegment;
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 0 ? 'never' : `${n} times`;
}

function compareFrames(sim: Observation, kernels: Observation[], diffs: string[], excluded: string[]): void {
  const simCounts = countFrames(sim.frames);
  const kCounts = kernels.map((k) => countFrames(k.frames));
  const segments = new Set<string>(simCounts.keys());
  for (const k of kCounts) for (const s of k.keys()) segments.add(s);
  for (const segment of [...segments].sort()) {
    const simSeg = simCounts.get(segment) ?? new Map<string, number>();
    const kSegs = kCounts.map((k) => k.get(segment) ?? new Map<string, number>());
    const keys = new Set<string>(simSeg.keys());
    for (const k of kSegs) for (const key of k.keys()) keys.add(key);
    for (const key of [...keys].sort()) {
      const counts = kSegs.map((k) => k.get(key) ?? 0);
      const desc = describeFrameKey(key);
      if (!allSame(counts)) {
        excluded.push(`segment ${segment}: ${desc} (kernel runs sent it ${counts.join(' and ')} times)`);
        continue;
      }
      const want = counts[0]!;
      const got = simSeg.get(key) ?? 0;
      if (want !== got) diffs.push(`segment ${segment}: Linux sends ${desc} ${times(want)}, the simulator ${times(got)}`);
    }
  }
}

/**
 * A neighbour listing's entries: its lines, or with -j the array's elements
 * (one JSON text each, in any order: the kernel lists in hash order, and -j
 * prints the whole array on one line, -j -p over many).
 */
function neighListing(stdout: string): string[] {
  const text = stdout.trim();
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parsed.map((e) => JSON.stringify(e));
    } catch {
      // Not JSON after all: compared as lines.
    }
  }
  return foldedLines(stdout);
}

function neighKey(r: NeighborRow): string {
  return `${r.ip} dev ${r.dev}`;
}

function neighValue(r: NeighborRow | undefined): string {
  if (r === undefined) return 'no entry';
  return `${r.lladdr === null ? 'no lladdr' : `lladdr ${r.lladdr}`} ${r.state}`;
}

function compareNeighbors(sim: Observation, kernels: Observation[], diffs: string[], excluded: string[]): void {
  const hosts = new Set<string>(Object.keys(sim.neighbors));
  for (const k of kernels) for (const h of Object.keys(k.neighbors)) hosts.add(h);
  for (const host of hosts) {
    const table = (rows: NeighborRow[] | undefined): Map<string, NeighborRow> => new Map((rows ?? []).map((r) => [neighKey(r), r]));
    const simTable = table(sim.neighbors[host]);
    const kTables = kernels.map((k) => table(k.neighbors[host]));
    const keys = new Set<string>(simTable.keys());
    for (const t of kTables) for (const key of t.keys()) keys.add(key);
    for (const key of [...keys].sort()) {
      const values = kTables.map((t) => neighValue(t.get(key)));
      if (!allSame(values)) {
        excluded.push(`host ${host}: neighbour ${key} (kernel runs ended with ${values.join(' and ')})`);
        continue;
      }
      const want = values[0]!;
      const got = neighValue(simTable.get(key));
      if (want !== got) diffs.push(`host ${host}: neighbour ${key}: Linux ends with ${want}, the simulator with ${got}`);
    }
  }
}

/**
 * Compares the simulator's observation with the kernel's (one run per bridge
 * port order). `equal` is true when nothing outside the races differs.
 */
export function compareObservations(sim: Observation, kernelRuns: Observation[], options: CompareOptions = {}): ComparisonResult {
  const revision = options.revision ?? 2;
  const differences: string[] = [];
  const excluded: string[] = [];
  if (kernelRuns.length === 0) {
    return { equal: false, differences: ['no kernel observation to compare with'], excluded };
  }
  compareSteps(sim, kernelRuns, revision, differences, excluded);
  if (revision === 2) compareTerminals(sim, kernelRuns, differences, excluded);
  if (isVrrpObservation([sim, ...kernelRuns])) {
    // VRRP scenarios (compare-vrrp.ts): adverts and gratuitous ARPs by their own rules, IGMP left out, the rest as before.
    const rest = (o: Observation): Observation => ({ ...o, frames: otherFrames(o.frames) });
    compareFrames(rest(sim), kernelRuns.map(rest), differences, excluded);
    compareVrrp(sim, kernelRuns, differences, excluded);
  } else compareFrames(sim, kernelRuns, differences, excluded);
  compareNeighbors(sim, kernelRuns, differences, excluded);
  return { equal: differences.length === 0, differences, excluded };
}
