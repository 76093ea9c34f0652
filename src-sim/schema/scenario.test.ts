import { describe, expect, it } from 'vitest';
import { runScenario } from '../scenario/run.ts';
import type { Scenario } from '../scenario/types.ts';
import { parseScenarioText, SCENARIO_LIMITS, validateScenario } from './scenario.ts';

describe('scenario validation', () => {
  it('names every problem with its JSON path', () => {
    const r = parseScenarioText(JSON.stringify({ format: 'lvs-dr-lab/scenario@1', hosts: [{ name: 'Client', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:0G', addresses: ['198.51.100.1/33'] }], colour: 'red' }], steps: [{ host: 'nobody', run: 'ip a' }] }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['$.hosts[0].colour', '$.hosts[0].name', '$.hosts[0].interfaces[0].mac', '$.hosts[0].interfaces[0].addresses[0]', '$.steps[0].host']));
  });

  it('reports broken JSON without throwing', () => {
    const r = parseScenarioText('{"format": ');
    expect(r.ok).toBe(false);
  });

  it('takes an interface without an addresses list as one with none (the contract: may be empty)', () => {
    const text = JSON.stringify({ format: 'lvs-dr-lab/scenario@1', hosts: [{ name: 'a', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:01' }] }], steps: [{ host: 'a', run: 'ip -4 addr show dev eth0' }] });
    const parsed = parseScenarioText(text);
    expect(parsed.ok).toBe(true);
    const unvalidated = JSON.parse(text) as Scenario;
    const observation = runScenario(unvalidated);
    expect(observation.steps[0]!.exit).toBe(0);
    expect(observation.steps[0]!.stdout).toBe('');
  });
});

describe('scenario schema', () => {
  const host = (name: string, iface: Record<string, unknown> = { name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:01' }) => ({ name, interfaces: [iface] });
  const scenario = (extra: Record<string, unknown> = {}) => ({ format: 'lvs-dr-lab/scenario@1', hosts: [host('client')], steps: [], ...extra });

  it('takes a live line and Ctrl-C at a terminal (a saved session of the app), and only `true` for either', () => {
    expect(validateScenario(scenario({ steps: [{ host: 'client', run: 'ping 192.0.2.1', live: true }, { sleep: 1 }, { host: 'client', interrupt: true }] })).ok).toBe(true);
    const r = validateScenario(scenario({ steps: [{ host: 'client', run: 'ping 192.0.2.1', live: 1 }, { host: 'nobody', interrupt: false }] }));
    expect(r.ok ? [] : r.problems).toEqual([
      { path: '$.steps[0].live', message: 'expected true, got the number 1' },
      { path: '$.steps[1].interrupt', message: 'expected true, got boolean false' },
      { path: '$.steps[1].host', message: 'unknown host "nobody"' },
    ]);
  });

  it('says what a missing key should have been, never "undefined"', () => {
    const r = validateScenario({ format: 'lvs-dr-lab/scenario@1', hosts: [{ interfaces: [] }], steps: [{ host: 'client' }] });
    expect(r.ok ? [] : r.problems).toEqual([
      { path: '$.hosts[0].name', message: 'missing (expected a host name)' },
      { path: '$.steps[0].run', message: 'missing (expected a command line)' },
      { path: '$.steps[0].host', message: 'unknown host "client"' },
    ]);
  });

  it('treats missing interface addresses as none and returns a normalised copy', () => {
    const raw = scenario({ hosts: [{ ...host('client'), sysctl: { 'net.ipv4.ip_forward': 1 } }] });
    const r = validateScenario(raw);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.hosts[0]!.interfaces[0]!.addresses).toEqual([]);
    expect(r.scenario.hosts[0]!.sysctl).toEqual({ 'net.ipv4.ip_forward': '1' });
    expect(raw.hosts[0]).not.toHaveProperty('interfaces.0.addresses');
  });

  it('takes an optional arp flag per interface (false: booted with IFF_NOARP) and nothing but a boolean', () => {
    const noarp = validateScenario(scenario({ hosts: [{ name: 'a', interfaces: [{ name: 'lo', arp: false }, { name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:01', arp: false }] }] }));
    expect(noarp.ok && noarp.scenario.hosts[0]!.interfaces.map((i) => i.arp)).toEqual([false, false]);
    const wrong = validateScenario(scenario({ hosts: [host('a', { name: 'lo', arp: 'off' })] }));
    expect(wrong.ok ? [] : wrong.problems).toEqual([{ path: '$.hosts[0].interfaces[0].arp', message: 'expected true or false, got the string "off"' }]);
  });

  it('reports every unknown key, lo entries with a MAC and duplicate MACs', () => {
    const r = validateScenario(scenario({ colour: 1, size: 2, hosts: [host('a', { name: 'lo', mac: '02:00:00:00:00:01' }), host('b'), host('c')] }));
    expect(r.ok ? [] : r.problems).toEqual([
      { path: '$.hosts[0].interfaces[0].mac', message: 'unknown key "mac" (an entry for lo has only "name", "addresses" and "arp")' },
      { path: '$.colour', message: 'unknown key "colour"' },
      { path: '$.size', message: 'unknown key "size"' },
      { path: '$.hosts[2].interfaces[0].mac', message: 'MAC address "02:00:00:00:00:01" is already used at $.hosts[1].interfaces[0].mac' },
    ]);
  });

  it('holds documents to the limits, each named by its JSON path', () => {
    const many = Array.from({ length: SCENARIO_LIMITS.hosts + 1 }, (_, i) => host(`h${i}`, { name: 'lo' }));
    const long = 'x'.repeat(SCENARIO_LIMITS.commandChars + 1);
    const r = validateScenario(scenario({ hosts: many, steps: [{ host: 'h0', run: long }] }));
    expect(r.ok ? [] : r.problems).toEqual([
      { path: '$.hosts', message: `has ${SCENARIO_LIMITS.hosts + 1} items, more than the limit of ${SCENARIO_LIMITS.hosts}` },
      { path: '$.steps[0].run', message: `is ${SCENARIO_LIMITS.commandChars + 1} characters long, more than the limit of ${SCENARIO_LIMITS.commandChars}` },
    ]);
    const big = parseScenarioText(' '.repeat(SCENARIO_LIMITS.bytes) + '{}');
    expect(big.ok ? [] : big.problems).toEqual([{ path: '$', message: `the scenario is ${SCENARIO_LIMITS.bytes + 2} bytes, more than the limit of ${SCENARIO_LIMITS.bytes} bytes` }]);
  });
});

describe('routes and sysctls are data', () => {
  const withHost = (extra: Record<string, unknown>): unknown => ({ format: 'lvs-dr-lab/scenario@1', hosts: [{ name: 'a', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:01', addresses: ['198.51.100.1/24'] }], ...extra }], steps: [] });

  it('refuses shell syntax in a route or a sysctl value, naming the JSON path', () => {
    const r = validateScenario(withHost({ routes: ['default via 198.51.100.254; echo {1..1000}{1..1000}'], sysctl: { 'net.ipv4.ip_forward': '1 `reboot`' } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { path: '$.hosts[0].routes[0]', message: 'route holds ";": a route is the words of "ip route add" (letters, digits, . / : - _ and spaces)' },
      { path: '$.hosts[0].sysctl["net.ipv4.ip_forward"]', message: 'sysctl value "1 `reboot`" is not a plain value (at most 100 letters, digits, . / : - _ and spaces)' },
    ]);
  });

  it('boots routes and sysctls as argument vectors: the lab has them, and nothing else ran', () => {
    const r = validateScenario(withHost({ routes: ['203.0.113.0/24 via 198.51.100.254 dev eth0'], sysctl: { 'net.ipv4.conf.all.arp_ignore': 1 } }));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const observation = runScenario({ ...r.scenario, steps: [{ host: 'a', run: 'ip route' }, { host: 'a', run: 'sysctl -n net.ipv4.conf.all.arp_ignore' }] });
    expect(observation.steps[0]!.stdout).toContain('203.0.113.0/24 via 198.51.100.254 dev eth0 \n');
    expect(observation.steps[1]!.stdout).toBe('1\n');
    expect(observation.frames).toEqual([]);
  });

  it('refuses 100,000 hosts quickly by the limits', () => {
    const hosts = Array.from({ length: 100_000 }, (_, i) => ({ name: `h${i}`, interfaces: [] }));
    const started = performance.now();
    const r = parseScenarioText(JSON.stringify({ format: 'lvs-dr-lab/scenario@1', hosts, steps: [] }));
    expect(r.ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
