// Small labs for unit tests: one LAN with a client, a director and real servers.
import { createLab, type Lab } from './lab.ts';
import type { Scenario, ScenarioHost } from './scenario/types.ts';

export function lanHost(name: string, n: number, extra: Partial<ScenarioHost> = {}): ScenarioHost {
  const hex = String(n).padStart(2, '0'); // 11 → 02:00:00:00:00:11, easy to read in tests
  return { name, interfaces: [{ name: 'eth0', segment: 'lan', mac: `02:00:00:00:00:${hex}`, addresses: [`198.51.100.${n}/24`] }], ...extra };
}

export function lanLab(hosts: ScenarioHost[], seed = 1): Lab {
  const scenario: Scenario = { format: 'lvs-dr-lab/scenario@1', hosts, steps: [] };
  return createLab(scenario, { seed });
}
