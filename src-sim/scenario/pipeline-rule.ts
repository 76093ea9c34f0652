// Revision 2's rule for a pipeline ending in a text tool (issue 11;
// docs/scenario-format.md, "Pipelines"): its stdout is compared exactly, line
// by line, after only the masks its first stage's own rule needs, and never
// more strictly than that stage's output is compared on its own. Pure
// TypeScript, no Node imports.
import { arpingMask, curlLines, curlOptions, ifconfigMask, ipListingMask, maskEphemeralPorts, outputClass, pingMask, textPipelineStages } from './output-rules.ts';

/**
 * How a pipeline's stdout is compared:
 * - `exact`: the lines in order;
 * - `set`: the lines as a sorted list (the first stage lists in hash order: neighbours, sockets);
 * - `subset`: every line the simulator prints must be one Linux prints (`sysctl -a`, whose simulator lists fewer keys);
 * - `exit-only`: not at all (the first stage's output is not comparable after this pipeline).
 */
export interface PipelineRule {
  kind: 'exact' | 'set' | 'subset' | 'exit-only';
  /** Edits one line (null: the line is left out), as the first stage's rule masks its own output. */
  mask: (line: string) => string | null;
  /** The whole text instead of `mask`, for masks that are not line by line (curl). */
  whole?: (text: string) => string[];
}

const noMask = (l: string): string => l;

/** The stages after the first only keep or drop whole lines: `grep` without counts or line numbers, `sort`. */
function onlySelectsLines(stages: string[]): boolean {
  return stages.every((stage) => {
    const [tool, ...args] = stage.split(/\s+/);
    if (tool === 'sort') return args.every((a) => /^-[rfu]+$/.test(a));
    if (tool !== 'grep' && tool !== 'egrep' && tool !== 'fgrep') return false;
    return !args.some((a) => /^-[a-zA-Z]*[cnbLlqo]/.test(a) || /^--(count|line-number|byte-offset|files|quiet|only)/.test(a));
  });
}

/**
 * The rule for a command line when it is a pipeline ending in a text tool,
 * else null. `classify` is revision 1's classification (compare.ts), passed
 * in so this file does not import compare.ts.
 */
export function pipelineRule(run: string, classify: (run: string) => string): PipelineRule | null {
  const stages = textPipelineStages(run.trim());
  if (stages === null) return null;
  const first = stages[0]!;
  switch (outputClass(first)) {
    case 'ping':
      return { kind: 'exact', mask: pingMask };
    case 'arping':
      return { kind: 'exact', mask: arpingMask };
    case 'ip-listing':
      return { kind: 'exact', mask: ipListingMask };
    case 'ifconfig':
      return { kind: 'exact', mask: ifconfigMask };
    case 'socket-table':
      return { kind: 'set', mask: maskEphemeralPorts };
    case 'arp-table':
      return { kind: 'set', mask: noMask };
    case 'curl':
      // Whatever curl prints that depends on the clock is masked only before any reshaping stage could move it.
      if (curlOptions(first).unrepeatableWriteOut) return { kind: 'exit-only', mask: noMask };
      return { kind: 'exact', mask: noMask, whole: (t) => curlLines(t, first) };
    default:
      break;
  }
  switch (classify(first)) {
    case 'neigh-list':
      return { kind: 'set', mask: noMask };
    case 'sysctl-all':
      return { kind: onlySelectsLines(stages.slice(1)) ? 'subset' : 'exit-only', mask: noMask };
    case 'arping':
      return { kind: 'exact', mask: arpingMask };
    default:
      return { kind: 'exact', mask: noMask };
  }
}

/** A pipeline's stdout as its rule compares it. */
export function pipelineLines(text: string, rule: PipelineRule): string[] {
  const lines: string[] = [];
  if (rule.whole) lines.push(...rule.whole(text));
  else {
    const raw = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text === '' ? [] : text.split('\n');
    for (const l of raw) {
      const masked = rule.mask(l);
      if (masked !== null) lines.push(masked);
    }
  }
  return rule.kind === 'set' ? lines.sort() : lines;
}
