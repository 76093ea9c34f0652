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
  /** -j: JSON instead of text (ip-json.ts). */
  json: boolean;
  /** -p: JSON indented as iproute2's json_writer pretty-prints it. */
  pretty: boolean;
  /** -c: iproute2 colours names, addresses and states (color.c), whatever the output is. */
  color: boolean;
}

export type IpObject = (ctx: CommandContext, args: string[], options: IpOptions) => number;

/** iproute2's matches(): the typed word is a prefix of the full one. */
export function matches(word: string | undefined, full: string): boolean {
  return word !== undefined && word.length > 0 && full.startsWith(word);
}

/**
 * How iproute2's get_prefix/get_addr name the family they expected
 * (family_name_verbose): "inet" only after -4, else AF_UNSPEC's "any valid".
 */
export function familyWord(options: IpOptions): string {
  return options.family4 ? 'inet' : 'any valid';
}

/** A verb no object knows: every ip object prints its help hint and exit(-1)s (status 255). */
export function unknownVerb(ctx: CommandContext, verb: string, object: string): number {
  ctx.err(`Command "${verb}" is unknown, try "ip ${object} help".\n`);
  return 255;
}
