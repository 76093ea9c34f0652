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
  readonly virtualServers: VirtualServer[];
  readonly checkers: Checker[] = [];
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
    for (const vs of this.virtualServers) {
      vs.realServers.forEach((rs) => {
        for (const c of rs.config?.checkers ?? []) {
          // MISC_CHECK runs a script: the lab runs none, so it is parsed and not started.
          if (c.kind === 'MISC_CHECK') continue;
          this.checkers.push(new Checker(this.host, this.wrapper, vs, rs, c, this.log));
        }
      });
    }
    for (const checker of this.checkers) checker.start();
  }

  stop(): void {
    for (const checker of this.checkers) checker.stop();
    for (const vs of this.virtualServers) this.wrapper.clearService(vs);
    this.log('Stopped');
  }
}
