// Small labs for unit tests: one LAN with a client, a director and real servers.
import type { CommandResult } from './api.ts';
import type { Host } from './host/host.ts';
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

/**
 * rs1 (198.51.100.11) alone on the LAN, as a terminal: `run` types a line
 * there; `host` and `fs` are its kernel and disk. The setup most shell and
 * command tests start from; `extra` sets the host's os, routes, …
 */
export function rs1Terminal(extra: Partial<ScenarioHost> = {}): { lab: Lab; host: Host; fs: Host['fs']; run: (line: string) => CommandResult } {
  const lab = lanLab([lanHost('rs1', 11, extra)]);
  const host = lab.host('rs1');
  return { lab, host, fs: host.fs, run: (line) => lab.run('rs1', line) };
}
