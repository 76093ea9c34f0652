// keepalived's checker process (Keepalived_healthcheckers): started only
// when the configuration has a virtual_server. start_check: "Initializing
// ipvs", every virtual server and its real servers into the IPVS table, then
// one checker per TCP_CHECK / HTTP_GET block. On SIGTERM it stops its
// checkers and removes what it added (clear_services).
import type { Host } from '../host/host.ts';
import type { KeepalivedConfig } from './config.ts';
import { Checker } from './check.ts';
import { IpvsWrapper, type RealServer, type VirtualServer } from './ipvs-wrapper.ts';

export class HealthcheckChild {
  virtualServers: VirtualServer[];
  checkers: Checker[] = [];
  private readonly wrapper: IpvsWrapper;

  constructor(
    private readonly host: Host,
    config: KeepalivedConfig,
    private readonly log: (text: string) => void,
  ) {
    this.wrapper = new IpvsWrapper(host, log);
    this.virtualServers = config.virtualServers.map((vs) => IpvsWrapper.build(vs));
  }

  start(): void {
    this.log('Initializing ipvs');
    for (const vs of this.virtualServers) this.wrapper.initService(vs);
    this.queueCheckers([]);
    this.startCheckers();
  }

  /** register_checkers_thread. */
  private startCheckers(): void {
    for (const checker of this.checkers) checker.start();
  }

  /** The checkers the configuration queues as it is read (before a reload's diff, as in keepalived). */
  private queueCheckers(previous: readonly Checker[]): void {
    for (const vs of this.virtualServers) {
      vs.realServers.forEach((rs) => {
        for (const c of rs.config?.checkers ?? []) {
          // MISC_CHECK runs a script: the lab runs none, so it is parsed and not started.
          if (c.kind === 'MISC_CHECK') continue;
          const checker = new Checker(this.host, this.wrapper, vs, rs, c, this.log);
          const old = previous.find((p) => checker.sameCheck(p));
          if (old) checker.adopt(old);
          this.checkers.push(checker);
        }
      });
    }
  }

  /**
   * SIGHUP (reload_check_thread): the new configuration's checkers are
   * queued, then clear_diff_services: services no longer configured are
   * removed, kept ones edited if their scheduler or persistence changed;
   * their real servers keep their state, take the state of their unchanged
   * checks (migrate_checkers) and are put up or down by it at once, those
   * gone are removed; then init_services adds what is new, and every checker
   * starts again.
   */
  reload(config: KeepalivedConfig): void {
    this.log('Reloading');
    for (const checker of this.checkers) checker.stop();
    const previous = this.checkers;
    const old = this.virtualServers;
    this.checkers = [];
    this.virtualServers = config.virtualServers.map((vs) => IpvsWrapper.build(vs));
    this.queueCheckers(previous);
    for (const before of old) {
      const vs = this.virtualServers.find((n) => IpvsWrapper.sameService(before, n));
      if (!vs) {
        this.log(`Removing Virtual Server ${this.wrapper.formatVs(before)}`);
        this.wrapper.clearService(before, false);
        continue;
      }
      vs.alive = before.alive;
      vs.quorumUp = before.quorumUp;
      const o = before.config;
      if (o.lbAlgo !== vs.config.lbAlgo || o.persistenceTimeout !== vs.config.persistenceTimeout) this.wrapper.editService(vs);
      for (const rs of before.realServers) {
        const kept = vs.realServers.find((n) => n.ip === rs.ip && n.port === rs.port);
        if (!kept) {
          this.log(`service ${this.wrapper.formatRs(before, rs)} no longer exist`);
          this.wrapper.clearRealServer(before, rs, false);
          continue;
        }
        kept.alive = rs.alive;
        kept.set = rs.set;
        kept.reloadedFromWeight = rs.weight;
        this.migrate(vs, kept, o.lbKind !== vs.config.lbKind);
      }
      if (before.sorry) {
        const same = vs.sorry !== null && vs.sorry.ip === before.sorry.ip && vs.sorry.port === before.sorry.port;
        if (same) {
          vs.sorry!.alive = before.sorry.alive;
          vs.sorry!.set = before.sorry.set;
        } else this.wrapper.clearSorryServer(before, before.sorry);
      }
    }
    for (const vs of this.virtualServers) this.wrapper.initService(vs);
    this.startCheckers();
  }

  /** migrate_checkers: the failed checks are counted on the new checkers, which decide the real server's state now. */
  private migrate(vs: VirtualServer, rs: RealServer, forwardingChanged: boolean): void {
    const mine = this.checkers.filter((c) => c.rs === rs);
    const failed = mine.filter((c) => c.hasRun && !c.isUp).length;
    if (failed > 0 || (!rs.alive && !mine.some((c) => c.hasRun))) for (const c of mine) c.failOnFirstError();
    this.wrapper.reloadedServer(vs, rs, failed, forwardingChanged);
  }

  stop(): void {
    for (const checker of this.checkers) checker.stop();
    for (const vs of this.virtualServers) this.wrapper.clearService(vs, true);
    this.log('Stopped');
  }
}
