// A host's process table: what `ps`, `pgrep`, `pidof` and `kill` see.
//
// PIDs are handed out as Linux does (alloc_pid: the next number after the
// last one given, wrapping at pid_max to RESERVED_PIDS, skipping those in
// use). After boot a Debian host has used a few hundred of them on kernel
// threads, udev, the daemons systemd started and the root login, so the
// daemons' and the terminal's numbers are drawn from the lab's seed and the
// host's name (never from the lab's random source: that would change every
// other draw of the lab).
//
// The lab's daemons are processes started by systemd (parent PID 1): nginx's
// master and its workers come and go with `systemctl start/stop nginx`
// (web-server.ts). Every command a terminal runs gets its own PID while it
// runs (the shell forks it), so `ps` lists itself and `$!` counts on.
import { SeededRandom } from '../core/random.ts';
import type { HostOs } from './os.ts';
import { SIGINT, SIGKILL, SIGQUIT, SIGTERM } from './signals.ts';

/** kernel.pid_max as systemd 252 sets it on a 64-bit machine. */
export const PID_MAX = 4_194_304;
/** alloc_pid wraps to here: lower numbers stay for the kernel's threads and boot daemons. */
const RESERVED_PIDS = 300;

export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  /** The user name as ps prints it (ps -ef cuts names longer than 8 to 7 characters and '+'). */
  readonly user: string;
  /** /proc/PID/cmdline's words; null for a kernel thread (ps shows [comm]). */
  readonly argv: readonly string[] | null;
  /** /proc/PID/comm: the program's name, at most 15 characters. */
  readonly comm: string;
  /** Virtual time (µs) it started. */
  readonly startUs: number;
  /** Its controlling terminal (`pts/0`), null for none (`?`). */
  readonly tty: string | null;
  /** ps's BSD state and flags: `Ss`, `S`, `I<`, `R+`. */
  stat: string;
  /** Virtual memory and resident set, KiB (ps aux's VSZ and RSS). */
  readonly vszKiB: number;
  readonly rssKiB: number;
  /** Cumulative CPU time, seconds (ps's TIME). */
  readonly cpuSeconds: number;
  /** Delivers a signal; absent, the signal's default action ends it (the table forgets it). */
  signal?: (signal: number) => void;
  /** A command running in virtual time: false once it ended (the table forgets it then). */
  alive?: () => boolean;
}

export type ProcessSpec = Omit<ProcessEntry, 'pid' | 'startUs' | 'vszKiB' | 'rssKiB' | 'cpuSeconds'> & Partial<Pick<ProcessEntry, 'vszKiB' | 'rssKiB' | 'cpuSeconds'>>;

/** Physical memory of a lab host (KiB), which ps aux's %MEM divides by: a 2 GiB VM. */
export const MEMORY_KIB = 2_014_012;

/** The kernel threads a 2-CPU Debian 12 / Rocky 9 VM lists, in PID order from 2 (kthreadd). */
const KERNEL_THREADS: ReadonlyArray<[comm: string, stat: string]> = [
  ['kthreadd', 'S'], ['rcu_gp', 'I<'], ['rcu_par_gp', 'I<'], ['slub_flushwq', 'I<'], ['netns', 'I<'], ['kworker/0:0H-events_highpri', 'I<'],
  ['mm_percpu_wq', 'I<'], ['rcu_tasks_kthread', 'I'], ['rcu_tasks_rude_kthread', 'I'], ['rcu_tasks_trace_kthread', 'I'], ['ksoftirqd/0', 'S'],
  ['rcu_preempt', 'I'], ['migration/0', 'S'], ['cpuhp/0', 'S'], ['cpuhp/1', 'S'], ['migration/1', 'S'], ['ksoftirqd/1', 'S'],
  ['kworker/1:0H-events_highpri', 'I<'], ['kdevtmpfs', 'S'], ['inet_frag_wq', 'I<'], ['kauditd', 'S'], ['khungtaskd', 'S'], ['oom_reaper', 'S'],
  ['writeback', 'I<'], ['kcompactd0', 'S'], ['ksmd', 'SN'], ['khugepaged', 'SN'], ['kintegrityd', 'I<'], ['kblockd', 'I<'], ['blkcg_punt_bio', 'I<'],
  ['kswapd0', 'S'], ['kthrotld', 'I<'], ['ipv6_addrconf', 'I<'], ['jbd2/sda1-8', 'S'], ['ext4-rsv-conver', 'I<'],
];

interface Daemon {
  user: string;
  argv: string[];
  stat: string;
  vszKiB: number;
  rssKiB: number;
  tty?: string;
}

/** The daemons systemd starts before the login, per distribution, in the order they come up. */
const BOOT_DAEMONS: Record<HostOs, Daemon[]> = {
  'debian-12': [
    { user: 'root', argv: ['/lib/systemd/systemd-journald'], stat: 'Ss', vszKiB: 32_948, rssKiB: 11_264 },
    { user: 'root', argv: ['/lib/systemd/systemd-udevd'], stat: 'Ss', vszKiB: 25_836, rssKiB: 6_540 },
    { user: 'systemd+', argv: ['/lib/systemd/systemd-timesyncd'], stat: 'Ssl', vszKiB: 90_084, rssKiB: 6_656 },
    { user: 'root', argv: ['/usr/sbin/cron', '-f'], stat: 'Ss', vszKiB: 6_608, rssKiB: 2_688 },
    { user: 'message+', argv: ['/usr/bin/dbus-daemon', '--system', '--address=systemd:', '--nofork', '--nopidfile', '--systemd-activation', '--syslog-only'], stat: 'Ss', vszKiB: 9_124, rssKiB: 4_736 },
    { user: 'root', argv: ['/lib/systemd/systemd-logind'], stat: 'Ss', vszKiB: 25_324, rssKiB: 7_936 },
    { user: 'root', argv: ['/sbin/agetty', '-o', '-p -- \\u', '--noclear', '-', 'linux'], stat: 'Ss+', vszKiB: 5_484, rssKiB: 1_792, tty: 'tty1' },
    { user: 'root', argv: ['sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'], stat: 'Ss', vszKiB: 15_424, rssKiB: 9_216 },
  ],
  'rocky-9': [
    { user: 'root', argv: ['/usr/lib/systemd/systemd-journald'], stat: 'Ss', vszKiB: 35_224, rssKiB: 13_056 },
    { user: 'root', argv: ['/usr/lib/systemd/systemd-udevd'], stat: 'Ss', vszKiB: 33_600, rssKiB: 11_264 },
    { user: 'chrony', argv: ['/usr/sbin/chronyd', '-F', '2'], stat: 'S', vszKiB: 84_604, rssKiB: 3_712 },
    { user: 'dbus', argv: ['/usr/bin/dbus-broker-launch', '--scope', 'system', '--audit'], stat: 'Ss', vszKiB: 19_644, rssKiB: 5_376 },
    { user: 'root', argv: ['/usr/lib/systemd/systemd-logind'], stat: 'Ss', vszKiB: 17_152, rssKiB: 7_424 },
    { user: 'root', argv: ['/usr/sbin/crond', '-n'], stat: 'Ss', vszKiB: 221_144, rssKiB: 3_584 },
    { user: 'root', argv: ['/sbin/agetty', '-o', '-p -- \\u', '--noclear', '-', 'linux'], stat: 'Ss+', vszKiB: 3_056, rssKiB: 1_536, tty: 'tty1' },
    { user: 'root', argv: ['sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'], stat: 'Ss', vszKiB: 15_428, rssKiB: 9_088 },
  ],
};

/** nginx as each distribution's unit starts it: the master (root) and one worker per CPU. */
const NGINX: Record<HostOs, { master: string[]; workerUser: string }> = {
  'debian-12': { master: ['nginx: master process /usr/sbin/nginx -g daemon on; master_process on;'], workerUser: 'www-data' },
  'rocky-9': { master: ['nginx: master process /usr/sbin/nginx'], workerUser: 'nginx' },
};
const CPUS = 2;
/** The signals that end nginx's processes (the others reload or reopen logs). */
const NGINX_STOP_SIGNALS: ReadonlySet<number> = new Set([SIGINT, SIGQUIT, SIGKILL, SIGTERM]);

/** A 32-bit FNV-1a hash: the host's share of the lab's seed (its PIDs, its boot IDs). */
export function hashName(seed: number, name: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The program name the kernel keeps (/proc/PID/comm): the file's base name, 15 characters at most. */
export function commOf(argv0: string): string {
  return argv0.slice(argv0.lastIndexOf('/') + 1).slice(0, 15);
}

export class ProcessTable {
  readonly #entries = new Map<number, ProcessEntry>();
  #last: number;
  /** The terminal's login shell ($$). */
  readonly shellPid: number;
  readonly #os: HostOs;
  readonly #now: () => number;
  #nginx: number[] = [];

  /** `stopNginx`: what a signal that ends nginx's master does (the web server stops); null when nginx is not running at boot. */
  constructor(seed: number, hostName: string, os: HostOs, now: () => number, stopNginx: (() => void) | null) {
    this.#os = os;
    this.#now = now;
    const random = new SeededRandom(hashName(seed, hostName));
    this.#add({ pid: 1, ppid: 0, user: 'root', argv: ['/sbin/init'], comm: 'systemd', tty: null, stat: 'Ss', vszKiB: 167_748, rssKiB: 11_904, cpuSeconds: 1 }, 0);
    KERNEL_THREADS.forEach(([comm, stat], i) => {
      this.#add({ pid: i + 2, ppid: i === 0 ? 0 : 2, user: 'root', argv: null, comm, tty: null, stat, vszKiB: 0, rssKiB: 0, cpuSeconds: 0 }, 0);
    });
    // udev's workers, the initramfs and early units used the numbers between the kernel threads and journald.
    this.#last = 180 + random.int(0, 140);
    for (const daemon of BOOT_DAEMONS[os]) {
      this.#last += random.int(1, 40);
      this.#add({ pid: this.#last, ppid: 1, user: daemon.user, argv: daemon.argv, comm: commOf(daemon.argv[0]!.split(' ')[0]!.replace(/:$/, '')), tty: daemon.tty ?? null, stat: daemon.stat, vszKiB: daemon.vszKiB, rssKiB: daemon.rssKiB, cpuSeconds: 0 }, 0);
    }
    this.#last += random.int(1, 30);
    if (stopNginx) this.startNginx(stopNginx);
    // The root login: sshd's session process, then the shell.
    this.#last += random.int(100, 600);
    const sshd = this.#add({ pid: this.#last, ppid: this.#last - random.int(1, 5), user: 'root', argv: ['sshd: root@pts/0'], comm: 'sshd', tty: null, stat: 'Ss', vszKiB: 17_908, rssKiB: 10_880, cpuSeconds: 0 }, 0);
    this.shellPid = sshd.pid + random.int(2, 12);
    this.#last = this.shellPid;
    this.#add({ pid: this.shellPid, ppid: sshd.pid, user: 'root', argv: ['-bash'], comm: 'bash', tty: 'pts/0', stat: 'Ss', vszKiB: 7_968, rssKiB: 4_608, cpuSeconds: 0 }, 0);
  }

  /** The next PID as alloc_pid gives it. */
  allocatePid(): number {
    for (;;) {
      this.#last = this.#last + 1 >= PID_MAX ? RESERVED_PIDS : this.#last + 1;
      if (!this.#entries.has(this.#last)) return this.#last;
    }
  }

  /** A new process (a command the terminal runs, a daemon systemd starts) with the next PID, or `pid` already allocated for it. */
  spawn(spec: ProcessSpec, pid: number = this.allocatePid()): ProcessEntry {
    return this.#add({ ...spec, pid }, this.#now());
  }

  #add(spec: ProcessSpec & { pid: number }, startUs: number): ProcessEntry {
    const entry: ProcessEntry = { vszKiB: 0, rssKiB: 0, cpuSeconds: 0, ...spec, startUs };
    this.#entries.set(entry.pid, entry);
    return entry;
  }

  /** The process is gone (exited, or reaped after a signal). */
  exit(pid: number): void {
    this.#entries.delete(pid);
  }

  get(pid: number): ProcessEntry | undefined {
    const entry = this.#entries.get(pid);
    if (entry?.alive && !entry.alive()) {
      this.#entries.delete(pid);
      return undefined;
    }
    return entry;
  }

  /** Every process, by PID as /proc lists them. */
  list(): ProcessEntry[] {
    for (const entry of this.#entries.values()) if (entry.alive && !entry.alive()) this.#entries.delete(entry.pid);
    return [...this.#entries.values()].sort((a, b) => a.pid - b.pid);
  }

  /**
   * systemd starts nginx: the master, which forks one worker per CPU.
   * TERM, INT, QUIT or KILL to the master stops the server (`stop`); HUP,
   * USR1, USR2 and WINCH are nginx's reload and log signals and leave it
   * running. A worker that dies is replaced by the master.
   */
  startNginx(stop: () => void): void {
    if (this.#nginx.length > 0) return;
    const { master } = NGINX[this.#os];
    // The unit's ExecStart forks the daemon, which forks again to detach: the master is the grandchild.
    this.allocatePid();
    const masterEntry = this.spawn({ ppid: 1, user: 'root', argv: master, comm: 'nginx', tty: null, stat: 'Ss', vszKiB: 10_340, rssKiB: 1_588 });
    masterEntry.signal = (signal) => {
      if (NGINX_STOP_SIGNALS.has(signal)) stop();
    };
    this.#nginx = [masterEntry.pid];
    for (let i = 0; i < CPUS; i++) this.#nginx.push(this.#nginxWorker(masterEntry.pid));
  }

  #nginxWorker(master: number): number {
    const worker = this.spawn({ ppid: master, user: NGINX[this.#os].workerUser, argv: ['nginx: worker process'], comm: 'nginx', tty: null, stat: 'S', vszKiB: 10_956, rssKiB: 3_812 });
    worker.signal = (signal) => {
      if (!NGINX_STOP_SIGNALS.has(signal)) return;
      const index = this.#nginx.indexOf(worker.pid);
      this.exit(worker.pid);
      if (index > 0) this.#nginx[index] = this.#nginxWorker(master);
    };
    return worker.pid;
  }

  /** nginx stopped: its master and workers are gone. */
  stopNginx(): void {
    for (const pid of this.#nginx) this.exit(pid);
    this.#nginx = [];
  }

  /** The nginx master's PID, or null when nginx is not running. */
  get nginxMaster(): number | null {
    return this.#nginx[0] ?? null;
  }
}
