// mawk's grammar, the part one-liners use: pattern-action items (BEGIN, END,
// expressions, ranges), statements (print, printf, if/else, while, do, for,
// for-in, next, exit, break, continue, delete, blocks) and expressions with
// awk's precedence (assignment, ?:, || &&, in, ~ !~, comparisons,
// concatenation, + -, * / %, unary, ^, ++ --, $). What one-liners rarely use
// (user functions, getline from files or commands, output redirection) is
// refused with a sentence saying it is not simulated.
import { AwkSyntaxError, lex, type Token } from './lex.ts';

export type Expr =
  | { k: 'num'; v: number }
  | { k: 'str'; v: string }
  | { k: 'regex'; src: string }
  | { k: 'var'; name: string }
  | { k: 'field'; index: Expr }
  | { k: 'elem'; name: string; subs: Expr[] }
  | { k: 'assign'; op: string; target: LValue; value: Expr }
  | { k: 'cond'; test: Expr; yes: Expr; no: Expr }
  | { k: 'or' | 'and'; a: Expr; b: Expr }
  | { k: 'in'; subs: Expr[]; name: string }
  | { k: 'match'; negate: boolean; a: Expr; re: Expr }
  | { k: 'cmp'; op: string; a: Expr; b: Expr }
  | { k: 'concat'; a: Expr; b: Expr }
  | { k: 'bin'; op: string; a: Expr; b: Expr }
  | { k: 'not' | 'neg' | 'plus'; a: Expr }
  | { k: 'incdec'; op: '++' | '--'; prefix: boolean; target: LValue }
  | { k: 'call'; name: string; args: Expr[] }
  | { k: 'getline'; target: LValue | null };

export type LValue = Extract<Expr, { k: 'var' | 'field' | 'elem' }>;

export type Stmt =
  | { k: 'print' | 'printf'; args: Expr[] }
  | { k: 'expr'; e: Expr }
  | { k: 'if'; test: Expr; yes: Stmt; no: Stmt | null }
  | { k: 'while'; test: Expr; body: Stmt }
  | { k: 'do'; body: Stmt; test: Expr }
  | { k: 'for'; init: Expr | null; test: Expr | null; step: Expr | null; body: Stmt }
  | { k: 'forin'; key: string; name: string; body: Stmt }
  | { k: 'block'; body: Stmt[] }
  | { k: 'next' | 'break' | 'continue' }
  | { k: 'exit'; value: Expr | null }
  | { k: 'delete'; name: string; subs: Expr[] | null };

export interface Item {
  kind: 'begin' | 'end' | 'main';
  pattern: Expr | null;
  /** The end of a range pattern `a, b`. */
  pattern2: Expr | null;
  action: Stmt[] | null;
}

/** A valid program using something the lab's awk does not run. */
export class AwkNotSimulated extends Error {}

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '^=']);
const CMP_OPS = new Set(['<', '<=', '==', '!=', '>', '>=']);

export function parseAwk(source: string): Item[] {
  // mawk reads the program as if it ended with a newline.
  return new Parser(lex(`${source}\n`)).program();
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private get t(): Token {
    return this.tokens[this.pos]!;
  }
  private is(text: string): boolean {
    return (this.t.kind === 'punct' || this.t.kind === 'keyword') && this.t.text === text;
  }
  private eat(text: string): boolean {
    if (!this.is(text)) return false;
    this.pos++;
    return true;
  }
  private fail(token: Token = this.t): never {
    if (token.kind === 'eof') throw new AwkSyntaxError(`line ${token.line}: missing } near end of file`);
    const near = token.kind === 'newline' ? 'end of line' : token.kind === 'string' ? token.text : token.text;
    throw new AwkSyntaxError(`line ${token.line}: syntax error at or near ${near}`);
  }
  private expect(text: string): void {
    if (!this.eat(text)) this.fail();
  }
  private newlines(): void {
    while (this.t.kind === 'newline') this.pos++;
  }
  private terminators(): void {
    while (this.t.kind === 'newline' || this.is(';')) this.pos++;
  }

  program(): Item[] {
    const items: Item[] = [];
    this.terminators();
    while (this.t.kind !== 'eof') {
      if (this.is('}')) throw new AwkSyntaxError(`line ${this.t.line}: extra '}'\nawk: line ${this.t.line}: syntax error at or near end of line`);
      items.push(this.item());
      this.terminators();
    }
    return items;
  }

  private item(): Item {
    if (this.is('function')) throw new AwkNotSimulated('user-defined functions are not simulated in this lab');
    if (this.is('BEGIN') || this.is('END')) {
      const kind = this.t.text === 'BEGIN' ? 'begin' : 'end';
      this.pos++;
      this.newlines();
      if (!this.is('{')) this.fail();
      return { kind, pattern: null, pattern2: null, action: this.block() };
    }
    if (this.is('{')) return { kind: 'main', pattern: null, pattern2: null, action: this.block() };
    const pattern = this.expr();
    let pattern2: Expr | null = null;
    if (this.eat(',')) {
      this.newlines();
      pattern2 = this.expr();
    }
    return { kind: 'main', pattern, pattern2, action: this.is('{') ? this.block() : null };
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    this.terminators();
    while (!this.is('}')) {
      if (this.t.kind === 'eof') this.fail();
      body.push(this.statement());
      this.terminators();
    }
    this.pos++;
    return body;
  }

  /** A statement's end: `;`, a newline, or before `}`. */
  private endStatement(): void {
    if (this.is(';') || this.t.kind === 'newline') {
      this.pos++;
      return;
    }
    if (!this.is('}') && this.t.kind !== 'eof') this.fail();
  }

  private atStatementEnd(): boolean {
    return this.is(';') || this.is('}') || this.t.kind === 'newline' || this.t.kind === 'eof';
  }

  private simpleOrBlock(): Stmt {
    this.newlines();
    if (this.is(';')) {
      this.pos++;
      return { k: 'block', body: [] };
    }
    return this.statement();
  }

  private statement(): Stmt {
    if (this.is('{')) return { k: 'block', body: this.block() };
    if (this.eat('if')) {
      this.expect('(');
      const test = this.expr();
      this.expect(')');
      const yes = this.simpleOrBlock();
      const save = this.pos;
      this.terminators();
      if (this.eat('else')) return { k: 'if', test, yes, no: this.simpleOrBlock() };
      this.pos = save;
      return { k: 'if', test, yes, no: null };
    }
    if (this.eat('while')) {
      this.expect('(');
      const test = this.expr();
      this.expect(')');
      if (this.is(';')) {
        this.pos++;
        return { k: 'while', test, body: { k: 'block', body: [] } };
      }
      return { k: 'while', test, body: this.simpleOrBlock() };
    }
    if (this.eat('do')) {
      const body = this.simpleOrBlock();
      this.terminators();
      this.expect('while');
      this.expect('(');
      const test = this.expr();
      this.expect(')');
      this.endStatement();
      return { k: 'do', body, test };
    }
    if (this.eat('for')) {
      this.expect('(');
      const t0 = this.tokens[this.pos]!;
      const t1 = this.tokens[this.pos + 1]!;
      const t2 = this.tokens[this.pos + 2]!;
      const t3 = this.tokens[this.pos + 3]!;
      if (t0.kind === 'name' && t1.text === 'in' && t2.kind === 'name' && t3.text === ')') {
        this.pos += 4;
        return { k: 'forin', key: t0.text, name: t2.text, body: this.simpleOrBlock() };
      }
      const init = this.is(';') ? null : this.expr();
      this.expect(';');
      this.newlines();
      const test = this.is(';') ? null : this.expr();
      this.expect(';');
      this.newlines();
      const step = this.is(')') ? null : this.expr();
      this.expect(')');
      return { k: 'for', init, test, step, body: this.simpleOrBlock() };
    }
    let stmt: Stmt;
    if (this.is('print') || this.is('printf')) {
      const k = this.t.text as 'print' | 'printf';
      this.pos++;
      stmt = { k, args: this.printArgs() };
      if (this.is('>') || this.is('>>') || this.is('|')) throw new AwkNotSimulated('output redirection (print > file, print | command) is not simulated in this lab');
    } else if (this.eat('next')) stmt = { k: 'next' };
    else if (this.eat('break')) stmt = { k: 'break' };
    else if (this.eat('continue')) stmt = { k: 'continue' };
    else if (this.eat('exit')) stmt = { k: 'exit', value: this.atStatementEnd() ? null : this.expr() };
    else if (this.eat('delete')) {
      if (this.t.kind !== 'name') this.fail();
      const name = this.t.text;
      this.pos++;
      stmt = { k: 'delete', name, subs: this.is('[') ? this.subscripts() : null };
    } else if (this.is('nextfile') || this.is('return')) throw new AwkNotSimulated(`${this.t.text} is not simulated in this lab`);
    else stmt = { k: 'expr', e: this.expr() };
    this.endStatement();
    return stmt;
  }

  private printArgs(): Expr[] {
    if (this.atStatementEnd() || this.is('>') || this.is('|')) return [];
    if (this.is('(')) {
      const save = this.pos;
      this.pos++;
      const list = [this.expr(false)];
      while (this.eat(',')) {
        this.newlines();
        list.push(this.expr(false));
      }
      if (this.eat(')') && (this.atStatementEnd() || this.is('>') || this.is('|'))) return list;
      this.pos = save;
    }
    const list = [this.expr(true)];
    while (this.eat(',')) {
      this.newlines();
      list.push(this.expr(true));
    }
    return list;
  }

  private subscripts(): Expr[] {
    this.expect('[');
    const subs = [this.expr()];
    while (this.eat(',')) subs.push(this.expr());
    this.expect(']');
    return subs;
  }

  /** noGt: in print's arguments, where `>` redirects. */
  expr(noGt = false): Expr {
    const left = this.ternary(noGt);
    if (this.is('|') && this.tokens[this.pos + 1]?.text === 'getline') throw new AwkNotSimulated('command | getline is not simulated in this lab');
    if ((this.t.kind === 'punct' && ASSIGN_OPS.has(this.t.text)) && (left.k === 'var' || left.k === 'field' || left.k === 'elem')) {
      const op = this.t.text;
      this.pos++;
      this.newlines();
      return { k: 'assign', op, target: left, value: this.expr(noGt) };
    }
    return left;
  }

  private ternary(noGt: boolean): Expr {
    const test = this.or(noGt);
    if (!this.eat('?')) return test;
    this.newlines();
    const yes = this.expr(noGt);
    this.newlines();
    this.expect(':');
    this.newlines();
    return { k: 'cond', test, yes, no: this.expr(noGt) };
  }

  private or(noGt: boolean): Expr {
    let a = this.and(noGt);
    while (this.eat('||')) {
      this.newlines();
      a = { k: 'or', a, b: this.and(noGt) };
    }
    return a;
  }

  private and(noGt: boolean): Expr {
    let a = this.inExpr(noGt);
    while (this.eat('&&')) {
      this.newlines();
      a = { k: 'and', a, b: this.inExpr(noGt) };
    }
    return a;
  }

  private inExpr(noGt: boolean): Expr {
    let a = this.matchExpr(noGt);
    while (this.is('in')) {
      this.pos++;
      if (this.t.kind !== 'name') this.fail();
      a = { k: 'in', subs: [a], name: this.t.text };
      this.pos++;
    }
    return a;
  }

  private matchExpr(noGt: boolean): Expr {
    let a = this.comparison(noGt);
    while (this.is('~') || this.is('!~')) {
      const negate = this.t.text === '!~';
      this.pos++;
      a = { k: 'match', negate, a, re: this.comparison(noGt) };
    }
    return a;
  }

  private comparison(noGt: boolean): Expr {
    const a = this.concat();
    if (this.t.kind === 'punct' && CMP_OPS.has(this.t.text) && !(noGt && this.t.text === '>')) {
      const op = this.t.text;
      this.pos++;
      return { k: 'cmp', op, a, b: this.concat() };
    }
    return a;
  }

  private startsOperand(): boolean {
    const t = this.t;
    if (t.kind === 'number' || t.kind === 'string' || t.kind === 'regex' || t.kind === 'name' || t.kind === 'builtin') return true;
    return t.kind === 'punct' && (t.text === '$' || t.text === '(' || t.text === '++' || t.text === '--');
  }

  private concat(): Expr {
    let a = this.additive();
    while (this.startsOperand()) a = { k: 'concat', a, b: this.additive() };
    return a;
  }

  private additive(): Expr {
    let a = this.multiplicative();
    while (this.is('+') || this.is('-')) {
      const op = this.t.text;
      this.pos++;
      a = { k: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Expr {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.t.text;
      this.pos++;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.eat('!')) return { k: 'not', a: this.unary() };
    if (this.eat('-')) return { k: 'neg', a: this.unary() };
    if (this.eat('+')) return { k: 'plus', a: this.unary() };
    return this.power();
  }

  private power(): Expr {
    const a = this.postfix();
    if (this.eat('^')) return { k: 'bin', op: '^', a, b: this.unaryPower() };
    return a;
  }

  /** The right of ^ may itself be signed: 2^-1. */
  private unaryPower(): Expr {
    if (this.eat('-')) return { k: 'neg', a: this.unaryPower() };
    if (this.eat('+')) return this.unaryPower();
    return this.power();
  }

  private postfix(): Expr {
    if (this.is('++') || this.is('--')) {
      const op = this.t.text as '++' | '--';
      this.pos++;
      const target = this.postfix();
      if (target.k !== 'var' && target.k !== 'field' && target.k !== 'elem') this.fail();
      return { k: 'incdec', op, prefix: true, target };
    }
    const a = this.primary();
    if ((a.k === 'var' || a.k === 'field' || a.k === 'elem') && (this.is('++') || this.is('--'))) {
      const op = this.t.text as '++' | '--';
      this.pos++;
      return { k: 'incdec', op, prefix: false, target: a };
    }
    return a;
  }

  private primary(): Expr {
    const t = this.t;
    switch (t.kind) {
      case 'number':
        this.pos++;
        return { k: 'num', v: t.value as number };
      case 'string':
        this.pos++;
        return { k: 'str', v: t.value as string };
      case 'regex':
        this.pos++;
        return { k: 'regex', src: t.value as string };
      case 'name': {
        this.pos++;
        if (this.is('[')) return { k: 'elem', name: t.text, subs: this.subscripts() };
        if (this.is('(') && this.tokens[this.pos - 1]!.line === t.line) throw new AwkNotSimulated('user-defined functions are not simulated in this lab');
        return { k: 'var', name: t.text };
      }
      case 'builtin': {
        this.pos++;
        if (t.text === 'system' || t.text === 'close' || t.text === 'fflush' || t.text === 'rand' || t.text === 'srand') throw new AwkNotSimulated(`${t.text}() is not simulated in this lab`);
        const args: Expr[] = [];
        if (this.eat('(')) {
          if (!this.is(')')) {
            args.push(this.expr());
            while (this.eat(',')) {
              this.newlines();
              args.push(this.expr());
            }
          }
          this.expect(')');
        } else if (t.text !== 'length') this.fail();
        return { k: 'call', name: t.text, args };
      }
      case 'keyword':
        if (t.text === 'getline') {
          this.pos++;
          if (this.is('<')) throw new AwkNotSimulated('getline from a file is not simulated in this lab');
          const target = this.t.kind === 'name' || this.is('$') ? this.postfix() : null;
          if (target && target.k !== 'var' && target.k !== 'field' && target.k !== 'elem') this.fail();
          if (this.is('<')) throw new AwkNotSimulated('getline from a file is not simulated in this lab');
          return { k: 'getline', target: target as LValue | null };
        }
        return this.fail();
      case 'punct':
        if (t.text === '$') {
          this.pos++;
          if (this.is('++') || this.is('--') || this.is('-')) {
            const op = this.t.text;
            this.pos++;
            const inner = this.primary();
            if (op === '-') return { k: 'field', index: { k: 'neg', a: inner } };
            if (inner.k !== 'var' && inner.k !== 'field' && inner.k !== 'elem') this.fail();
            return { k: 'field', index: { k: 'incdec', op: op as '++' | '--', prefix: true, target: inner } };
          }
          return { k: 'field', index: this.primary() };
        }
        if (t.text === '(') {
          this.pos++;
          const first = this.expr();
          if (this.eat(',')) {
            const subs = [first, this.expr()];
            while (this.eat(',')) subs.push(this.expr());
            this.expect(')');
            if (!this.is('in')) this.fail();
            this.pos++;
            if (this.t.kind !== 'name') this.fail();
            const name = this.t.text;
            this.pos++;
            return { k: 'in', subs, name };
          }
          this.expect(')');
          if (this.t.kind === 'punct' && this.t.text === '|') throw new AwkNotSimulated('command | getline is not simulated in this lab');
          return first;
        }
        return this.fail();
      default:
        return this.fail();
    }
  }
}
