// Processes side by side in virtual time: the process table (ps, pgrep,
// pidof), background jobs that keep running while later commands run on any
// host, and bash's job builtins (jobs, fg, wait, kill) with bash 5.2's words.
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';

function twoHosts(seed = 1) {
  const lab = lanLab([lanHost('client', 1), lanHost('rs1', 11)], seed);
  const run = (host: string, line: string) => lab.run(host, line);
  return { lab, run };
}

describe('the process table', () => {
  it('ps -ef lists init, kernel threads, the daemons systemd started (nginx master and workers), the login shell and ps itself', () => {
    const { run } = twoHosts();
    const out = run('rs1', 'ps -ef').stdout.split('\n');
    expect(out[0]).toBe('UID          PID    PPID  C STIME TTY          TIME CMD');
    expect(out[1]).toBe('root           1       0  0 00:00 ?        00:00:01 /sbin/init');
    expect(out[2]).toBe('root           2       0  0 00:00 ?        00:00:00 [kthreadd]');
    const master = out.find((l) => l.endsWith('nginx: master process /usr/sbin/nginx -g daemon on; master_process on;'))!;
    const masterPid = master.split(/ +/)[1]!;
    expect(master.split(/ +/)[2]).toBe('1');
    const workers = out.filter((l) => l.endsWith('nginx: worker process'));
    expect(workers).toHaveLength(2);
    for (const w of workers) expect(w).toMatch(new RegExp(`^www-data +\\d+ +${masterPid} `));
    const shell = run('rs1', 'echo $$').stdout.trim();
    expect(out.find((l) => l.endsWith(' -bash'))).toMatch(new RegExp(`^root +${shell} `));
    expect(out.at(-2)).toMatch(/^root +\d+ +\d+ +0 00:00 pts\/0 {4}00:00:00 ps -ef$/);
    // After boot the terminal's PIDs are in the hundreds, not counted from 1.
    expect(Number(shell)).toBeGreaterThan(300);
  });

  it('PIDs are deterministic per seed and host, and differ between hosts and seeds', () => {
    const a = twoHosts(1);
    const b = twoHosts(1);
    const c = twoHosts(2);
    const pid = (lab: ReturnType<typeof twoHosts>, host: string) => a === lab ? a.run(host, 'echo $$').stdout : lab.run(host, 'echo $$').stdout;
    expect(pid(a, 'rs1')).toBe(pid(b, 'rs1'));
    expect(pid(a, 'rs1')).not.toBe(pid(a, 'client'));
    expect(pid(a, 'rs1')).not.toBe(pid(c, 'rs1'));
  });

  it('every command the terminal runs takes the next PID, as fork does', () => {
    const { run } = twoHosts();
    const first = Number(run('rs1', 'sleep 1 & echo $!').stdout);
    expect(run('rs1', 'echo $!').stdout).toBe(`${first}\n`);
    const second = Number(run('rs1', 'true; ls >/dev/null; sleep 1 & echo $!').stdout);
    // ls took one PID, the background subshell the next (true and echo are builtins).
    expect(second).toBe(first + 2);
    const third = Number(run('rs1', 'x=$(hostname); (true); sleep 1 & echo $!').stdout);
    // The substitution's subshell and hostname, the ( ) subshell, then the job.
    expect(third).toBe(second + 4);
  });

  it('ps, ps -p, ps -C and ps aux in procps-ng columns; nothing selected is exit 1', () => {
    const { run } = twoHosts();
    const shell = run('rs1', 'echo $$').stdout.trim();
    const plain = run('rs1', 'ps');
    expect(plain.stdout).toMatch(new RegExp(`^    PID TTY          TIME CMD\\n +${shell} pts/0    00:00:00 bash\\n +\\d+ pts/0    00:00:00 ps\\n$`));
    expect(run('rs1', 'ps -p 1').stdout).toBe('    PID TTY          TIME CMD\n      1 ?        00:00:01 systemd\n');
    expect(run('rs1', 'ps -C nginx').stdout.split('\n').filter((l) => l.endsWith(' nginx'))).toHaveLength(3);
    expect(run('rs1', 'ps -p 999999')).toEqual({ exit: 1, stdout: '    PID TTY          TIME CMD\n', stderr: '' });
    const aux = run('rs1', 'ps aux').stdout.split('\n');
    expect(aux[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(aux[1]).toBe('root           1  0.0  0.6 167748 11904 ?        Ss   00:00   0:01 /sbin/init');
    expect(aux.find((l) => l.endsWith('ps aux'))).toMatch(/ pts\/0 {4}R\+ {3}00:00 {3}0:00 ps aux$/);
  });

  it('pgrep and pidof find nginx; systemctl stop takes its processes away and start brings new ones', () => {
    const { run } = twoHosts();
    const pids = run('rs1', 'pgrep nginx').stdout.trim().split('\n');
    expect(pids).toHaveLength(3);
    expect(run('rs1', 'pidof nginx').stdout).toBe(`${[...pids].reverse().join(' ')}\n`);
    expect(run('rs1', 'pgrep -l nginx').stdout).toBe(pids.map((p) => `${p} nginx\n`).join(''));
    expect(run('rs1', 'pgrep -a nginx').stdout.split('\n')[0]).toBe(`${pids[0]} nginx: master process /usr/sbin/nginx -g daemon on; master_process on;`);
    expect(run('rs1', 'pgrep nosuch')).toEqual({ exit: 1, stdout: '', stderr: '' });
    expect(run('rs1', 'pgrep').exit).toBe(2);
    run('rs1', 'systemctl stop nginx');
    expect(run('rs1', 'pidof nginx')).toEqual({ exit: 1, stdout: '', stderr: '' });
    run('rs1', 'systemctl start nginx');
    const again = run('rs1', 'pgrep nginx').stdout.trim().split('\n').map(Number);
    expect(again).toHaveLength(3);
    expect(again[0]).toBeGreaterThan(Number(pids[2]));
  });

  it('kill on nginx: the master stops the web server, a worker is replaced', () => {
    const { run } = twoHosts();
    const [master, worker] = run('rs1', 'pgrep nginx').stdout.trim().split('\n');
    expect(run('rs1', `kill ${worker}`).exit).toBe(0);
    const after = run('rs1', 'pgrep nginx').stdout.trim().split('\n');
    expect(after).toHaveLength(3);
    expect(after).not.toContain(worker);
    expect(run('client', 'curl -s -m 1 http://198.51.100.11/').exit).toBe(0);
    run('rs1', `kill ${master}`);
    expect(run('rs1', 'systemctl is-active nginx').stdout).toBe('inactive\n');
    expect(run('client', 'curl -s -m 1 http://198.51.100.11/').exit).toBe(7);
  });
});

describe('background jobs side by side in virtual time', () => {
  it("tcpdump left running on rs1 sees the client's ping; its lines show in rs1's terminal; kill %1 prints its statistics", () => {
    const { run } = twoHosts();
    const start = run('rs1', 'tcpdump -n -i eth0 icmp &');
    const pid = /^\[1\] (\d+)\n/.exec(start.stderr)![1];
    expect(start.stderr).toBe(`[1] ${pid}\ntcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n`);
    expect(run('client', 'ping -c 2 198.51.100.11').exit).toBe(0);
    // What tcpdump printed while the client's line ran waits for rs1's next line, ahead of its own output.
    const next = run('rs1', 'jobs -l');
    const lines = next.stdout.split('\n');
    expect(lines.slice(0, 4).map((l) => l.replace(/^\S+ /, ''))).toEqual([
      expect.stringMatching(/^IP 198\.51\.100\.1 > 198\.51\.100\.11: ICMP echo request, id \d+, seq 1, length 64$/),
      expect.stringMatching(/^IP 198\.51\.100\.11 > 198\.51\.100\.1: ICMP echo reply, id \d+, seq 1, length 64$/),
      expect.stringMatching(/seq 2, length 64$/),
      expect.stringMatching(/seq 2, length 64$/),
    ]);
    expect(lines[4]).toBe(`[1]+ ${pid!.padStart(5)} Running                 tcpdump -n -i eth0 icmp &`);
    const killed = run('rs1', 'kill %1');
    expect(killed.stderr).toBe('\n4 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n[1]+  Done                    tcpdump -n -i eth0 icmp\n');
    expect(run('rs1', 'jobs')).toEqual({ exit: 0, stdout: '', stderr: '' });
  });

  it('a background ping prints into the line running on its host as replies come; SIGTERM kills it silently, SIGINT gets its summary', () => {
    const { run } = twoHosts();
    expect(run('rs1', 'ping 198.51.100.1 &').stdout).toBe('PING 198.51.100.1 (198.51.100.1) 56(84) bytes of data.\n');
    const during = run('rs1', 'sleep 2.5; echo after');
    expect(during.stdout).toMatch(/^64 bytes from 198\.51\.100\.1: icmp_seq=1 ttl=64 time=[\d.]+ ms\n64 bytes from 198\.51\.100\.1: icmp_seq=2 ttl=64 time=[\d.]+ ms\n64 bytes from 198\.51\.100\.1: icmp_seq=3 ttl=64 time=[\d.]+ ms\nafter\n$/);
    const term = run('rs1', 'kill %1');
    expect(term.stdout).toBe('');
    expect(term.stderr).toBe('[1]+  Terminated              ping 198.51.100.1\n');
    run('rs1', 'ping 198.51.100.1 &');
    run('rs1', 'sleep 1.5');
    const int = run('rs1', 'kill -INT %1');
    expect(int.stdout).toMatch(/\n--- 198\.51\.100\.1 ping statistics ---\n\d+ packets transmitted, \d+ received, 0% packet loss, time \d+ms\nrtt min\/avg\/max\/mdev = /);
    expect(int.stderr).toBe('[1]+  Done                    ping 198.51.100.1\n');
  });

  it('sleep & finishes on the shared clock: reported Done at the prompt after it ended; wait collects its status', () => {
    const { lab, run } = twoHosts();
    run('rs1', 'sleep 5 &');
    expect(run('rs1', 'jobs').stdout).toBe('[1]+  Running                 sleep 5 &\n');
    lab.sleep(6);
    expect(run('rs1', 'true').stderr).toBe('[1]+  Done                    sleep 5\n');
    const waited = run('rs1', 'sleep 3 & sleep 1 & wait %1; echo $?; jobs');
    expect(waited.stdout).toBe('0\n[1]-  Done                    sleep 3\n[2]+  Done                    sleep 1\n');
    expect(run('rs1', 'sleep 9 & kill -KILL %1; wait %1; echo $?').stdout).toBe('137\n');
  });

  it('fg brings a job to the foreground: its command line, then its output; its status is the line\'s', () => {
    const { run } = twoHosts();
    run('rs1', 'ping -c 2 198.51.100.1 &');
    const fg = run('rs1', 'fg');
    // The first reply came in the moment between the two lines: it is on the screen before fg's own output.
    expect(fg.stdout).toMatch(/^64 bytes from .*icmp_seq=1.*\nping -c 2 198\.51\.100\.1\n64 bytes .*icmp_seq=2.*\n\n--- 198\.51\.100\.1 ping statistics ---\n/);
    expect(fg.exit).toBe(0);
    expect(run('rs1', 'fg')).toEqual({ exit: 1, stdout: '', stderr: 'bash: fg: current: no such job\n' });
    expect(run('rs1', 'fg %4')).toEqual({ exit: 1, stdout: '', stderr: 'bash: fg: %4: no such job\n' });
  });

  it("kill and wait in bash's words", () => {
    const { run } = twoHosts();
    expect(run('rs1', 'kill')).toEqual({ exit: 2, stdout: '', stderr: 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n' });
    expect(run('rs1', 'kill 999999')).toEqual({ exit: 1, stdout: '', stderr: 'bash: kill: (999999) - No such process\n' });
    expect(run('rs1', 'kill %3')).toEqual({ exit: 1, stdout: '', stderr: 'bash: kill: %3: no such job\n' });
    expect(run('rs1', 'kill abc')).toEqual({ exit: 1, stdout: '', stderr: 'bash: kill: abc: arguments must be process or job IDs\n' });
    expect(run('rs1', 'kill -FOO 1')).toEqual({ exit: 1, stdout: '', stderr: 'bash: kill: FOO: invalid signal specification\n' });
    expect(run('rs1', 'kill -l 9; kill -l SIGTERM; kill -l 143').stdout).toBe('KILL\n15\nTERM\n');
    expect(run('rs1', 'kill -l').stdout.split('\n')[0]).toBe(' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP');
    expect(run('rs1', 'wait 1')).toEqual({ exit: 127, stdout: '', stderr: 'bash: wait: pid 1 is not a child of this shell\n' });
    expect(run('rs1', 'wait %2')).toEqual({ exit: 127, stdout: '', stderr: 'bash: wait: %2: no such job\n' });
    expect(run('rs1', 'sleep 30 & kill -s TERM $!').stderr).toMatch(/^\[1\] \d+\n\[1\]\+ {2}Terminated {14}sleep 30\n$/);
  });

  it('a tool redirected to a file in the background writes the file as it runs', () => {
    const { run } = twoHosts();
    run('rs1', 'ping 198.51.100.1 > /tmp/ping.txt &');
    run('rs1', 'sleep 1.5');
    expect(run('rs1', 'cat /tmp/ping.txt').stdout).toMatch(/^PING .*\n64 bytes .*icmp_seq=1 .*\n64 bytes .*icmp_seq=2 .*\n$/);
    run('rs1', 'kill %1');
  });

  it('a background loop runs to completion at once (the interpreter runs one command at a time), still a job with a notice', () => {
    const { run } = twoHosts();
    const result = run('rs1', 'for i in 1 2; do echo $i; done & echo next');
    expect(result.stdout).toBe('1\n2\nnext\n');
    expect(result.stderr).toMatch(/^\[1\] \d+\n\[1\]\+ {2}Done {20}for i in 1 2; do echo \$i; done\n$/);
  });

  it('at most 32 background jobs per terminal: then fork fails as bash says, after its retries, and the line is abandoned', () => {
    const { lab, run } = twoHosts();
    run('rs1', 'for i in $(seq 32); do sleep 100 & done');
    const start = lab.now;
    const result = run('rs1', 'sleep 100 & echo never');
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('bash: fork: retry: Resource temporarily unavailable\n'.repeat(4) + 'bash: fork: Resource temporarily unavailable\n');
    expect(result.exit).toBe(126);
    expect(lab.now - start).toBeGreaterThanOrEqual(15);
  });

  it("Ctrl-C reaches the foreground command only: a job keeps running", () => {
    const { lab, run } = twoHosts();
    run('rs1', 'ping 198.51.100.1 >/dev/null &');
    const start = lab.now;
    lab.interrupted = () => lab.now > start + 3;
    const interrupted = run('rs1', 'sleep 20');
    lab.interrupted = () => false;
    expect(interrupted).toEqual({ exit: 130, stdout: '^C\n', stderr: '' });
    expect(lab.now - start).toBeLessThan(5);
    expect(run('rs1', 'jobs').stdout).toBe('[1]+  Running                 ping 198.51.100.1 >/dev/null &\n');
  });
});
