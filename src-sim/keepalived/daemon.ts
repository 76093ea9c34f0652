// keepalived as a daemon on one host: the parent process, and the children
// it starts: the checker (healthcheck.ts) when the configuration has a
// virtual_server, the VRRP child when it has a vrrp_instance. The checker
// child starts its work after the same 80 ms as the VRRP child (not measured:
// the kernel here has no IPVS for keepalived to program). Timings are what keepalived 2.2.7 did in network namespaces on
// Linux 6.18 (6-8 runs): the child reads its configuration and enters
// BACKUP (init) about 80 ms after the start (its first advert, as MASTER,
// came 3.49 s after the start with priority 150: 80 ms + 3.41 s); on
// SIGTERM a MASTER's priority-0 advert leaves about 10 ms later and the
// addresses go with it, and the process exits about 1.04 s after the signal.
import { formatIp4 } from '../net/addr.ts';
import type { Ipv4Packet } from '../net/frame.ts';
import type { EthernetFrame } from '../net/frame.ts';
import { VRRP_GROUP } from '../net/vrrp.ts';
import type { NetDevice } from '../host/device.ts';
import type { Host, RawIpSocket } from '../host/host.ts';
import { msg } from '../i18n/catalogue.ts';
import { DEFAULT_CONFIG_FILE, parseKeepalivedConfig, type ConfigPass, type KeepalivedConfig } from './config.ts';
import { HealthcheckChild } from './healthcheck.ts';
import { VrrpInstance } from './instance.ts';
import { hostConfigSource, interfaceNames } from './source.ts';

const MS = 1000;
/** From the start to the VRRP child's instances entering their initial state. */
export const VRRP_INIT_DELAY_US = 80 * MS;
/** From SIGTERM to the VRRP child's shutdown (priority-0 adverts, addresses removed). */
export const SHUTDOWN_ADVERT_DELAY_US = 10 * MS;
/** From SIGTERM to the parent's exit. */
export const EXIT_DELAY_US = 1040 * MS;

/** One line keepalived logged (to syslog: the journal of keepalived.service). */
export interface KeepalivedLogLine {
  us: number;
  /** `Keepalived` (the parent) or `Keepalived_vrrp` (the VRRP child), as syslog names them. */
  ident: 'Keepalived' | 'Keepalived_vrrp' | 'Keepalived_healthcheckers';
  pid: number;
  text: string;
}

const VERSION = 'Keepalived v2.2.7 (01/16,2022)';
/** Process ids: the lab has no process table yet, so each host numbers its keepalived processes from here. */
const FIRST_PID = 1200;

export class KeepalivedDaemon {
  running = false;
  /** Between SIGTERM and the exit (systemd's "deactivating"). */
  stopping = false;
  startedAt = 0;
  stoppedAt = 0;
  /** When SIGTERM was sent (systemctl stop waits from here). */
  stopRequestedAt = 0;
  mainPid = 0;
  vrrpPid = 0;
  /** 0 when the configuration has no virtual_server (no checker process). */
  checkerPid = 0;
  /** The checker process's IPVS programming and checkers, while it runs. */
  healthcheck: HealthcheckChild | null = null;
  readonly log: KeepalivedLogLine[] = [];
  instances: VrrpInstance[] = [];
  config: KeepalivedConfig | null = null;
  private nextPid = FIRST_PID;
  private sockets: Array<{ dev: NetDevice; socket: RawIpSocket; joined: boolean }> = [];
  private readonly onLink = (dev: NetDevice): void => {
    for (const instance of this.instances) if (instance.trackedDevices.includes(dev)) instance.linkChanged();
  };

  constructor(
    readonly host: Host,
    /** The words it was started with, for the log's "Command line:". */
    private argv: string[] = ['keepalived', '--dont-fork'],
  ) {}

  /** Keeps at most this many lines (a long lab must not grow without bound). */
  static readonly LOG_LINES = 1000;

  /** Where each line also goes (systemd's journal when the unit started it; syslog otherwise, which the lab does not keep). */
  onLog: ((line: KeepalivedLogLine) => void) | null = null;

  private write(ident: KeepalivedLogLine['ident'], text: string): void {
    if (this.log.length >= KeepalivedDaemon.LOG_LINES) this.log.shift();
    const pid = ident === 'Keepalived' ? this.mainPid : ident === 'Keepalived_vrrp' ? this.vrrpPid : this.checkerPid;
    const line = { us: this.host.clock.now, ident, pid, text };
    this.log.push(line);
    this.onLog?.(line);
  }

  /** Starts the parent now and the VRRP child's instances VRRP_INIT_DELAY_US later. */
  start(argv: string[] = this.argv, file = DEFAULT_CONFIG_FILE): void {
    if (this.running) return;
    this.argv = argv;
    this.running = true;
    this.stopping = false;
    this.startedAt = this.host.clock.now;
    this.mainPid = this.nextPid++;
    const parsed = parseKeepalivedConfig(hostConfigSource(this.host), file, { interfaces: interfaceNames(this.host), configTest: false });
    this.config = parsed.config;
    // start_keepalived: the checker child first, then VRRP, each only when the configuration has its blocks.
    // (A configuration with neither keeps the VRRP child, as the lab always did; keepalived starts none.)
    const runChecker = parsed.config.haveCheckerConfig;
    const runVrrp = parsed.config.haveVrrpConfig || !runChecker;
    this.checkerPid = runChecker ? this.nextPid++ : 0;
    this.vrrpPid = runVrrp ? this.nextPid++ : 0;
    const byPass = (pass: ConfigPass) => parsed.messages.filter((m) => m.pass === pass).map((m) => m.text);
    this.write('Keepalived', `Starting ${VERSION}`);
    this.write('Keepalived', 'Running on Linux 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) (built for Linux 5.19.11)');
    this.write('Keepalived', `Command line: ${argv.map((a) => `'${a}'`).join(' ')}`);
    this.write('Keepalived', `Configuration file ${file}`);
    for (const text of byPass('parent')) this.write('Keepalived', text);
    this.write('Keepalived', 'NOTICE: setting config option max_auto_priority should result in better keepalived performance');
    if (runChecker) this.write('Keepalived', `Starting Healthcheck child process, pid=${this.checkerPid}`);
    if (runVrrp) this.write('Keepalived', `Starting VRRP child process, pid=${this.vrrpPid}`);
    this.write('Keepalived', 'Startup complete');
    this.host.clock.schedule(VRRP_INIT_DELAY_US, () => {
      if (!this.running || this.stopping) return;
      if (runChecker) {
        for (const text of byPass('checker')) this.write('Keepalived_healthcheckers', text);
        this.healthcheck = new HealthcheckChild(this.host, parsed.config, (text) => this.write('Keepalived_healthcheckers', text));
        this.healthcheck.start();
      }
      if (!runVrrp) return;
      for (const text of byPass('vrrp')) this.write('Keepalived_vrrp', text);
      this.startInstances(parsed.config);
    });
  }

  private startInstances(config: KeepalivedConfig): void {
    const global = config.global;
    const started: VrrpInstance[] = [];
    for (const c of config.instances) {
      const dev = c.interface !== null ? this.host.device(c.interface) : undefined;
      if (!dev) continue;
      started.push(new VrrpInstance(this.host, c, dev, global, (text) => this.write('Keepalived_vrrp', text)));
    }
    this.instances.push(...started);
    // One raw socket per interface, joined to 224.0.0.18 there unless its instances are all unicast (open_vrrp_read_socket).
    for (const dev of new Set(started.map((i) => i.dev))) {
      if (this.sockets.some((s) => s.dev === dev)) continue;
      const socket: RawIpSocket = { proto: 'vrrp', dev, receive: (packet, inDev, frame) => this.receive(packet, inDev ?? dev, frame) };
      this.host.rawSockets.add(socket);
      const joined = started.some((i) => i.dev === dev && !i.unicast);
      if (joined) this.host.joinGroup(dev, VRRP_GROUP);
      this.sockets.push({ dev, socket, joined });
    }
    this.host.linkWatchers.add(this.onLink);
    for (const instance of started) instance.start();
  }

  /**
   * SIGHUP (`systemctl reload keepalived`): the parent re-reads the
   * configuration and signals its children, which apply it about as soon
   * as they act on SIGTERM. The checker diffs its virtual servers
   * (healthcheck.ts); the VRRP child keeps every instance with the same
   * VRID on the same interface (vrrp_exist) in its state with the new
   * values, stops those no longer configured (a MASTER resigns with
   * priority 0) and starts the new ones. A reload that adds the first
   * virtual_server or vrrp_instance starts no new child in the lab.
   */
  reload(file = DEFAULT_CONFIG_FILE): void {
    if (!this.running || this.stopping) return;
    this.write('Keepalived', 'Reloading ...');
    const parsed = parseKeepalivedConfig(hostConfigSource(this.host), file, { interfaces: interfaceNames(this.host), configTest: false });
    const byPass = (pass: ConfigPass) => parsed.messages.filter((m) => m.pass === pass).map((m) => m.text);
    for (const text of byPass('parent')) this.write('Keepalived', text);
    this.host.clock.schedule(SHUTDOWN_ADVERT_DELAY_US, () => {
      if (!this.running || this.stopping) return;
      this.config = parsed.config;
      if (this.healthcheck) {
        for (const text of byPass('checker')) this.write('Keepalived_healthcheckers', text);
        this.healthcheck.reload(parsed.config);
      }
      if (!this.vrrpPid) return;
      this.write('Keepalived_vrrp', 'Reloading');
      for (const text of byPass('vrrp')) this.write('Keepalived_vrrp', text);
      const kept: VrrpInstance[] = [];
      for (const instance of this.instances) {
        const c = parsed.config.instances.find((n) => n.vrid === instance.vrid && n.interface === instance.dev.name);
        if (c && !kept.some((k) => k.config === c)) {
          instance.reload(c, parsed.config.global);
          kept.push(instance);
        } else instance.stop();
      }
      this.instances = kept;
      this.startInstances({ ...parsed.config, instances: parsed.config.instances.filter((c) => !kept.some((k) => k.config === c)) });
    });
  }

  /** SIGTERM: the VRRP child resigns and removes its addresses; the parent exits later. */
  stop(): void {
    if (!this.running || this.stopping) return;
    this.stopping = true;
    this.stopRequestedAt = this.host.clock.now;
    this.write('Keepalived', 'Stopping');
    this.host.clock.schedule(SHUTDOWN_ADVERT_DELAY_US, () => {
      if (this.healthcheck) {
        this.healthcheck.stop();
        this.healthcheck = null;
      }
      if (!this.vrrpPid) return;
      for (const instance of this.instances) instance.stop();
      this.closeSockets();
      this.write('Keepalived_vrrp', 'Stopped');
    });
    this.host.clock.schedule(EXIT_DELAY_US, () => {
      this.running = false;
      this.stopping = false;
      this.stoppedAt = this.host.clock.now;
      this.instances = [];
      this.write('Keepalived', `Stopped ${VERSION}`);
    });
  }

  private closeSockets(): void {
    for (const { dev, socket, joined } of this.sockets) {
      this.host.rawSockets.delete(socket);
      if (joined) this.host.leaveGroup(dev, VRRP_GROUP);
    }
    this.sockets = [];
    this.host.linkWatchers.delete(this.onLink);
  }

  /** vrrp_dispatcher_read → vrrp_check_packet, then the instance's state machine. */
  private receive(packet: Ipv4Packet, dev: NetDevice, frame?: EthernetFrame): void {
    const advert = packet.vrrp;
    if (!advert) return;
    const instance = this.instances.find((i) => i.dev === dev && i.vrid === advert.vrid);
    const source = formatIp4(packet.src);
    if (!instance) {
      this.host.trace('vrrp.advert.unknown-vrid', { vrid: advert.vrid, source, dev: dev.name }, frame);
      return;
    }
    const reject = (log: string, reason: ReturnType<typeof msg>): void => {
      this.write('Keepalived_vrrp', `(${instance.name}) ${log}`);
      this.host.trace('vrrp.advert.rejected', { instance: instance.name, source, reason }, frame);
      instance.receiveInvalid();
    };
    const c = instance.config;
    const ourAuth = c.authType === 'PASS' ? 1 : c.authType === 'AH' ? 2 : 0;
    if (packet.ttl !== 255) return reject(`invalid TTL/HL. Received ${packet.ttl} and expect 255`, msg('vrrp.reject.ttl', { theirs: packet.ttl }));
    if (advert.authType !== ourAuth) return reject(`received a ${advert.authType} auth, expecting ${ourAuth}!`, msg('vrrp.reject.auth-type', { theirs: advert.authType, ours: ourAuth }));
    if (ourAuth === 1 && advert.authData.padEnd(8, '\0') !== c.authPass.padEnd(8, '\0')) return reject('received an invalid passwd!', msg('vrrp.reject.password'));
    if (Math.round(c.advertInt) !== advert.advertInt) {
      return reject(`advertisement interval mismatch mine=${Math.round(c.advertInt)} sec rcv'd=${advert.advertInt} sec`, msg('vrrp.reject.interval', { theirs: advert.advertInt, ours: Math.round(c.advertInt) }));
    }
    if (advert.addresses.length !== c.virtualAddresses.length) {
      return reject(`received an unexpected ip number count ${advert.addresses.length}, expected ${c.virtualAddresses.length}!`, msg('vrrp.reject.count', { theirs: advert.addresses.length, ours: c.virtualAddresses.length }));
    }
    instance.receiveAdvert(packet);
  }
}

const daemons = new WeakMap<Host, KeepalivedDaemon>();

/** The host's keepalived (one per host, created on first use). */
export function keepalivedOf(host: Host): KeepalivedDaemon {
  let daemon = daemons.get(host);
  if (!daemon) {
    daemon = new KeepalivedDaemon(host);
    daemons.set(host, daemon);
  }
  return daemon;
}

/** systemd's ConditionFileNotEmpty=/etc/keepalived/keepalived.conf. */
export function configFileNotEmpty(host: Host): boolean {
  const stat = host.fs.stat(DEFAULT_CONFIG_FILE);
  return stat.ok && stat.value.type === 'file' && stat.value.size > 0;
}
