// The scenario document (shared/contracts/scenario-v1.md) as a schema: every
// problem with its JSON path, within limits that keep a hostile file from
// costing more than a moment.
import * as v from 'valibot';
import { POWER_ACTIONS } from '../step.ts';
import { isMacText, isUnicastMac, parseCidr } from '../net/addr.ts';
import { SCENARIO_FORMAT, type Scenario } from '../scenario/types.ts';
import { HOST_OSES } from '../host/os.ts';
import { crossCheck, describeValue, expecting, format, isObject, list, matching, parseAndValidate, strictObject, text, validate, type CrossProblem, type Problem } from './problems.ts';

export const SCENARIO_LIMITS = {
  /** The file itself (the desktop app's open dialog applies the same). */
  bytes: 1024 * 1024,
  hosts: 64,
  interfacesPerHost: 16,
  addressesPerInterface: 256,
  routesPerHost: 256,
  steps: 10_000,
  /** One command line, as bash would read it. */
  commandChars: 4096,
  nameChars: 1000,
  /** The text of one file a write step saves (an editor's buffer). */
  fileChars: 65_536,
  /** An hour of virtual time per sleep step. */
  sleepSeconds: 3600,
} as const;

const HOST_NAME_RE = /^[a-z][a-z0-9-]{0,14}$/;
const IF_NAME_RE = /^[a-z][a-z0-9]{0,14}$/;
const SYSCTL_KEY_RE = /^[a-z0-9_]+(\.[a-zA-Z0-9_-]+)+$/;

const hostName = expecting(matching(HOST_NAME_RE, (name) => `invalid host name "${name}" (expected [a-z][a-z0-9-]{0,14})`, 15), 'a host name');

const interfaceSchema = v.pipe(
  strictObject({
    name: expecting(matching(IF_NAME_RE, (name) => `invalid interface name "${name}" (expected [a-z][a-z0-9]{0,14})`, 15), 'an interface name'),
    segment: v.optional(v.pipe(text(SCENARIO_LIMITS.nameChars), v.minLength(1, 'segment name is empty'))),
    mac: v.optional(
      v.pipe(
        text(100),
        v.check(isMacText, (issue) => `invalid MAC address "${issue.input as string}" (expected six lower-case hex pairs like 02:00:00:00:00:01)`),
        v.check(isUnicastMac, (issue) => `MAC address "${issue.input as string}" is not unicast`),
      ),
    ),
    // Optional in the contract: an interface without addresses has none.
    addresses: v.optional(
      list(
        v.pipe(
          text(18),
          v.check((a) => parseCidr(a) !== null, (issue) => `invalid address "${issue.input as string}" (expected A.B.C.D/LEN)`),
        ),
        SCENARIO_LIMITS.addressesPerInterface,
      ),
      () => [],
    ),
    // false boots the interface with IFF_NOARP (`ip link set DEV arp off`).
    arp: v.optional(v.boolean((issue) => `expected true or false, got ${describeValue(issue.input)}`)),
  }),
  // `lo` exists on every host: an entry for it only adds addresses; every other interface is on a segment with a MAC.
  crossCheck((raw) => {
    if (!isObject(raw) || typeof raw['name'] !== 'string') return [];
    const problems: CrossProblem[] = [];
    for (const key of ['segment', 'mac'] as const) {
      if (raw['name'] === 'lo' && raw[key] !== undefined) problems.push({ path: [key], message: `unknown key "${key}" (an entry for lo has only "name", "addresses" and "arp")` });
      if (raw['name'] !== 'lo' && raw[key] === undefined) problems.push({ path: [key], message: `missing (expected ${key === 'mac' ? 'a MAC address' : 'a segment name'})` });
    }
    return problems;
  }),
);

/**
 * Routes and sysctl values are data (applied as argument vectors at boot, in
 * the simulator and on the kernel): plain words, so that nothing in them can
 * read as shell syntax or a second command.
 */
const PLAIN_WORDS_RE = /^[A-Za-z0-9./:_ \t-]*$/;
const firstOddCharacter = (text: string): string => JSON.stringify([...text].find((c) => !PLAIN_WORDS_RE.test(c)) ?? '');

/** The words of a scenario route, as `ip route add` takes them. */
export function routeWords(route: string): string[] {
  return route.trim().split(/\s+/);
}

const routeSchema = v.pipe(
  text(SCENARIO_LIMITS.commandChars),
  v.check((r) => r.trim() !== '', 'route is empty'),
  v.check((r) => PLAIN_WORDS_RE.test(r), (issue) => `route holds ${firstOddCharacter(issue.input as string)}: a route is the words of "ip route add" (letters, digits, . / : - _ and spaces)`),
);

const sysctlValue = v.pipe(
  v.union([v.string(), v.number()], (issue) => `expected a string value, got ${describeValue(issue.input)}`),
  v.transform(String),
  v.check((value) => value.length <= 100 && PLAIN_WORDS_RE.test(value), (issue) => `sysctl value ${JSON.stringify((issue.input as string).slice(0, 40))} is not a plain value (at most 100 letters, digits, . / : - _ and spaces)`),
);

const hostSchema = strictObject({
  name: hostName,
  interfaces: v.pipe(
    list(interfaceSchema, SCENARIO_LIMITS.interfacesPerHost),
    crossCheck((raw) => duplicates(raw, (iface) => iface['name'], (name) => `duplicate interface name "${name}"`, 'name')),
  ),
  routes: v.optional(list(routeSchema, SCENARIO_LIMITS.routesPerHost)),
  sysctl: v.optional(
    v.record(
      v.pipe(v.string(), v.regex(SYSCTL_KEY_RE, (issue) => `invalid sysctl key "${issue.input as string}"`)),
      sysctlValue,
      (issue) => `expected an object, got ${describeValue(issue.input)}`,
    ),
  ),
  os: v.optional(v.picklist(HOST_OSES, (issue) => `expected ${HOST_OSES.map((os) => `"${os}"`).join(' or ')}, got ${describeValue(issue.input)}`)),
});

const sleepStep = strictObject({
  sleep: v.pipe(
    v.number((issue) => `expected a non-negative number of seconds, got ${describeValue(issue.input)}`),
    v.check((s) => Number.isFinite(s) && s >= 0, (issue) => `expected a non-negative number of seconds, got ${describeValue(issue.input)}`),
    v.maxValue(SCENARIO_LIMITS.sleepSeconds, (issue) => `sleep of ${issue.input as number} s is longer than the limit of ${SCENARIO_LIMITS.sleepSeconds} s`),
  ),
});

/** `true` or nothing: the key marks a step kind or a way of running one. */
const flag = v.literal(true, (issue) => `expected true, got ${describeValue(issue.input)}`);

const commandStep = strictObject({
  host: expecting(text(SCENARIO_LIMITS.nameChars), 'a host name'),
  run: expecting(text(SCENARIO_LIMITS.commandChars), 'a command line'),
  live: v.optional(flag),
});

const interruptStep = strictObject({
  host: expecting(text(SCENARIO_LIMITS.nameChars), 'a host name'),
  interrupt: flag,
});

const writeStep = strictObject({
  host: expecting(text(SCENARIO_LIMITS.nameChars), 'a host name'),
  write: strictObject({
    path: v.pipe(expecting(text(SCENARIO_LIMITS.commandChars), 'an absolute path'), v.check((p) => p.startsWith('/'), (issue) => `expected an absolute path, got ${describeValue(issue.input)}`)),
    text: expecting(v.pipe(v.string(), v.maxLength(SCENARIO_LIMITS.fileChars, `a file of more than ${SCENARIO_LIMITS.fileChars} characters`)), 'the file\'s text'),
  }),
});

const powerStep = strictObject({
  host: expecting(text(SCENARIO_LIMITS.nameChars), 'a host name'),
  power: v.picklist(POWER_ACTIONS, (issue) => `expected ${POWER_ACTIONS.map((a) => `"${a}"`).join(', ')}, got ${describeValue(issue.input)}`),
});

/** A step is a sleep when it has a `sleep` key, a file saved when it has `write`, Ctrl-C when it has `interrupt`, a power button when it has `power`, else a command. */
const stepSchema = v.lazy((input) =>
  !isObject(input) ? commandStep : 'sleep' in input ? sleepStep : 'write' in input ? writeStep : 'interrupt' in input ? interruptStep : 'power' in input ? powerStep : commandStep,
);

/** Problems for every value of `items` whose `key` repeats an earlier one. */
function duplicates(items: unknown, keyOf: (item: Record<string, unknown>) => unknown, message: (key: string, first: number) => string, field: string): CrossProblem[] {
  if (!Array.isArray(items)) return [];
  const seen = new Map<string, number>();
  const problems: CrossProblem[] = [];
  items.forEach((item, i) => {
    if (!isObject(item)) return;
    const key = keyOf(item);
    if (typeof key !== 'string') return;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else problems.push({ path: [i, field], message: message(key, first) });
  });
  return problems;
}

/** Host names unique, MACs unique across the lab, and every step on a host the lab has. */
function crossScenario(raw: unknown): CrossProblem[] {
  if (!isObject(raw)) return [];
  const problems: CrossProblem[] = duplicates(raw['hosts'], (h) => h['name'], (name) => `duplicate host name "${name}"`, 'name').map((p) => ({ ...p, path: ['hosts', ...p.path] }));
  const hosts = Array.isArray(raw['hosts']) ? raw['hosts'].filter(isObject) : [];
  const macs = new Map<string, string>();
  (Array.isArray(raw['hosts']) ? raw['hosts'] : []).forEach((host, h) => {
    if (!isObject(host) || !Array.isArray(host['interfaces'])) return;
    host['interfaces'].forEach((iface, i) => {
      const mac = isObject(iface) && iface['name'] !== 'lo' ? iface['mac'] : undefined;
      if (typeof mac !== 'string' || !isMacText(mac)) return;
      const first = macs.get(mac);
      if (first !== undefined) problems.push({ path: ['hosts', h, 'interfaces', i, 'mac'], message: `MAC address "${mac}" is already used at ${first}` });
      else macs.set(mac, `$.hosts[${h}].interfaces[${i}].mac`);
    });
  });
  const names = new Set(hosts.map((h) => h['name']));
  (Array.isArray(raw['steps']) ? raw['steps'] : []).forEach((step, i) => {
    if (isObject(step) && typeof step['host'] === 'string' && !names.has(step['host'])) problems.push({ path: ['steps', i, 'host'], message: `unknown host "${step['host']}"` });
  });
  return problems;
}

export const scenarioSchema = v.pipe(
  strictObject({
    format: format(SCENARIO_FORMAT),
    name: v.optional(text(SCENARIO_LIMITS.nameChars)),
    hosts: list(hostSchema, SCENARIO_LIMITS.hosts),
    steps: list(stepSchema, SCENARIO_LIMITS.steps),
  }),
  crossCheck(crossScenario),
);

export type ScenarioValidation = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/** Validates a parsed JSON value as a version-1 scenario; the scenario returned is a normalised copy. */
export function validateScenario(raw: unknown): ScenarioValidation {
  const result = validate(scenarioSchema, raw);
  return result.ok ? { ok: true, scenario: result.value as Scenario } : result;
}

/** Parses scenario text (JSON, at most SCENARIO_LIMITS.bytes) and validates it. */
export function parseScenarioText(text: string): ScenarioValidation {
  const result = parseAndValidate(scenarioSchema, text, SCENARIO_LIMITS.bytes, 'the scenario');
  return result.ok ? { ok: true, scenario: result.value as Scenario } : result;
}
