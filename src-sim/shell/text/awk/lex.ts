// mawk 1.3.4's tokens: a `/` starts a regular expression where an operand may
// start and divides after one; newlines end statements except after tokens
// that continue a line (`{ && || , ; do else` and a backslash).

export type TokenKind = 'number' | 'string' | 'regex' | 'name' | 'builtin' | 'keyword' | 'punct' | 'newline' | 'eof';

export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
  /** number: its value; string and regex: the unescaped text. */
  value?: number | string;
}

export class AwkSyntaxError extends Error {}

const KEYWORDS = new Set(['BEGIN', 'END', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'print', 'printf', 'getline', 'in', 'delete', 'function', 'return']);
export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush']);
const PUNCT = ['+=', '-=', '*=', '/=', '%=', '^=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '!~', '>>', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];
// mawk keeps the backslash of any other escape in a string ("\/" is two characters).
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Whether a `/` after this token divides (it follows an operand) rather than starts a regex. */
function endsOperand(t: Token | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'number' || t.kind === 'string' || t.kind === 'name' || t.kind === 'regex') return true;
  if (t.kind === 'builtin') return t.text === 'length';
  return t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === '++' || t.text === '--' || t.text === '$');
}

export function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const push = (kind: TokenKind, text: string, value?: number | string): void => {
    tokens.push(value === undefined ? { kind, text, line } : { kind, text, line, value });
  };
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '\\' && source[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (ch === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (ch === '\n') {
      push('newline', '\n');
      line++;
      i++;
      continue;
    }
    const number = /^(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(source.slice(i));
    if (number) {
      push('number', number[0], Number(number[0]));
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (word) {
      const text = word[0];
      push(KEYWORDS.has(text) ? 'keyword' : BUILTINS.has(text) ? 'builtin' : 'name', text);
      i += text.length;
      continue;
    }
    if (ch === '"') {
      let value = '';
      let j = i + 1;
      for (; j < source.length && source[j] !== '"'; j++) {
        if (source[j] === '\n') throw new AwkSyntaxError(`line ${line}: runaway string constant "${value.slice(0, 10)} ...`);
        if (source[j] === '\\' && j + 1 < source.length) {
          const next = source[++j]!;
          const oct = /^[0-7]{1,3}/.exec(source.slice(j));
          const hex = /^x([0-9a-fA-F]{1,2})/.exec(source.slice(j));
          if (oct) {
            value += String.fromCharCode(parseInt(oct[0], 8));
            j += oct[0].length - 1;
          } else if (hex) {
            value += String.fromCharCode(parseInt(hex[1]!, 16));
            j += hex[0].length - 1;
          } else if (next === '\n') line++;
          else value += ESCAPES[next] ?? `\\${next}`;
        } else value += source[j];
      }
      if (j >= source.length) throw new AwkSyntaxError(`line ${line}: runaway string constant "${value.slice(0, 10)} ...`);
      push('string', source.slice(i, j + 1), value);
      i = j + 1;
      continue;
    }
    if (ch === '/' && !endsOperand(tokens[tokens.length - 1])) {
      let value = '';
      let j = i + 1;
      let inBracket = false;
      for (; j < source.length && (source[j] !== '/' || inBracket); j++) {
        if (source[j] === '\n') throw new AwkSyntaxError(`line ${line}: runaway regular expression /${value.slice(0, 10)} ...`);
        if (source[j] === '\\' && j + 1 < source.length) {
          value += source[j + 1] === '/' ? '/' : source.slice(j, j + 2);
          j++;
          continue;
        }
        if (source[j] === '[') inBracket = true;
        else if (source[j] === ']') inBracket = false;
        value += source[j];
      }
      if (j >= source.length) throw new AwkSyntaxError(`line ${line}: runaway regular expression /${value.slice(0, 10)} ...`);
      push('regex', source.slice(i, j + 1), value);
      i = j + 1;
      continue;
    }
    const punct = PUNCT.find((p) => source.startsWith(p, i));
    if (!punct) throw new AwkSyntaxError(`line ${line}: syntax error at or near ${ch}`);
    push('punct', punct);
    i += punct.length;
  }
  push('eof', '');
  return tokens;
}
