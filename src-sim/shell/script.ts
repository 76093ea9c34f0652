// The command-line language of the lab shell, the part of bash that LVS
// tutorials use: simple commands joined by ; && || and newlines, redirections,
// quotes, `for NAME in WORDS; do LIST; done` and `for ((i=1; i<=N; i++))`,
// variables ($i, ${i}, NAME=value), command substitution ($(seq 10) and
// backquotes) and brace expansion ({1..10}, rs{1,2}).
//
// parseScript never throws: every input gives a tree or a bash-style syntax
// error. Expansion happens when a command runs (see shell.ts), so loop
// variables take their value per iteration.

import { type Budget, BudgetExceeded, MAX_EXPR_RECURSION_LEVEL, UNLIMITED } from '../core/budget.ts';

/** A piece of a word: literal text, or something expanded when the command runs. */
export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean }
  | { kind: 'subst'; script: string; quoted: boolean };

export type Word = WordPart[];

export type Redirect = { fd: 1 | 2; target: Word; append: boolean } | { fd: 2; toStdout: true };

export interface SimpleNode {
  type: 'simple';
  /** Leading NAME=value words. */
  assignments: Array<{ name: string; value: Word }>;
  words: Word[];
  redirects: Redirect[];
}

export interface ForNode {
  type: 'for';
  name: string;
  /** null: `for NAME; do` iterates over no positional parameters here. */
  items: Word[] | null;
  body: ListNode;
}

/** for ((init; cond; step)): expressions kept as text, evaluated by `arith`. */
export interface ArithForNode {
  type: 'arith-for';
  init: string;
  cond: string;
  step: string;
  body: ListNode;
}

export type CommandNode = SimpleNode | ForNode | ArithForNode;

export interface ListNode {
  items: Array<{ command: CommandNode; join: ';' | '&&' | '||' | null }>;
}

export type ScriptResult = { ok: true; list: ListNode } | { ok: false; error: string };

type Token = { t: 'word'; word: Word; raw: string } | { t: 'op'; op: ';' | '&&' | '||' | '\n' } | { t: 'redir'; fd: 1 | 2; append: boolean } | { t: 'dup' } | { t: 'arith'; text: string };

class SyntaxError_ extends Error {}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Finds the `)` that closes a `$(` starting at `open` (the index after `$(`), skipping quotes and nested parentheses. */
function closingParen(line: string, open: number): number {
  let depth = 1;
  for (let i = open; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\') i++;
    else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      if (j >= line.length) return -1;
      i = j;
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function lex(line: string): Token[] {
  const tokens: Token[] = [];
  let parts: WordPart[] = [];
  let raw = '';
  let inWord = false;
  const text = (s: string, quoted: boolean): void => {
    const last = parts[parts.length - 1];
    if (last && last.kind === 'text' && last.quoted === quoted) last.text += s;
    else parts.push({ kind: 'text', text: s, quoted });
  };
  const endWord = (): void => {
    if (!inWord) return;
    tokens.push({ t: 'word', word: parts, raw });
    parts = [];
    raw = '';
    inWord = false;
  };
  /** $name, ${name}, $(...), $((...)); returns the index of the last character used. */
  const dollar = (i: number, quoted: boolean): number => {
    const next = line[i + 1];
    if (next === '(' && line[i + 2] === '(') {
      const end = closingParen(line, i + 3);
      if (end < 0 || line[end + 1] !== ')') throw new SyntaxError_("unexpected EOF while looking for matching `)'");
      parts.push({ kind: 'subst', script: `\u0000arith ${line.slice(i + 3, end)}`, quoted });
      return end + 1;
    }
    if (next === '(') {
      const end = closingParen(line, i + 2);
      if (end < 0) throw new SyntaxError_("unexpected EOF while looking for matching `)'");
      parts.push({ kind: 'subst', script: line.slice(i + 2, end), quoted });
      return end;
    }
    if (next === '{') {
      const end = line.indexOf('}', i + 2);
      if (end < 0) throw new SyntaxError_("unexpected EOF while looking for matching `}'");
      const name = line.slice(i + 2, end);
      if (!NAME.test(name) && !/^[0-9?#]$/.test(name)) throw new SyntaxError_(`\${${name}}: bad substitution`);
      parts.push({ kind: 'var', name, quoted });
      return end;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$])/.exec(line.slice(i + 1));
    if (!m) {
      text('$', quoted);
      return i;
    }
    parts.push({ kind: 'var', name: m[1]!, quoted });
    return i + m[1]!.length;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    const start = i;
    if (c === '\\') {
      if (i + 1 < line.length && line[i + 1] !== '\n') text(line[i + 1]!, true);
      i++;
      inWord = true;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new SyntaxError_("unexpected EOF while looking for matching `''");
      text(line.slice(i + 1, end), true);
      i = end;
      inWord = true;
    } else if (c === '"') {
      inWord = true;
      let j = i + 1;
      for (; j < line.length && line[j] !== '"'; j++) {
        const d = line[j]!;
        if (d === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) text(line[++j]!, true);
        else if (d === '$') j = dollar(j, true);
        else if (d === '`') {
          const end = line.indexOf('`', j + 1);
          if (end < 0) throw new SyntaxError_('unexpected EOF while looking for matching ``\'');
          parts.push({ kind: 'subst', script: line.slice(j + 1, end), quoted: true });
          j = end;
        } else text(d, true);
      }
      if (j >= line.length) throw new SyntaxError_('unexpected EOF while looking for matching `"\'');
      if (parts.length === 0) text('', true);
      i = j;
    } else if (c === '$') {
      inWord = true;
      i = dollar(i, false);
    } else if (c === '`') {
      const end = line.indexOf('`', i + 1);
      if (end < 0) throw new SyntaxError_('unexpected EOF while looking for matching ``\'');
      parts.push({ kind: 'subst', script: line.slice(i + 1, end), quoted: false });
      i = end;
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '#' && !inWord) {
      while (i + 1 < line.length && line[i + 1] !== '\n') i++;
    } else if (c === '\n' || c === ';') {
      endWord();
      if (c === ';' && line[i + 1] === ';') throw new SyntaxError_("syntax error near unexpected token `;;'");
      tokens.push({ t: 'op', op: c === ';' ? ';' : '\n' });
    } else if (c === '&' && line[i + 1] === '&') {
      endWord();
      tokens.push({ t: 'op', op: '&&' });
      i++;
    } else if (c === '|' && line[i + 1] === '|') {
      endWord();
      tokens.push({ t: 'op', op: '||' });
      i++;
    } else if (c === '(' && line[i + 1] === '(' && !inWord) {
      const end = closingParen(line, i + 2);
      if (end < 0 || line[end + 1] !== ')') throw new SyntaxError_("unexpected EOF while looking for matching `)'");
      tokens.push({ t: 'arith', text: line.slice(i + 2, end) });
      i = end + 1;
    } else if (c === '|' || c === '&' || c === '<' || c === '(' || c === ')') {
      const what = c === '|' ? 'pipes' : c === '&' ? 'background jobs' : c === '<' ? 'input redirections' : 'subshells';
      throw new SyntaxError_(`${what} are not supported in this lab shell`);
    } else if (c === '>' || (c === '2' && !inWord && line[i + 1] === '>')) {
      endWord();
      let fd: 1 | 2 = 1;
      if (c === '2') {
        fd = 2;
        i++;
      }
      if (fd === 2 && line[i + 1] === '&' && line[i + 2] === '1') {
        tokens.push({ t: 'dup' });
        i += 2;
        continue;
      }
      const append = line[i + 1] === '>';
      if (append) i++;
      tokens.push({ t: 'redir', fd, append });
    } else {
      text(c, false);
      inWord = true;
    }
    if (inWord) raw += line.slice(start, i + 1);
  }
  endWord();
  return tokens;
}

/** A word that is exactly an unquoted reserved word (for, do, done, in). */
function isReserved(token: Token | undefined, word: string): boolean {
  return token !== undefined && token.t === 'word' && token.raw === word && token.word.length === 1 && token.word[0]!.kind === 'text' && !token.word[0]!.quoted;
}

function tokenText(token: Token | undefined): string {
  if (!token) return 'newline';
  if (token.t === 'word') return token.raw;
  if (token.t === 'op') return token.op === '\n' ? 'newline' : token.op;
  if (token.t === 'arith') return '((';
  return '>';
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private unexpected(token = this.peek()): never {
    if (!token) throw new SyntaxError_('syntax error: unexpected end of file');
    throw new SyntaxError_(`syntax error near unexpected token \`${tokenText(token)}'`);
  }

  private skipNewlines(): void {
    while (this.peek()?.t === 'op' && (this.peek() as { op: string }).op === '\n') this.pos++;
  }

  /** A list, ending at the end of input or before one of `stops` (reserved words). */
  list(stops: string[]): ListNode {
    const items: ListNode['items'] = [];
    let join: ListNode['items'][number]['join'] = null;
    for (;;) {
      this.skipNewlines();
      const token = this.peek();
      if (!token || stops.some((s) => isReserved(token, s))) {
        if (join === '&&' || join === '||') this.unexpected(token);
        break;
      }
      if (token.t === 'op') this.unexpected(token);
      items.push({ command: this.command(), join });
      const next = this.peek();
      if (!next) break;
      if (next.t !== 'op') this.unexpected(next);
      this.pos++;
      join = next.op === '\n' ? ';' : next.op;
    }
    return { items };
  }

  private command(): CommandNode {
    const token = this.peek()!;
    if (isReserved(token, 'for')) return this.forCommand();
    for (const word of ['do', 'done', 'then', 'fi', 'esac']) if (isReserved(token, word)) this.unexpected(token);
    // Compound commands the lab shell does not run: say so instead of "command not found".
    if (isReserved(token, 'while') || isReserved(token, 'until')) throw new SyntaxError_(`${(token as { raw: string }).raw} loops are not supported in this lab shell (a terminal here cannot be interrupted); use for i in {1..N}; do …; done`);
    for (const word of ['if', 'case', 'select', 'function']) if (isReserved(token, word)) throw new SyntaxError_(`${word} is not supported in this lab shell; use && and || to join commands`);
    return this.simple();
  }

  private forCommand(): CommandNode {
    this.pos++;
    const head = this.peek();
    if (head?.t === 'arith') {
      this.pos++;
      const sections = head.text.split(';');
      if (sections.length !== 3) throw new SyntaxError_(`syntax error: arithmetic expression required`);
      this.endOfHead();
      return { type: 'arith-for', init: sections[0]!.trim(), cond: sections[1]!.trim(), step: sections[2]!.trim(), body: this.doGroup() };
    }
    if (!head || head.t !== 'word' || !NAME.test(head.raw)) {
      if (head?.t === 'word') throw new SyntaxError_(`\`${head.raw}': not a valid identifier`);
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
    return { type: 'for', name: head.raw, items, body: this.doGroup() };
  }

  /** The `;` or newline before `do`. */
  private endOfHead(): void {
    const t = this.peek();
    if (t?.t === 'op' && (t.op === ';' || t.op === '\n')) this.pos++;
    this.skipNewlines();
  }

  private doGroup(): ListNode {
    if (!isReserved(this.peek(), 'do')) this.unexpected();
    this.pos++;
    const body = this.list(['done']);
    if (!isReserved(this.peek(), 'done')) this.unexpected();
    if (body.items.length === 0) this.unexpected(this.peek());
    this.pos++;
    return body;
  }

  private simple(): SimpleNode {
    const node: SimpleNode = { type: 'simple', assignments: [], words: [], redirects: [] };
    for (let t = this.peek(); t && t.t !== 'op'; t = this.peek()) {
      this.pos++;
      if (t.t === 'dup') node.redirects.push({ fd: 2, toStdout: true });
      else if (t.t === 'redir') {
        const target = this.peek();
        if (!target || target.t !== 'word') this.unexpected(target);
        this.pos++;
        node.redirects.push({ fd: t.fd, target: target.word, append: t.append });
      } else if (t.t === 'arith') this.unexpected(t);
      else if (node.words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.raw) && t.word[0]?.kind === 'text' && !t.word[0].quoted) {
        const first = t.word[0].text;
        const eq = first.indexOf('=');
        const value: Word = [{ kind: 'text', text: first.slice(eq + 1), quoted: true }, ...t.word.slice(1)];
        node.assignments.push({ name: first.slice(0, eq), value });
      } else node.words.push(t.word);
    }
    // A stray reserved word after a command (`echo a done`) is an argument, as in bash.
    return node;
  }
}

export function parseScript(line: string): ScriptResult {
  try {
    const parser = new Parser(lex(line));
    const list = parser.list([]);
    // Anything left is a reserved word out of place (`done` with no loop).
    const rest = (parser as unknown as { tokens: Token[]; pos: number });
    if (rest.pos < rest.tokens.length) return { ok: false, error: `syntax error near unexpected token \`${tokenText(rest.tokens[rest.pos])}'` };
    return { ok: true, list };
  } catch (error) {
    if (error instanceof SyntaxError_) return { ok: false, error: error.message };
    return { ok: false, error: `syntax error: ${(error as Error).message}` };
  }
}

/**
 * The words of a line with quotes removed and nothing expanded (`$x` stays
 * `$x`), up to the first `;`, `&&`, `||` or newline: how a tool that reads
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
    words.push(token.word.map((part) => (part.kind === 'text' ? part.text : part.kind === 'var' ? `$${part.name}` : `$(${part.script})`)).join(''));
  }
  return words;
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

/**
 * Shell arithmetic for `for ((…))` and $((…)): integers, variables, + - * / %,
 * comparisons, ++ -- += -= =, and && || !. Returns the value; variables are
 * read and written through `vars`.
 *
 * Evaluated with explicit stacks (operator precedence), not recursion, so a
 * deep nesting cannot overflow the call stack; like bash, nesting deeper than
 * MAX_EXPR_RECURSION_LEVEL ends with "expression recursion level exceeded".
 * Operands are read left to right as bash reads them; && and || evaluate both
 * sides (the lab's arithmetic never had bash's short-circuit).
 */
export function arith(expr: string, vars: Map<string, string>): number {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\+\+|--|\+=|-=|\*=|\/=|<=|>=|==|!=|&&|\|\||[-+*/%<>=!()]/g) ?? [];
  if (tokens.length === 0) return 0;
  const read = (name: string): number => Number.parseInt(vars.get(name) ?? '0', 10) || 0;
  const fail = (): never => {
    throw new SyntaxError_(`${expr}: syntax error in expression`);
  };
  const values: number[] = [];
  const ops: ArithOp[] = [];
  let depth = 0;
  const apply = (op: ArithOp): void => {
    if (op.kind === 'unary' || op.kind === 'assign') depth--;
    if (op.kind === 'unary') {
      const v = values.pop()!;
      values.push(op.op === '-' ? -v : op.op === '+' ? v : v ? 0 : 1);
    } else if (op.kind === 'assign') {
      const value = values.pop()!;
      const old = read(op.name);
      const v = op.op === '=' ? value : op.op === '+=' ? old + value : op.op === '-=' ? old - value : op.op === '*=' ? old * value : value === 0 ? fail() : Math.trunc(old / value);
      vars.set(op.name, String(v));
      values.push(v);
    } else if (op.kind === 'binary') {
      const right = values.pop()!;
      const left = values.pop()!;
      values.push(binaryValue(op.op, left, right));
    } else fail();
  };
  const reduceWhile = (prec: number, rightAssoc: boolean): void => {
    for (let top = ops.at(-1); top !== undefined && top.kind !== 'paren' && (rightAssoc ? top.prec > prec : top.prec >= prec); top = ops.at(-1)) apply(ops.pop()!);
  };
  const nest = (): void => {
    if (++depth > MAX_EXPR_RECURSION_LEVEL) throw new BudgetExceeded(`${expr}: expression recursion level exceeded (error token is "${tokens.slice(pos - 1).join('')}")`);
  };
  let pos = 0;
  let expectOperand = true;
  // An assignment may start the expression, follow "(" or another assignment (a = b = 1).
  let assignable = true;
  while (pos < tokens.length) {
    const t = tokens[pos++]!;
    if (expectOperand) {
      if (t === '(') {
        nest();
        ops.push({ kind: 'paren', prec: -1 });
        assignable = true;
      } else if (t === '-' || t === '+' || t === '!') {
        nest();
        ops.push({ kind: 'unary', op: t, prec: UNARY_PREC });
        assignable = false;
      } else if (t === '++' || t === '--') {
        const name = tokens[pos++] ?? fail();
        if (!NAME.test(name)) fail();
        const v = read(name) + (t === '++' ? 1 : -1);
        vars.set(name, String(v));
        values.push(v);
        expectOperand = false;
      } else if (/^\d+$/.test(t)) {
        values.push(Number(t));
        expectOperand = false;
      } else if (NAME.test(t)) {
        const after = tokens[pos];
        if (assignable && (after === '=' || after === '+=' || after === '-=' || after === '*=' || after === '/=')) {
          pos++;
          nest();
          ops.push({ kind: 'assign', op: after, name: t, prec: 0 });
          continue;
        }
        if (after === '++' || after === '--') {
          pos++;
          const v = read(t);
          vars.set(t, String(v + (after === '++' ? 1 : -1)));
          values.push(v);
        } else values.push(read(t));
        expectOperand = false;
      } else fail();
      continue;
    }
    if (t === ')') {
      reduceWhile(0, false);
      const top = ops.pop();
      if (top?.kind !== 'paren') fail();
      depth--;
      continue;
    }
    const prec = BINARY_PREC.get(t);
    if (prec === undefined) fail();
    reduceWhile(prec!, false);
    ops.push({ kind: 'binary', op: t, prec: prec! });
    expectOperand = true;
    assignable = false;
  }
  if (expectOperand) fail();
  while (ops.length > 0) apply(ops.pop()!);
  return values[0]!;
}

type ArithOp = { kind: 'paren'; prec: -1 } | { kind: 'unary' | 'binary'; op: string; prec: number } | { kind: 'assign'; op: string; name: string; prec: 0 };

const BINARY_PREC = new Map<string, number>([
  ['||', 1],
  ['&&', 2],
  ['==', 3],
  ['!=', 3],
  ['<', 4],
  ['>', 4],
  ['<=', 4],
  ['>=', 4],
  ['+', 5],
  ['-', 5],
  ['*', 6],
  ['/', 6],
  ['%', 6],
]);
const UNARY_PREC = 7;

function binaryValue(op: string, left: number, right: number): number {
  if ((op === '/' || op === '%') && right === 0) throw new SyntaxError_('division by 0 (error token is "0")');
  switch (op) {
    case '||':
      return left || right ? 1 : 0;
    case '&&':
      return left && right ? 1 : 0;
    case '==':
      return +(left === right);
    case '!=':
      return +(left !== right);
    case '<':
      return +(left < right);
    case '>':
      return +(left > right);
    case '<=':
      return +(left <= right);
    case '>=':
      return +(left >= right);
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return Math.trunc(left / right);
    default:
      return left % right;
  }
}

export { SyntaxError_ as ShellSyntaxError };
