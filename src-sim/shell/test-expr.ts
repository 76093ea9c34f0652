// bash's `test` / `[` (test.c: the POSIX rules by argument count, then a
// recursive-descent parser for -a -o ! and parentheses) and `[[ ]]` (patterns
// with == and !=, regular expressions with =~, arithmetic operands, && ||).
import { matchPattern } from './pattern.ts';
import type { PathInfo } from './shell-files.ts';

export interface TestEnvironment {
  /** A file's type and mode, or null when it does not exist (paths as written; the environment resolves them). */
  file(path: string): PathInfo | null;
  /** Whether a shell variable is set (-v). */
  isSet(name: string): boolean;
}

/** The outcome: 0 true, 1 false, 2 an error with bash's words (without the "bash: [: " prefix). */
export type TestOutcome = { status: 0 | 1 } | { status: 2; error: string };

class TestError extends Error {}

const UNARY = new Set(['-z', '-n', '-e', '-a', '-f', '-d', '-x', '-r', '-w', '-s', '-L', '-h', '-b', '-c', '-p', '-S', '-t', '-v', '-g', '-u', '-k', '-O', '-G', '-N']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

function integer(text: string): number {
  const m = /^\s*([+-]?\d+)\s*$/.exec(text);
  if (!m) throw new TestError(`${text}: integer expression expected`);
  return Number(m[1]);
}

function compareIntegers(op: string, a: number, b: number): boolean {
  switch (op) {
    case '-eq':
      return a === b;
    case '-ne':
      return a !== b;
    case '-lt':
      return a < b;
    case '-le':
      return a <= b;
    case '-gt':
      return a > b;
    default:
      return a >= b;
  }
}

function unaryTest(env: TestEnvironment, op: string, arg: string): boolean {
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  if (op === '-v') return env.isSet(arg);
  if (op === '-t') return false;
  const info = arg === '' ? null : env.file(arg);
  switch (op) {
    case '-e':
    case '-a':
      return info !== null;
    case '-f':
      return info?.type === 'file';
    case '-d':
      return info?.type === 'dir';
    case '-c':
      return info?.type === 'char';
    case '-s':
      return info !== null && info.size > 0;
    // The lab's shells run as root: readable and writable whenever the file exists; executable with any x bit.
    case '-r':
    case '-w':
    case '-O':
    case '-G':
      return info !== null;
    case '-x':
      return info !== null && (info.type === 'dir' || (info.mode & 0o111) !== 0);
    default:
      return false;
  }
}

function binaryTest(env: TestEnvironment, op: string, a: string, b: string): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-nt':
    case '-ot':
      return false;
    case '-ef':
      return a === b && env.file(a) !== null;
    default:
      return compareIntegers(op, integer(a), integer(b));
  }
}

/** `test ARGS…` or `[ ARGS… ]` (the caller checks and removes the closing `]`). */
export function runTest(args: string[], env: TestEnvironment): TestOutcome {
  try {
    return { status: posixTest(args, env) ? 0 : 1 };
  } catch (error) {
    if (error instanceof TestError) return { status: 2, error: error.message };
    throw error;
  }
}

function posixTest(args: string[], env: TestEnvironment): boolean {
  switch (args.length) {
    case 0:
      return false;
    case 1:
      return args[0] !== '';
    case 2:
      return twoArgs(args[0]!, args[1]!, env);
    case 3:
      return threeArgs(args, env);
    case 4:
      if (args[0] === '!') return !threeArgs(args.slice(1), env);
      if (args[0] === '(' && args[3] === ')') return twoArgs(args[1]!, args[2]!, env);
      return general(args, env);
    default:
      return general(args, env);
  }
}

function twoArgs(a: string, b: string, env: TestEnvironment): boolean {
  if (a === '!') return b === '';
  if (UNARY.has(a)) return unaryTest(env, a, b);
  throw new TestError(`${a}: unary operator expected`);
}

function threeArgs(args: string[], env: TestEnvironment): boolean {
  const [a, op, b] = args as [string, string, string];
  if (BINARY.has(op)) return binaryTest(env, op, a, b);
  if (op === '-a') return a !== '' && b !== '';
  if (op === '-o') return a !== '' || b !== '';
  if (a === '!') return !twoArgs(op, b, env);
  if (a === '(' && b === ')') return op !== '';
  throw new TestError(`${op}: binary operator expected`);
}

/** test.c's expr/or/and/term for more than four arguments. */
function general(args: string[], env: TestEnvironment): boolean {
  let pos = 0;
  const or = (): boolean => {
    const left = and();
    if (args[pos] === '-o') {
      pos++;
      const right = or();
      return left || right;
    }
    return left;
  };
  const and = (): boolean => {
    const left = term();
    if (args[pos] === '-a') {
      pos++;
      const right = and();
      return left && right;
    }
    return left;
  };
  const term = (): boolean => {
    if (pos >= args.length) throw new TestError('argument expected');
    const a = args[pos]!;
    if (a === '!') {
      pos++;
      return !term();
    }
    if (a === '(') {
      pos++;
      const value = or();
      if (args[pos] !== ')') throw new TestError(`\`)' expected${pos < args.length ? `, found ${args[pos]}` : ''}`);
      pos++;
      return value;
    }
    if (pos + 2 < args.length + 0 && BINARY.has(args[pos + 1]!)) {
      const value = binaryTest(env, args[pos + 1]!, a, args[pos + 2]!);
      pos += 3;
      return value;
    }
    if (UNARY.has(a) && a !== '-a') {
      if (pos + 1 >= args.length) throw new TestError(`${a}: unary operator expected`);
      const value = unaryTest(env, a, args[pos + 1]!);
      pos += 2;
      return value;
    }
    pos++;
    return a !== '';
  };
  const value = or();
  if (pos < args.length) throw new TestError('too many arguments');
  return value;
}

/** One operand of [[ ]]: its text, the same as a pattern and as a regular expression (quoted parts literal). */
export interface CondWord {
  text: string;
  pattern: string;
  regex: string;
  /** An operator the parser saw (&& || ( ) < >) or an unquoted word that can be one (! -f ==). */
  operator: boolean;
}

export interface CondEnvironment extends TestEnvironment {
  /** An arithmetic operand of -eq …; errors are thrown with bash's words. */
  arith(text: string): number;
  /** =~ stores what matched in BASH_REMATCH. */
  setMatch(groups: string[] | null): void;
}

/** [[ … ]]: 0 true, 1 false, 2 an error (bash prints "syntax error in conditional expression"). */
export function runCond(words: CondWord[], env: CondEnvironment): TestOutcome {
  let pos = 0;
  const isOp = (text: string): boolean => words[pos]?.operator === true && words[pos]!.text === text;
  const or = (): boolean => {
    let value = and();
    while (isOp('||')) {
      pos++;
      const right = and();
      value = value || right;
    }
    return value;
  };
  const and = (): boolean => {
    let value = not();
    while (isOp('&&')) {
      pos++;
      const right = not();
      value = value && right;
    }
    return value;
  };
  const not = (): boolean => {
    if (isOp('!')) {
      pos++;
      return !not();
    }
    if (isOp('(')) {
      pos++;
      const value = or();
      if (!isOp(')')) throw new TestError('syntax error in conditional expression');
      pos++;
      return value;
    }
    const a = words[pos];
    if (!a) throw new TestError('syntax error in conditional expression');
    const op = words[pos + 1];
    if (op?.operator && (BINARY.has(op.text) || op.text === '=~') && words[pos + 2] !== undefined) {
      const b = words[pos + 2]!;
      pos += 3;
      if (op.text === '==' || op.text === '=') return matchPattern(b.pattern, a.text);
      if (op.text === '!=') return !matchPattern(b.pattern, a.text);
      if (op.text === '=~') {
        let re: RegExp;
        try {
          re = new RegExp(b.regex, 'u');
        } catch {
          return false;
        }
        const m = re.exec(a.text);
        env.setMatch(m ? m.map((g) => g ?? '') : null);
        return m !== null;
      }
      if (op.text.startsWith('-') && !['-nt', '-ot', '-ef'].includes(op.text)) return compareIntegers(op.text, env.arith(a.text), env.arith(b.text));
      return binaryTest(env, op.text, a.text, b.text);
    }
    if (a.operator && UNARY.has(a.text) && words[pos + 1] !== undefined && !(words[pos + 1]!.operator && ['&&', '||', ')'].includes(words[pos + 1]!.text))) {
      pos += 2;
      return unaryTest(env, a.text, words[pos - 1]!.text);
    }
    pos++;
    return a.text !== '';
  };
  try {
    const value = or();
    if (pos < words.length) throw new TestError('syntax error in conditional expression');
    return { status: value ? 0 : 1 };
  } catch (error) {
    if (error instanceof TestError) return { status: 2, error: error.message };
    throw error;
  }
}
