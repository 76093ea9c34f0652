// Runs a scenario on the real Linux kernel: every host a network namespace,
// every segment a bridge inside one extra "switch" namespace, frames captured
// with tcpdump on the bridge ports. Nothing is created in the root namespace.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, accessSync, constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { routeWords } from '../../src-sim/schema/scenario.ts';
import { OBSERVATION_FORMAT, type NeighborRow, type Observation, type ObservedStep, type Scenario } from '../../src-sim/scenario/types.ts';
import { CHILD_ENV, execBounded, killTree, liveChildren, sleep, within, type ExecResult } from './exec.ts';
import { deleteNamespace, newRunPrefix, trackDir, trackNamespace, untrackDir } from './netns.ts';
import { mergeCaptures, parsePcap, type CapturedPort } from './pcap.ts';
import { nginxControl, refusalReasons, usesWebServer, type NginxVerb } from './safety.ts';
import { ProcSysWriter } from './proc-writer.ts';
import { runStep } from './run-step.ts';
import { webServerScript } from './web-server.ts';
import { KeepalivedHosts } from './keepalived.ts';
import { HostJobs } from './jobs.ts';
import { keepalivedControl, keepalivedFileWrite } from './keepalived-steps.ts';

export type PortOrder = 'forward' | 'reverse';

export interface KernelRunOptions {
  portOrder: PortOrder;
  /** Deadline for one step's command line, in ms (default 20 s). */
  stepTimeoutMs?: number;
}

/** The scenario cannot be run on the kernel (unsafe or uses simulator-only tools). */
export class ScenarioRefusedError extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('\n'));
  }
}

/** Setting up the namespaces failed (the kernel or a tool said no). */
export class KernelSetupError extends Error {}

const SETUP_TIMEOUT_MS = 10_000;
const CAPTURE_START_TIMEOUT_MS = 10_000;
const CAPTURE_GRACE_MS = 200;

export const REQUIRED_TOOLS = ['ip', 'tcpdump', 'arping', 'ping', 'sysctl', 'curl'] as const;

/** How long a host's web server may take to start listening. */
const WEB_START_TIMEOUT_MS = 10_000;
/** A web server that outlives this is gone anyway (it exits by itself). */
const WEB_LIFETIME_MS = 30 * 60_000;

/** Tools the runner or the suite needs that are not on PATH. */
export function missingTools(): string[] {
  const dirs = (CHILD_ENV.PATH ?? '').split(':');
  return REQUIRED_TOOLS.filter((tool) => !dirs.some((d) => {
    try {
      accessSync(join(d, tool), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }));
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Linux defaults for net.ipv4.conf.{all,default,lo}.*: a new netns copies the root ns's values, which may differ. */
const IPV4_CONF_DEFAULTS: [string, string][] = [
  ['arp_ignore', '0'],
  ['arp_announce', '0'],
  ['arp_accept', '0'],
  ['arp_filter', '0'],
  ['arp_notify', '0'],
  ['arp_evict_nocarrier', '1'],
  ['drop_gratuitous_arp', '0'],
  ['drop_unicast_in_l2_multicast', '0'],
  ['rp_filter', '0'],
  ['accept_local', '0'],
  ['route_localnet', '0'],
  ['proxy_arp', '0'],
  ['proxy_arp_pvlan', '0'],
  ['promote_secondaries', '0'],
  ['log_martians', '0'],
  ['src_valid_mark', '0'],
  ['bc_forwarding', '0'],
  ['shared_media', '1'],
  ['secure_redirects', '1'],
  ['send_redirects', '1'],
  ['accept_redirects', '1'],
  ['ignore_routes_with_linkdown', '0'],
];

/** Kernel defaults of arp_tbl (net/ipv4/arp.c) for one device's neighbour parameters. */
const NEIGH_DEFAULTS: [string, string][] = [
  ['mcast_solicit', '3'],
  ['ucast_solicit', '3'],
  ['app_solicit', '0'],
  ['mcast_resolicit', '0'],
  ['retrans_time_ms', '1000'],
  ['base_reachable_time_ms', '30000'],
  ['delay_first_probe_time', '5'],
  ['gc_stale_time', '60'],
  ['locktime', '100'],
  ['proxy_delay', '80'],
  ['anycast_delay', '100'],
  ['proxy_qlen', '64'],
];

interface Port {
  host: string;
  hostNs: string;
  ifname: string;
  mac: string;
  segment: string;
  /** Veth end inside the switch namespace (a bridge port). */
  swEnd: string;
  /** Veth end moved into the host namespace (renamed to ifname). */
  tmpName: string;
}

const TRACE = process.env['LDL_TRACE'] === '1';
const traceStart = Date.now();
function trace(what: string): void {
  if (TRACE) process.stderr.write(`[kernel ${((Date.now() - traceStart) / 1000).toFixed(3)}] ${what}\n`);
}

function fail(what: string, r: ExecResult): never {
  throw new KernelSetupError(`${what} failed (exit ${r.exit}${r.timedOut ? ', timed out' : ''}): ${(r.stderr || r.stdout).trim()}`);
}

async function must(args: string[], what: string): Promise<ExecResult> {
  const r = await execBounded(args[0]!, args.slice(1), SETUP_TIMEOUT_MS);
  if (r.exit !== 0 || r.timedOut) fail(what, r);
  return r;
}

function realtimeNow(): { sec: number; nsec: number } {
  const ms = performance.timeOrigin + performance.now();
  const sec = Math.floor(ms / 1000);
  return { sec, nsec: Math.round((ms - sec * 1000) * 1e6) };
}

interface Capture {
  port: Port;
  file: string;
  child: ChildProcess;
  closed: Promise<void>;
}

function startCapture(swNs: string, port: Port, file: string): Promise<Capture> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'ip',
      ['netns', 'exec', swNs, 'tcpdump', '-i', port.swEnd, '-Q', 'in', '-w', file, '--time-stamp-precision=nano', '-U', '--immediate-mode', '-n', '-Z', 'root', '-s', '262144'],
      { env: CHILD_ENV, stdio: ['ignore', 'ignore', 'pipe'], detached: true, cwd: '/' },
    );
    liveChildren.add(child);
    let stderr = '';
    let started = false;
    const closed = new Promise<void>((res) => child.on('close', () => {
      liveChildren.delete(child);
      res();
    }));
    const timer = setTimeout(() => {
      if (started) return;
      killTree(child);
      reject(new KernelSetupError(`tcpdump on ${port.host}/${port.ifname} did not start listening within ${CAPTURE_START_TIMEOUT_MS / 1000} s: ${stderr.trim()}`));
    }, CAPTURE_START_TIMEOUT_MS);
    child.stderr!.on('data', (b: Buffer) => {
      stderr += b.toString('utf8');
      if (!started && /listening on/.test(stderr)) {
        started = true;
        clearTimeout(timer);
        resolve({ port, file, child, closed });
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      if (!started) reject(new KernelSetupError(`cannot start tcpdump: ${e.message}`));
    });
    void closed.then(() => {
      clearTimeout(timer);
      if (!started) reject(new KernelSetupError(`tcpdump on ${port.host}/${port.ifname} exited before listening: ${stderr.trim()}`));
    });
  });
}

async function stopCapture(c: Capture): Promise<void> {
  killTree(c.child, 'SIGINT');
  if (!(await within(c.closed, 5000))) {
    killTree(c.child, 'SIGKILL');
    await within(c.closed, 2000);
  }
}

/** The `nginx` of one namespace host: a node process (web-server.ts) on 0.0.0.0:80. */
interface WebServerProcess {
  child: ChildProcess;
  closed: Promise<void>;
}

function startWebServer(ns: string, hostName: string): Promise<WebServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'ip',
      ['netns', 'exec', ns, process.execPath, '--max-old-space-size=32', '-e', webServerScript(), hostName, '80', String(WEB_LIFETIME_MS)],
      { env: CHILD_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true, cwd: '/' },
    );
    liveChildren.add(child);
    let out = '';
    let err = '';
    let ready = false;
    const closed = new Promise<void>((res) => child.on('close', () => {
      liveChildren.delete(child);
      res();
    }));
    const timer = setTimeout(() => {
      if (ready) return;
      killTree(child);
      reject(new KernelSetupError(`the web server of ${hostName} did not start listening on port 80 within ${WEB_START_TIMEOUT_MS / 1000} s: ${err.trim()}`));
    }, WEB_START_TIMEOUT_MS);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      if (!ready && out.includes('ready\n')) {
        ready = true;
        clearTimeout(timer);
        resolve({ child, closed });
      }
    });
    child.stderr!.on('data', (b: Buffer) => {
      err += b.toString('utf8');
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      if (!ready) reject(new KernelSetupError(`cannot start the web server of ${hostName}: ${e.message}`));
    });
    void closed.then(() => {
      clearTimeout(timer);
      if (!ready) reject(new KernelSetupError(`the web server of ${hostName} exited before listening: ${err.trim()}`));
    });
  });
}

async function stopWebServer(web: WebServerProcess): Promise<void> {
  killTree(web.child, 'SIGTERM');
  if (!(await within(web.closed, 3000))) {
    killTree(web.child, 'SIGKILL');
    await within(web.closed, 2000);
  }
}

/**
 * `systemctl VERB nginx` on a namespace host: the runner's web server stands
 * in for nginx. Exit statuses as systemctl's (is-active and status: 3 when
 * stopped); the output is short and not compared (exit status only).
 */
async function controlWebServer(verb: NginxVerb, ns: string, host: string, servers: Map<string, WebServerProcess>): Promise<{ exit: number; stdout: string; stderr: string }> {
  const running = servers.get(host);
  if (verb === 'stop' || verb === 'restart') {
    if (running) {
      servers.delete(host);
      await stopWebServer(running);
    }
  }
  if (verb === 'start' || verb === 'restart') {
    if (!servers.has(host)) servers.set(host, await startWebServer(ns, host));
    return { exit: 0, stdout: '', stderr: '' };
  }
  if (verb === 'stop') return { exit: 0, stdout: '', stderr: '' };
  const active = servers.has(host);
  if (verb === 'is-active') return { exit: active ? 0 : 3, stdout: active ? 'active\n' : 'inactive\n', stderr: '' };
  return {
    exit: active ? 0 : 3,
    stdout: `${active ? '●' : '○'} nginx.service - web server stand-in of lvs-dr-lab kernel-run (node, 0.0.0.0:80)\n     Active: ${active ? 'active (running)' : 'inactive (dead)'}\n`,
    stderr: '',
  };
}

interface IpJsonNeigh {
  dst?: string;
  dev?: string;
  lladdr?: string;
  state?: string[] | string;
}

export function neighborsFromIpJson(text: string): NeighborRow[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const parsed = JSON.parse(trimmed) as IpJsonNeigh[];
  const rows: NeighborRow[] = parsed
    .filter((n) => typeof n.dst === 'string')
    .map((n) => ({
      ip: n.dst!,
      dev: n.dev ?? '',
      lladdr: n.lladdr ?? null,
      state: Array.isArray(n.state) ? n.state.join(' ') : (n.state ?? ''),
    }));
  rows.sort((a, b) => (a.dev + ' ' + a.ip).localeCompare(b.dev + ' ' + b.ip, 'en', { numeric: true }));
  return rows;
}

/**
 * Runs the scenario on the real kernel and returns what Linux did, in the
 * contract's observation format. Requires root. Throws ScenarioRefusedError
 * for scenarios that are unsafe or use simulator-only tools, and
 * KernelSetupError when the namespaces cannot be built as the scenario says.
 */
export async function kernelRun(scenario: Scenario, options: KernelRunOptions): Promise<Observation> {
  const reasons = refusalReasons(scenario);
  if (reasons.length > 0) throw new ScenarioRefusedError(reasons);
  if (!isRoot()) throw new KernelSetupError('kernel runs need root (network namespaces)');
  const stepTimeoutMs = options.stepTimeoutMs ?? 20_000;

  const prefix = newRunPrefix();
  const swNs = `${prefix}sw`;
  const hostNs = new Map(scenario.hosts.map((h) => [h.name, `${prefix}h-${h.name}`]));
  const created: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'lvs-dr-lab-kernel-'));
  trackDir(dir);
  const captures: Capture[] = [];
  const webServers = new Map<string, WebServerProcess>();
  const procWriters = new Map<string, ProcSysWriter>();
  const keepalived = new KeepalivedHosts(dir);
  const jobs = new Map<string, HostJobs>();
  try {
    // 1. Namespaces, with IPv6 off and IPv4 defaults written before any link exists.
    for (const ns of [swNs, ...hostNs.values()]) {
      trackNamespace(ns);
      await must(['ip', 'netns', 'add', ns], `creating namespace ${ns}`);
      created.push(ns);
    }
    await must(['ip', 'netns', 'exec', swNs, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1', 'net.ipv6.conf.lo.disable_ipv6=1'], 'disabling IPv6 in the switch namespace');
    for (const ns of hostNs.values()) {
      const kv = ['net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1', 'net.ipv6.conf.lo.disable_ipv6=1', 'net.ipv4.ip_forward=0'];
      for (const scope of ['all', 'default', 'lo']) {
        for (const [k, v] of IPV4_CONF_DEFAULTS) kv.push(`net.ipv4.conf.${scope}.${k}=${v}`);
      }
      await must(['ip', 'netns', 'exec', ns, 'sysctl', '-q', '-w', ...kv], `writing default sysctls in ${ns}`);
    }

    trace('2. Bridges');
    // 2. Bridges (one per segment) in the switch namespace.
    const segments: string[] = [];
    const ports: Port[] = [];
    scenario.hosts.forEach((host, h) => {
      host.interfaces.forEach((iface, i) => {
        if (iface.name === 'lo' || iface.segment === undefined) return;
        if (!segments.includes(iface.segment)) segments.push(iface.segment);
        ports.push({
          host: host.name,
          hostNs: hostNs.get(host.name)!,
          ifname: iface.name,
          mac: iface.mac ?? '',
          segment: iface.segment,
          swEnd: `p${h}x${i}`,
          tmpName: `q${h}x${i}`,
        });
      });
    });
    const bridgeOf = (segment: string): string => `br${segments.indexOf(segment)}`;
    for (const seg of segments) {
      const br = bridgeOf(seg);
      await must(['ip', '-n', swNs, 'link', 'add', br, 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0', 'mcast_snooping', '0'], `creating bridge for segment ${seg}`);
      await must(['ip', '-n', swNs, 'link', 'set', br, 'up'], `bringing up bridge for segment ${seg}`);
    }

    trace('3. Veth');
    // 3. Veth pairs created inside the switch namespace; one end moved to the host.
    for (const p of ports) {
      await must(['ip', '-n', swNs, 'link', 'add', p.swEnd, 'type', 'veth', 'peer', 'name', p.tmpName], `creating veth for ${p.host}/${p.ifname}`);
      await must(['ip', '-n', swNs, 'link', 'set', p.tmpName, 'netns', p.hostNs], `moving veth into ${p.host}`);
      await must(['ip', '-n', p.hostNs, 'link', 'set', p.tmpName, 'name', p.ifname], `renaming ${p.host}'s interface to ${p.ifname}`);
      if (p.mac) await must(['ip', '-n', p.hostNs, 'link', 'set', p.ifname, 'address', p.mac], `setting ${p.host}/${p.ifname} MAC`);
    }

    trace('4. Bridge ports');
    // 4. Bridge ports enslaved in the requested order (decides ARP races).
    const order = options.portOrder === 'reverse' ? [...ports].reverse() : ports;
    for (const p of order) {
      await must(['ip', '-n', swNs, 'link', 'set', p.swEnd, 'master', bridgeOf(p.segment)], `attaching ${p.host}/${p.ifname} to segment ${p.segment}`);
      await must(['ip', '-n', swNs, 'link', 'set', p.swEnd, 'up'], `bringing up the switch port of ${p.host}/${p.ifname}`);
    }

    trace('5. Hosts');
    // 5. Hosts: neighbour defaults, addresses in order, links up, routes, sysctls.
    for (const host of scenario.hosts) {
      const ns = hostNs.get(host.name)!;
      const neighKv: string[] = [];
      for (const iface of host.interfaces) {
        if (iface.name === 'lo') continue;
        for (const [k, v] of NEIGH_DEFAULTS) neighKv.push(`net.ipv4.neigh.${iface.name}.${k}=${v}`);
      }
      if (neighKv.length > 0) await must(['ip', 'netns', 'exec', ns, 'sysctl', '-q', '-w', ...neighKv], `writing neighbour defaults on ${host.name}`);
      for (const iface of host.interfaces) {
        for (const a of iface.addresses ?? []) {
          await must(['ip', '-n', ns, 'addr', 'add', a, 'dev', iface.name], `${host.name}: ip addr add ${a} dev ${iface.name}`);
        }
      }
      await must(['ip', '-n', ns, 'link', 'set', 'lo', 'up'], `${host.name}: ip link set lo up`);
      for (const iface of host.interfaces) {
        if (iface.arp === false) await must(['ip', '-n', ns, 'link', 'set', iface.name, 'arp', 'off'], `${host.name}: ip link set ${iface.name} arp off`);
        if (iface.name === 'lo') continue;
        await must(['ip', '-n', ns, 'link', 'set', iface.name, 'up'], `${host.name}: ip link set ${iface.name} up`);
      }
    }
    for (const host of scenario.hosts) {
      const ns = hostNs.get(host.name)!;
      for (const r of host.routes ?? []) {
        await must(['ip', '-n', ns, 'route', 'add', ...routeWords(r)], `${host.name}: ip route add ${r}`);
      }
    }
    for (const host of scenario.hosts) {
      const ns = hostNs.get(host.name)!;
      for (const [k, v] of Object.entries(host.sysctl ?? {})) {
        await must(['ip', 'netns', 'exec', ns, 'sysctl', '-q', '-w', `${k}=${v}`], `${host.name}: sysctl -w ${k}=${v}`);
      }
    }

    // 5b. A web server on every host (nginx's stand-in), when a step can reach one.
    if (scenario.steps.some((st) => 'run' in st && usesWebServer(st.run))) {
      trace('5b. Web servers');
      const started = await Promise.allSettled(scenario.hosts.map(async (h) => {
        webServers.set(h.name, await startWebServer(hostNs.get(h.name)!, h.name));
      }));
      const failed = started.find((r) => r.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
    }

    // 5c. keepalived's directory for every host a step configures or starts it on.
    for (const st of scenario.steps) {
      if ('run' in st && (keepalivedControl(st.run) !== null || keepalivedFileWrite(st.run) !== null)) keepalived.prepare(hostNs.get(st.host)!);
    }

    trace('6. Captures');
    // 6. Captures on every bridge port, frames entering the bridge only.
    for (const p of ports) {
      captures.push(await startCapture(swNs, p, join(dir, `${p.swEnd}.pcap`)));
    }

    // 6b. A scratch directory per host: its tools' working directory, the only
    // files a step may create (removed with the run's directory).
    const scratchDirs = new Map(scenario.hosts.map((h, i) => [h.name, join(dir, `host${i}`)]));
    for (const scratch of scratchDirs.values()) mkdirSync(scratch, { mode: 0o700 });

    // 6c. A /proc/sys writer per host, started now when a step may write
    // there, so that no step waits for one to start (a redirection elsewhere
    // starts its host's writer on first use).
    for (const h of scenario.hosts) procWriters.set(h.name, new ProcSysWriter(hostNs.get(h.name)!));
    if (scenario.steps.some((st) => 'run' in st && st.run.includes('/proc/sys'))) {
      trace('6c. /proc/sys writers');
      await Promise.all([...procWriters.values()].map((w) => w.start()));
    }

    // 6d. Each host's terminal: the jobs its steps leave running (jobs.ts).
    for (const h of scenario.hosts) jobs.set(h.name, new HostJobs(hostNs.get(h.name)!, scratchDirs.get(h.name)!));

    trace('7. Steps.');
    // 7. Steps.
    const steps: ObservedStep[] = [];
    const origin = realtimeNow();
    for (const [index, step] of scenario.steps.entries()) {
      if ('sleep' in step) {
        await sleep(step.sleep * 1000);
        continue;
      }
      // Refused by the safety check (the runner writes no files); never reached.
      if ('write' in step || 'interrupt' in step || 'power' in step) continue;
      const ns = hostNs.get(step.host)!;
      const file = keepalivedFileWrite(step.run);
      if (file !== null) {
        keepalived.write(ns, file.name, file.text);
        steps.push({ index, host: step.host, run: step.run, exit: 0, stdout: '', stderr: '' });
        continue;
      }
      const keepalivedVerb = keepalivedControl(step.run);
      if (keepalivedVerb !== null) {
        steps.push({ index, host: step.host, run: step.run, ...(await keepalived.control(keepalivedVerb, ns)) });
        continue;
      }
      const verb = nginxControl(step.run);
      if (verb !== null) {
        steps.push({ index, host: step.host, run: step.run, ...(await controlWebServer(verb, ns, step.host, webServers)) });
        continue;
      }
      const r = await runStep(step.run, { ns, scratchDir: scratchDirs.get(step.host)!, procSys: procWriters.get(step.host)!, jobs: jobs.get(step.host)! }, stepTimeoutMs);
      steps.push({ index, host: step.host, run: step.run, exit: r.exit, stdout: r.stdout, stderr: r.stderr });
    }

    trace('8. Neighbour');
    // 8. Neighbour tables at the end, then stop the captures.
    const neighbors: Record<string, NeighborRow[]> = {};
    for (const host of scenario.hosts) {
      const r = await must(['ip', '-n', hostNs.get(host.name)!, '-4', '-j', 'neigh', 'show'], `${host.name}: ip -4 -j neigh show`);
      neighbors[host.name] = neighborsFromIpJson(r.stdout);
    }
    await sleep(CAPTURE_GRACE_MS);
    await Promise.all(captures.map(stopCapture));
    const captured: CapturedPort[] = captures.map((c) => ({ segment: c.port.segment, pcap: parsePcap(new Uint8Array(readFileSync(c.file))) }));
    const frames = mergeCaptures(captured, origin.sec, origin.nsec);
    return { format: OBSERVATION_FORMAT, steps, frames, neighbors };
  } finally {
    trace('cleanup');
    // Jobs still running when the scenario ends are killed with their process groups (no prompt reports them).
    await Promise.all([...jobs.values()].map((j) => j.killAll()));
    for (const c of captures) killTree(c.child, 'SIGKILL');
    for (const w of webServers.values()) killTree(w.child, 'SIGKILL');
    await Promise.all([...procWriters.values()].map((w) => w.stop()));
    await keepalived.cleanup();
    for (const ns of created.reverse()) {
      try {
        await deleteNamespace(ns);
      } catch {
        /* keep going: delete the others */
      }
    }
    rmSync(dir, { recursive: true, force: true });
    untrackDir(dir);
    trace('done');
  }
}
