import { describe, expect, it } from 'vitest';
import { refusalReasons } from '../src-cli/kernel/safety.ts';
import type { Scenario } from '../src-sim/scenario/types.ts';
import { validateScenario } from '../src-sim/schema/scenario.ts';
import { MAX_SCENARIO_SECONDS, TIMER_SLACK_HEADROOM_SECONDS, batchSeeds, longestDuration, mulberry32, randomScenario } from './generate-random.ts';

const SEEDS = batchSeeds(1, 300);

describe('generate-random', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });

  it('gives the same scenario for the same seed', () => {
    expect(randomScenario(7)).toEqual(randomScenario(7));
    expect(randomScenario(7)).not.toEqual(randomScenario(8));
  });

  it('every scenario is valid and one the kernel runner accepts', () => {
    for (const seed of SEEDS) {
      const scenario = randomScenario(seed);
      const v = validateScenario(JSON.parse(JSON.stringify(scenario)));
      expect(v.ok, `seed ${seed}`).toBe(true);
      expect(refusalReasons(scenario as Scenario), `seed ${seed}`).toEqual([]);
    }
  });

  it('types commands back to back, sleeps across timer edges and uses routed and flat labs', () => {
    const scenarios = SEEDS.map(randomScenario);
    const backToBack = scenarios.filter((s) => s.steps.some((st, i) => 'run' in st && 'run' in (s.steps[i + 1] ?? {}))).length;
    expect(backToBack).toBeGreaterThan(SEEDS.length * 0.8);
    const sleeps = new Set(scenarios.flatMap((s) => s.steps.flatMap((st) => ('sleep' in st ? [st.sleep] : []))));
    for (const edge of [1, 5]) {
      expect([...sleeps].some((t) => t < edge && t > edge - 0.5), `a sleep just under ${edge} s`).toBe(true);
      expect([...sleeps].some((t) => t > edge && t < edge + 0.7), `a sleep just over ${edge} s`).toBe(true);
    }
    expect(scenarios.some((s) => s.hosts.some((h) => h.name === 'router'))).toBe(true);
    expect(scenarios.some((s) => !s.hosts.some((h) => h.name === 'router'))).toBe(true);
    const tools = new Set(scenarios.flatMap((s) => s.steps.flatMap((st) => ('run' in st ? [st.run.split(' ')[0]] : []))));
    for (const tool of ['arping', 'ping', 'ip', 'ifconfig', 'route', 'arp', 'sysctl', 'echo', 'cat', 'curl', 'ss', 'netstat', 'hostname']) expect(tools.has(tool), tool).toBe(true);
    const arpingModes = new Set(scenarios.flatMap((s) => s.steps.flatMap((st) => ('run' in st && st.run.startsWith('arping') ? st.run.split(' ').filter((w) => /^-[UADbfsw]$/.test(w)) : []))));
    expect([...arpingModes].sort()).toEqual(['-A', '-D', '-U', '-b', '-f', '-s', '-w']);
    const runs = scenarios.flatMap((s) => s.steps.flatMap((st) => ('run' in st ? [st.run] : [])));
    expect(runs.some((r) => r.startsWith('ping -b ') && r.endsWith('.255'))).toBe(true);
    expect(runs.some((r) => r.startsWith('ping -c ') && r.endsWith('.255'))).toBe(true);
    expect(runs.some((r) => r.includes('icmp_echo_ignore_broadcasts=0'))).toBe(true);
    expect(runs.some((r) => r.startsWith('ping ') && r.includes(' -t 1 '))).toBe(true);
    expect(runs.some((r) => /proxy_arp=1$/.test(r))).toBe(true);
    expect(runs.includes('ip route add 203.0.113.0/24 dev eth0')).toBe(true);
    for (const form of ['ip link set lo arp off', 'ip link set eth0 arp off', 'ip neigh show nud all']) expect(runs.includes(form), form).toBe(true);
    expect(scenarios.some((s) => s.hosts.some((h) => h.interfaces.some((i) => i.arp === false)))).toBe(true);
  });
});

describe('scenario length', () => {
  it('reads how long a step can take', () => {
    expect(longestDuration({ sleep: 1.5 })).toBe(1.5);
    expect(longestDuration({ host: 'a', run: 'arping -c 3 -I eth0 198.51.100.1' })).toBe(3);
    expect(longestDuration({ host: 'a', run: 'arping -c 3 -w 1 -I eth0 198.51.100.1' })).toBe(1);
    expect(longestDuration({ host: 'a', run: 'ping -c 3 -i 0.2 -W 1 198.51.100.1' })).toBeCloseTo(1.4);
    expect(longestDuration({ host: 'a', run: 'ping -c 2 -w 3 198.51.100.1' })).toBe(3);
    expect(longestDuration({ host: 'a', run: 'curl -s -m 2 http://198.51.100.1/' })).toBe(2);
    expect(longestDuration({ host: 'a', run: 'ip neigh show' })).toBe(0);
  });

  it('keeps every scenario inside the shortest reachable time Linux draws', () => {
    for (const seed of SEEDS) {
      const total = randomScenario(seed).steps.reduce((t, st) => t + longestDuration(st), 0);
      expect(total, `seed ${seed}`).toBeLessThanOrEqual(MAX_SCENARIO_SECONDS + TIMER_SLACK_HEADROOM_SECONDS);
      expect(MAX_SCENARIO_SECONDS + TIMER_SLACK_HEADROOM_SECONDS).toBeLessThan(15);
    }
  });
});
