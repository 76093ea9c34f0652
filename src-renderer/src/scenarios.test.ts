// The free lab's built-in labs: the standard lab and the two-director keepalived lab, both valid,
// the keepalived one serving the client through director once the learner starts keepalived.
import { describe, expect, it } from 'vitest';
import { LabState } from './lab-state.svelte.ts';
import { keepalivedLab, standardScenario } from './scenarios.ts';

/** Runs a line as typed and returns what it printed on stdout, and its exit status. */
async function run(lab: LabState, host: string, line: string): Promise<{ stdout: string; exit: number }> {
  await lab.ready;
  const from = lab.transcripts[host]!.length;
  const { exit } = await lab.run(host, line);
  const stdout = lab.transcripts[host]!.slice(from).filter((e) => e.kind === 'stdout').map((e) => e.text).join('');
  return { stdout, exit };
}

describe('the free lab offers', () => {
  it('the standard lab: one director, its IPVS table left to the learner', () => {
    expect(standardScenario().hosts.map((h) => h.name)).toEqual(['client', 'director', 'rs1', 'rs2']);
  });

  it('two directors with keepalived: configured, not started; started, director is MASTER and the client is served through it', async () => {
    const { scenario, setup } = keepalivedLab();
    expect(scenario.hosts.map((h) => h.name)).toEqual(['client', 'router', 'director', 'director2', 'rs1', 'rs2']);
    const lab = new LabState(scenario, { setup });
    for (const director of ['director', 'director2']) {
      expect((await run(lab, director, 'grep -c virtual_router_id /etc/keepalived/keepalived.conf')).stdout).toBe('1\n');
      expect((await run(lab, director, 'systemctl is-active keepalived')).stdout).toBe('inactive\n');
    }
    await run(lab, 'director', 'systemctl start keepalived');
    await run(lab, 'director2', 'systemctl start keepalived');
    await run(lab, 'client', 'sleep 5');
    expect((await run(lab, 'director', 'ip -br addr show dev eth0')).stdout).toContain('198.51.100.100/24');
    expect((await run(lab, 'director2', 'ip -br addr show dev eth0')).stdout).not.toContain('198.51.100.100');
    expect((await run(lab, 'client', 'curl -s -m 2 http://198.51.100.100/')).exit).toBe(0);
    lab.dispose();
  });
});
