// Runs a parsed awk program the way mawk 1.3.4 does: values are numbers,
// strings or "strnums" (fields and input that look numeric compare as
// numbers), numbers print as integers when integral and within mawk's
// Max_Int, otherwise with OFMT (%.6g); fields split on FS (" ": runs of
// blanks; one other character: literally; longer: an ERE).
import type { Budget } from '../../../core/budget.ts';
import { formatFloat, parseConversion, toBytes, X86_DEFAULT_NAN } from '../c-format.ts';
import { translateRegex } from '../posix-regex.ts';
import { AwkRuntimeError } from './errors.ts';
import type { Expr, Item, LValue, Stmt } from './parse.ts';
import { awkPrintf, type AwkPrintfArgument } from './printf.ts';

type StrNum = { s: string; numeric: boolean };
export type Value = number | string | StrNum;

const MAX_INT = 2147483647;
const UNINIT: StrNum = { s: '', numeric: true };
const NUMERIC = /^[ \t\n]*[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)[ \t\n]*$/;

class Next {}
class Exit {
  constructor(readonly status: number) {}
}
class Break {}
class Continue {}

export const strnum = (s: string): StrNum => ({ s, numeric: NUMERIC.test(s) });

export function toNumber(v: Value): number {
  if (typeof v === 'number') return v;
  const s = typeof v === 'string' ? v : v.s;
  // mawk reads numbers with strtod: hexadecimal, inf and nan too.
  const m = /^[ \t\n]*([-+]?)(?:0[xX]([0-9a-fA-F]+)|(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|(inf(?:inity)?)|(nan))/i.exec(s);
  if (!m) return 0;
  const magnitude = m[2] !== undefined ? parseInt(m[2], 16) : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? Infinity : NaN;
  return m[1] === '-' ? -magnitude : magnitude;
}

/** A number as text with a %.Ng format (CONVFMT or OFMT); integral ones as integers. */
export function numberText(n: number, format: string): string {
  if (Number.isInteger(n) && Math.abs(n) <= MAX_INT) return String(n === 0 ? 0 : n);
  const c = parseConversion(format, 1, () => 0)?.conversion ?? { flags: '', width: null, precision: 6, letter: 'g' };
  return formatFloat(n, c);
}

/**
 * What C gives where JavaScript gives NaN: a NaN operand comes through as it
 * is ("nan"+0 prints nan); a new one is x86's default NaN, which prints as -nan.
 */
const libm = (result: number, ...operands: number[]): number => (Number.isNaN(result) ? (operands.find(Number.isNaN) ?? X86_DEFAULT_NAN) : result);

export interface AwkIo {
  budget: Budget;
  out(text: string): void;
  /** The next input record, or null at the end of all input; may throw for a file it cannot open. */
  nextRecord(): { text: string; filename: string; newFile: boolean } | null;
}

export class AwkRun {
  private readonly vars = new Map<string, Value>([
    ['FS', ' '], ['OFS', ' '], ['ORS', '\n'], ['RS', '\n'], ['NR', 0], ['FNR', 0], ['FILENAME', ''], ['SUBSEP', '\x1c'], ['CONVFMT', '%.6g'], ['OFMT', '%.6g'], ['RSTART', 0], ['RLENGTH', -1],
  ]);
  private readonly arrays = new Map<string, Map<string, Value>>();
  private record = '';
  private fields: string[] | null = [];
  private readonly regexes = new Map<string, RegExp>();
  private readonly inRange = new Map<Item, boolean>();

  constructor(
    private readonly items: Item[],
    private readonly io: AwkIo,
  ) {}

  /** Where a run-time error happened, as mawk reports it. */
  position(): string {
    return `FILENAME="${this.str(this.vars.get('FILENAME')!)}" FNR=${this.str(this.vars.get('FNR')!)} NR=${this.str(this.vars.get('NR')!)}`;
  }

  setVariable(name: string, value: string): void {
    this.vars.set(name, strnum(value));
  }

  /** BEGIN, the records, END; the exit status. */
  run(): number {
    let status = 0;
    let exited = false;
    try {
      for (const item of this.items) if (item.kind === 'begin') this.block(item.action!);
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
      status = e.status;
      exited = true;
    }
    const hasMain = this.items.some((i) => i.kind !== 'begin');
    if (!exited && hasMain) {
      try {
        for (;;) {
          if (!this.readRecord()) break;
          try {
            for (const item of this.items) if (item.kind === 'main' && this.selects(item)) this.action(item);
          } catch (e) {
            if (!(e instanceof Next)) throw e;
          }
        }
      } catch (e) {
        if (!(e instanceof Exit)) throw e;
        status = e.status;
      }
    }
    try {
      for (const item of this.items) if (item.kind === 'end') this.block(item.action!);
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
      status = e.status;
    }
    return status;
  }

  private readRecord(target: LValue | null = null): boolean {
    const r = this.io.nextRecord();
    if (!r) return false;
    this.vars.set('NR', toNumber(this.vars.get('NR')!) + 1);
    this.vars.set('FNR', r.newFile ? 1 : toNumber(this.vars.get('FNR')!) + 1);
    this.vars.set('FILENAME', r.filename);
    if (target) this.assign(target, strnum(r.text));
    else this.setRecord(r.text);
    return true;
  }

  private selects(item: Item): boolean {
    if (!item.pattern) return true;
    if (!item.pattern2) return this.truthy(this.eval(item.pattern));
    if (this.inRange.get(item)) {
      if (this.truthy(this.eval(item.pattern2))) this.inRange.set(item, false);
      return true;
    }
    if (!this.truthy(this.eval(item.pattern))) return false;
    this.inRange.set(item, !this.truthy(this.eval(item.pattern2)));
    return true;
  }

  private action(item: Item): void {
    if (item.action) this.block(item.action);
    else this.io.out(`${this.record}${this.str(this.vars.get('ORS')!)}`);
  }

  private block(body: Stmt[]): void {
    for (const s of body) this.exec(s);
  }

  private exec(s: Stmt): void {
    this.io.budget.spend();
    switch (s.k) {
      case 'print': {
        const parts = s.args.length === 0 ? [this.record] : s.args.map((a) => this.outputText(this.eval(a)));
        this.io.out(`${parts.join(this.str(this.vars.get('OFS')!))}${this.str(this.vars.get('ORS')!)}`);
        return;
      }
      case 'printf': {
        if (s.args.length === 0) throw new AwkRuntimeError('printf: no format');
        const [format, ...rest] = s.args.map((a) => this.eval(a));
        this.io.out(this.sprintf(this.str(format!), rest, 'printf'));
        return;
      }
      case 'expr': this.eval(s.e); return;
      case 'if':
        if (this.truthy(this.eval(s.test))) this.exec(s.yes);
        else if (s.no) this.exec(s.no);
        return;
      case 'while':
        while (this.truthy(this.eval(s.test))) if (this.loopBody(s.body)) break;
        return;
      case 'do':
        do {
          if (this.loopBody(s.body)) break;
        } while (this.truthy(this.eval(s.test)));
        return;
      case 'for':
        if (s.init) this.eval(s.init);
        while (!s.test || this.truthy(this.eval(s.test))) {
          if (this.loopBody(s.body)) break;
          if (s.step) this.eval(s.step);
        }
        return;
      case 'forin':
        for (const key of [...this.array(s.name).keys()]) {
          this.vars.set(s.key, strnum(key));
          if (this.loopBody(s.body)) break;
        }
        return;
      case 'block': this.block(s.body); return;
      case 'next': throw new Next();
      case 'break': throw new Break();
      case 'continue': throw new Continue();
      case 'exit': throw new Exit(s.value ? Math.trunc(toNumber(this.eval(s.value))) & 0xff : 0);
      case 'delete':
        if (s.subs) this.array(s.name).delete(this.subscript(s.subs));
        else this.array(s.name).clear();
        return;
    }
  }

  /** Runs a loop body; true when it broke out. */
  private loopBody(body: Stmt): boolean {
    this.io.budget.spend();
    try {
      this.exec(body);
    } catch (e) {
      if (e instanceof Break) return true;
      if (!(e instanceof Continue)) throw e;
    }
    return false;
  }

  // ---- values ----

  private str(v: Value): string {
    if (typeof v === 'number') return numberText(v, this.str(this.vars.get('CONVFMT')!));
    return typeof v === 'string' ? v : v.s;
  }

  private outputText(v: Value): string {
    return typeof v === 'number' ? numberText(v, this.str(this.vars.get('OFMT')!)) : this.str(v);
  }

  private truthy(v: Value): boolean {
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string') return v !== '';
    return v.numeric ? toNumber(v) !== 0 : v.s !== '';
  }

  private compare(a: Value, b: Value): number {
    const numeric = (v: Value): boolean => typeof v === 'number' || (typeof v !== 'string' && v.numeric);
    if (numeric(a) && numeric(b)) return Math.sign(toNumber(a) - toNumber(b));
    const x = this.str(a);
    const y = this.str(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  private regex(source: string): RegExp {
    let re = this.regexes.get(source);
    if (!re) {
      const t = translateRegex(source, 'extended', { controlEscapes: true });
      if (!t.ok) throw new AwkRuntimeError(`regular expression compile failed (${t.error.toLowerCase()})\n${source}`);
      re = new RegExp(t.source, 'g');
      this.regexes.set(source, re);
    }
    re.lastIndex = 0;
    return re;
  }

  private regexOf(e: Expr): RegExp {
    return e.k === 'regex' ? this.regex(e.src) : this.regex(this.str(this.eval(e)));
  }

  // ---- fields ----

  private setRecord(text: string): void {
    this.record = text;
    this.fields = null;
  }

  private split(text: string, fs: string): string[] {
    if (fs === ' ') {
      const trimmed = text.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
      return trimmed === '' ? [] : trimmed.split(/[ \t\n]+/);
    }
    if (text === '') return [];
    if ([...fs].length === 1 && fs !== '\\') return text.split(fs);
    return text.split(this.regex(fs));
  }

  private getFields(): string[] {
    this.fields ??= this.split(this.record, this.str(this.vars.get('FS')!));
    return this.fields;
  }

  private field(i: number): Value {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i === 0) return strnum(this.record);
    const f = this.getFields()[i - 1];
    return f === undefined ? UNINIT : strnum(f);
  }

  private setField(i: number, value: string): void {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i === 0) {
      this.setRecord(value);
      return;
    }
    const fields = this.getFields();
    while (fields.length < i) fields.push('');
    fields[i - 1] = value;
    this.rebuild();
  }

  private rebuild(): void {
    this.record = this.getFields().join(this.str(this.vars.get('OFS')!));
  }

  // ---- variables ----

  private array(name: string): Map<string, Value> {
    let a = this.arrays.get(name);
    if (!a) {
      a = new Map();
      this.arrays.set(name, a);
    }
    return a;
  }

  private subscript(subs: Expr[]): string {
    return subs.map((e) => this.str(this.eval(e))).join(this.str(this.vars.get('SUBSEP')!));
  }

  private get(target: LValue): Value {
    if (target.k === 'field') return this.field(Math.trunc(toNumber(this.eval(target.index))));
    if (target.k === 'elem') {
      const a = this.array(target.name);
      const key = this.subscript(target.subs);
      if (!a.has(key)) a.set(key, UNINIT);
      return a.get(key)!;
    }
    if (target.name === 'NF') return this.getFields().length;
    return this.vars.get(target.name) ?? UNINIT;
  }

  private assign(target: LValue, value: Value): Value {
    if (target.k === 'field') this.setField(Math.trunc(toNumber(this.eval(target.index))), this.str(value));
    else if (target.k === 'elem') this.array(target.name).set(this.subscript(target.subs), value);
    else if (target.name === 'NF') {
      const n = Math.max(0, Math.trunc(toNumber(value)));
      const fields = this.getFields();
      fields.length = n;
      for (let i = 0; i < n; i++) fields[i] ??= '';
      this.rebuild();
    } else {
      if (this.arrays.has(target.name)) throw new AwkRuntimeError(`can't assign to ${target.name}; it's an array name.`);
      this.vars.set(target.name, value);
    }
    return value;
  }

  // ---- expressions ----

  eval(e: Expr): Value {
    switch (e.k) {
      case 'num': return e.v;
      case 'str': return e.v;
      case 'regex': return this.regex(e.src).test(this.record) ? 1 : 0;
      case 'var': case 'field': case 'elem': return this.get(e);
      case 'assign': {
        const value = this.eval(e.value);
        if (e.op === '=') return this.assign(e.target, typeof value === 'object' ? { ...value } : value);
        return this.assign(e.target, arithmetic(e.op.slice(0, 1), toNumber(this.get(e.target)), toNumber(value)));
      }
      case 'cond': return this.truthy(this.eval(e.test)) ? this.eval(e.yes) : this.eval(e.no);
      case 'or': return this.truthy(this.eval(e.a)) || this.truthy(this.eval(e.b)) ? 1 : 0;
      case 'and': return this.truthy(this.eval(e.a)) && this.truthy(this.eval(e.b)) ? 1 : 0;
      case 'in': return this.array(e.name).has(this.subscript(e.subs)) ? 1 : 0;
      case 'match': return this.regexOf(e.re).test(this.str(this.eval(e.a))) !== e.negate ? 1 : 0;
      case 'cmp': {
        const c = this.compare(this.eval(e.a), this.eval(e.b));
        const result = { '<': c < 0, '<=': c <= 0, '==': c === 0, '!=': c !== 0, '>': c > 0, '>=': c >= 0 }[e.op]!;
        return result ? 1 : 0;
      }
      case 'concat': return this.str(this.eval(e.a)) + this.str(this.eval(e.b));
      case 'bin': return arithmetic(e.op, toNumber(this.eval(e.a)), toNumber(this.eval(e.b)));
      case 'not': return this.truthy(this.eval(e.a)) ? 0 : 1;
      case 'neg': return -toNumber(this.eval(e.a));
      case 'plus': return toNumber(this.eval(e.a));
      case 'incdec': {
        const old = toNumber(this.get(e.target));
        const now = e.op === '++' ? old + 1 : old - 1;
        this.assign(e.target, now);
        return e.prefix ? now : old;
      }
      case 'getline': return this.readRecord(e.target) ? 1 : 0;
      case 'call': return this.call(e.name, e.args);
    }
  }

  private call(name: string, args: Expr[]): Value {
    const arg = (i: number): Value => this.eval(args[i]!);
    const s = (i: number): string => this.str(arg(i));
    const n = (i: number): number => toNumber(arg(i));
    switch (name) {
      case 'length': return args.length === 0 ? [...this.record].length : args[0]!.k === 'var' && this.arrays.has(args[0]!.name) ? this.arrays.get(args[0]!.name)!.size : [...s(0)].length;
      case 'substr': return substr(s(0), n(1), args.length > 2 ? n(2) : null);
      case 'index': return s(0).indexOf(s(1)) + 1;
      case 'tolower': return s(0).toLowerCase();
      case 'toupper': return s(0).toUpperCase();
      case 'int': return Math.trunc(n(0));
      case 'sqrt': return libm(Math.sqrt(n(0)), n(0));
      case 'exp': return libm(Math.exp(n(0)), n(0));
      case 'log': return libm(Math.log(n(0)), n(0));
      case 'sin': return libm(Math.sin(n(0)), n(0));
      case 'cos': return libm(Math.cos(n(0)), n(0));
      case 'atan2': return Math.atan2(n(0), n(1));
      case 'sprintf': {
        const [format, ...rest] = args.map((a) => this.eval(a));
        return this.sprintf(this.str(format ?? ''), rest, 'sprintf');
      }
      case 'split': {
        const target = args[1];
        if (!target || target.k !== 'var') throw new AwkRuntimeError('split: second argument must be an array');
        const text = s(0);
        const parts = args.length > 2 ? (args[2]!.k === 'regex' ? (text === '' ? [] : text.split(this.regex(args[2]!.src))) : this.split(text, s(2))) : this.split(text, this.str(this.vars.get('FS')!));
        const a = this.array(target.name);
        a.clear();
        parts.forEach((p, i) => a.set(String(i + 1), strnum(p)));
        return parts.length;
      }
      case 'match': {
        const m = this.regexOf(args[1]!).exec(s(0));
        this.vars.set('RSTART', m ? m.index + 1 : 0);
        this.vars.set('RLENGTH', m ? m[0].length : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sub': case 'gsub': {
        const re = this.regexOf(args[0]!);
        const replacement = s(1);
        const target: LValue = args[2] && (args[2].k === 'var' || args[2].k === 'field' || args[2].k === 'elem') ? args[2] : { k: 'field', index: { k: 'num', v: 0 } };
        const text = this.str(this.get(target));
        let count = 0;
        const result = text.replace(re, (match) => {
          if (name === 'sub' && count > 0) return match;
          count++;
          return replacement.replace(/\\\\|\\&|&/g, (x) => (x === '&' ? match : x === '\\&' ? '&' : '\\'));
        });
        if (count > 0) this.assign(target, result);
        return count;
      }
    }
    throw new AwkRuntimeError(`function ${name} never defined`);
  }

  private sprintf(format: string, args: Value[], who: 'printf' | 'sprintf'): string {
    const argument = (v: Value): AwkPrintfArgument => ({
      number: () => toNumber(v),
      text: () => this.str(v),
      byte: () => (typeof v === 'number' ? String.fromCharCode(Math.trunc(v) & 0xff) : (toBytes(this.str(v))[0] ?? '\0')),
    });
    return awkPrintf(format, args.map(argument), who, this.io.budget, (text) => this.io.out(text));
  }

}

function arithmetic(op: string, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    // mawk divides as C does: 1/0 is inf, 0/0 and x%0 are -nan.
    case '/': return libm(a / b, a, b);
    case '%': return b === 0 ? X86_DEFAULT_NAN : libm(a % b, a, b);
    case '^': return libm(a ** b, a, b);
  }
  return 0;
}

/** mawk 1.3.4 20200120's substr: positions truncated; a start below 1 lengthens what is taken. */
function substr(text: string, start: number, length: number | null): string {
  const chars = [...text];
  let begin = Math.trunc(start);
  let count = length === null ? chars.length : Math.trunc(length);
  if (begin < 1) {
    if (length !== null) count -= begin;
    begin = 1;
  }
  if (count <= 0) return '';
  return chars.slice(begin - 1, begin - 1 + count).join('');
}
