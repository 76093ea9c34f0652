// Real keepalived 2.2.7 in a host's namespace, for the two step forms of
// keepalived-steps.ts. Each host's /etc/keepalived is
// /etc/netns/NS/keepalived (ip netns exec bind-mounts it over
// /etc/keepalived), created for the run and removed with it. The runner plays
// systemd's part for keepalived.service: start only when the configuration
// is not empty (ConditionFileNotEmpty), `keepalived --dont-fork` in its own
// process group, tracked by PID, logging to a file of the run; stop sends
// SIGTERM to the group (KillMode=control-group) and waits, bounded, for the
// exit. Every keepalived still running is killed when the run ends.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHILD_ENV, killTree, liveChildren, sleep } from './exec.ts';
import { trackDir, untrackDir } from './netns.ts';
import type { KeepalivedVerb } from './keepalived-steps.ts';

/** From spawning keepalived to `systemctl start` returning, as systemd does on READY=1 (~0.1 s, scenario-v1). */
const START_RETURN_MS = 100;
/** The most a start may take to log "Startup complete". */
const START_TIMEOUT_MS = 3000;
/** After SIGTERM, how long before SIGKILL (systemd's TimeoutStopSec is 90 s; keepalived exits in ~1 s). */
const STOP_TIMEOUT_MS = 5000;

interface Daemon {
  child: ChildProcess;
  log: string;
  exited: Promise<void>;
}

/** The keepalived of every host of one run. */
export class KeepalivedHosts {
  private readonly daemons = new Map<string, Daemon>();
  private readonly etcDirs = new Set<string>();

  constructor(private readonly runDir: string) {}

  /** /etc/netns/NS/keepalived, created empty for the run. */
  private etc(ns: string): string {
    const nsDir = join('/etc/netns', ns);
    const dir = join(nsDir, 'keepalived');
    if (!this.etcDirs.has(nsDir)) {
      if (existsSync(nsDir)) throw new Error(`${nsDir} already exists; refusing to use another run's files`);
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      this.etcDirs.add(nsDir);
      trackDir(nsDir);
    }
    return dir;
  }

  /** Creates the host's /etc/keepalived (empty), so keepalived finds its directory. */
  prepare(ns: string): void {
    this.etc(ns);
  }

  write(ns: string, name: string, text: string): void {
    writeFileSync(join(this.etc(ns), name), text, { mode: 0o644 });
  }

  private configNotEmpty(ns: string): boolean {
    const file = join(this.etc(ns), 'keepalived.conf');
    return existsSync(file) && statSync(file).isFile() && statSync(file).size > 0;
  }

  isActive(ns: string): boolean {
    const d = this.daemons.get(ns);
    return d !== undefined && d.child.exitCode === null && d.child.signalCode === null;
  }

  async control(verb: KeepalivedVerb, ns: string): Promise<{ exit: number; stdout: string; stderr: string }> {
    const ok = { exit: 0, stdout: '', stderr: '' };
    if (verb === 'is-active') return this.isActive(ns) ? { exit: 0, stdout: 'active\n', stderr: '' } : { exit: 3, stdout: 'inactive\n', stderr: '' };
    if (verb === 'stop' || verb === 'restart') await this.stop(ns);
    if (verb === 'start' || verb === 'restart') await this.start(ns);
    return ok;
  }

  private async start(ns: string): Promise<void> {
    if (this.isActive(ns) || !this.configNotEmpty(ns)) return;
    const log = join(this.runDir, `${ns}-keepalived.log`);
    const args = [
      'netns', 'exec', ns, '/usr/sbin/keepalived', '--dont-fork', '--log-console', '--no-syslog', '--vrrp',
      '--use-file', '/etc/keepalived/keepalived.conf',
      '--pid', join(this.runDir, `${ns}-keepalived.pid`), '--vrrp_pid', join(this.runDir, `${ns}-vrrp.pid`),
    ];
    writeFileSync(log, '');
    const out = openSync(log, 'a');
    const started = Date.now();
    const child = spawn('ip', args, { env: CHILD_ENV, stdio: ['ignore', out, out], detached: true, cwd: '/' });
    closeSync(out);
    liveChildren.add(child);
    const exited = new Promise<void>((resolve) => child.on('close', () => {
      liveChildren.delete(child);
      resolve();
    }));
    this.daemons.set(ns, { child, log, exited });
    while (Date.now() - started < START_TIMEOUT_MS && this.isActive(ns) && !readFileSync(log, 'utf8').includes('Startup complete')) await sleep(5);
    const left = START_RETURN_MS - (Date.now() - started);
    if (left > 0) await sleep(left);
  }

  private async stop(ns: string): Promise<void> {
    const d = this.daemons.get(ns);
    if (!d || !this.isActive(ns)) return;
    killTree(d.child, 'SIGTERM');
    const done = await Promise.race([d.exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
    if (!done) {
      killTree(d.child, 'SIGKILL');
      await d.exited;
    }
  }

  /** What each host's keepalived logged (for a failing comparison's report). */
  logs(): Map<string, string> {
    return new Map([...this.daemons].map(([ns, d]) => [ns, existsSync(d.log) ? readFileSync(d.log, 'utf8') : '']));
  }

  /** Kills every keepalived still running and removes the hosts' /etc/netns directories. */
  async cleanup(): Promise<void> {
    for (const d of this.daemons.values()) killTree(d.child, 'SIGKILL');
    await Promise.all([...this.daemons.values()].map((d) => Promise.race([d.exited, sleep(STOP_TIMEOUT_MS)])));
    for (const dir of this.etcDirs) {
      rmSync(dir, { recursive: true, force: true });
      untrackDir(dir);
    }
  }
}
