// Shell arithmetic: (( )), $(( )), for ((;;)) and let.
import { BudgetExceeded, MAX_EXPR_RECURSION_LEVEL } from '../core/budget.ts';
import { NAME, ShellSyntaxError } from './script.ts';

/** Where arithmetic reads and writes variables (the shell's variables, locals included). */
export interface ArithVariables {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
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
export function arith(expr: string, vars: ArithVariables): number {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\+\+|--|\+=|-=|\*=|\/=|<=|>=|==|!=|&&|\|\||[-+*/%<>=!()]/g) ?? [];
  if (tokens.length === 0) return 0;
  const read = (name: string): number => Number.parseInt(vars.get(name) ?? '0', 10) || 0;
  const fail = (): never => {
    throw new ShellSyntaxError(`${expr}: syntax error in expression`);
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
  if ((op === '/' || op === '%') && right === 0) throw new ShellSyntaxError('division by 0 (error token is "0")');
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


