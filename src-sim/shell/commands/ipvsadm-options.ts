// ipvsadm's command line as popt reads it (ipvsadm.c parse_options), with
// the shell's one option parser (../getopt.ts): short options may be bundled
// (-Lnc), an argument may follow in the same word (-t1.2.3.4:80) or the next
// one, long options take --name=value or --name value, -p takes its timeout
// only when the next word is not an option, and words that are not options
// are collected for --set.
import { getopt, type Arity, type GetoptError, type OptionSpec } from '../getopt.ts';

const SPECS: [string, string, Arity][] = [
  ['A', 'add-service', 'none'],
  ['E', 'edit-service', 'none'],
  ['D', 'delete-service', 'none'],
  ['C', 'clear', 'none'],
  ['L', 'list', 'none'],
  ['l', 'list', 'none'],
  ['Z', 'zero', 'none'],
  ['a', 'add-server', 'none'],
  ['e', 'edit-server', 'none'],
  ['d', 'delete-server', 'none'],
  ['set', 'set', 'none'],
  ['h', 'help', 'none'],
  ['v', 'version', 'none'],
  ['R', 'restore', 'none'],
  ['S', 'save', 'none'],
  ['start-daemon', 'start-daemon', 'required'],
  ['stop-daemon', 'stop-daemon', 'required'],
  ['t', 'tcp-service', 'required'],
  ['u', 'udp-service', 'required'],
  ['f', 'fwmark-service', 'required'],
  ['s', 'scheduler', 'required'],
  ['p', 'persistent', 'optional'],
  ['M', 'netmask', 'required'],
  ['r', 'real-server', 'required'],
  ['m', 'masquerading', 'none'],
  ['i', 'ipip', 'none'],
  ['g', 'gatewaying', 'none'],
  ['w', 'weight', 'required'],
  ['x', 'u-threshold', 'required'],
  ['y', 'l-threshold', 'required'],
  ['n', 'numeric', 'none'],
  ['c', 'connection', 'none'],
  ['mcast-interface', 'mcast-interface', 'required'],
  ['I', 'syncid', 'required'],
  ['timeout', 'timeout', 'none'],
  ['daemon', 'daemon', 'none'],
  ['stats', 'stats', 'none'],
  ['rate', 'rate', 'none'],
  ['thresholds', 'thresholds', 'none'],
  ['persistent-conn', 'persistent-conn', 'none'],
  ['nosort', 'nosort', 'none'],
  ['sort', 'sort', 'none'],
  ['X', 'exact', 'none'],
  ['6', 'ipv6', 'none'],
  ['o', 'ops', 'none'],
];

/** Tags of one-letter options double as their short names (syncid is long-only). */
const OPTIONS: OptionSpec[] = SPECS.map(([tag, long, arg]) => ({ name: tag, long, arg, ...(tag.length === 1 && tag !== 'I' ? { short: tag } : {}) }));

export interface ParsedOption {
  tag: string;
  arg: string | null;
  /** The word it came from, as poptBadOption reports it. */
  word: string;
}

/** Options up to the first bad one, the other words, and the error that stopped popt. */
export interface PoptResult {
  options: ParsedOption[];
  args: string[];
  error: { badOption: string; text: PoptErrorText } | null;
}

/** poptStrerror's texts for the errors ipvsadm's options can give. */
type PoptErrorText = 'unknown option' | 'missing argument' | 'option does not take an argument';
const POPT_TEXT: Record<GetoptError['kind'], PoptErrorText> = {
  unknown: 'unknown option',
  ambiguous: 'unknown option',
  'missing-argument': 'missing argument',
  'unexpected-argument': 'option does not take an argument',
};

export function popt(argv: readonly string[]): PoptResult {
  const parsed = getopt(argv, { options: OPTIONS, permute: true, optionalFromNextWord: true });
  const options = parsed.options.map(({ name, arg, word }) => ({ tag: name, arg, word }));
  const error = parsed.error && { badOption: parsed.error.word, text: POPT_TEXT[parsed.error.kind] };
  return { options, args: parsed.operands, error };
}
