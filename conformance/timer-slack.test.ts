import { describe, expect, it } from 'vitest';
import type { Scenario } from '../src-sim/scenario/types.ts';
import { batchSeeds, randomScenario } from './generate-random.ts';
import { leaveTimerSlack, observationInstantsUs, pendingNeighbourTimers, timerRacingTheEnd } from './timer-slack.ts';

/** Two hosts; the server's entry for the client, created STALE by the ARP request, goes DELAY when the echo reply uses it. */
function pair(steps: Scenario['steps']): Scenario {
  return {
    format: 'lvs-dr-lab/scenario@1',
    name: 'timer slack',
    hosts: [
      { name: 'client', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:01', addresses: ['198.51.100.1/24'] }] },
      { name: 'server', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:02', addresses: ['198.51.100.2/24'] }] },
    ],
    steps,
  } as Scenario;
}

describe('timer slack at the end of a random scenario', () => {
  it('sees the DELAY timer a ping leaves pending, with a window of ± 256 ms (a 5 s timer at HZ=250)', () => {
    const { endUs, lagUs, timers } = pendingNeighbourTimers(pair([{ host: 'client', run: 'ping -c 1 -W 1 198.51.100.2' }]));
    const delay = timers.find((t) => t.state === 'DELAY');
    expect(delay).toBeDefined();
    expect(delay!.windowUs[1] - delay!.atUs).toBe(256_000);
    expect(delay!.atUs - delay!.windowUs[0]).toBe(256_000);
    expect(delay!.atUs).toBeGreaterThan(endUs + 4_500_000);
    // Ending right after the ping is well before the timer: no race.
    expect(timerRacingTheEnd(endUs, lagUs, timers)).toBeNull();
  });

  it('lengthens a final sleep that ends inside the DELAY window, and leaves one before it alone', () => {
    const ping = { host: 'client', run: 'ping -c 1 -W 1 198.51.100.2' };
    const { timers } = pendingNeighbourTimers(pair([ping]));
    const atS = timers.find((t) => t.state === 'DELAY')!.atUs / 1e6;
    // A sleep that ends the scenario 0.1 s before the simulator's DELAY → PROBE.
    const racing = pair([ping, { sleep: Number((atS - 0.1).toFixed(1)) }]);
    const before = pendingNeighbourTimers(racing);
    expect(timerRacingTheEnd(before.endUs, before.lagUs, before.timers)).not.toBeNull();
    const moved = leaveTimerSlack(racing);
    const last = moved.steps[moved.steps.length - 1] as { sleep: number };
    expect(moved.steps).toHaveLength(2);
    expect(last.sleep).toBeGreaterThan((racing.steps[1] as { sleep: number }).sleep);
    const after = pendingNeighbourTimers(moved);
    expect(timerRacingTheEnd(after.endUs, after.lagUs, after.timers)).toBeNull();
    // The tables are now read after Linux's latest possible DELAY → PROBE.
    expect(observationInstantsUs(after.endUs)[0]).toBeGreaterThan(atS * 1e6 + 256_000);
    // Two seconds is far from any timer: unchanged.
    const calm = pair([ping, { sleep: 2 }]);
    expect(leaveTimerSlack(calm)).toEqual(calm);
  });

  it('appends a sleep when the scenario ends on a command', () => {
    const ping = { host: 'client', run: 'ping -c 1 -W 1 198.51.100.2' };
    // The client's arping to an unused address runs until its 5 s deadline, about the server's DELAY timer.
    const ending = pair([ping, { host: 'client', run: 'arping -c 9 -w 5 -I eth0 198.51.100.77' }]);
    const before = pendingNeighbourTimers(ending);
    expect(timerRacingTheEnd(before.endUs, before.lagUs, before.timers)).not.toBeNull();
    const moved = leaveTimerSlack(ending);
    expect(moved.steps.slice(0, 2)).toEqual(ending.steps);
    expect(moved.steps).toHaveLength(3);
    expect('sleep' in moved.steps[2]!).toBe(true);
    const after = pendingNeighbourTimers(moved);
    expect(timerRacingTheEnd(after.endUs, after.lagUs, after.timers)).toBeNull();
  });

  it('leaves no generated scenario ending inside a neighbour timer window, seeds 710015 and 710036 included', () => {
    for (const seed of [...batchSeeds(710000, 60), 710015, 710036]) {
      const scenario = randomScenario(seed) as Scenario;
      const { endUs, lagUs, timers } = pendingNeighbourTimers(scenario);
      expect(timerRacingTheEnd(endUs, lagUs, timers), `seed ${seed}`).toBeNull();
    }
  });
});
