// The command-line language of the lab shell: the part of bash that LVS
// tutorials and their scripts use. Lists joined by ; & && || and newlines,
// pipelines (| |& !), { …; } and ( … ), if/elif/else, while/until, for (both
// forms), case, functions, (( )), [[ ]], redirections with here-documents,
// quotes, parameter expansion (${v:-x} ${#v} ${v%p} …), command substitution
// ($(…) and backquotes), arithmetic $((…)) and brace expansion.
//
// parseScript never throws: every input gives a tree or a bash-style syntax
// error. Expansion happens when a command runs (shell.ts), so loop variables
// take their value per iteration.

import { type Budget, UNLIMITED } from '../core/budget.ts';

/** A piece of a word: literal text, or something expanded when the command runs. */
export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  /** ${name OP arg}: op is one of :- - := = :+ + :? ? # ## % %% / // : (substring), or 'len' for ${#name}. */
  | { kind: 'param'; name: string; op: string; arg: Word; arg2?: Word; quoted: boolean }
  | { kind: 'subst'; script: string; quoted: boolean }
  | { kind: 'arith'; expr: string; quoted: boolean };

export type Word = WordPart[];

export type RedirectOp = '<' | '>' | '>>' | '>|' | '<>' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redirect {
  /** The file descriptor redirected (0 for <, 1 for >); &> and &>> redirect 1 and 2. */
  fd: number;
  op: RedirectOp;
  /** The file, the descriptor to duplicate (>&), or the here-string; for a here-document its delimiter. */
  target: Word;
  /** A here-document's body: expanded unless the delimiter was quoted. */
  body?: Word;
}

interface Located {
  /** The line of the script the command starts on (1-based), for `x.sh: line 3:` messages. */
  line: number;
}

export interface SimpleNode extends Located {
  type: 'simple';
  /** Leading NAME=value words. */
  assignments: Array<{ name: string; value: Word }>;
  words: Word[];
  redirects: Redirect[];
}

export interface ForNode extends Located {
  type: 'for';
  name: string;
  /** null: `for NAME; do` iterates over the positional parameters. */
  items: Word[] | null;
  body: ListNode;
  redirects: Redirect[];
}

/** for ((init; cond; step)): expressions kept as text, evaluated by `arith`. */
export interface ArithForNode extends Located {
  type: 'arith-for';
  init: string;
  cond: string;
  step: string;
  body: ListNode;
  redirects: Redirect[];
}

export interface IfNode extends Located {
  type: 'if';
  clauses: Array<{ cond: ListNode; body: ListNode }>;
  otherwise: ListNode | null;
  redirects: Redirect[];
}

export interface LoopNode extends Located {
  type: 'while';
  until: boolean;
  cond: ListNode;
  body: ListNode;
  redirects: Redirect[];
}

export interface CaseNode extends Located {
  type: 'case';
  word: Word;
  items: Array<{ patterns: Word[]; body: ListNode; fallThrough: boolean }>;
  redirects: Redirect[];
}

export interface GroupNode extends Located {
  type: 'group' | 'subshell';
  body: ListNode;
  redirects: Redirect[];
}

export interface FunctionNode extends Located {
  type: 'function';
  name: string;
  body: CommandNode;
  /** The definition's text, as `type f` prints it (approximately: the source as written). */
  source: string;
}

export interface ArithNode extends Located {
  type: 'arith';
  expr: string;
  redirects: Redirect[];
}

/** [[ … ]]: the words between the brackets, operators kept as words; evaluated by the test evaluator. */
export interface CondNode extends Located {
  type: 'cond';
  words: Array<{ word: Word; op: boolean }>;
  redirects: Redirect[];
}

export type CommandNode = SimpleNode | ForNode | ArithForNode | IfNode | LoopNode | CaseNode | GroupNode | FunctionNode | ArithNode | CondNode;

export interface PipelineNode {
  negate: boolean;
  /** Each stage, and whether its stderr joins the pipe too (|&). */
  stages: Array<{ command: CommandNode; stderrToo: boolean }>;
  line: number;
}

export interface AndOrNode {
  first: PipelineNode;
  rest: Array<{ op: '&&' | '||'; pipeline: PipelineNode }>;
}

export interface ListNode {
  /** `text`: a background command as typed (bash's jobs and notices print it). */
  items: Array<{ command: AndOrNode; background: boolean; text?: string }>;
}

/** A syntax error keeps the commands parsed before it (`partial`): bash runs those of a file before reporting it. */
export type ScriptResult = { ok: true; list: ListNode } | { ok: false; error: string; line: number; token: string | null; partial: ListNode };

type Op = ';' | '&' | '&&' | '||' | '|' | '|&' | ';;' | ';&' | ';;&' | '(' | ')' | '\n';

type Token =
  | { t: 'word'; word: Word; raw: string; line: number; start: number; end: number }
  | { t: 'op'; op: Op; line: number; start: number }
  | { t: 'redir'; fd: number | null; op: RedirectOp; line: number; redirect: Redirect }
  | { t: 'arith'; text: string; line: number; start: number };

class SyntaxError_ extends Error {
  constructor(
    message: string,
    readonly line = 0,
    /** The offending token (for bash's second line `\`if then'`), when there is one. */
    readonly token: string | null = null,
  ) {
    super(message);
  }
}

export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SPECIAL_PARAM = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]|[?#$!@*-])/;

/**
 * Finds the delimiter that closes an opening one whose contents start at `open`, skipping quotes
 * and nested openings: `(`…`)` for `$(` and `$((`, `${`…`}` for parameter expansions.
 */
function closingDelimiter(src: string, open: number, opening: '(' | '${', closing: ')' | '}'): number {
  let depth = 1;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') i++;
    else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) return -1;
      i = j;
    } else if (src.startsWith(opening, i)) {
      depth++;
      i += opening.length - 1;
    } else if (c === closing) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Finds the `)` that closes a `(` whose contents start at `open`. */
const closingParen = (src: string, open: number): number => closingDelimiter(src, open, '(', ')');

/** Finds the `}` closing a `${` whose contents start at `open`. */
const closingBrace = (src: string, open: number): number => closingDelimiter(src, open, '${', '}');

/** The end of a backquoted substitution starting after the opening backquote. */
function closingBackquote(src: string, open: number): number {
  for (let i = open; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === '`') return i;
  }
  return -1;
}

/** Backquotes keep \$ \` \\ as escapes inside; the inner script sees them unescaped. */
function backquoteScript(text: string): string {
  return text.replace(/\\([$`\\])/g, '$1');
}

const EOF_IN = (what: string): string => `unexpected EOF while looking for matching \`${what}'`;

/**
 * Reads the parts of a word from `src`. `mode` says where the word is:
 * 'word' (a shell word: stops at blanks and operators), 'dquote' (inside
 * "…": stops at the closing quote), 'heredoc' (a here-document body: no
 * quote is special), 'param' (the argument of ${v:-…}: stops at `}` handled
 * by the caller, so it reads the whole text).
 */
class WordReader {
  parts: WordPart[] = [];
  constructor(private readonly src: string) {}

  text(s: string, quoted: boolean): void {
    const last = this.parts[this.parts.length - 1];
    if (last && last.kind === 'text' && last.quoted === quoted) last.text += s;
    else this.parts.push({ kind: 'text', text: s, quoted });
  }

  /** $name, ${…}, $(…), $((…)) at i (the `$`); returns the index of the last character used. */
  dollar(i: number, quoted: boolean): number {
    const src = this.src;
    const next = src[i + 1];
    if (next === '(' && src[i + 2] === '(') {
      const end = closingParen(src, i + 3);
      if (end >= 0 && src[end + 1] === ')') {
        this.parts.push({ kind: 'arith', expr: src.slice(i + 3, end), quoted });
        return end + 1;
      }
      // $( (…) ) is a substitution whose script starts with a subshell.
    }
    if (next === '(') {
      const end = closingParen(src, i + 2);
      if (end < 0) throw new SyntaxError_(EOF_IN(')'));
      this.parts.push({ kind: 'subst', script: src.slice(i + 2, end), quoted });
      return end;
    }
    if (next === '{') {
      const end = closingBrace(src, i + 2);
      if (end < 0) throw new SyntaxError_(EOF_IN('}'));
      this.parts.push(parameter(src.slice(i + 2, end), quoted));
      return end;
    }
    const m = SPECIAL_PARAM.exec(src.slice(i + 1));
    if (!m) {
      this.text('$', quoted);
      return i;
    }
    this.parts.push({ kind: 'var', name: m[1]!, quoted });
    return i + m[1]!.length;
  }

  backquote(i: number, quoted: boolean): number {
    const end = closingBackquote(this.src, i + 1);
    if (end < 0) throw new SyntaxError_(EOF_IN('`'));
    this.parts.push({ kind: 'subst', script: backquoteScript(this.src.slice(i + 1, end)), quoted });
    return end;
  }

  /** "…" starting at i (the quote); returns the index of the closing quote. */
  doubleQuoted(i: number): number {
    const src = this.src;
    const before = this.parts.length;
    let j = i + 1;
    for (; j < src.length && src[j] !== '"'; j++) {
      const d = src[j]!;
      if (d === '\\' && j + 1 < src.length && '"\\$`\n'.includes(src[j + 1]!)) {
        j++;
        if (src[j] !== '\n') this.text(src[j]!, true);
      } else if (d === '$') j = this.dollar(j, true);
      else if (d === '`') j = this.backquote(j, true);
      else this.text(d, true);
    }
    if (j >= src.length) throw new SyntaxError_(EOF_IN('"'));
    if (this.parts.length === before) this.text('', true);
    return j;
  }
}

/** The inside of ${…}. */
function parameter(inner: string, quoted: boolean): WordPart {
  const bad = (): never => {
    throw new SyntaxError_(`\${${inner}}: bad substitution`);
  };
  if (inner.startsWith('#') && inner.length > 1) {
    const name = inner.slice(1);
    if (!/^([A-Za-z_][A-Za-z0-9_]*(\[[0-9]+\])?|[0-9]+|[?#$!@*-])$/.test(name)) bad();
    return { kind: 'param', name, op: 'len', arg: [], quoted };
  }
  // NAME[N]: the lab has no arrays, but ${PIPESTATUS[1]} and ${BASH_REMATCH[1]} are read (index 0 is the variable).
  const m = /^([A-Za-z_][A-Za-z0-9_]*(?:\[[0-9]+\])?|[0-9]+|[?#$!@*-])/.exec(inner);
  if (!m) return bad();
  const name = m[1]!;
  const rest = inner.slice(name.length);
  if (rest === '') return { kind: 'var', name, quoted };
  const op = /^(:-|:=|:\+|:\?|-|=|\+|\?|##|#|%%|%|\/\/|\/#|\/%|\/|:)/.exec(rest)?.[1];
  if (op === undefined) return bad();
  const argText = rest.slice(op.length);
  if (op.startsWith('/')) {
    const slash = unescapedIndex(argText, '/');
    const pattern = slash < 0 ? argText : argText.slice(0, slash);
    const replacement = slash < 0 ? '' : argText.slice(slash + 1);
    return { kind: 'param', name, op, arg: wordOf(pattern), arg2: wordOf(replacement), quoted };
  }
  if (op === ':') {
    const colon = unescapedIndex(argText, ':');
    return { kind: 'param', name, op, arg: wordOf(colon < 0 ? argText : argText.slice(0, colon)), ...(colon < 0 ? {} : { arg2: wordOf(argText.slice(colon + 1)) }), quoted };
  }
  return { kind: 'param', name, op, arg: wordOf(argText), quoted };
}

function unescapedIndex(text: string, ch: string): number {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === ch) return i;
  }
  return -1;
}

/** A whole text read as one word (no splitting at blanks): the argument of ${v:-…}. */
function wordOf(text: string): Word {
  const reader = new WordReader(text);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      if (i + 1 < text.length) reader.text(text[i + 1]!, true);
      i++;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new SyntaxError_(EOF_IN("'"));
      reader.text(text.slice(i + 1, end), true);
      i = end;
    } else if (c === '"') i = reader.doubleQuoted(i);
    else if (c === '$') i = reader.dollar(i, false);
    else if (c === '`') i = reader.backquote(i, false);
    else reader.text(c, false);
  }
  return reader.parts;
}

/** An arithmetic expression's text as a word: $-expansions and backquotes, quotes kept (bash expands before evaluating). */
export function arithWord(text: string): Word {
  return heredocWord(text);
}

/** A here-document body with expansions ($, backquotes, \$ \` \\ escapes); quotes are plain text. */
function heredocWord(text: string): Word {
  const reader = new WordReader(text);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && '$`\\\n'.includes(text[i + 1]!)) {
      i++;
      if (text[i] !== '\n') reader.text(text[i]!, true);
    } else if (c === '$') i = reader.dollar(i, true);
    else if (c === '`') i = reader.backquote(i, true);
    else reader.text(c, true);
  }
  if (reader.parts.length === 0) reader.text('', true);
  return reader.parts;
}

const REDIRECT_OPS: RedirectOp[] = ['<<<', '<<-', '&>>', '<<', '>>', '>|', '<>', '>&', '<&', '&>', '<', '>'];

function lex(src: string, found: { openHeredoc: boolean } = { openHeredoc: false }): Token[] {
  const tokens: Token[] = [];
  let reader = new WordReader(src);
  let raw = '';
  let inWord = false;
  let wordStart = 0;
  let line = 1;
  let wordLine = 1;
  const pendingHeredocs: Array<{ redirect: Redirect; delimiter: string; quoted: boolean; strip: boolean }> = [];
  let heredocNext: { redirect: Redirect; strip: boolean } | null = null;
  const endWord = (end: number): void => {
    if (!inWord) return;
    const token: Token = { t: 'word', word: reader.parts, raw, line: wordLine, start: wordStart, end };
    tokens.push(token);
    if (heredocNext) {
      const quoted = reader.parts.some((p) => p.kind === 'text' && p.quoted) || raw.includes('\\');
      const delimiter = reader.parts.map((p) => (p.kind === 'text' ? p.text : p.kind === 'var' ? `$${p.name}` : '')).join('');
      pendingHeredocs.push({ redirect: heredocNext.redirect, delimiter, quoted, strip: heredocNext.strip });
      heredocNext = null;
    }
    reader = new WordReader(src);
    raw = '';
    inWord = false;
  };
  const startWord = (i: number): void => {
    if (!inWord) {
      inWord = true;
      wordStart = i;
      wordLine = line;
    }
  };
  /** Reads the bodies of the here-documents opened on the line that just ended; returns where reading stopped. */
  const readHeredocs = (from: number): number => {
    let pos = from;
    for (const doc of pendingHeredocs) {
      let body = '';
      for (;;) {
        if (pos >= src.length) {
          // bash warns and takes the rest of the input as the body; a reader of lines would read on.
          found.openHeredoc = true;
          break;
        }
        const nl = src.indexOf('\n', pos);
        const end = nl < 0 ? src.length : nl;
        let text = src.slice(pos, end);
        pos = nl < 0 ? src.length : nl + 1;
        line++;
        if (doc.strip) text = text.replace(/^\t+/, '');
        if (text === doc.delimiter) break;
        body += `${text}\n`;
      }
      doc.redirect.body = doc.quoted ? [{ kind: 'text', text: body, quoted: true }] : heredocWord(body);
    }
    pendingHeredocs.length = 0;
    return pos;
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    const start = i;
    if (c === '\\') {
      if (src[i + 1] === '\n') {
        // Line continuation: the backslash and newline vanish.
        i++;
        line++;
        continue;
      }
      startWord(i);
      if (i + 1 < src.length) reader.text(src[i + 1]!, true);
      i++;
    } else if (c === "'") {
      startWord(i);
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new SyntaxError_(EOF_IN("'"), line);
      const text = src.slice(i + 1, end);
      reader.text(text, true);
      line += text.split('\n').length - 1;
      i = end;
    } else if (c === '"') {
      startWord(i);
      const end = reader.doubleQuoted(i);
      line += src.slice(i, end).split('\n').length - 1;
      i = end;
    } else if (c === '$') {
      startWord(i);
      i = reader.dollar(i, false);
      line += src.slice(start, i).split('\n').length - 1;
    } else if (c === '`') {
      startWord(i);
      i = reader.backquote(i, false);
      line += src.slice(start, i).split('\n').length - 1;
    } else if (c === ' ' || c === '\t') {
      endWord(i);
    } else if (c === '#' && !inWord) {
      while (i + 1 < src.length && src[i + 1] !== '\n') i++;
    } else if (c === '\n') {
      endWord(i);
      tokens.push({ t: 'op', op: '\n', line, start: i });
      line++;
      if (heredocNext) throw new SyntaxError_("syntax error near unexpected token `newline'", line - 1, 'newline');
      if (pendingHeredocs.length > 0) i = readHeredocs(i + 1) - 1;
    } else if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      // `2>&1`-style redirections start with a digit; &> and &>> are redirections too.
      if (c === '&' && src[i + 1] === '>') {
        endWord(i);
        i = redirect(i, null);
        continue;
      }
      if (c === '(' && src[i + 1] === '(' && !inWord) {
        const end = closingParen(src, i + 2);
        if (end >= 0 && src[end + 1] === ')') {
          tokens.push({ t: 'arith', text: src.slice(i + 2, end), line, start: i });
          line += src.slice(i, end).split('\n').length - 1;
          i = end + 1;
          continue;
        }
      }
      endWord(i);
      const three = src.slice(i, i + 3);
      const two = src.slice(i, i + 2);
      const op: Op = three === ';;&' ? ';;&' : two === ';;' || two === ';&' || two === '&&' || two === '||' || two === '|&' ? (two as Op) : (c as Op);
      tokens.push({ t: 'op', op, line, start: i });
      i += op.length - 1;
      if (heredocNext) throw new SyntaxError_(`syntax error near unexpected token \`${op}'`, line, op);
    } else if (c === '<' || c === '>') {
      // A word made only of digits just before < or > is the descriptor (2>err, 3<in).
      let fd: number | null = null;
      if (inWord && /^[0-9]+$/.test(raw) && reader.parts.length === 1 && reader.parts[0]!.kind === 'text' && !reader.parts[0]!.quoted) {
        fd = Number(raw);
        inWord = false;
        reader = new WordReader(src);
        raw = '';
      } else endWord(i);
      i = redirect(i, fd);
      continue;
    } else {
      startWord(i);
      reader.text(c, false);
    }
    if (inWord) raw += src.slice(start, i + 1);
  }
  endWord(src.length);
  if (heredocNext) throw new SyntaxError_("syntax error near unexpected token `newline'", line, 'newline');
  // A here-document opened on the last line: its body is still to come.
  if (pendingHeredocs.length > 0) found.openHeredoc = true;
  return tokens;

  /** A redirection operator at i; returns the index of its last character. */
  function redirect(i: number, fd: number | null): number {
    const op = REDIRECT_OPS.find((o) => src.startsWith(o, i))!;
    const r: Redirect = { fd: fd ?? (op.startsWith('<') ? 0 : 1), op, target: [] };
    tokens.push({ t: 'redir', fd, op, line, redirect: r });
    if (op === '<<' || op === '<<-') heredocNext = { redirect: r, strip: op === '<<-' };
    return i + op.length - 1;
  }
}

/** A word that is exactly an unquoted reserved word (for, do, done, in, {, }, …). */
function isReserved(token: Token | undefined, word: string): boolean {
  return token !== undefined && token.t === 'word' && token.raw === word && token.word.length === 1 && token.word[0]!.kind === 'text' && !token.word[0]!.quoted;
}

function tokenText(token: Token | undefined): string {
  if (!token) return 'newline';
  if (token.t === 'word') return token.raw;
  if (token.t === 'op') return token.op === '\n' ? 'newline' : token.op;
  if (token.t === 'arith') return '((';
  return token.op;
}

const RESERVED_ENDS = ['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}'];

class Parser {
  pos = 0;
  constructor(
    readonly tokens: Token[],
    private readonly src: string,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private isOp(op: Op, token = this.peek()): boolean {
    return token?.t === 'op' && token.op === op;
  }

  unexpected(token = this.peek()): never {
    if (!token) throw new SyntaxError_('syntax error: unexpected end of file', this.lastLine() + 1);
    const text = tokenText(token);
    throw new SyntaxError_(`syntax error near unexpected token \`${text}'`, token.line, text);
  }

  private lastLine(): number {
    const last = this.tokens.at(-1);
    if (!last) return 0;
    return last.line + (last.t === 'op' && last.op === '\n' ? 1 : 0) - 1 + (last.t === 'word' ? last.raw.split('\n').length - 1 : 0);
  }

  private skipNewlines(): void {
    while (this.isOp('\n')) this.pos++;
  }

  private expectWord(word: string): void {
    if (!isReserved(this.peek(), word)) this.unexpected();
    this.pos++;
  }

  /** A list, ending at the end of input or before one of `stops` (reserved words or `)`, `;;`). */
  list(stops: string[], items: ListNode['items'] = []): ListNode {
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (!token || this.atStop(token, stops)) break;
      if (token.t === 'op' && token.op !== '(') this.unexpected(token);
      const first = this.pos;
      const command = this.andOr();
      let background = false;
      const next = this.peek();
      if (next?.t === 'op' && (next.op === ';' || next.op === '&' || next.op === '\n')) {
        this.pos++;
        background = next.op === '&';
      } else if (next && !this.atStop(next, stops)) this.unexpected(next);
      if (background && next?.t === 'op') items.push({ command, background, text: this.textBetween(first, next.start) });
      else items.push({ command, background });
    }
    return { items };
  }

  /** The source from token `first` up to offset `end`, trimmed. */
  private textBetween(first: number, end: number): string {
    for (let i = first; i < this.pos; i++) {
      const token = this.tokens[i]!;
      if ('start' in token) return this.src.slice(token.start, end).trim();
    }
    return '';
  }

  private atStop(token: Token, stops: string[]): boolean {
    if (token.t === 'op') return stops.includes(token.op);
    return stops.some((s) => isReserved(token, s));
  }

  private andOr(): AndOrNode {
    const node: AndOrNode = { first: this.pipeline(), rest: [] };
    for (let t = this.peek(); t?.t === 'op' && (t.op === '&&' || t.op === '||'); t = this.peek()) {
      this.pos++;
      this.skipNewlines();
      node.rest.push({ op: t.op as '&&' | '||', pipeline: this.pipeline() });
    }
    return node;
  }

  private pipeline(): PipelineNode {
    const first = this.peek();
    if (!first) this.unexpected();
    let negate = false;
    while (isReserved(this.peek(), '!')) {
      this.pos++;
      negate = !negate;
    }
    const stages: PipelineNode['stages'] = [{ command: this.command(), stderrToo: false }];
    for (let t = this.peek(); t?.t === 'op' && (t.op === '|' || t.op === '|&'); t = this.peek()) {
      this.pos++;
      stages[stages.length - 1]!.stderrToo = t.op === '|&';
      this.skipNewlines();
      stages.push({ command: this.command(), stderrToo: false });
    }
    return { negate, stages, line: first!.line };
  }

  private command(): CommandNode {
    const token = this.peek();
    if (!token) this.unexpected();
    const line = token!.line;
    if (token!.t === 'op') {
      if (token!.op === '(') {
        this.pos++;
        const body = this.list([')']);
        if (!this.isOp(')')) this.unexpected();
        if (body.items.length === 0) this.unexpected();
        this.pos++;
        return { type: 'subshell', body, redirects: this.redirects(), line };
      }
      this.unexpected(token);
    }
    if (token!.t === 'arith') {
      this.pos++;
      return { type: 'arith', expr: token!.text, redirects: this.redirects(), line };
    }
    if (isReserved(token, 'for')) return this.forCommand();
    if (isReserved(token, 'if')) return this.ifCommand();
    if (isReserved(token, 'while') || isReserved(token, 'until')) {
      this.pos++;
      const cond = this.list(['do']);
      const body = this.doGroup();
      return { type: 'while', until: (token as { raw: string }).raw === 'until', cond, body, redirects: this.redirects(), line };
    }
    if (isReserved(token, 'case')) return this.caseCommand();
    if (isReserved(token, '{')) {
      this.pos++;
      const body = this.list(['}']);
      if (body.items.length === 0) this.unexpected();
      this.expectWord('}');
      return { type: 'group', body, redirects: this.redirects(), line };
    }
    if (isReserved(token, '[[')) return this.condCommand();
    if (isReserved(token, 'function')) {
      this.pos++;
      const name = this.peek();
      if (name?.t !== 'word') this.unexpected(name);
      this.pos++;
      if (this.isOp('(')) {
        this.pos++;
        if (!this.isOp(')')) this.unexpected();
        this.pos++;
      }
      return this.functionBody((name as { raw: string }).raw, token as Token & { start: number }, line);
    }
    if (isReserved(token, 'select') || isReserved(token, 'coproc')) {
      throw new SyntaxError_(`${(token as { raw: string }).raw} is not supported in this lab shell`, line);
    }
    for (const word of RESERVED_ENDS) if (isReserved(token, word)) this.unexpected(token);
    if (token!.t === 'word' && this.isOp('(', this.peek(1)) && this.isOp(')', this.peek(2))) {
      if (!NAME.test(token!.raw) && !/^[^$`'"\\]+$/.test(token!.raw)) throw new SyntaxError_(`\`${token!.raw}': not a valid identifier`, line);
      this.pos += 3;
      return this.functionBody(token!.raw, token as Token & { start: number }, line);
    }
    return this.simple();
  }

  private functionBody(name: string, start: Token & { start: number }, line: number): FunctionNode {
    this.skipNewlines();
    const t = this.peek();
    if (!t || !(isReserved(t, '{') || isReserved(t, 'if') || isReserved(t, 'for') || isReserved(t, 'while') || isReserved(t, 'until') || isReserved(t, 'case') || isReserved(t, '[[') || this.isOp('(', t) || t.t === 'arith')) this.unexpected(t);
    const body = this.command();
    const endToken = this.tokens[this.pos - 1];
    const end = endToken && 'start' in endToken ? (endToken.t === 'word' ? endToken.end : endToken.start + 1) : this.src.length;
    return { type: 'function', name, body, source: this.src.slice(start.start, end), line };
  }

  private ifCommand(): IfNode {
    const line = this.peek()!.line;
    this.pos++;
    const clauses: IfNode['clauses'] = [];
    let otherwise: ListNode | null = null;
    for (;;) {
      const cond = this.list(['then']);
      if (cond.items.length === 0) this.unexpected();
      this.expectWord('then');
      const body = this.list(['elif', 'else', 'fi']);
      if (body.items.length === 0) this.unexpected();
      clauses.push({ cond, body });
      if (isReserved(this.peek(), 'elif')) {
        this.pos++;
        continue;
      }
      if (isReserved(this.peek(), 'else')) {
        this.pos++;
        otherwise = this.list(['fi']);
        if (otherwise.items.length === 0) this.unexpected();
      }
      this.expectWord('fi');
      return { type: 'if', clauses, otherwise, redirects: this.redirects(), line };
    }
  }

  private caseCommand(): CaseNode {
    const line = this.peek()!.line;
    this.pos++;
    const subject = this.peek();
    if (subject?.t !== 'word') this.unexpected(subject);
    this.pos++;
    this.skipNewlines();
    this.expectWord('in');
    const items: CaseNode['items'] = [];
    for (;;) {
      this.skipNewlines();
      if (isReserved(this.peek(), 'esac')) break;
      if (this.isOp('(')) this.pos++;
      const patterns: Word[] = [];
      for (;;) {
        const p = this.peek();
        if (p?.t !== 'word') this.unexpected(p);
        patterns.push(p.word);
        this.pos++;
        if (this.isOp('|')) {
          this.pos++;
          continue;
        }
        if (!this.isOp(')')) this.unexpected();
        this.pos++;
        break;
      }
      const body = this.list([';;', ';&', ';;&', 'esac']);
      const end = this.peek();
      let fallThrough = false;
      if (end?.t === 'op' && (end.op === ';;' || end.op === ';&' || end.op === ';;&')) {
        this.pos++;
        fallThrough = end.op === ';&';
      } else if (!isReserved(end, 'esac')) this.unexpected(end);
      items.push({ patterns, body, fallThrough });
    }
    this.expectWord('esac');
    return { type: 'case', word: (subject as { word: Word }).word, items, redirects: this.redirects(), line };
  }

  private condCommand(): CondNode {
    const line = this.peek()!.line;
    this.pos++;
    const words: CondNode['words'] = [];
    for (;;) {
      const t = this.peek();
      if (!t) this.unexpected();
      if (isReserved(t, ']]')) break;
      this.pos++;
      const previous = words.at(-1);
      if (previous && !previous.op && previous.word.length === 1 && previous.word[0]!.kind === 'text' && previous.word[0]!.text === '=~' && !previous.word[0]!.quoted) {
        words.push({ word: this.regexOperand(t!), op: false });
        continue;
      }
      if (t!.t === 'word') words.push({ word: t!.word, op: false });
      else if (t!.t === 'op' && ['&&', '||', '(', ')', '!'].includes(t!.op)) words.push({ word: [{ kind: 'text', text: t!.op, quoted: false }], op: true });
      else if (t!.t === 'redir' && (t!.op === '<' || t!.op === '>') && t!.fd === null) words.push({ word: [{ kind: 'text', text: t!.op, quoted: false }], op: true });
      else this.unexpected(t);
    }
    this.pos++;
    if (words.length === 0) this.unexpected();
    return { type: 'cond', words, redirects: this.redirects(), line };
  }

  /** The right side of =~: parentheses and | belong to the regular expression, so adjacent tokens are glued back. */
  private regexOperand(first: Token): Word {
    const word: Word = [];
    let end = -1;
    for (let t: Token | undefined = first; t; t = this.peek()) {
      if (t !== first) {
        const start = t.t === 'word' || t.t === 'op' ? t.start : -1;
        if (start !== end || isReserved(t, ']]')) break;
        this.pos++;
      }
      if (t.t === 'word') {
        word.push(...t.word);
        end = t.end;
      } else if (t.t === 'op' && t.op !== '\n' && t.op !== '&&' && t.op !== '||') {
        word.push({ kind: 'text', text: t.op, quoted: false });
        end = t.start + t.op.length;
      } else if (t === first) this.unexpected(t);
      else {
        this.pos--;
        break;
      }
    }
    return word;
  }

  private forCommand(): CommandNode {
    const line = this.peek()!.line;
    this.pos++;
    const head = this.peek();
    if (head?.t === 'arith') {
      this.pos++;
      const sections = head.text.split(';');
      if (sections.length !== 3) throw new SyntaxError_('syntax error: arithmetic expression required', line);
      this.endOfHead();
      const body = this.doGroup();
      return { type: 'arith-for', init: sections[0]!.trim(), cond: sections[1]!.trim(), step: sections[2]!.trim(), body, redirects: this.redirects(), line };
    }
    if (!head || head.t !== 'word' || !NAME.test(head.raw)) {
      if (head?.t === 'word') throw new SyntaxError_(`\`${head.raw}': not a valid identifier`, line);
      this.unexpected(head);
    }
    this.pos++;
    let items: Word[] | null = null;
    this.skipNewlines();
    if (isReserved(this.peek(), 'in')) {
      this.pos++;
      items = [];
      for (let t = this.peek(); t && t.t === 'word'; t = this.peek()) {
        items.push(t.word);
        this.pos++;
      }
    }
    this.endOfHead();
    const body = this.doGroup();
    return { type: 'for', name: (head as { raw: string }).raw, items, body, redirects: this.redirects(), line };
  }

  /** The `;` or newline before `do`. */
  private endOfHead(): void {
    const t = this.peek();
    if (t?.t === 'op' && (t.op === ';' || t.op === '\n')) this.pos++;
    this.skipNewlines();
  }

  private doGroup(): ListNode {
    this.expectWord('do');
    const body = this.list(['done']);
    if (body.items.length === 0) this.unexpected();
    this.expectWord('done');
    return body;
  }

  /** Redirections after a compound command (`done > log`, `} 2>&1`). */
  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (let t = this.peek(); t?.t === 'redir'; t = this.peek()) {
      this.pos++;
      out.push(this.redirectTarget(t));
    }
    return out;
  }

  private redirectTarget(t: Token & { t: 'redir' }): Redirect {
    const target = this.peek();
    if (!target || target.t !== 'word') this.unexpected(target);
    this.pos++;
    t.redirect.target = (target as { word: Word }).word;
    return t.redirect;
  }

  private simple(): SimpleNode {
    const node: SimpleNode = { type: 'simple', assignments: [], words: [], redirects: [], line: this.peek()!.line };
    for (let t = this.peek(); t && (t.t === 'word' || t.t === 'redir'); t = this.peek()) {
      this.pos++;
      if (t.t === 'redir') node.redirects.push(this.redirectTarget(t));
      else if (node.words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(t.raw) && t.word[0]?.kind === 'text' && !t.word[0].quoted) {
        const first = t.word[0].text;
        const eq = first.indexOf('=');
        const value: Word = [{ kind: 'text', text: first.slice(eq + 1), quoted: true }, ...t.word.slice(1)];
        node.assignments.push({ name: first.slice(0, eq), value });
      } else node.words.push(t.word);
    }
    const next = this.peek();
    if (next?.t === 'arith' || (next?.t === 'op' && next.op === '(')) this.unexpected(next);
    // A stray reserved word after a command (`echo a done`) is an argument, as in bash.
    return node;
  }
}

export function parseScript(src: string): ScriptResult {
  const partial: ListNode = { items: [] };
  try {
    const parser = new Parser(lex(src), src);
    const list = parser.list([], partial.items);
    // Anything left is a token out of place (`done` with no loop, a stray `)`).
    if (parser.pos < parser.tokens.length) parser.unexpected(parser.tokens[parser.pos]);
    return { ok: true, list };
  } catch (error) {
    // The command the error is in was not finished: only those before it are kept.
    if (error instanceof SyntaxError_) return { ok: false, error: error.message, line: error.line, token: error.token, partial };
    if (error instanceof RangeError) return { ok: false, error: 'syntax error: nested too deeply', line: 0, token: null, partial: { items: [] } };
    return { ok: false, error: `syntax error: ${(error as Error).message}`, line: 0, token: null, partial: { items: [] } };
  }
}

/**
 * Whether `src` is a command cut short, one more line of which bash would
 * read before running it: an open quote, a here-document without its
 * delimiter line, a loop or if without its end, a line ending in | or &&.
 * (A file of commands uses it to let one step span lines.)
 */
export function needsMoreInput(src: string): boolean {
  const found = { openHeredoc: false };
  try {
    new Parser(lex(src, found), src).list([]);
  } catch (error) {
    if (!(error instanceof SyntaxError_)) return false;
    return error.message.startsWith('unexpected EOF while looking for matching') || error.message === 'syntax error: unexpected end of file';
  }
  return found.openHeredoc;
}

/**
 * The words of a line with quotes removed and nothing expanded (`$x` stays
 * `$x`), up to the first operator or newline: how a tool that reads
 * commands from a file (ipvsadm -R) splits a line. A line with a syntax error
 * has no words.
 */
export function literalWords(line: string): string[] {
  let tokens: Token[];
  try {
    tokens = lex(line);
  } catch (error) {
    if (error instanceof SyntaxError_) return [];
    throw error;
  }
  const words: string[] = [];
  for (const token of tokens) {
    if (token.t !== 'word') break;
    words.push(token.word.map(literalPart).join(''));
  }
  return words;
}

function literalPart(part: WordPart): string {
  if (part.kind === 'text') return part.text;
  if (part.kind === 'var') return `$${part.name}`;
  if (part.kind === 'param') return `\${${part.name}${part.op === 'len' ? '' : part.op}${part.arg.map(literalPart).join('')}}`;
  if (part.kind === 'arith') return `$((${part.expr}))`;
  return `$(${part.script})`;
}

/**
 * Brace expansion of one unquoted word: {1..10}, {10..1}, {a..e}, {x,y,z},
 * with prefix and suffix; nested braces left alone. The word is cut into
 * parts first and the result sized before anything is built, so
 * `{1..1000}{1..1000}{1..1000}` ends with bash's allocation failure instead
 * of exhausting the tab; a loop, not recursion, so many groups cannot
 * overflow the stack.
 */
export function braceExpand(word: string, budget: Budget = UNLIMITED): string[] {
  const parts: Array<string | BraceItems> = [];
  let rest = word;
  for (;;) {
    const open = rest.indexOf('{');
    const close = open < 0 ? -1 : rest.indexOf('}', open);
    const items = close < 0 ? null : braceItems(rest.slice(open + 1, close));
    if (items === null || close < 0) {
      parts.push(rest);
      break;
    }
    parts.push(rest.slice(0, open), items);
    rest = rest.slice(close + 1);
  }
  if (parts.length === 1) return [word];
  // Size: count × (average length + NUL) + one pointer each, as bash's word list would need.
  let count = 1;
  let length = 0;
  for (const part of parts) {
    if (typeof part === 'string') length += part.length;
    else {
      length += part.totalLength / part.count;
      count *= part.count;
    }
  }
  budget.reserve(count * (length + 1 + 8));
  let out = [''];
  for (const part of parts) {
    if (typeof part === 'string') out = out.map((prefix) => prefix + part);
    else {
      const next: string[] = [];
      for (const prefix of out) {
        budget.spend(part.count);
        for (let i = 0; i < part.count; i++) next.push(prefix + part.item(i));
      }
      out = next;
    }
  }
  return out;
}

/** The items of one {…} group, described rather than listed, so they can be counted first. */
interface BraceItems {
  count: number;
  totalLength: number;
  item(i: number): string;
}

function braceItems(inner: string): BraceItems | null {
  if (inner.includes('{')) return null;
  const range = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(inner);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    const step = (Math.abs(Number(range[3] ?? 1)) || 1) * (from <= to ? 1 : -1);
    const width = /^-?0\d/.test(range[1]!) || /^-?0\d/.test(range[2]!) ? Math.max(range[1]!.length, range[2]!.length) : 0;
    const count = Math.floor(Math.abs(to - from) / Math.abs(step)) + 1;
    const widest = Math.max(String(from).length, String(to).length, width);
    return { count, totalLength: count * widest, item: (i) => (width ? String(from + i * step).padStart(width, '0') : String(from + i * step)) };
  }
  const letters = /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(inner);
  if (letters) {
    const a = letters[1]!.charCodeAt(0);
    const b = letters[2]!.charCodeAt(0);
    const step = a <= b ? 1 : -1;
    const count = Math.abs(b - a) + 1;
    return { count, totalLength: count, item: (i) => String.fromCharCode(a + i * step) };
  }
  if (!inner.includes(',')) return null;
  const items = inner.split(',');
  return { count: items.length, totalLength: inner.length - items.length + 1, item: (i) => items[i]! };
}
export { SyntaxError_ as ShellSyntaxError };
