// Reads a lesson document and reports every problem with its JSON path, the
// way scenario/validate.ts does for scenarios (whose problems it reuses, under $.lab).
import { isMacText, parseCidr, parseIp4 } from '../../net/addr.ts';
import { validateScenario } from '../../scenario/validate.ts';
import type { CheckType } from './check-types.ts';
import { parseServiceKey } from './checks.ts';
import { parseCommandsFile } from './commands-file.ts';
import { LESSON_FORMAT, type Lesson } from './lesson-types.ts';

export interface LessonProblem {
  path: string;
  message: string;
}

export type LessonValidation = { ok: true; lesson: Lesson } | { ok: false; problems: LessonProblem[] };

const LANGS = ['en', 'zh-CN'] as const;
const ID_RE = /^[a-z0-9][a-z0-9-]{0,47}$/;
const NUD_STATES = ['INCOMPLETE', 'REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', 'PERMANENT', 'NOARP'];

/** Keys each check type allows beyond id/type/title/after, and which of them it requires. */
const CHECK_KEYS: Record<CheckType, { allowed: string[]; required: string[] }> = {
  address: { allowed: ['host', 'address', 'dev', 'present'], required: ['host', 'address', 'present'] },
  conf: { allowed: ['host', 'dev', 'key', 'oneOf'], required: ['host', 'dev', 'key', 'oneOf'] },
  sysctl: { allowed: ['host', 'name', 'oneOf'], required: ['host', 'name', 'oneOf'] },
  neighbour: { allowed: ['host', 'ip', 'dev', 'present', 'mac', 'states'], required: ['host', 'ip'] },
  'ipvs-service': { allowed: ['host', 'service', 'present', 'scheduler'], required: ['host', 'service', 'present'] },
  'ipvs-dest': { allowed: ['host', 'service', 'dest', 'present', 'fwd', 'minWeight'], required: ['host', 'service', 'dest'] },
  'arp-probe': { allowed: ['from', 'dev', 'target', 'answeredBy'], required: ['from', 'target', 'answeredBy'] },
  'ping-probe': { allowed: ['from', 'target', 'answeredBy'], required: ['from', 'target', 'answeredBy'] },
  'http-probe': { allowed: ['from', 'url', 'count', 'servers', 'via'], required: ['from', 'url', 'count', 'servers'] },
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Checker {
  readonly problems: LessonProblem[] = [];
  report(path: string, message: string): void {
    this.problems.push({ path, message });
  }
  keys(value: Obj, path: string, allowed: readonly string[], required: readonly string[]): void {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) this.report(`${path}.${key}`, `unknown key "${key}"`);
    for (const key of required) if (!(key in value)) this.report(`${path}.${key}`, `missing required key "${key}"`);
  }
  text(value: unknown, path: string): boolean {
    if (typeof value === 'string' && value.trim() !== '') return true;
    this.report(path, typeof value === 'string' ? 'text is empty' : `expected a string, got ${kind(value)}`);
    return false;
  }
  local(value: unknown, path: string): void {
    if (!isObj(value)) {
      this.report(path, `expected an object with "en" and "zh-CN" texts, got ${kind(value)}`);
      return;
    }
    this.keys(value, path, LANGS, LANGS);
    for (const lang of LANGS) if (lang in value) this.text(value[lang], `${path}["${lang}"]`);
  }
  array(value: unknown, path: string, nonEmpty = false): value is unknown[] {
    if (!Array.isArray(value)) {
      this.report(path, `expected an array, got ${kind(value)}`);
      return false;
    }
    if (nonEmpty && value.length === 0) this.report(path, 'must not be empty');
    return true;
  }
  commands(value: unknown, path: string, hosts: readonly string[]): void {
    if (!this.array(value, path)) return;
    value.forEach((line, i) => {
      if (typeof line !== 'string') {
        this.report(`${path}[${i}]`, `expected a commands-file line, got ${kind(line)}`);
        return;
      }
      const parsed = parseCommandsFile(line, { hosts });
      if (!parsed.ok) this.report(`${path}[${i}]`, parsed.problems[0]!.message);
      else if (parsed.steps.length === 0) this.report(`${path}[${i}]`, 'line has no command');
    });
  }
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function checkCheck(c: Checker, raw: unknown, path: string, hosts: readonly string[], ids: Set<string>): void {
  if (!isObj(raw)) {
    c.report(path, `expected a check object, got ${kind(raw)}`);
    return;
  }
  const type = raw['type'];
  if (typeof type !== 'string' || !(type in CHECK_KEYS)) {
    c.report(`${path}.type`, `unknown check type ${JSON.stringify(type)} (expected one of ${Object.keys(CHECK_KEYS).join(', ')})`);
    return;
  }
  const spec = CHECK_KEYS[type as CheckType];
  c.keys(raw, path, ['id', 'type', 'title', 'after', ...spec.allowed], ['id', 'type', ...spec.required]);
  if (c.text(raw['id'], `${path}.id`)) {
    const id = raw['id'] as string;
    if (ids.has(id)) c.report(`${path}.id`, `duplicate check id "${id}"`);
    ids.add(id);
  }
  if ('title' in raw) c.local(raw['title'], `${path}.title`);
  if ('after' in raw) c.commands(raw['after'], `${path}.after`, hosts);
  const host = (key: string): void => {
    if (!(key in raw)) return;
    if (typeof raw[key] !== 'string' || !hosts.includes(raw[key])) c.report(`${path}.${key}`, `unknown host ${JSON.stringify(raw[key])} (this lab has ${hosts.join(', ')})`);
  };
  const ip = (key: string): void => {
    if (key in raw && (typeof raw[key] !== 'string' || parseIp4(raw[key]) === null)) c.report(`${path}.${key}`, `invalid IPv4 address ${JSON.stringify(raw[key])}`);
  };
  const numbers = (key: string): void => {
    if (key in raw && (!Array.isArray(raw[key]) || raw[key].length === 0 || !raw[key].every((n) => Number.isInteger(n)))) c.report(`${path}.${key}`, 'expected a non-empty array of integers');
  };
  const bool = (key: string): void => {
    if (key in raw && typeof raw[key] !== 'boolean') c.report(`${path}.${key}`, `expected true or false, got ${kind(raw[key])}`);
  };
  const hostList = (key: string): void => {
    if (!(key in raw)) return;
    const list = raw[key];
    if (!Array.isArray(list)) c.report(`${path}.${key}`, `expected an array of host names, got ${kind(list)}`);
    else list.forEach((h, i) => (typeof h !== 'string' || !hosts.includes(h) ? c.report(`${path}.${key}[${i}]`, `unknown host ${JSON.stringify(h)}`) : undefined));
  };
  host('host');
  host('from');
  bool('present');
  switch (type as CheckType) {
    case 'address':
      if (typeof raw['address'] !== 'string' || parseCidr(raw['address'], true) === null) c.report(`${path}.address`, `invalid address ${JSON.stringify(raw['address'])} (expected A.B.C.D or A.B.C.D/LEN)`);
      break;
    case 'conf':
      numbers('oneOf');
      break;
    case 'sysctl':
      numbers('oneOf');
      if (typeof raw['name'] !== 'string' || !raw['name'].startsWith('net.ipv4.')) c.report(`${path}.name`, 'expected a net.ipv4.* sysctl name');
      break;
    case 'neighbour':
      ip('ip');
      if ('mac' in raw && (typeof raw['mac'] !== 'string' || (!isMacText(raw['mac']) && !hosts.includes(raw['mac'].split('/')[0]!)))) c.report(`${path}.mac`, `expected a MAC or a host name ("director", "director/eth0"), got ${kind(raw['mac'])}`);
      if ('states' in raw && (!Array.isArray(raw['states']) || !raw['states'].every((s) => NUD_STATES.includes(s as string)))) c.report(`${path}.states`, `expected NUD states from ${NUD_STATES.join(', ')}`);
      break;
    case 'ipvs-service':
    case 'ipvs-dest':
      if (typeof raw['service'] !== 'string' || parseServiceKey(raw['service']) === null) c.report(`${path}.service`, `invalid service ${JSON.stringify(raw['service'])} (expected tcp:A.B.C.D:PORT or udp:…)`);
      if ('dest' in raw && (typeof raw['dest'] !== 'string' || !/^\d+\.\d+\.\d+\.\d+:\d{1,5}$/.test(raw['dest']) || parseIp4(raw['dest'].split(':')[0]!) === null)) c.report(`${path}.dest`, `invalid real server ${JSON.stringify(raw['dest'])} (expected A.B.C.D:PORT)`);
      if ('fwd' in raw && !['Route', 'Masq', 'Tunnel'].includes(raw['fwd'] as string)) c.report(`${path}.fwd`, 'expected Route, Masq or Tunnel');
      if ('minWeight' in raw && !Number.isInteger(raw['minWeight'])) c.report(`${path}.minWeight`, 'expected an integer');
      break;
    case 'arp-probe':
      ip('target');
      hostList('answeredBy');
      break;
    case 'ping-probe':
      ip('target');
      host('answeredBy');
      break;
    case 'http-probe': {
      const url = URL.canParse(String(raw['url'])) ? new URL(String(raw['url'])) : null;
      if (!url || url.protocol !== 'http:' || parseIp4(url.hostname) === null) c.report(`${path}.url`, `expected http://A.B.C.D[:PORT]/, got ${kind(raw['url'])}`);
      if (!Number.isInteger(raw['count']) || (raw['count'] as number) < 1 || (raw['count'] as number) > 100) c.report(`${path}.count`, 'expected an integer from 1 to 100');
      hostList('servers');
      host('via');
      break;
    }
  }
}

/** Validates a parsed JSON value as a lesson. */
export function validateLesson(raw: unknown): LessonValidation {
  const c = new Checker();
  if (!isObj(raw)) return { ok: false, problems: [{ path: '$', message: `expected a lesson object, got ${kind(raw)}` }] };
  const keys = ['format', 'id', 'order', 'title', 'summary', 'lab', 'seed', 'break', 'goal', 'checks', 'hints', 'solution', 'otherFixes', 'wrongFixes', 'debrief', 'references'];
  c.keys(raw, '$', keys, keys);
  if ('format' in raw && raw['format'] !== LESSON_FORMAT) c.report('$.format', `unsupported format ${JSON.stringify(raw['format'])} (expected "${LESSON_FORMAT}")`);
  if ('id' in raw && (typeof raw['id'] !== 'string' || !ID_RE.test(raw['id']))) c.report('$.id', `invalid lesson id ${JSON.stringify(raw['id'])} (expected lower-case letters, digits and -)`);
  if ('order' in raw && (!Number.isInteger(raw['order']) || (raw['order'] as number) < 1)) c.report('$.order', 'expected a positive integer');
  if ('seed' in raw && (!Number.isInteger(raw['seed']) || (raw['seed'] as number) < 0)) c.report('$.seed', 'expected a non-negative integer');
  for (const key of ['title', 'summary', 'goal', 'debrief']) if (key in raw) c.local(raw[key], `$.${key}`);
  let hosts: string[] = [];
  if ('lab' in raw) {
    // The scenario validator normalises in place; validate a copy so the caller's value stays as written.
    const lab = validateScenario(structuredClone(raw['lab']));
    if (!lab.ok) for (const p of lab.problems) c.report(p.path.replace(/^\$/, '$.lab'), p.message);
    else {
      raw['lab'] = lab.scenario;
      hosts = lab.scenario.hosts.map((h) => h.name);
    }
  }
  if (hosts.length > 0) {
    for (const key of ['break', 'solution']) if (key in raw) c.commands(raw[key], `$.${key}`, hosts);
    if ('checks' in raw && c.array(raw['checks'], '$.checks', true)) {
      const ids = new Set<string>();
      (raw['checks'] as unknown[]).forEach((check, i) => checkCheck(c, check, `$.checks[${i}]`, hosts, ids));
    }
    for (const key of ['otherFixes', 'wrongFixes']) {
      if (!(key in raw) || !c.array(raw[key], `$.${key}`, true)) continue;
      (raw[key] as unknown[]).forEach((variant, i) => {
        const path = `$.${key}[${i}]`;
        if (!isObj(variant)) return c.report(path, `expected {commands, note}, got ${kind(variant)}`);
        c.keys(variant, path, ['commands', 'note'], ['commands', 'note']);
        if ('commands' in variant) c.commands(variant['commands'], `${path}.commands`, hosts);
        if ('note' in variant) c.local(variant['note'], `${path}.note`);
      });
    }
  }
  if ('hints' in raw && c.array(raw['hints'], '$.hints', true)) (raw['hints'] as unknown[]).forEach((h, i) => c.local(h, `$.hints[${i}]`));
  if ('references' in raw && c.array(raw['references'], '$.references', true)) {
    (raw['references'] as unknown[]).forEach((r, i) => {
      if (typeof r !== 'string' || !/^(§\d+(\.\d+)*|E\d+b?)$/.test(r)) c.report(`$.references[${i}]`, `expected a section like "§2" or "§9.3" or an experiment like "E1", got ${kind(r)}`);
    });
  }
  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  return { ok: true, lesson: raw as unknown as Lesson };
}

export function parseLessonText(text: string): LessonValidation {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '$', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return validateLesson(raw);
}
