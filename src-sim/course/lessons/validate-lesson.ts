// The lesson document as a schema (src-sim/schema/problems.ts words its
// problems). The lab is a scenario, validated by the scenario schema under
// $.lab; the parts that name hosts (commands, checks) are checked once the lab
// is valid, against the hosts it has.
import * as v from 'valibot';
import { isMacText, parseCidr, parseIp4 } from '../../net/addr.ts';
import { boolean, crossCheck, describeValue, expecting, format, integer, isObject, list, parseAndValidate, strictObject, text, validate, type CrossProblem, type Problem } from '../../schema/problems.ts';
import { scenarioSchema } from '../../schema/scenario.ts';
import { textbookProblems, textbookScenario, type TextbookOptions } from '../../scenario/textbook.ts';
import type { Scenario } from '../../scenario/types.ts';
import type { CheckType } from './check-types.ts';
import { parseServiceKey } from './checks.ts';
import { parseCommandsFile } from './commands-file.ts';
import { LESSON_FORMAT, type Lesson } from './lesson-types.ts';

export type LessonValidation = { ok: true; lesson: Lesson } | { ok: false; problems: Problem[] };

export const LESSON_LIMITS = {
  bytes: 1024 * 1024,
  textChars: 20_000,
  checks: 50,
  hints: 20,
  commandLines: 200,
  variants: 20,
  references: 50,
} as const;

const ID_RE = /^[a-z0-9][a-z0-9-]{0,47}$/;
const NUD_STATES = ['INCOMPLETE', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', 'PERMANENT', 'NOARP'];
const REFERENCE_RE = /^(§\d+(\.\d+)*|E\d+b?)$/;

/** A text in both languages. */
const localText = strictObject({ en: text(LESSON_LIMITS.textChars, 1), 'zh-CN': text(LESSON_LIMITS.textChars, 1) }, 'an object with "en" and "zh-CN" texts');

/** `valid(value)` or a problem worded by `message(value)`, whatever the value's type. */
function rule(valid: (value: unknown) => boolean, message: (value: unknown) => string, what: string) {
  return expecting(v.custom<unknown>(valid, (issue) => message(issue.input)), what);
}

const ipv4 = rule((a) => typeof a === 'string' && parseIp4(a) !== null, (a) => `invalid IPv4 address ${JSON.stringify(a)}`, 'an IPv4 address');
const integers = rule((list) => Array.isArray(list) && list.length > 0 && list.length <= 16 && list.every((n) => Number.isInteger(n)), () => 'expected a non-empty array of integers', 'an array of integers');
const present = v.optional(v.boolean((issue) => `expected true or false, got ${describeValue(issue.input)}`));

const hostNames = list(text(15, 1), 16);
const textbookOptions = strictObject({
  name: v.optional(text(1000)),
  realServers: v.optional(integer(0, 8)),
  scheduler: v.optional(text(8, 1)),
  method: v.optional(v.picklist(['-g', '-m', '-i'], 'expected "-g", "-m" or "-i"')),
  directors: v.optional(v.picklist([1, 2], 'expected 1 or 2')),
  client: v.optional(v.picklist(['routed', 'flat'], 'expected "routed" or "flat"')),
  configure: v.optional(boolean),
  service: v.optional(boolean),
  serviceRealServers: v.optional(hostNames),
  otherSubnet: v.optional(hostNames),
  directorWebServer: v.optional(boolean),
  hostOrder: v.optional(hostNames),
  keepalived: v.optional(boolean),
}, 'textbook options');

/** `{"textbook": {overrides}}`: the textbook lab (src-sim/scenario/textbook.ts) those options build, checked as a scenario. */
const textbookLab = v.pipe(
  strictObject({ textbook: textbookOptions }, 'an object {"textbook": {…}}'),
  crossCheck((raw) => (isObject(raw) && v.is(textbookOptions, raw['textbook']) ? textbookProblems(raw['textbook'] as TextbookOptions).map((message) => ({ path: ['textbook'], message })) : [])),
  // The scenario schema reads it as a JSON object, like any scenario file.
  v.transform((lab): Record<string, unknown> => ({ ...textbookScenario(lab.textbook as TextbookOptions) })),
  scenarioSchema,
);

/** A lesson's lab: the textbook lab named with overrides, or a scenario written out. */
const labSchema = v.lazy((input) => (isObject(input) && 'textbook' in input ? textbookLab : scenarioSchema));

/** The schemas that name hosts, for a lab with these hosts. */
function hostSchemas(hosts: readonly string[]) {
  const host = rule((h) => typeof h === 'string' && hosts.includes(h), (h) => `unknown host ${JSON.stringify(h)} (this lab has ${hosts.join(', ')})`, 'a host name');
  const hostList = v.array(
    rule((h) => typeof h === 'string' && hosts.includes(h), (h) => `unknown host ${JSON.stringify(h)}`, 'a host name'),
    (issue) => `expected an array of host names, got ${describeValue(issue.input)}`,
  );
  const commandLine = v.pipe(
    v.string((issue) => `expected a commands-file line, got ${describeValue(issue.input)}`),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return;
      const parsed = parseCommandsFile(dataset.value, { hosts });
      if (!parsed.ok) addIssue({ message: parsed.problems[0]!.message });
      else if (parsed.steps.length === 0) addIssue({ message: 'line has no command' });
    }),
  );
  const commands = expecting(list(commandLine, LESSON_LIMITS.commandLines), 'commands-file lines');
  return { host, hostList, commands };
}

function checkSchemas(hosts: readonly string[]): Record<CheckType, v.GenericSchema> {
  const { host, hostList, commands } = hostSchemas(hosts);
  const check = <const E extends v.ObjectEntries>(type: CheckType, entries: E) =>
    strictObject({ id: text(100, 1), type: v.literal(type), title: v.optional(localText), after: v.optional(commands), reboot: v.optional(v.array(text(100, 1))), ...entries }, 'a check object');
  const service = rule((s) => typeof s === 'string' && parseServiceKey(s) !== null, (s) => `invalid service ${JSON.stringify(s)} (expected tcp:A.B.C.D:PORT or udp:…)`, 'a service');
  return {
    address: check('address', {
      host,
      address: rule((a) => typeof a === 'string' && parseCidr(a, true) !== null, (a) => `invalid address ${JSON.stringify(a)} (expected A.B.C.D or A.B.C.D/LEN)`, 'an address'),
      dev: v.optional(text(15)),
      present: v.boolean((issue) => `expected true or false, got ${describeValue(issue.input)}`),
    }),
    conf: check('conf', { host, dev: text(15), key: text(64), oneOf: integers }),
    sysctl: check('sysctl', { host, name: rule((n) => typeof n === 'string' && n.startsWith('net.ipv4.'), () => 'expected a net.ipv4.* sysctl name', 'a net.ipv4.* sysctl name'), oneOf: integers }),
    neighbour: check('neighbour', {
      host,
      ip: ipv4,
      dev: v.optional(text(15)),
      present,
      mac: v.optional(rule((m) => typeof m === 'string' && (isMacText(m) || hosts.includes(m.split('/')[0]!)), (m) => `expected a MAC or a host name ("director", "director/eth0"), got ${describeValue(m)}`, 'a MAC or a host name')),
      states: v.optional(rule((s) => Array.isArray(s) && s.every((state) => NUD_STATES.includes(state as string)), () => `expected NUD states from ${NUD_STATES.join(', ')}`, 'NUD states')),
    }),
    'ipvs-service': check('ipvs-service', { host, service, present: v.boolean((issue) => `expected true or false, got ${describeValue(issue.input)}`), scheduler: v.optional(text(8)) }),
    'ipvs-dest': check('ipvs-dest', {
      host,
      service,
      dest: rule((d) => typeof d === 'string' && /^\d+\.\d+\.\d+\.\d+:\d{1,5}$/.test(d) && parseIp4(d.split(':')[0]!) !== null, (d) => `invalid real server ${JSON.stringify(d)} (expected A.B.C.D:PORT)`, 'a real server'),
      present,
      fwd: v.optional(v.picklist(['Route', 'Masq', 'Tunnel'], 'expected Route, Masq or Tunnel')),
      minWeight: v.optional(v.pipe(v.number('expected an integer'), v.integer('expected an integer'))),
    }),
    'arp-probe': check('arp-probe', { from: host, dev: v.optional(text(15)), target: ipv4, answeredBy: hostList }),
    'ping-probe': check('ping-probe', { from: host, target: ipv4, answeredBy: host }),
    'http-probe': check('http-probe', {
      from: host,
      url: rule(isHttpIpUrl, (u) => `expected http://A.B.C.D[:PORT]/, got ${describeValue(u)}`, 'an http:// URL'),
      count: integer(1, 100),
      servers: hostList,
      via: v.optional(host),
    }),
  };
}

function isHttpIpUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || !URL.canParse(raw)) return false;
  const url = new URL(raw);
  return url.protocol === 'http:' && parseIp4(url.hostname) !== null;
}

function checkSchema(hosts: readonly string[]) {
  const byType = checkSchemas(hosts);
  const unknownType = v.pipe(
    v.custom<Record<string, unknown>>(isObject, (issue) => `expected a check object, got ${describeValue(issue.input)}`),
    crossCheck<Record<string, unknown>>((raw) =>
      isObject(raw) ? [{ path: ['type'], message: `unknown check type ${JSON.stringify(raw['type'])} (expected one of ${Object.keys(byType).join(', ')})` }] : [],
    ),
  );
  return v.lazy((input) => {
    const type = isObject(input) ? input['type'] : undefined;
    return typeof type === 'string' && Object.hasOwn(byType, type) ? byType[type as CheckType] : unknownType;
  });
}

function duplicateIds(checks: unknown): CrossProblem[] {
  if (!Array.isArray(checks)) return [];
  const ids = new Set<string>();
  const problems: CrossProblem[] = [];
  checks.forEach((check, i) => {
    const id = isObject(check) ? check['id'] : undefined;
    if (typeof id !== 'string') return;
    if (ids.has(id)) problems.push({ path: [i, 'id'], message: `duplicate check id "${id}"` });
    ids.add(id);
  });
  return problems;
}

/**
 * The lesson schema for a lab with these hosts; with none (the lab itself is
 * invalid) the parts that name hosts are only required, not read.
 */
function lessonSchema(hosts: readonly string[] | null) {
  const named = hosts === null ? null : hostSchemas(hosts);
  const commands = named?.commands ?? v.unknown();
  const variants = hosts === null ? v.unknown() : list(strictObject({ commands, note: localText }, 'an object {commands, note}'), LESSON_LIMITS.variants, 1);
  return strictObject({
    format: format(LESSON_FORMAT),
    id: rule((id) => typeof id === 'string' && ID_RE.test(id), (id) => `invalid lesson id ${JSON.stringify(id)} (expected lower-case letters, digits and -)`, 'a lesson id'),
    order: expecting(v.pipe(v.number('expected a positive integer'), v.integer('expected a positive integer'), v.minValue(1, 'expected a positive integer')), 'a positive integer'),
    title: localText,
    summary: localText,
    lab: labSchema,
    seed: expecting(v.pipe(v.number('expected a non-negative integer'), v.integer('expected a non-negative integer'), v.minValue(0, 'expected a non-negative integer')), 'a non-negative integer'),
    break: commands,
    goal: localText,
    checks: hosts === null ? v.unknown() : v.pipe(list(checkSchema(hosts), LESSON_LIMITS.checks, 1), crossCheck<unknown[]>(duplicateIds)),
    hints: list(localText, LESSON_LIMITS.hints, 1),
    solution: commands,
    otherFixes: variants,
    wrongFixes: variants,
    debrief: localText,
    references: list(
      rule((r) => typeof r === 'string' && REFERENCE_RE.test(r), (r) => `expected a section like "§2" or "§9.3" or an experiment like "E1", got ${describeValue(r)}`, 'a section'),
      LESSON_LIMITS.references,
      1,
    ),
  }, 'a lesson object');
}

/** Validates a parsed JSON value as a lesson; the lesson returned is a normalised copy. */
export function validateLesson(raw: unknown): LessonValidation {
  const lab = isObject(raw) ? validate(labSchema, raw['lab']) : null;
  const result = validate(lessonSchema(lab?.ok ? (lab.value as Scenario).hosts.map((h) => h.name) : null), raw);
  return result.ok ? { ok: true, lesson: result.value as Lesson } : result;
}

export function parseLessonText(text: string): LessonValidation {
  const lab = parseAndValidate(v.unknown(), text, LESSON_LIMITS.bytes, 'the lesson');
  return lab.ok ? validateLesson(lab.value) : lab;
}
