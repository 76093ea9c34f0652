// Comparison revision 2 on pipelines ending in a text tool (pipeline-rule.ts):
// what they mask, what they must still catch, and never stricter than the
// first stage on its own.
import { describe, expect, it } from 'vitest';
import { compareObservations } from './compare.ts';
import { textPipelineStages } from './output-rules.ts';
import type { Observation } from './types.ts';

function obs(run: string, stdout: string, exit = 0, stderr = '', host = 'h'): Observation {
  return { format: 'lvs-dr-lab/observation@1', steps: [{ index: 0, host, run, exit, stdout, stderr }], frames: [], neighbors: {} };
}

function verdict(run: string, sim: { out: string; exit?: number; err?: string }, ...linux: { out: string; exit?: number; err?: string }[]): { equal: boolean; differences: string[]; excluded: string[] } {
  return compareObservations(obs(run, sim.out, sim.exit, sim.err), linux.map((l) => obs(run, l.out, l.exit, l.err)));
}

describe('pipelines ending in a text tool', () => {
  it('are read when the last stage is a text tool and the line has no other shell syntax', () => {
    expect(textPipelineStages('ip neigh | grep 198.51.100')).toEqual(['ip neigh', 'grep 198.51.100']);
    expect(textPipelineStages("sysctl -a 2>/dev/null | grep 'a|b' | sort")).toEqual(['sysctl -a', "grep 'a|b'", 'sort']);
    expect(textPipelineStages('ip neigh | grep x; ip neigh')).toBeNull();
    expect(textPipelineStages('ip neigh || grep x')).toBeNull();
    expect(textPipelineStages('ip neigh | grep x > /tmp/f')).toBeNull();
    expect(textPipelineStages('echo 1 | tee /proc/sys/net/ipv4/conf/all/arp_ignore')).toBeNull();
    expect(textPipelineStages('printf "a\\n" | xargs -n 1 echo')).toBeNull();
    expect(textPipelineStages('ip neigh')).toBeNull();
  });
  it('compare stdout exactly, line by line in order, plus the exit status', () => {
    const run = 'ip route | head -n 1';
    const line = '198.51.100.0/24 dev eth0 proto kernel scope link src 198.51.100.11 \n';
    expect(verdict(run, { out: line }, { out: line }).equal).toBe(true);
    expect(verdict(run, { out: line.replace(' \n', '\n') }, { out: line }).equal).toBe(false);
    expect(verdict('printf "a\\nb\\n" | sort -r', { out: 'a\nb\n' }, { out: 'b\na\n' }).equal).toBe(false);
    expect(verdict('ip neigh show | grep -c REACHABLE', { out: '0\n', exit: 0 }, { out: '0\n', exit: 1 }).equal).toBe(false);
    expect(verdict('ss -tan | grep -c ESTAB', { out: '1\n' }, { out: '2\n' }).equal).toBe(false);
  });
  it('mask what the first stage masks: ping timings, ip listing indexes, ephemeral ports', () => {
    const ping = 'ping -c 1 198.51.100.11 | grep from';
    const reply = '64 bytes from 198.51.100.11: icmp_seq=1 ttl=64 time=0.061 ms\n';
    expect(verdict(ping, { out: reply.replace('0.061', '0.010') }, { out: reply }).equal).toBe(true);
    expect(verdict(ping, { out: reply.replace('ttl=64', 'ttl=63') }, { out: reply }).equal).toBe(false);
    expect(verdict('ip link | grep eth0', { out: '2: eth0: <BROADCAST> mtu 1500\n' }, { out: '7: eth0@if8: <BROADCAST> mtu 1500\n' }).equal).toBe(true);
    const socket = 'TIME-WAIT 0 0 198.51.100.1:51234 198.51.100.11:80\n';
    expect(verdict('ss -tan | grep 198.51.100.1', { out: socket.replace('51234', '40000') }, { out: socket }).equal).toBe(true);
    expect(verdict('ss -tan | grep 198.51.100.1', { out: socket.replace(':80', ':81') }, { out: socket }).equal).toBe(false);
  });
  it('are never compared more strictly than the first stage: hash-ordered listings as sets, sysctl -a as a subset', () => {
    expect(verdict('ip neigh | grep 198', { out: 'b\na\n' }, { out: 'a\nb\n' }).equal).toBe(true);
    expect(verdict('ip neigh | grep 198', { out: 'a\n' }, { out: 'a\nb\n' }).equal).toBe(false);
    const sysctl = 'sysctl -a | grep arp_ | sort';
    const linux = 'x.arp_announce = 0\nx.arp_ignore = 1\n';
    expect(verdict(sysctl, { out: 'x.arp_ignore = 1\n' }, { out: linux }).equal).toBe(true);
    expect(verdict(sysctl, { out: 'x.arp_ignore = 2\n' }, { out: linux }).equal).toBe(false);
    // A count of keys, of which the simulator has fewer, cannot be compared: exit status only.
    expect(verdict('sysctl -a | grep -c arp_', { out: '3\n' }, { out: '40\n' }).equal).toBe(true);
  });
  it('leave out an output the kernel runs disagree on', () => {
    const r = verdict('ss -lnt | tail -n 1', { out: 'x\n' }, { out: 'a\n' }, { out: 'b\n' });
    expect(r.equal).toBe(true);
    expect(r.excluded.join(' ')).toMatch(/differs between kernel runs/);
  });
});
