// One option parser for the lab's commands, shaped like the parsers the real
// tools use: glibc getopt_long (iputils, procps, net-tools, curl's own loop is
// close to it) and popt (ipvsadm). It returns what it found and, as data, the
// error that stopped it, so each command prints its real tool's words
// (`arping: invalid option -- 'z'`, ipvsadm's popt "unknown option", …);
// glibcMessage() gives glibc's wording for the tools that use glibc.
//
// Why not a library: the pure-JS parsers (node:util parseArgs, minimist, mri,
// yargs-parser) either never fail on an unknown option or throw their own
// wording, and none offers popt's optional argument taken from the next word
// or stops at the first bad option keeping what came before, which ipvsadm's
// messages depend on.

export type Arity = 'none' | 'required' | 'optional';

export interface OptionSpec {
  /** What the command calls it; returned with each occurrence. */
  name: string;
  /** One character, for `-x`. */
  short?: string;
  /** Without the dashes, for `--name`. */
  long?: string;
  arg: Arity;
}

export interface GetoptConfig {
  options: readonly OptionSpec[];
  /**
   * Operands may come between options (glibc's default, and popt's); false
   * stops at the first operand (POSIXLY_CORRECT, `+` in the optstring).
   */
  permute: boolean;
  /** A long option may be shortened to a prefix naming one option (glibc getopt_long). */
  abbreviations?: boolean;
  /**
   * An optional argument may be the next word when it does not start with
   * `-` (popt); otherwise it must be attached (`-p300`, `--persistent=300`), as with glibc.
   */
  optionalFromNextWord?: boolean;
}

export interface ParsedOption {
  name: string;
  arg: string | null;
  /** The word it came from (`-Lnc`, `--tcp-service`), as popt names a bad option. */
  word: string;
}

export type GetoptError =
  | { kind: 'unknown'; word: string; short: string }
  | { kind: 'unknown'; word: string; long: string }
  | { kind: 'missing-argument'; word: string; short: string }
  | { kind: 'missing-argument'; word: string; long: string }
  | { kind: 'unexpected-argument'; word: string; long: string }
  | { kind: 'ambiguous'; word: string; long: string; candidates: string[] };

export interface GetoptResult {
  /** In command-line order, up to the error if there is one. */
  options: ParsedOption[];
  operands: string[];
  error: GetoptError | null;
}

export function getopt(argv: readonly string[], config: GetoptConfig): GetoptResult {
  const options: ParsedOption[] = [];
  const operands: string[] = [];
  const stop = (error: GetoptError): GetoptResult => ({ options, operands, error });
  const byShort = new Map(config.options.filter((o) => o.short !== undefined).map((o) => [o.short!, o]));
  const nextWord = (i: number, optional: boolean): boolean =>
    i + 1 < argv.length && (!optional || (config.optionalFromNextWord === true && !argv[i + 1]!.startsWith('-')));

  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      if (!config.permute) {
        operands.push(...argv.slice(i));
        break;
      }
      operands.push(word);
      continue;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq >= 0 ? word.slice(2, eq) : word.slice(2);
      const found = findLong(config, name);
      if (found.kind === 'unknown') return stop({ kind: 'unknown', word, long: name });
      if (found.kind === 'ambiguous') return stop({ kind: 'ambiguous', word, long: name, candidates: found.candidates });
      const spec = found.spec;
      let arg: string | null = null;
      if (eq >= 0) {
        if (spec.arg === 'none') return stop({ kind: 'unexpected-argument', word, long: spec.long! });
        arg = word.slice(eq + 1);
      } else if (spec.arg !== 'none' && nextWord(i, spec.arg === 'optional')) arg = argv[++i]!;
      else if (spec.arg === 'required') return stop({ kind: 'missing-argument', word, long: spec.long! });
      options.push({ name: spec.name, arg, word });
      continue;
    }
    for (let k = 1; k < word.length; k++) {
      const letter = word[k]!;
      const spec = byShort.get(letter);
      if (!spec) return stop({ kind: 'unknown', word, short: letter });
      if (spec.arg === 'none') {
        options.push({ name: spec.name, arg: null, word });
        continue;
      }
      const rest = word.slice(k + 1);
      let arg: string | null = null;
      if (rest !== '') arg = rest;
      else if (nextWord(i, spec.arg === 'optional')) arg = argv[++i]!;
      else if (spec.arg === 'required') return stop({ kind: 'missing-argument', word, short: letter });
      options.push({ name: spec.name, arg, word });
      break;
    }
  }
  return { options, operands, error: null };
}

type LongMatch = { kind: 'found'; spec: OptionSpec } | { kind: 'unknown' } | { kind: 'ambiguous'; candidates: string[] };

function findLong(config: GetoptConfig, name: string): LongMatch {
  const exact = config.options.find((o) => o.long === name);
  if (exact) return { kind: 'found', spec: exact };
  if (!config.abbreviations || name === '') return { kind: 'unknown' };
  const prefixed = config.options.filter((o) => o.long?.startsWith(name));
  // Several spellings of one option are one match, as in glibc.
  const distinct = [...new Map(prefixed.map((o) => [o.name, o])).values()];
  if (distinct.length === 1) return { kind: 'found', spec: distinct[0]! };
  if (distinct.length === 0) return { kind: 'unknown' };
  return { kind: 'ambiguous', candidates: prefixed.map((o) => o.long!) };
}

/** glibc getopt's message for an error, as `program` prints it on stderr (without the newline). */
export function glibcMessage(program: string, error: GetoptError): string {
  switch (error.kind) {
    case 'unknown':
      return 'short' in error ? `${program}: invalid option -- '${error.short}'` : `${program}: unrecognized option '${error.word}'`;
    case 'missing-argument':
      return 'short' in error ? `${program}: option requires an argument -- '${error.short}'` : `${program}: option '--${error.long}' requires an argument`;
    case 'unexpected-argument':
      return `${program}: option '--${error.long}' doesn't allow an argument`;
    case 'ambiguous':
      return `${program}: option '${error.word}' is ambiguous; possibilities:${error.candidates.map((c) => ` '--${c}'`).join('')}`;
  }
}
