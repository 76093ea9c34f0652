import { describe, expect, it } from 'vitest';
import lesson from './curriculum/03-arp-ignore.json' with { type: 'json' };
import { parseLessonText, validateLesson } from './validate-lesson.ts';

// The lesson as loose JSON, to break it in ways its type would not allow.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

function broken(edit: (raw: Loose) => void) {
  const raw = structuredClone(lesson) as Loose;
  edit(raw);
  const result = validateLesson(raw);
  return result.ok ? [] : result.problems;
}

describe('validateLesson', () => {
  it('accepts a curriculum lesson and leaves the caller\'s value usable', () => {
    const result = validateLesson(structuredClone(lesson));
    expect(result.ok).toBe(true);
  });

  it('names the textbook lab with overrides, and reports wrong ones with their path', () => {
    const ok = validateLesson({ ...structuredClone(lesson), lab: { textbook: { realServers: 3, name: 'three' } } });
    expect(ok.ok && ok.lesson.lab.hosts.map((h) => h.name)).toEqual(['client', 'router', 'director', 'rs1', 'rs2', 'rs3']);
    expect(ok.ok && ok.lesson.lab.steps).toHaveLength(4);
    expect(broken((raw) => (raw['lab'] = { textbook: { realServers: 'two', method: '-x', colour: 1 } }))).toEqual([
      { path: '$.lab.textbook.realServers', message: 'expected an integer, got the string "two"' },
      { path: '$.lab.textbook.method', message: 'expected "-g", "-m" or "-i"' },
      { path: '$.lab.textbook.colour', message: 'unknown key "colour"' },
    ]);
    expect(broken((raw) => (raw['lab'] = { textbook: { otherSubnet: ['rs7'] } }))).toEqual([{ path: '$.lab.textbook', message: 'otherSubnet: no real server "rs7" (the lab has rs1, rs2)' }]);
    // A scenario written out is still accepted, and checked like a scenario file.
    expect(broken((raw) => (raw['lab'] = { format: 'lvs-dr-lab/scenario@1', hosts: [{ name: 'client', interfaces: [{ name: 'eth0', segment: 'lan', mac: 'zz', addresses: [] }] }], steps: [] }))).toContainEqual({
      path: '$.lab.hosts[0].interfaces[0].mac',
      message: 'invalid MAC address "zz" (expected six lower-case hex pairs like 02:00:00:00:00:01)',
    });
  });

  it('reports every problem with its JSON path', () => {
    const problems = broken((raw) => {
      raw['format'] = 'lvs-dr-lab/lesson@2';
      delete raw['hints'];
      raw['extra'] = 1;
      raw['title'] = { en: 'x' };
      raw['break'][1] = 'rs9$ sysctl -a';
      raw['checks'][0].type = 'arp-probes';
      raw['checks'][1].answeredBy = ['rs1', 'nobody'];
      raw['checks'][2].id = raw['checks'][1].id;
      raw['references'] = ['section 2'];
    });
    // In the order of the lesson's keys; unknown keys last.
    expect(problems).toEqual([
      { path: '$.format', message: 'unsupported format "lvs-dr-lab/lesson@2" (expected "lvs-dr-lab/lesson@1")' },
      { path: '$.title["zh-CN"]', message: 'missing (expected a string)' },
      { path: '$.break[1]', message: 'unknown host "rs9" (this lab has client, router, director, rs1, rs2)' },
      { path: '$.checks[0].type', message: 'unknown check type "arp-probes" (expected one of address, conf, sysctl, neighbour, ipvs-service, ipvs-dest, arp-probe, ping-probe, http-probe)' },
      { path: '$.checks[1].answeredBy[1]', message: 'unknown host "nobody"' },
      { path: '$.checks[2].id', message: 'duplicate check id "rs1-rip-answers-arp"' },
      { path: '$.hints', message: 'missing (expected an array)' },
      { path: '$.references[0]', message: 'expected a section like "§2" or "§9.3" or an experiment like "E1", got the string "section 2"' },
      { path: '$.extra', message: 'unknown key "extra"' },
    ]);
  });

  it('checks commands lines, check types, hosts and ids once the lab is valid', () => {
    const problems = broken((raw) => {
      raw['break'][1] = 'rs9$ sysctl -a';
      raw['solution'] = ['sysctl -a'];
      raw['checks'][0].type = 'arp-probes';
      raw['checks'][1].answeredBy = ['rs1', 'nobody'];
      raw['checks'][2].id = raw['checks'][1].id;
      raw['checks'][3].url = 'https://example/';
      raw['wrongFixes'] = [];
    });
    expect(problems).toEqual([
      { path: '$.break[1]', message: 'unknown host "rs9" (this lab has client, router, director, rs1, rs2)' },
      { path: '$.checks[0].type', message: 'unknown check type "arp-probes" (expected one of address, conf, sysctl, neighbour, ipvs-service, ipvs-dest, arp-probe, ping-probe, http-probe)' },
      { path: '$.checks[1].answeredBy[1]', message: 'unknown host "nobody"' },
      { path: '$.checks[3].url', message: 'expected http://A.B.C.D[:PORT]/, got the string "https://example/"' },
      { path: '$.checks[2].id', message: 'duplicate check id "rs1-rip-answers-arp"' },
      { path: '$.solution[0]', message: 'expected "HOST$ COMMAND" or "sleep SECONDS", got "sysctl -a"' },
      { path: '$.wrongFixes', message: 'must not be empty' },
    ]);
  });

  it('reports text that is not JSON', () => {
    expect(parseLessonText('{"id": ')).toEqual({ ok: false, problems: [{ path: '$', message: expect.stringMatching(/^not valid JSON \(the file looks truncated\): /) }] });
  });
});
