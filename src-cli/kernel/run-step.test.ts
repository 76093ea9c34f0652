// runStep on a real network namespace (root only): what a step does without a
// shell, and that what the allowlist refuses after expansion never runs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execBounded } from './exec.ts';
import { deleteNamespace, newRunPrefix, trackNamespace } from './netns.ts';
import { HostJobs } from './jobs.ts';
import { ProcSysWriter } from './proc-writer.ts';
import { isRoot } from './run.ts';
import { EXIT_REFUSED, runStep, type StepHost } from './run-step.ts';

describe.skipIf(!isRoot())('runStep in a network namespace', () => {
  const ns = `${newRunPrefix()}step`;
  let host: StepHost;
  beforeAll(async () => {
    trackNamespace(ns);
    const r = await execBounded('ip', ['netns', 'add', ns], 10_000);
    expect(r.exit).toBe(0);
    const scratchDir = mkdtempSync(join(tmpdir(), 'lvs-dr-lab-step-test-'));
    host = { ns, scratchDir, procSys: new ProcSysWriter(ns), jobs: new HostJobs(ns, scratchDir) };
  });
  afterAll(async () => {
    await host.jobs.killAll();
    await host.procSys.stop();
    await deleteNamespace(ns);
    rmSync(host.scratchDir, { recursive: true, force: true });
  });
  const run = (line: string, timeoutMs = 10_000): ReturnType<typeof runStep> => runStep(line, host, timeoutMs);

  it('writes the namespace\'s own sysctl with echo > /proc/sys/net/…, not the machine\'s', async () => {
    const before = readFileSync('/proc/sys/net/ipv4/conf/lo/arp_announce', 'utf8');
    const target = before.trim() === '2' ? '1' : '2';
    expect(await run(`echo ${target} > /proc/sys/net/ipv4/conf/lo/arp_announce`)).toEqual({ exit: 0, stdout: '', stderr: '', timedOut: false });
    expect((await run('cat /proc/sys/net/ipv4/conf/lo/arp_announce')).stdout).toBe(`${target}\n`);
    expect(readFileSync('/proc/sys/net/ipv4/conf/lo/arp_announce', 'utf8')).toBe(before);
  });

  it('writes through one long-lived writer per namespace: many writes, each opened, written once and closed; it refuses paths outside /proc/sys/net itself', async () => {
    for (const value of ['0', '1', '2', '1']) expect(await run(`echo ${value} > /proc/sys/net/ipv4/conf/lo/arp_ignore; echo 2 >> /proc/sys/net/ipv4/conf/lo/arp_announce`)).toMatchObject({ exit: 0, stderr: '' });
    expect((await run('cat /proc/sys/net/ipv4/conf/lo/arp_ignore /proc/sys/net/ipv4/conf/lo/arp_announce')).stdout).toBe('1\n2\n');
    expect(await host.procSys.write('/proc/sys/kernel/hostname', false, Buffer.from('x'), 5000)).toBe('EACCES');
    expect(await host.procSys.write('/proc/sys/net/../kernel/hostname', false, Buffer.from('x'), 5000)).toBe('EACCES');
  });

  it('says what bash says when the sysctl file is missing or refuses the value', async () => {
    expect(await run('echo 1 > /proc/sys/net/ipv4/conf/eth9/arp_ignore')).toMatchObject({ exit: 1, stdout: '', stderr: 'bash: /proc/sys/net/ipv4/conf/eth9/arp_ignore: No such file or directory\n' });
    expect(await run('echo x > /proc/sys/net/ipv4/conf/lo/arp_ignore')).toMatchObject({ exit: 1, stderr: 'bash: echo: write error: Invalid argument\n' });
  });

  it('runs lists, loops, substitutions, arithmetic and brace expansion', async () => {
    expect((await run('for i in $(seq 3); do echo n$i; done')).stdout).toBe('n1\nn2\nn3\n');
    expect((await run('echo $((2 * 3)) {a,b}')).stdout).toBe('6 a b\n');
    expect(await run('ip link show dev eth9 || echo missing && echo then')).toMatchObject({ exit: 0, stdout: 'missing\nthen\n', stderr: 'Device "eth9" does not exist.\n' });
    expect((await run('ip -br link')).stdout).toMatch(/^lo\s+DOWN/);
  });

  it('runs pipelines, here-documents and if/while without a shell', async () => {
    expect(await run('ip -br link | grep -c lo')).toMatchObject({ exit: 0, stdout: '1\n' });
    expect(await run('ip link show dev eth9 |& grep -o eth9')).toMatchObject({ exit: 0, stdout: 'eth9\n', stderr: '' });
    expect((await run('cat <<EOF > hosts.txt\n198.51.100.100 vip\n198.51.100.11 rs1\nEOF\nsort hosts.txt | cut -d " " -f 2')).stdout).toBe('vip\nrs1\n');
    expect((await run("grep -c rs <<< 'rs1 rs2'")).stdout).toBe('1\n');
    expect((await run('if ip link show dev eth9 2>/dev/null; then echo yes; else echo no; fi')).stdout).toBe('no\n');
    expect((await run('while ip link show dev eth9 2>/dev/null; do echo loop; done; echo after')).stdout).toBe('after\n');
    expect((await run('! ip link show dev eth9 2>/dev/null && echo negated')).stdout).toBe('negated\n');
  });

  it('keeps files in the host\'s scratch directory', async () => {
    expect((await run('echo one > notes.txt; echo two >> notes.txt; cat notes.txt')).stdout).toBe('one\ntwo\n');
    expect(readFileSync(join(host.scratchDir, 'notes.txt'), 'utf8')).toBe('one\ntwo\n');
    expect(await run('ip link show dev eth9 2> err.txt; cat err.txt')).toMatchObject({ stdout: 'Device "eth9" does not exist.\n', stderr: '' });
  });

  it('refuses, after expansion, what the words turned into', async () => {
    const address = await run('for t in 10.0.0.1; do ping -c 1 $t; done');
    expect(address.exit).toBe(EXIT_REFUSED);
    expect(address.stderr).toBe('lvs-dr-lab kernel-run: ping: refused: address 10.0.0.1 is outside the allowed blocks (only 198.51.100.0/24, 203.0.113.0/24, 192.0.2.0/24 and 127.0.0.0/8 are allowed on the shared kernel)\n');
    const path = await run('for f in /etc/shadow; do cat $f; done');
    expect(path).toMatchObject({ exit: EXIT_REFUSED, stdout: '' });
    expect(path.stderr).toMatch(/^lvs-dr-lab kernel-run: cat: refused: cat may read only/);
    const redirect = await run('f=/etc/x; echo owned > $f');
    expect(redirect.exit).toBe(EXIT_REFUSED);
    expect(redirect.stderr).toMatch(/a redirection may write only to/);
  });

  it('leaves a process running: [1] PID, kill, wait and jobs act on the host\'s own jobs only', async () => {
    const started = await run('sleep 5 &');
    expect(started).toMatchObject({ exit: 0, stdout: '' });
    const pid = /^\[1\] (\d+)\n$/.exec(started.stderr)?.[1];
    expect(pid).toBeDefined();
    expect(await run('jobs -l')).toMatchObject({ exit: 0, stdout: `[1]+ ${pid!.padStart(5)} Running                 sleep 5 &\n` });
    expect((await run('echo $!')).stdout).toBe(`${pid}\n`);
    // A PID that is not the runner's own child is never signalled, even after expansion.
    const foreign = await run(`for p in 1 ${process.pid}; do kill -9 $p; done`);
    expect(foreign.exit).toBe(EXIT_REFUSED);
    expect(foreign.stderr).toBe([1, process.pid].map((p) => `lvs-dr-lab kernel-run: kill: refused: PID ${p} is not a job the runner started on this host (it signals only its own children)\n`).join(''));
    expect(await run('kill %2')).toMatchObject({ exit: 1, stderr: 'bash: kill: %2: no such job\n' });
    expect(await run('kill $!')).toMatchObject({ exit: 0, stderr: '' });
    // The job died of SIGTERM just after kill returned: bash reports it at the end of the next line.
    expect(await run('wait %1')).toMatchObject({ exit: 143, stderr: '[1]+  Terminated              sleep 5\n' });
    expect(await run('jobs')).toMatchObject({ exit: 0, stdout: '', stderr: '' });
    const psLeft = await execBounded('ps', ['-o', 'pid=', '-p', pid!], 5000);
    expect(psLeft.stdout.trim()).toBe('');
  });

  it('puts what a job prints while no step runs first into the host\'s next step, and its Done notice at that step\'s end', async () => {
    expect((await run('sleep 0.2 &')).exit).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(await run('echo next')).toMatchObject({ exit: 0, stdout: 'next\n', stderr: '[1]+  Done                    sleep 0.2\n' });
  });

  it('runs sed sandboxed: no e, r or w commands', async () => {
    const r = await run("sed '1e id' /proc/net/arp");
    expect(r.exit).not.toBe(0);
    expect(r.stderr).toMatch(/sandbox/);
  });

  it('stops a step at its deadline', async () => {
    expect(await run('sleep 5', 300)).toMatchObject({ exit: 124, timedOut: true, stderr: 'lvs-dr-lab: killed after 0.3 s\n' });
  });
});
