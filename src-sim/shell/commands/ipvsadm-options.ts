// ipvsadm's command line as popt reads it (ipvsadm.c parse_options): short
// options may be bundled (-Lnc), an argument may follow in the same word
// (-t1.2.3.4:80) or the next one, long options take --name=value or
// --name value, -p takes its timeout only when the next word is not an
// option, and words that are not options are collected for --set.

export type Arity = 'none' | 'required' | 'optional';

interface OptionSpec {
  tag: string;
  long: string;
  arity: Arity;
}

const SPECS: OptionSpec[] = [
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
].map(([tag, long, arity]) => ({ tag: tag!, long: long!, arity: arity as Arity }));

/** Tags of one-letter options double as their short names (syncid is long-only). */
const SHORT = new Map(SPECS.filter((s) => s.tag.length === 1 && s.tag !== 'I').map((s) => [s.tag, s]));
const LONG = new Map(SPECS.map((s) => [s.long, s]));

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
  error: { badOption: string; text: 'unknown option' | 'missing argument' } | null;
}

export function popt(argv: readonly string[]): PoptResult {
  const options: ParsedOption[] = [];
  const args: string[] = [];
  const fail = (badOption: string, text: 'unknown option' | 'missing argument'): PoptResult => ({ options, args, error: { badOption, text } });
  const takesNext = (i: number, optional: boolean): boolean => i + 1 < argv.length && (!optional || !argv[i + 1]!.startsWith('-'));
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const spec = LONG.get(eq >= 0 ? word.slice(2, eq) : word.slice(2));
      if (!spec) return fail(word, 'unknown option');
      let arg: string | null = null;
      if (eq >= 0) arg = word.slice(eq + 1);
      else if (spec.arity !== 'none' && takesNext(i, spec.arity === 'optional')) arg = argv[++i]!;
      else if (spec.arity === 'required') return fail(word, 'missing argument');
      options.push({ tag: spec.tag, arg, word });
      continue;
    }
    if (!word.startsWith('-') || word === '-') {
      args.push(word);
      continue;
    }
    for (let k = 1; k < word.length; k++) {
      const spec = SHORT.get(word[k]!);
      if (!spec) return fail(word, 'unknown option');
      if (spec.arity === 'none') {
        options.push({ tag: spec.tag, arg: null, word });
        continue;
      }
      const rest = word.slice(k + 1);
      let arg: string | null = null;
      if (rest !== '') arg = rest;
      else if (takesNext(i, spec.arity === 'optional')) arg = argv[++i]!;
      else if (spec.arity === 'required') return fail(word, 'missing argument');
      options.push({ tag: spec.tag, arg, word });
      break;
    }
  }
  return { options, args, error: null };
}
