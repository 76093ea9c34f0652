// Live terminals: a command that runs until a signal ends it (ping and
// arping without -c, tcpdump without -c), typed alone at a live terminal,
// keeps the terminal while other terminals work and the clock moves; Ctrl-C
// at that terminal (an interrupt step) ends it with the tool's own summary.
import { describe, expect, it } from 'vitest';
import { forkLab } from '../lab.ts';
import { lanHost, lanLab } from '../test-lab.ts';
import { terminalOf } from './jobs.ts';

function twoHosts() {
  const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)], 1);
  // What each terminal shows as it comes (the window's watchers).
  const shown: Record<string, string> = { client: '', rs1: '' };
  for (const [name, host] of lab.hosts) terminalOf(host).watcher = (_stream, text) => (shown[name] += text);
  return { lab, shown };
}

describe('a live line left running in the foreground', () => {
  it('ping without -c returns at once, prints a reply per second as the clock moves, and Ctrl-C prints its statistics; $? is its status', () => {
    const { lab, shown } = twoHosts();
    const started = lab.run('client', 'ping 198.51.100.11', { live: true });
    expect(started).toMatchObject({ live: true, exit: 0 });
    expect(started.stdout).toBe('PING 198.51.100.11 (198.51.100.11) 56(84) bytes of data.\n');
    expect(terminalOf(lab.host('client')).foreground?.line).toBe('ping 198.51.100.11');
    // Another terminal works meanwhile; the ping's replies reach the client's terminal, not rs1's line.
    const other = lab.run('rs1', 'echo hello');
    expect(other.stdout).toBe('hello\n');
    lab.sleep(2.5);
    expect(shown['client']!.match(/^64 bytes from 198\.51\.100\.11: icmp_seq=\d ttl=64 time=[\d.]+ ms$/gm)).toHaveLength(3);
    const stopped = lab.interrupt('client');
    expect(stopped.stdout).toMatch(/^\^C\n--- 198\.51\.100\.11 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time \d+ms\nrtt min\/avg\/max\/mdev = /);
    expect(stopped.exit).toBe(0);
    expect(terminalOf(lab.host('client')).foreground).toBeNull();
    expect(lab.run('client', 'echo $?').stdout).toBe('0\n');
    // Its process left the table with it.
    expect(lab.run('client', 'pgrep -x ping').exit).toBe(1);
    expect(lab.steps().slice(0, 4)).toEqual([{ host: 'client', run: 'ping 198.51.100.11', live: true }, { host: 'rs1', run: 'echo hello' }, { sleep: 2.5 }, { host: 'client', interrupt: true }]);
  });

  it("tcpdump without -c on rs1 shows the client's frames as they come; Ctrl-C prints tcpdump's counts", () => {
    const { lab, shown } = twoHosts();
    const started = lab.run('rs1', 'tcpdump -n -i eth0 icmp', { live: true });
    expect(started.stderr).toBe('tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n');
    expect(lab.run('client', 'ping -c 2 198.51.100.11').exit).toBe(0);
    expect(shown['rs1']!.match(/IP 198\.51\.100\.1 > 198\.51\.100\.11: ICMP echo request/g)).toHaveLength(2);
    expect(shown['rs1']!.match(/IP 198\.51\.100\.11 > 198\.51\.100\.1: ICMP echo reply/g)).toHaveLength(2);
    // Its process is in rs1's table meanwhile (what ps on a second rs1 terminal would list), in the foreground.
    expect(lab.host('rs1').processes.list().filter((p) => p.comm === 'tcpdump').map((p) => [p.argv?.join(' '), p.stat])).toEqual([['tcpdump -n -i eth0 icmp', 'S+']]);
    const stopped = lab.interrupt('rs1');
    expect(stopped.stdout).toBe('^C');
    expect(stopped.stderr).toBe('\n4 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n');
  });

  it('a line typed on a terminal whose command still runs is type-ahead: it runs once the command ends (at the time limit, as Ctrl-C)', () => {
    const { lab } = twoHosts();
    lab.run('client', 'ping -i 10 198.51.100.11', { live: true });
    const next = lab.run('client', 'echo after');
    expect(next.stdout).toMatch(/\^C\n--- 198\.51\.100\.11 ping statistics ---\n7 packets transmitted, 7 received/);
    expect(next.stdout.endsWith('after\n')).toBe(true);
  });

  it('only a lone endless command goes live: ping -c, a pipeline or a compound line run to their end as before', () => {
    const { lab } = twoHosts();
    expect(lab.run('client', 'ping -c 1 198.51.100.11', { live: true }).live).toBeUndefined();
    expect(lab.run('client', 'ping -w 2 198.51.100.11 | tail -n 1', { live: true }).live).toBeUndefined();
    expect(lab.run('client', 'true; arping -w 1 -I eth0 198.51.100.11', { live: true }).live).toBeUndefined();
    expect(terminalOf(lab.host('client')).foreground).toBeNull();
    // Lines that did not go live are journaled as ordinary steps: a saved session of them runs on the kernel.
    expect(lab.steps().filter((step) => 'run' in step && step.live)).toEqual([]);
    // Without live (a scenario file, the CLI) an endless command runs to the time limit.
    const limited = lab.run('client', 'arping -I eth0 198.51.100.11');
    expect(limited.live).toBeUndefined();
    expect(limited.stdout).toMatch(/Sent 61 probes/);
  });

  it('a fork replays live lines and Ctrl-C where they were: the same output and the same frames', () => {
    const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)], 1);
    lab.run('rs1', 'tcpdump -n -i eth0', { live: true });
    lab.run('client', 'arping -I eth0 198.51.100.11', { live: true });
    lab.sleep(1.25);
    lab.run('rs1', 'echo typed-ahead');
    lab.interrupt('client');
    const fork = forkLab(lab);
    expect(fork.journal.map((e) => e.result)).toEqual(lab.journal.map((e) => e.result));
    expect(fork.frames).toEqual(lab.frames);
    expect(fork.now).toBe(lab.now);
  });
});
