import { describe, expect, it } from 'vitest';
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
});
