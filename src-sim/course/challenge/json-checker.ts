// Collects every problem of a JSON document with its JSON path ($.a[0].b),
// the way src-sim/scenario/validate.ts reports scenario problems.
export interface JsonProblem {
  path: string;
  message: string;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a problem message names it: `the string "abc"`, `a number 3`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'number' ? 'the number' : typeof value} ${String(value)}`;
}

/** `$.a` or `$["odd key"]` */
export function childPath(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export class JsonChecker {
  readonly problems: JsonProblem[] = [];

  report(path: string, message: string): void {
    // A hostile document could produce millions of problems; the first ones are enough to fix it.
    if (this.problems.length < 200) this.problems.push({ path, message });
  }

  keys(value: Record<string, unknown>, path: string, allowed: readonly string[], required: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.report(childPath(path, key), `unknown key ${JSON.stringify(key)}`);
    }
    for (const key of required) {
      if (!Object.hasOwn(value, key)) this.report(childPath(path, key), `missing required key "${key}"`);
    }
  }

  object(value: unknown, path: string): value is Record<string, unknown> {
    if (isObject(value)) return true;
    this.report(path, `expected an object, got ${describeValue(value)}`);
    return false;
  }

  array(value: unknown, path: string, maxItems: number, minItems = 0): value is unknown[] {
    if (!Array.isArray(value)) {
      this.report(path, `expected an array, got ${describeValue(value)}`);
      return false;
    }
    if (value.length > maxItems) {
      this.report(path, `has ${value.length} items, more than the limit of ${maxItems}`);
      return false;
    }
    if (value.length < minItems) {
      this.report(path, `needs at least ${minItems} item${minItems === 1 ? '' : 's'}`);
      return false;
    }
    return true;
  }

  string(value: unknown, path: string, maxLength: number, minLength = 0): value is string {
    if (typeof value !== 'string') {
      this.report(path, `expected a string, got ${describeValue(value)}`);
      return false;
    }
    if (value.length > maxLength) {
      this.report(path, `is ${value.length} characters long, more than the limit of ${maxLength}`);
      return false;
    }
    if (value.trim().length < minLength) {
      this.report(path, minLength === 1 ? 'must not be empty' : `needs at least ${minLength} characters`);
      return false;
    }
    return true;
  }

  integer(value: unknown, path: string, min: number, max: number): value is number {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.report(path, `expected an integer, got ${describeValue(value)}`);
      return false;
    }
    if (value < min || value > max) {
      this.report(path, `${value} is out of range (expected ${min} to ${max})`);
      return false;
    }
    return true;
  }

  number(value: unknown, path: string, min: number, max: number): value is number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.report(path, `expected a number, got ${describeValue(value)}`);
      return false;
    }
    if (value < min || value > max) {
      this.report(path, `${value} is out of range (expected ${min} to ${max})`);
      return false;
    }
    return true;
  }

  boolean(value: unknown, path: string): value is boolean {
    if (typeof value === 'boolean') return true;
    this.report(path, `expected true or false, got ${describeValue(value)}`);
    return false;
  }
}

/** UTF-8 size of a text without allocating its bytes. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Parses JSON text within a size limit; a syntax error names where it is. */
export function parseJsonText(text: string, maxBytes: number, what: string): { ok: true; value: unknown } | { ok: false; problems: JsonProblem[] } {
  const size = utf8Length(text);
  if (size > maxBytes) return { ok: false, problems: [{ path: '$', message: `${what} is ${size} bytes, more than the limit of ${maxBytes} bytes` }] };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const message = (error as Error).message;
    // An error at the very end of the text means it stops in the middle: a truncated file.
    const at = /position (\d+)/.exec(message);
    const truncated = /Unexpected end of JSON input|Unterminated/i.test(message) || (at !== null && Number(at[1]) >= text.trimEnd().length);
    return { ok: false, problems: [{ path: '$', message: `not valid JSON${truncated ? ' (the file looks truncated)' : ''}: ${message}` }] };
  }
}
