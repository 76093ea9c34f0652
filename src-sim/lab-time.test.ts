// Time between typed commands (COMMAND_GAP_US) and the end of a scenario as the kernel runner observes it.
import { describe, expect, it } from 'vitest';
import { COMMAND_GAP_US, forkLab } from './lab.ts';
import { runScenario } from './scenario/run.ts';
import type { Scenario } from './scenario/types.ts';
import { lanHost, lanLab } from './test-lab.ts';

describe('time between commands', () => {
  it('each typed command starts COMMAND_GAP_US after the previous one; boot and sleeps add none', () => {
    const lab = lanLab([lanHost('client', 1, { sysctl: { 'net.ipv4.conf.all.arp_ignore': '1' } })]);
    expect(lab.queue.now).toBe(0);
    lab.run('client', 'sysctl -n net.ipv4.ip_forward');
    lab.run('client', 'sysctl -n net.ipv4.ip_forward');
    expect(lab.queue.now).toBe(2 * COMMAND_GAP_US);
    lab.sleep(1);
    expect(lab.queue.now).toBe(2 * COMMAND_GAP_US + 1_000_000);
  });

  it('the reply to the probe arping sent at its -w deadline is not the next arping\'s answer', () => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)]);
    const first = lab.run('client', 'arping -c 3 -w 1 -I eth0 198.51.100.11');
    expect(first.stdout).toContain('Sent 2 probes (1 broadcast(s))\nReceived 1 response(s)');
    const second = lab.run('client', 'arping -c 1 -w 1 -I eth0 198.51.100.11');
    expect(second.stdout).toContain('Sent 1 probes (1 broadcast(s))\nReceived 1 response(s)');
    expect(second.exit).toBe(0);
  });

  it('a fork replays the same gaps', () => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)]);
    lab.run('client', 'arping -c 2 -w 1 -I eth0 198.51.100.11');
    lab.run('client', 'ip neigh show');
    expect(forkLab(lab).queue.now).toBe(lab.queue.now);
  });

  it('frames the last step put on the wire arrive before the neighbour tables are read', () => {
    const scenario: Scenario = {
      format: 'lvs-dr-lab/scenario@1',
      hosts: [lanHost('client', 1, { sysctl: { 'net.ipv4.conf.all.arp_notify': '1' } }), lanHost('rs1', 11)],
      steps: [{ host: 'client', run: 'ping -c 1 -W 1 198.51.100.11' }, { host: 'client', run: 'ip link set eth0 address 02:00:00:00:00:21' }],
    };
    const observation = runScenario(scenario);
    expect(observation.neighbors['rs1']).toEqual([{ ip: '198.51.100.1', dev: 'eth0', lladdr: '02:00:00:00:00:21', state: 'STALE' }]);
  });
});
