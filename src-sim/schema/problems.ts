// The one way every document the app and the CLI read (scenario, lesson,
// pack, results, progress) is validated: a valibot schema per document kind,
// and this module, which builds the schemas' common pieces and turns valibot's
// issues into the messages the project prints, each with its JSON path:
//
//   $.hosts[2].interfaces[0].mac: invalid MAC address "zz" (expected six lower-case hex pairs like 02:00:00:00:00:01)
//   $.hosts[0].name: missing (expected a string)
//   $.exercises[0].seed: -1 is out of range (expected 0 to 4294967295)
//
// Schemas give their own message where the rule is theirs (a MAC, a host
// name); everything else (wrong type, missing or unknown key, range, length)
// is worded here once.
import * as v from 'valibot';

/** One problem of a document: where (a JSON path from `$`) and what. */
export interface Problem {
  path: string;
  message: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** A hostile document could produce millions of problems; the first ones are enough to fix it. */
export const MAX_PROBLEMS = 200;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as a problem message names it: `the string "abc"`, `the number 3`, `null`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
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

/** The JSON path of an issue: `$`, `$.hosts[2].name`, `$.sysctl["net.ipv4.ip_forward"]`. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  let path = '$';
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    path = typeof key === 'number' ? `${path}[${key}]` : childPath(path, String(key));
  }
  return path;
}

// What a schema expects, in the words of "missing (expected …)" and "expected …, got …".
const EXPECTED_TEXT = new WeakMap<object, string>();
const EXPECTS_WORDS: Record<string, string> = { string: 'a string', number: 'a number', boolean: 'true or false', Array: 'an array', Object: 'an object', null: 'null' };

function expectedText(schema: v.GenericSchema): string {
  const registered = EXPECTED_TEXT.get(schema);
  if (registered !== undefined) return registered;
  const expects = schema.expects;
  return EXPECTS_WORDS[expects] ?? expects.replaceAll(' | ', ' or ');
}

/** Names what a schema expects ("a host name") for the messages of a wrong or missing value. */
export function expecting<S extends v.GenericSchema>(schema: S, text: string): S {
  EXPECTED_TEXT.set(schema, text);
  return schema;
}

function lastKey(issue: v.BaseIssue<unknown>): string {
  const item = issue.path?.[issue.path.length - 1] as { key?: unknown } | undefined;
  return String(item?.key);
}

/** The message of an issue no schema worded itself: a wrong type, in the project's words. */
function defaultMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.kind === 'schema') return `expected ${EXPECTS_WORDS[issue.expected ?? ''] ?? issue.expected ?? 'something else'}, got ${describeValue(issue.input)}`;
  return `invalid value ${describeValue(issue.input)}`;
}

/**
 * An object with exactly these keys: a key the schema does not name is a
 * problem at its own path (every one of them, not only the first), and a
 * missing key says what was expected there.
 */
export function strictObject<const E extends v.ObjectEntries>(entries: E, what = 'an object') {
  const message = (issue: v.BaseIssue<unknown>): string => {
    const item = issue.path?.[issue.path.length - 1] as { origin?: string } | undefined;
    if (item?.origin === 'key' && issue.input === undefined) {
      const entry = entries[lastKey(issue)];
      return `missing (expected ${entry ? expectedText(entry) : 'a value'})`;
    }
    return `expected ${what}, got ${describeValue(issue.input)}`;
  };
  return expecting(
    v.pipe(
      v.custom<Record<string, unknown>>(isObject, (issue) => `expected ${what}, got ${describeValue(issue.input)}`),
      // valibot leaves these keys out of its output without a word; a document with them is still wrong.
      crossCheck((raw) => (isObject(raw) ? FORBIDDEN_KEYS : []).filter((key) => Object.hasOwn(raw as object, key)).map((key) => ({ path: [key], message: `unknown key "${key}"` }))),
      v.objectWithRest(entries, v.never(UNKNOWN_KEY), message),
    ),
    what,
  );
}

const FORBIDDEN_KEYS = ['__proto__', 'prototype', 'constructor'];

// The never schema's issue is created before its key is known; problemsOf words it.
const UNKNOWN_KEY = 'unknown key';

/** An array of at most `max` (and at least `min`) items. */
export function list<const S extends v.GenericSchema>(item: S, max: number, min = 0) {
  return v.pipe(
    v.array(item, (issue) => `expected an array, got ${describeValue(issue.input)}`),
    v.maxLength(max, (issue) => `has ${(issue.input as unknown[]).length} items, more than the limit of ${max}`),
    v.minLength(min, min === 1 ? 'must not be empty' : `needs at least ${min} items`),
  );
}

/** A string of at most `max` characters; `min` counts characters other than blanks. */
export function text(max: number, min = 0) {
  return v.pipe(
    v.string((issue) => `expected a string, got ${describeValue(issue.input)}`),
    v.maxLength(max, (issue) => `is ${(issue.input as string).length} characters long, more than the limit of ${max}`),
    v.check((s) => s.trim().length >= min, min === 1 ? 'must not be empty' : `needs at least ${min} characters`),
  );
}

/** A string matching a pattern; `message` words a string that does not. */
export function matching(pattern: RegExp, message: (value: string) => string, max = 1000) {
  return v.pipe(text(max), v.regex(pattern, (issue) => message(issue.input as string)));
}

/** An integer from `min` to `max`. */
export function integer(min: number, max: number) {
  return v.pipe(
    v.number((issue) => `expected an integer, got ${describeValue(issue.input)}`),
    v.integer((issue) => `expected an integer, got ${describeValue(issue.input)}`),
    v.check((n) => n >= min && n <= max, (issue) => `${issue.input as number} is out of range (expected ${min} to ${max})`),
  );
}

/** A finite number from `min` to `max`. */
export function finite(min: number, max: number) {
  return v.pipe(
    v.number((issue) => `expected a number, got ${describeValue(issue.input)}`),
    v.finite((issue) => `expected a number, got ${describeValue(issue.input)}`),
    v.check((n) => n >= min && n <= max, (issue) => `${issue.input as number} is out of range (expected ${min} to ${max})`),
  );
}

export const boolean = v.boolean((issue) => `expected true or false, got ${describeValue(issue.input)}`);

/** The document's `format`: exactly this string. */
export function format<const F extends string>(expected: F) {
  return expecting(
    v.literal(expected, (issue) => `unsupported format ${JSON.stringify(issue.input)} (expected "${expected}")`),
    `"${expected}"`,
  );
}

/** A problem found by a check across fields (a duplicate, an unknown host), at `path` below the checked value. */
export interface CrossProblem {
  path: (string | number)[];
  message: string;
}

/**
 * A check across fields of a value, run even when parts of the value have
 * problems of their own (so a document's problems come all at once): `find`
 * gets the value as read so far and must not trust its shape.
 */
export function crossCheck<T>(find: (value: unknown) => CrossProblem[]): v.RawCheckAction<T> {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    for (const problem of find(dataset.value)) {
      const path = problem.path.map((key): v.UnknownPathItem => ({ type: 'unknown', origin: 'value', input: undefined, key, value: undefined }));
      addIssue({ message: problem.message, path: path as [v.UnknownPathItem, ...v.UnknownPathItem[]] });
    }
  });
}

/** Turns valibot's issues into the project's problems, at most MAX_PROBLEMS. */
export function problemsOf(issues: readonly v.BaseIssue<unknown>[]): Problem[] {
  return issues.slice(0, MAX_PROBLEMS).map((issue) => ({
    path: issuePath(issue),
    message: issue.type === 'never' && issue.message === UNKNOWN_KEY ? `unknown key ${JSON.stringify(lastKey(issue))}` : issue.message,
  }));
}

/** Validates a parsed JSON value; the value returned is the schema's output (a copy, normalised). */
export function validate<S extends v.GenericSchema>(schema: S, raw: unknown): Validation<v.InferOutput<S>> {
  const result = v.safeParse(schema, raw, { message: defaultMessage });
  return result.success ? { ok: true, value: result.output } : { ok: false, problems: problemsOf(result.issues) };
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
export function parseJsonText(text: string, maxBytes: number, what: string): Validation<unknown> {
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

/** Parses JSON text within a size limit and validates it. */
export function parseAndValidate<S extends v.GenericSchema>(schema: S, text: string, maxBytes: number, what: string): Validation<v.InferOutput<S>> {
  const parsed = parseJsonText(text, maxBytes, what);
  return parsed.ok ? validate(schema, parsed.value) : parsed;
}
