// POSIX regular expressions (basic and extended, with the GNU extensions grep,
// sed and awk users write) translated to JavaScript RegExp source. A learner's
// `grep 'arp_\(ignore\|announce\)'` is a BRE: `\(` `\|` `\)` are the group and
// the alternation, while a bare `(` or `|` is a literal character; in an ERE
// (`grep -E`, awk) it is the other way round. Bracket expressions keep POSIX
// rules: a backslash inside `[...]` is literal and `[:digit:]`-style classes
// name sets. Errors carry glibc regcomp's words ("Unmatched ( or \\(").
// JavaScript picks the first alternative that matches where POSIX picks the
// longest; that differs only for alternatives that are prefixes of each other.

export type RegexSyntax = 'basic' | 'extended';

export type Translation = { ok: true; source: string; groups: number } | { ok: false; error: string };

export const REGEX_ERRORS = {
  paren: 'Unmatched ( or \\(',
  closeParen: 'Unmatched ) or \\)',
  bracket: 'Unmatched [, [^, [:, [., or [=',
  brace: 'Unmatched \\{',
  braceContent: 'Invalid content of \\{\\}',
  backref: 'Invalid back reference',
  trailing: 'Trailing backslash',
  className: 'Invalid character class name',
  range: 'Invalid range end',
  preceding: 'Invalid preceding regular expression',
} as const;

/** POSIX bracket classes ([:alpha:] …) in the C locale, as JavaScript class ranges; globs use them too. */
export const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9A-Za-z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f',
  print: ' -~',
  graph: '!-~',
};

/** GNU regex's own escapes (word edges, word and space classes, buffer ends) as JavaScript source. */
const GNU_ESCAPES: Record<string, string> = { '<': '\\b(?=\\w)', '>': '\\b(?<=\\w)', b: '\\b', B: '\\B', w: '\\w', W: '\\W', s: '\\s', S: '\\S', '`': '^', "'": '$' };
/** sed and awk read `\n` and `\t` as newline and tab. */
const CONTROL_ESCAPES: Record<string, string> = { n: '\\n', t: '\\t' };

const JS_SPECIAL = /[\\^$.|?*+()[\]{}/]/;

export function escapeLiteral(ch: string): string {
  return JS_SPECIAL.test(ch) ? `\\${ch}` : ch;
}

/** A fixed string (grep -F) as RegExp source. */
export function literalSource(text: string): string {
  return [...text].map(escapeLiteral).join('');
}

interface Options {
  /** sed and awk read `\n` and `\t` as newline and tab. */
  controlEscapes?: boolean;
}

export function translateRegex(pattern: string, syntax: RegexSyntax, options: Options = {}): Translation {
  const ere = syntax === 'extended';
  let out = '';
  let groups = 0;
  const open: number[] = []; // output index where each open group's atom starts
  let atomStart = -1; // output index of the last atom, for a quantifier; -1: none
  let quantified = false; // the last atom already carries a quantifier
  let atBranchStart = true;
  const fail = (error: string): Translation => ({ ok: false, error });

  const quantify = (q: string): void => {
    if (quantified) out = `${out.slice(0, atomStart)}(?:${out.slice(atomStart)})`;
    out += q;
    quantified = true;
  };
  const atom = (source: string): void => {
    atomStart = out.length;
    out += source;
    quantified = false;
    atBranchStart = false;
  };

  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      if (i + 1 >= pattern.length) return fail(REGEX_ERRORS.trailing);
      const next = pattern[++i]!;
      if (!ere && next === '(') {
        open.push(out.length);
        out += '(';
        groups++;
        atBranchStart = true;
        atomStart = -1;
        continue;
      }
      if (!ere && next === ')') {
        const start = open.pop();
        if (start === undefined) return fail(REGEX_ERRORS.closeParen);
        out += ')';
        atomStart = start;
        quantified = false;
        atBranchStart = false;
        continue;
      }
      if (!ere && next === '|') {
        out += '|';
        atBranchStart = true;
        atomStart = -1;
        continue;
      }
      if (!ere && next === '{') {
        const close = pattern.indexOf('\\}', i + 1);
        if (close < 0) return fail(REGEX_ERRORS.brace);
        const interval = intervalSource(pattern.slice(i + 1, close));
        if (interval === null) return fail(REGEX_ERRORS.braceContent);
        if (atomStart < 0) return fail(REGEX_ERRORS.preceding);
        quantify(interval);
        i = close + 1;
        continue;
      }
      if (!ere && (next === '+' || next === '?')) {
        if (atomStart < 0) atom(escapeLiteral(next));
        else quantify(next);
        continue;
      }
      if (next >= '1' && next <= '9') {
        if (Number(next) > groups) return fail(REGEX_ERRORS.backref);
        atom(`\\${next}`);
        continue;
      }
      const special = GNU_ESCAPES[next] ?? (options.controlEscapes ? CONTROL_ESCAPES[next] : undefined);
      if (special !== undefined) {
        atom(special);
        continue;
      }
      atom(escapeLiteral(next));
      continue;
    }
    if (ch === '[') {
      const bracket = bracketSource(pattern, i);
      if (!bracket.ok) return fail(bracket.error);
      atom(bracket.source);
      i = bracket.end;
      continue;
    }
    if (ch === '.') {
      atom('.');
      continue;
    }
    if (ch === '*') {
      if (atomStart < 0) atom('\\*');
      else quantify('*');
      continue;
    }
    if (ch === '^') {
      if (ere || atBranchStart) {
        out += '^';
        atomStart = -1;
      } else atom('\\^');
      continue;
    }
    if (ch === '$') {
      const rest = pattern.slice(i + 1);
      if (ere || rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|')) {
        out += '$';
        atomStart = -1;
        atBranchStart = false;
      } else atom('\\$');
      continue;
    }
    if (ere && ch === '(') {
      open.push(out.length);
      out += '(';
      groups++;
      atBranchStart = true;
      atomStart = -1;
      continue;
    }
    if (ere && ch === ')') {
      const start = open.pop();
      if (start === undefined) {
        atom('\\)');
        continue;
      }
      out += ')';
      atomStart = start;
      quantified = false;
      atBranchStart = false;
      continue;
    }
    if (ere && ch === '|') {
      out += '|';
      atBranchStart = true;
      atomStart = -1;
      continue;
    }
    if (ere && (ch === '+' || ch === '?')) {
      if (atomStart < 0) atom(escapeLiteral(ch));
      else quantify(ch);
      continue;
    }
    if (ere && ch === '{') {
      const close = pattern.indexOf('}', i + 1);
      const interval = close < 0 ? null : intervalSource(pattern.slice(i + 1, close));
      if (interval === null || atomStart < 0) {
        atom('\\{');
        continue;
      }
      quantify(interval);
      i = close;
      continue;
    }
    atom(escapeLiteral(ch));
  }
  if (open.length > 0) return fail(REGEX_ERRORS.paren);
  return { ok: true, source: out, groups };
}

function intervalSource(content: string): string | null {
  const m = /^(\d*)(,(\d*))?$/.exec(content);
  if (!m || (m[1] === '' && m[2] === undefined)) return null;
  const min = m[1] === '' ? '0' : m[1]!;
  if (m[2] === undefined) return `{${min}}`;
  if (m[3] !== '' && Number(m[3]) < Number(min)) return null;
  return `{${min},${m[3]}}`;
}

type Bracket = { ok: true; source: string; end: number } | { ok: false; error: string };

/** `[...]` starting at `start`: its JavaScript class and the index of its closing `]`. */
function bracketSource(pattern: string, start: number): Bracket {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  let first = true;
  for (; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === ']' && !first) return { ok: true, source: `[${negate ? '^' : ''}${body}]`, end: i };
    first = false;
    if (ch === '[' && (pattern[i + 1] === ':' || pattern[i + 1] === '.' || pattern[i + 1] === '=')) {
      const kind = pattern[i + 1]!;
      const close = pattern.indexOf(`${kind}]`, i + 2);
      if (close < 0) return { ok: false, error: REGEX_ERRORS.bracket };
      const name = pattern.slice(i + 2, close);
      if (kind === ':') {
        const cls = POSIX_CLASSES[name];
        if (cls === undefined) return { ok: false, error: REGEX_ERRORS.className };
        body += cls;
      } else body += [...name].map((c) => (/[\\\][^-]/.test(c) ? `\\${c}` : c)).join('');
      i = close + 1;
      continue;
    }
    if (ch === '-' && body !== '' && pattern[i + 1] !== ']') {
      const low = pattern[i - 1]!;
      const high = pattern[i + 1]!;
      if (high < low) return { ok: false, error: REGEX_ERRORS.range };
      body += '-';
      continue;
    }
    body += /[\\\][^-]/.test(ch) ? `\\${ch}` : ch;
  }
  return { ok: false, error: REGEX_ERRORS.bracket };
}
