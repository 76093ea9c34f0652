// The contract's comparison of VRRP scenarios (scenario-v1, "Keepalived
// scenarios (VRRP)"), on top of revision 2. Frames are split into IGMP (left
// out: the kernel's membership reports when keepalived joins 224.0.0.18),
// VRRP advertisements, gratuitous ARPs (broadcast, sender IP = target IP)
// and the rest, which is compared as before. Per segment, wherever the kernel
// runs agree (within the tolerance; otherwise the item is listed as a race):
// - the set of advertisement kinds (ethSrc, ethDst, src, dst, vrid, priority, advertInt);
// - the number of advertisements per sender and priority, within ±1
//   (priority-0 adverts exactly: one per resignation);
// - the time of each sender's first advertisement, within ±0.25 s;
// - the takeover delay, from the last advertisement of another sender with
//   the same vrid to a sender's first, within ±0.1 s;
// - per sender of gratuitous ARPs: their number and burst sizes in order
//   exactly, the interval between bursts within ±0.15 s.
// Pure TypeScript.
import type { ObservedFrame, ObservedIpv4Frame, Observation } from './types.ts';

export const ADVERT_COUNT_TOLERANCE = 1;
export const FIRST_ADVERT_TOLERANCE_S = 0.25;
export const TAKEOVER_TOLERANCE_S = 0.1;
export const GARP_INTERVAL_TOLERANCE_S = 0.15;
/** Gratuitous ARPs further apart than this start a new burst (keepalived sends a burst back to back). */
export const GARP_BURST_GAP_S = 0.5;

type Advert = ObservedIpv4Frame & { vrid: number; priority: number };

export function isVrrpAdvert(f: ObservedFrame): f is Advert {
  return f.kind === 'ipv4' && f.proto === 'vrrp' && f.vrid !== undefined && f.priority !== undefined;
}

export function isGratuitousArp(f: ObservedFrame): boolean {
  return f.kind === 'arp' && f.ethDst === 'ff:ff:ff:ff:ff:ff' && f.senderIp === f.targetIp;
}

/** A scenario is compared by these rules when any observation has a VRRP advertisement. */
export function isVrrpObservation(observations: readonly Observation[]): boolean {
  return observations.some((o) => o.frames.some(isVrrpAdvert));
}

/** The frames revision 2 still compares one by one in a VRRP scenario. */
export function otherFrames(frames: readonly ObservedFrame[]): ObservedFrame[] {
  return frames.filter((f) => !(f.kind === 'ipv4' && f.proto === 'igmp') && !isVrrpAdvert(f) && !isGratuitousArp(f));
}

const sender = (f: Advert): string => `${f.ethSrc} ${f.src}`;

/** What one observation says about one segment, item by item. */
interface SegmentFacts {
  kinds: Set<string>;
  counts: Map<string, number>;
  firstAdvert: Map<string, number>;
  takeover: Map<string, number>;
  garpCount: Map<string, number>;
  garpBursts: Map<string, string>;
  garpIntervals: Map<string, number[]>;
}

function facts(frames: readonly ObservedFrame[], segment: string): SegmentFacts {
  const onSegment = frames.filter((f) => f.segment === segment);
  const adverts = onSegment.filter(isVrrpAdvert);
  const result: SegmentFacts = { kinds: new Set(), counts: new Map(), firstAdvert: new Map(), takeover: new Map(), garpCount: new Map(), garpBursts: new Map(), garpIntervals: new Map() };
  for (const a of adverts) {
    result.kinds.add(`${a.ethSrc} ${a.ethDst} ${a.src} ${a.dst} vrid ${a.vrid} priority ${a.priority} advert_int ${a.advertInt}`);
    const key = `${sender(a)} vrid ${a.vrid} priority ${a.priority}`;
    result.counts.set(key, (result.counts.get(key) ?? 0) + 1);
    const who = `${sender(a)} vrid ${a.vrid}`;
    if (!result.firstAdvert.has(who)) {
      result.firstAdvert.set(who, a.t);
      const before = adverts.filter((b) => b.vrid === a.vrid && sender(b) !== sender(a) && b.t <= a.t);
      if (before.length > 0) result.takeover.set(who, a.t - before.at(-1)!.t);
    }
  }
  const garps = new Map<string, number[]>();
  for (const f of onSegment) {
    if (f.kind !== 'arp' || !isGratuitousArp(f)) continue;
    const who = `${f.ethSrc} ${f.senderIp}`;
    garps.set(who, [...(garps.get(who) ?? []), f.t]);
  }
  for (const [who, times] of garps) {
    const bursts: number[][] = [];
    for (const t of times) {
      const last = bursts.at(-1);
      if (last && t - last.at(-1)! <= GARP_BURST_GAP_S) last.push(t);
      else bursts.push([t]);
    }
    result.garpCount.set(who, times.length);
    result.garpBursts.set(who, bursts.map((b) => b.length).join(','));
    result.garpIntervals.set(who, bursts.slice(1).map((b, i) => b[0]! - bursts[i]![0]!));
  }
  return result;
}

const s3 = (n: number): string => `${Number(n.toFixed(3))} s`;

/** Compares the VRRP items of every segment; pushes differences and races. */
export function compareVrrp(sim: Observation, kernels: readonly Observation[], diffs: string[], excluded: string[]): void {
  const segments = new Set<string>();
  for (const o of [sim, ...kernels]) for (const f of o.frames) if (isVrrpAdvert(f) || isGratuitousArp(f)) segments.add(f.segment);
  for (const segment of [...segments].sort()) {
    const s = facts(sim.frames, segment);
    const ks = kernels.map((k) => facts(k.frames, segment));
    const where = `segment ${segment}`;

    // The set of advertisement kinds.
    const kinds = new Set([...s.kinds, ...ks.flatMap((k) => [...k.kinds])]);
    for (const kind of [...kinds].sort()) {
      const inKernel = ks.map((k) => k.kinds.has(kind));
      if (!inKernel.every((x) => x === inKernel[0])) {
        excluded.push(`${where}: VRRP advertisement ${kind} (sent in some kernel runs only)`);
        continue;
      }
      if (inKernel[0] && !s.kinds.has(kind)) diffs.push(`${where}: Linux sends the VRRP advertisement ${kind}, the simulator never does`);
      if (!inKernel[0] && s.kinds.has(kind)) diffs.push(`${where}: the simulator sends the VRRP advertisement ${kind}, Linux never does`);
    }

    numeric(where, 'number of VRRP advertisements from', s.counts, ks.map((k) => k.counts), (key) => (key.endsWith(' priority 0') ? 0 : ADVERT_COUNT_TOLERANCE), (n) => String(n), diffs, excluded);
    numeric(where, 'first VRRP advertisement of', s.firstAdvert, ks.map((k) => k.firstAdvert), () => FIRST_ADVERT_TOLERANCE_S, (n) => `at ${s3(n)}`, diffs, excluded);
    numeric(where, 'takeover delay (from the last advertisement of another router) of', s.takeover, ks.map((k) => k.takeover), () => TAKEOVER_TOLERANCE_S, s3, diffs, excluded);
    numeric(where, 'number of gratuitous ARPs from', s.garpCount, ks.map((k) => k.garpCount), () => 0, (n) => String(n), diffs, excluded);

    // Burst sizes in order, exactly; then the intervals between bursts.
    const senders = new Set([...s.garpBursts.keys(), ...ks.flatMap((k) => [...k.garpBursts.keys()])]);
    for (const who of [...senders].sort()) {
      const bursts = ks.map((k) => k.garpBursts.get(who) ?? '');
      if (!bursts.every((b) => b === bursts[0])) {
        excluded.push(`${where}: gratuitous ARP bursts of ${who} (kernel runs: ${bursts.map((b) => b || 'none').join(' and ')})`);
        continue;
      }
      const mine = s.garpBursts.get(who) ?? '';
      if (mine !== bursts[0]) {
        diffs.push(`${where}: gratuitous ARPs of ${who} come in bursts of ${bursts[0] || 'none'} on Linux, ${mine || 'none'} in the simulator`);
        continue;
      }
      const intervals = ks.map((k) => k.garpIntervals.get(who) ?? []);
      const simIntervals = s.garpIntervals.get(who) ?? [];
      simIntervals.forEach((got, i) => {
        const values = intervals.map((list) => list[i]!);
        const label = `${where}: interval before gratuitous ARP burst ${i + 2} of ${who}`;
        if (Math.max(...values) - Math.min(...values) > GARP_INTERVAL_TOLERANCE_S) excluded.push(`${label} (kernel runs: ${values.map(s3).join(' and ')})`);
        else if (values.some((want) => Math.abs(got - want) > GARP_INTERVAL_TOLERANCE_S)) diffs.push(`${label}: ${s3(values[0]!)} on Linux, ${s3(got)} in the simulator (±${GARP_INTERVAL_TOLERANCE_S} s)`);
      });
    }
  }
}

/** One numeric item per key: a race when the kernel runs spread beyond the tolerance, else the simulator must be within it of every run. */
function numeric(
  where: string,
  what: string,
  sim: Map<string, number>,
  kernels: Array<Map<string, number>>,
  tolerance: (key: string) => number,
  show: (n: number) => string,
  diffs: string[],
  excluded: string[],
): void {
  const keys = new Set([...sim.keys(), ...kernels.flatMap((k) => [...k.keys()])]);
  for (const key of [...keys].sort()) {
    const values = kernels.map((k) => k.get(key));
    const tol = tolerance(key);
    const label = `${where}: ${what} ${key}`;
    if (values.some((v) => v === undefined)) {
      if (values.every((v) => v === undefined)) {
        if (sim.has(key)) diffs.push(`${label}: ${show(sim.get(key)!)} in the simulator, none on Linux`);
      } else excluded.push(`${label} (in some kernel runs only)`);
      continue;
    }
    const present = values as number[];
    if (Math.max(...present) - Math.min(...present) > tol + 1e-9) {
      excluded.push(`${label} (kernel runs: ${present.map(show).join(' and ')})`);
      continue;
    }
    const got = sim.get(key);
    if (got === undefined) diffs.push(`${label}: ${show(present[0]!)} on Linux, none in the simulator`);
    else if (present.some((want) => Math.abs(got - want) > tol + 1e-9)) diffs.push(`${label}: ${show(present[0]!)} on Linux, ${show(got)} in the simulator (±${tol})`);
  }
}
