import { describe, expect, it } from 'vitest';
import { runScenario } from './run.ts';
import type { Scenario } from './types.ts';
import { parseScenarioText } from './validate.ts';

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
