// GNU sed 4.9's script language, the part learners write: addresses (N, $,
// /re/, \cREc, first~step, A,B ranges, A,+N, !), and the commands s (g p N i
// flags, & \1-\9 \n), y, p, d, q, Q, =, n, N, a, i, c, h, H, g, G, x, P, {},
// #. Errors carry sed's words and the character where it stopped.
import { translateRegex, type RegexSyntax } from './posix-regex.ts';

export type Address = { kind: 'line'; n: number } | { kind: 'last' } | { kind: 'regex'; re: RegExp | null } | { kind: 'step'; first: number; step: number } | { kind: 'plus'; n: number };

export interface SedCommand {
  a1: Address | null;
  a2: Address | null;
  negate: boolean;
  name: string;
  /** s: the regex (null: the last one used); y: unused. */
  re?: RegExp | null;
  replacement?: string;
  global?: boolean;
  occurrence?: number;
  print?: boolean;
  /** y's map; a, i, c's text; q's exit code. */
  map?: Map<string, string>;
  text?: string;
  exitCode?: number;
  /** `{`: the index after its `}`. */
  blockEnd?: number;
  /** A range's state while the script runs. */
  inRange?: boolean;
  rangeEnd?: number;
}

export type ParseResult = { ok: true; commands: SedCommand[] } | { ok: false; error: string };

class SedError extends Error {}

export function parseSed(expressions: string[], syntax: RegexSyntax): ParseResult {
  const commands: SedCommand[] = [];
  const open: number[] = [];
  for (const [index, script] of expressions.entries()) {
    try {
      parseOne(script, syntax, commands, open);
    } catch (error) {
      if (!(error instanceof SedError)) throw error;
      return { ok: false, error: `-e expression #${index + 1}, char ${error.message}` };
    }
  }
  if (open.length > 0) return { ok: false, error: `-e expression #1, char 0: unmatched \`{'` };
  return { ok: true, commands };
}

function parseOne(script: string, syntax: RegexSyntax, commands: SedCommand[], open: number[]): void {
  let i = 0;
  const fail = (what: string, at = i): never => {
    throw new SedError(`${at}: ${what}`);
  };
  const skipSpace = (): void => {
    while (i < script.length && /[ \t]/.test(script[i]!)) i++;
  };
  const compile = (source: string, flags: string, at: number): RegExp | null => {
    if (source === '') return null;
    const t = translateRegex(source, syntax, { controlEscapes: true });
    if (!t.ok) fail(t.error, at);
    return new RegExp(t.ok ? t.source : '', flags);
  };
  /** Reads up to an unescaped `delim`, keeping escapes; i ends after the delimiter. */
  const delimited = (delim: string, what: string): string => {
    let text = '';
    while (i < script.length && script[i] !== delim) {
      if (script[i] === '\\' && i + 1 < script.length) {
        // An escaped delimiter is the character itself; `\n` stays an escape.
        if (script[i + 1] === delim) text += delim === '/' || !/[.*[\]^$+?(){}|]/.test(delim) ? delim : `\\${delim}`;
        else if (script[i + 1] === '\n') text += '\n';
        else text += script.slice(i, i + 2);
        i += 2;
      } else text += script[i++];
    }
    if (i >= script.length) fail(what, script.length);
    i++;
    return text;
  };
  const address = (): Address | null => {
    const ch = script[i];
    if (ch === undefined) return null;
    if (/\d/.test(ch)) {
      const m = /^(\d+)(~(\d+))?/.exec(script.slice(i))!;
      i += m[0].length;
      if (m[2] !== undefined) return { kind: 'step', first: Number(m[1]), step: Number(m[3]) };
      return { kind: 'line', n: Number(m[1]) };
    }
    if (ch === '$') {
      i++;
      return { kind: 'last' };
    }
    if (ch === '/' || ch === '\\') {
      const delim = ch === '\\' ? script[++i] ?? '' : '/';
      i++;
      const source = delimited(delim, 'unterminated address regex');
      let flags = '';
      while (script[i] === 'I') {
        flags += 'i';
        i++;
      }
      return { kind: 'regex', re: compile(source, flags, i) };
    }
    return null;
  };

  while (i < script.length) {
    skipSpace();
    while (script[i] === ';' || script[i] === '\n' || script[i] === ' ' || script[i] === '\t') i++;
    if (i >= script.length) break;
    if (script[i] === '#') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    const a1 = address();
    let a2: Address | null = null;
    if (a1 && script[i] === ',') {
      i++;
      skipSpace();
      if (script[i] === '+' && /\d/.test(script[i + 1] ?? '')) {
        const m = /^\+(\d+)/.exec(script.slice(i))!;
        i += m[0].length;
        a2 = { kind: 'plus', n: Number(m[1]) };
      } else {
        a2 = address();
        if (!a2) fail("unexpected `,'");
      }
    }
    skipSpace();
    let negate = false;
    while (script[i] === '!') {
      negate = true;
      i++;
      skipSpace();
    }
    const name = script[i++];
    if (name === undefined) fail('missing command');
    if (a1?.kind === 'line' && a1.n === 0 && a2?.kind !== 'regex') fail('invalid usage of line address 0');
    const cmd: SedCommand = { a1, a2, negate, name: name! };
    switch (name) {
      case '{':
        open.push(commands.length);
        break;
      case '}': {
        if (a1) fail('} doesn\'t want any addresses');
        const start = open.pop();
        if (start === undefined) fail("unexpected `}'");
        commands[start!]!.blockEnd = commands.length + 1;
        break;
      }
      case 'p': case 'd': case 'D': case '=': case 'n': case 'N': case 'h': case 'H': case 'g': case 'G': case 'x': case 'P':
        break;
      case 'q': case 'Q': {
        skipSpace();
        const m = /^\d+/.exec(script.slice(i));
        if (m) {
          cmd.exitCode = Number(m[0]);
          i += m[0].length;
        }
        break;
      }
      case 'a': case 'i': case 'c': {
        skipSpace();
        if (script[i] === '\\') {
          i++;
          if (script[i] === '\n') i++;
          else skipSpace();
        } else if (i >= script.length) fail("expected \\ after `a', `c' or `i'", i);
        let text = '';
        while (i < script.length && script[i] !== '\n') {
          if (script[i] === '\\' && i + 1 < script.length) i++;
          text += script[i++];
        }
        cmd.text = text;
        break;
      }
      case 's': {
        const delim = script[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') fail("unterminated `s' command", script.length);
        const source = delimited(delim!, "unterminated `s' command");
        const replacement = delimited(delim!, "unterminated `s' command");
        let flags = '';
        cmd.global = false;
        cmd.print = false;
        cmd.occurrence = 1;
        for (; i < script.length && !/[;\n}#]/.test(script[i]!); i++) {
          const f = script[i]!;
          if (f === 'g') cmd.global = true;
          else if (f === 'p') cmd.print = true;
          else if (f === 'i' || f === 'I') flags += 'i';
          else if (/\d/.test(f)) {
            const m = /^\d+/.exec(script.slice(i))!;
            cmd.occurrence = Number(m[0]);
            i += m[0].length - 1;
          } else if (f === ' ' || f === '\t') continue;
          else fail("unknown option to `s'", i + 1);
        }
        const re = compile(source, `${flags}g`, i);
        const groups = source === '' ? 9 : countGroups(source, syntax);
        const ref = /\\([1-9])/.exec(replacement.replace(/\\\\/g, ''));
        if (ref && Number(ref[1]) > groups) fail(`invalid reference \\${ref[1]} on \`s' command's RHS`, i);
        cmd.re = re;
        cmd.replacement = replacement;
        break;
      }
      case 'y': {
        const delim = script[i++] ?? '';
        const from = unescapeY(delimited(delim, "unterminated `y' command"));
        const to = unescapeY(delimited(delim, "unterminated `y' command"));
        if ([...from].length !== [...to].length) fail("strings for `y' command are different lengths");
        const toChars = [...to];
        cmd.map = new Map([...from].map((c, k) => [c, toChars[k]!]));
        break;
      }
      default:
        fail(`unknown command: \`${name}'`);
    }
    commands.push(cmd);
    skipSpace();
    if (i < script.length && !/[;\n}#]/.test(script[i]!) && name !== 'a' && name !== 'i' && name !== 'c' && name !== '{') fail(`extra characters after command`, i + 1);
  }
}

function countGroups(source: string, syntax: RegexSyntax): number {
  const t = translateRegex(source, syntax);
  return t.ok ? t.groups : 0;
}

function unescapeY(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}
