// Reads a scenario document and reports every problem with its JSON path.
import { isMacText, isUnicastMac, parseCidr } from '../net/addr.ts';
import { SCENARIO_FORMAT, type Scenario, type ScenarioHost, type ScenarioInterface, type ScenarioStep } from './types.ts';

export interface ScenarioProblem {
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; scenario: Scenario } | { ok: false; problems: ScenarioProblem[] };

const HOST_NAME_RE = /^[a-z][a-z0-9-]{0,14}$/;
const IF_NAME_RE = /^[a-z][a-z0-9]{0,14}$/;
const SYSCTL_KEY_RE = /^[a-z0-9_]+(\.[a-zA-Z0-9_-]+)+$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Checker {
  readonly problems: ScenarioProblem[] = [];

  report(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  keys(value: Record<string, unknown>, path: string, allowed: readonly string[], required: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.report(`${path}.${key}`, `unknown key "${key}"`);
    }
    for (const key of required) {
      if (!(key in value)) this.report(`${path}.${key}`, `missing required key "${key}"`);
    }
  }

  string(value: unknown, path: string): value is string {
    if (typeof value === 'string') return true;
    this.report(path, `expected a string, got ${describe(value)}`);
    return false;
  }

  array(value: unknown, path: string): value is unknown[] {
    if (Array.isArray(value)) return true;
    this.report(path, `expected an array, got ${describe(value)}`);
    return false;
  }

  object(value: unknown, path: string): value is Record<string, unknown> {
    if (isObject(value)) return true;
    this.report(path, `expected an object, got ${describe(value)}`);
    return false;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value === 'object' ? 'an object' : typeof value} ${typeof value === 'object' ? '' : String(value)}`.trim();
}

function checkInterface(c: Checker, raw: unknown, path: string, names: Set<string>, macs: Map<string, string>): void {
  if (!c.object(raw, path)) return;
  const isLo = raw['name'] === 'lo';
  c.keys(raw, path, isLo ? ['name', 'addresses'] : ['name', 'segment', 'mac', 'addresses'], isLo ? ['name'] : ['name', 'segment', 'mac']);
  if (c.string(raw['name'], `${path}.name`)) {
    const name = raw['name'];
    if (!IF_NAME_RE.test(name)) c.report(`${path}.name`, `invalid interface name "${name}" (expected [a-z][a-z0-9]{0,14})`);
    else if (names.has(name)) c.report(`${path}.name`, `duplicate interface name "${name}"`);
    names.add(name);
  }
  if (!isLo) {
    if (c.string(raw['segment'], `${path}.segment`) && raw['segment'].length === 0) c.report(`${path}.segment`, 'segment name is empty');
    if ('mac' in raw && c.string(raw['mac'], `${path}.mac`)) {
      const mac = raw['mac'];
      if (!isMacText(mac)) c.report(`${path}.mac`, `invalid MAC address "${mac}" (expected six lower-case hex pairs like 02:00:00:00:00:01)`);
      else if (!isUnicastMac(mac)) c.report(`${path}.mac`, `MAC address "${mac}" is not unicast`);
      else if (macs.has(mac)) c.report(`${path}.mac`, `MAC address "${mac}" is already used at ${macs.get(mac)}`);
      else macs.set(mac, `${path}.mac`);
    }
  }
  if ('addresses' in raw && c.array(raw['addresses'], `${path}.addresses`)) {
    raw['addresses'].forEach((a, i) => {
      const p = `${path}.addresses[${i}]`;
      if (c.string(a, p) && parseCidr(a) === null) c.report(p, `invalid address "${a}" (expected A.B.C.D/LEN)`);
    });
  }
}

function checkHost(c: Checker, raw: unknown, path: string, hostNames: Set<string>, macs: Map<string, string>): void {
  if (!c.object(raw, path)) return;
  c.keys(raw, path, ['name', 'interfaces', 'routes', 'sysctl'], ['name', 'interfaces']);
  if (c.string(raw['name'], `${path}.name`)) {
    const name = raw['name'];
    if (!HOST_NAME_RE.test(name)) c.report(`${path}.name`, `invalid host name "${name}" (expected [a-z][a-z0-9-]{0,14})`);
    else if (hostNames.has(name)) c.report(`${path}.name`, `duplicate host name "${name}"`);
    hostNames.add(name);
  }
  if ('interfaces' in raw && c.array(raw['interfaces'], `${path}.interfaces`)) {
    const names = new Set<string>();
    raw['interfaces'].forEach((iface, i) => checkInterface(c, iface, `${path}.interfaces[${i}]`, names, macs));
  }
  if ('routes' in raw && c.array(raw['routes'], `${path}.routes`)) {
    raw['routes'].forEach((r, i) => {
      if (c.string(r, `${path}.routes[${i}]`) && r.trim() === '') c.report(`${path}.routes[${i}]`, 'route is empty');
    });
  }
  if ('sysctl' in raw && c.object(raw['sysctl'], `${path}.sysctl`)) {
    for (const [key, value] of Object.entries(raw['sysctl'])) {
      const p = `${path}.sysctl["${key}"]`;
      if (!SYSCTL_KEY_RE.test(key)) c.report(p, `invalid sysctl key "${key}"`);
      if (typeof value !== 'string' && typeof value !== 'number') c.report(p, `expected a string value, got ${describe(value)}`);
    }
  }
}

function checkStep(c: Checker, raw: unknown, path: string, hostNames: Set<string>): void {
  if (!c.object(raw, path)) return;
  if ('sleep' in raw) {
    c.keys(raw, path, ['sleep'], ['sleep']);
    const s = raw['sleep'];
    if (typeof s !== 'number' || !Number.isFinite(s) || s < 0) c.report(`${path}.sleep`, `expected a non-negative number of seconds, got ${describe(s)}`);
    else if (s > 3600) c.report(`${path}.sleep`, `sleep of ${s} s is longer than the limit of 3600 s`);
    return;
  }
  c.keys(raw, path, ['host', 'run'], ['host', 'run']);
  if ('host' in raw && c.string(raw['host'], `${path}.host`) && !hostNames.has(raw['host'])) {
    c.report(`${path}.host`, `unknown host "${raw['host']}"`);
  }
  if ('run' in raw) c.string(raw['run'], `${path}.run`);
}

/** Validates a parsed JSON value as a version-1 scenario. */
export function validateScenario(raw: unknown): ValidationResult {
  const c = new Checker();
  if (!c.object(raw, '$')) return { ok: false, problems: c.problems };
  c.keys(raw, '$', ['format', 'name', 'hosts', 'steps'], ['format', 'hosts', 'steps']);
  if ('format' in raw && raw['format'] !== SCENARIO_FORMAT) {
    c.report('$.format', `unsupported format ${JSON.stringify(raw['format'])} (expected "${SCENARIO_FORMAT}")`);
  }
  if ('name' in raw) c.string(raw['name'], '$.name');
  const hostNames = new Set<string>();
  const macs = new Map<string, string>();
  if ('hosts' in raw && c.array(raw['hosts'], '$.hosts')) {
    raw['hosts'].forEach((h, i) => checkHost(c, h, `$.hosts[${i}]`, hostNames, macs));
  }
  if ('steps' in raw && c.array(raw['steps'], '$.steps')) {
    raw['steps'].forEach((s, i) => checkStep(c, s, `$.steps[${i}]`, hostNames));
  }
  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  const scenario = raw as unknown as Scenario;
  for (const host of scenario.hosts as ScenarioHost[]) {
    for (const iface of host.interfaces as ScenarioInterface[]) iface.addresses ??= [];
    if (host.sysctl) {
      for (const key of Object.keys(host.sysctl)) host.sysctl[key] = String(host.sysctl[key]);
    }
  }
  void (scenario.steps as ScenarioStep[]);
  return { ok: true, scenario };
}

/** Parses scenario text (JSON) and validates it. */
export function parseScenarioText(text: string): ValidationResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '$', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return validateScenario(raw);
}
