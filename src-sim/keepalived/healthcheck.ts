// keepalived's checker process (Keepalived_healthcheckers): started only
// when the configuration has a virtual_server. start_check: "Initializing
// ipvs", every virtual server and its real servers into the IPVS table, then
// one checker per TCP_CHECK / HTTP_GET block. On SIGTERM it stops its
// checkers and removes what it added (clear_services).
import type { Host } from '../host/host.ts';
import type { KeepalivedConfig } from './config.ts';
import { Checker } from './check.ts';
import { IpvsWrapper, type VirtualServer } from './ipvs-wrapper.ts';

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
    this.initServices([]);
  }

  /** init_services, then register_checkers_thread (with the state of the same checks before a reload). */
  private initServices(previous: Checker[]): void {
    for (const vs of this.virtualServers) this.wrapper.initService(vs);
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
    for (const checker of this.checkers) checker.start();
  }

  /**
   * SIGHUP (reload_check_thread, clear_diff_services): services no longer
   * configured are removed, kept ones edited if their scheduler or
   * persistence changed; their real servers keep their state and checkers,
   * those gone are removed, new ones added; every checker starts again.
   */
  reload(config: KeepalivedConfig): void {
    this.log('Reloading');
    for (const checker of this.checkers) checker.stop();
    const previous = this.checkers;
    this.checkers = [];
    const next = config.virtualServers.map((vs) => IpvsWrapper.build(vs));
    for (const old of this.virtualServers) {
      const vs = next.find((n) => IpvsWrapper.sameService(old, n));
      if (!vs) {
        this.log(`Removing Virtual Server ${this.wrapper.formatVs(old)}`);
        this.wrapper.clearService(old, false);
        continue;
      }
      vs.alive = old.alive;
      vs.quorumUp = old.quorumUp;
      const o = old.config;
      if (o.lbAlgo !== vs.config.lbAlgo || o.persistenceTimeout !== vs.config.persistenceTimeout) this.wrapper.editService(vs);
      for (const rs of old.realServers) {
        const kept = vs.realServers.find((n) => n.ip === rs.ip && n.port === rs.port);
        if (!kept) {
          this.log(`service ${this.wrapper.formatRs(old, rs)} no longer exist`);
          this.wrapper.clearRealServer(old, rs, false);
          continue;
        }
        kept.alive = rs.alive;
        kept.set = rs.set;
        kept.failedCheckers = rs.failedCheckers;
        kept.reloadedFromWeight = rs.weight;
      }
      if (old.sorry) {
        const same = vs.sorry !== null && vs.sorry.ip === old.sorry.ip && vs.sorry.port === old.sorry.port;
        if (same) {
          vs.sorry!.alive = old.sorry.alive;
          vs.sorry!.set = old.sorry.set;
        } else this.wrapper.clearSorryServer(old, old.sorry);
      }
    }
    this.virtualServers = next;
    this.initServices(previous);
  }

  stop(): void {
    for (const checker of this.checkers) checker.stop();
    for (const vs of this.virtualServers) this.wrapper.clearService(vs, true);
    this.log('Stopped');
  }
}
