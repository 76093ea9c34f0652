// What `ip` (ip.ts) and its objects (ip-addr, ip-link, ip-neigh, ip-route) share:
// the global options, the shape of an object's handler and iproute2's matches().
// A leaf, so the objects need not import ip.ts, which imports them.
import type { CommandContext } from '../context.ts';

export interface IpOptions {
  family4: boolean;
  brief: boolean;
  stats: boolean;
  /** -o: each record on one line, its line breaks printed as `\\`. */
  oneline: boolean;
}

export type IpObject = (ctx: CommandContext, args: string[], options: IpOptions) => number;

/** iproute2's matches(): the typed word is a prefix of the full one. */
export function matches(word: string | undefined, full: string): boolean {
  return word !== undefined && word.length > 0 && full.startsWith(word);
}
