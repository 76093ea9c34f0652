// How keepalived's checker process programs the director's IPVS table
// (check/ipwrapper.c and ipvswrapper.c of 2.2.7): every virtual server is
// added when the process starts, whatever the VRRP state; its real servers
// are added at once (checkers start "up" unless alpha), removed when their
// checker fails — or kept with weight 0 under inhibit_on_failure — and
// added back when it succeeds; the sorry server replaces them when the live
// weight falls below the quorum. The log lines are keepalived's words.
import { formatIp4, type Ip4 } from '../net/addr.ts';
import type { Host } from '../host/host.ts';
import type { DestSpec, IpvsError, ServiceKey, ServiceSpec } from '../ipvs/state.ts';
import type { ForwardMethod } from '../ipvs/types.ts';
import type { RealServerConfig, VirtualServerConfig } from './config.ts';

/** One real server (or the sorry server) as keepalived tracks it. */
export interface RealServer {
  ip: Ip4;
  port: number;
  weight: number;
  inhibit: boolean;
  /** ISALIVE: in the pool as far as the checkers are concerned. */
  alive: boolean;
  /** rs->set: keepalived has a destination for it in the kernel. */
  set: boolean;
  failedCheckers: number;
  /** Kept through a reload (clear_diff_rs): not added again; a changed weight is edited in. */
  reloadedFromWeight: number | null;
  readonly config: RealServerConfig | null;
}

export interface VirtualServer {
  readonly config: VirtualServerConfig;
  readonly key: ServiceKey;
  readonly realServers: RealServer[];
  readonly sorry: RealServer | null;
  quorumUp: boolean;
  /** ISALIVE(vs): its service is in the kernel. */
  alive: boolean;
}

type Command = 'ADD' | 'EDIT' | 'DEL' | 'ADDDEST' | 'DELDEST' | 'EDITDEST';
/** IP_VS_SO_SET_* (IP_VS_BASE_CTL 1152 + n), as the error line prints them. */
const COMMAND_NUMBER: Record<Command, number> = { ADD: 1153, EDIT: 1154, DEL: 1155, ADDDEST: 1158, DELDEST: 1159, EDITDEST: 1160 };
const ERRNO: Record<IpvsError, number> = { ENOENT: 2, ESRCH: 3, EEXIST: 17, EINVAL: 22, ERANGE: 34 };
const FORWARD: Record<VirtualServerConfig['lbKind'], ForwardMethod> = { DR: 'Route', NAT: 'Masq', TUN: 'Tunnel' };

/** libipvs's ipvs_strerror: messages of the call that failed, else strerror. */
function ipvsStrerror(command: Command, error: IpvsError): string {
  if (error === 'EEXIST' && command === 'ADD') return 'Service already exists';
  if (error === 'ENOENT' && (command === 'ADD' || command === 'EDIT')) return 'Scheduler or persistence engine not found';
  if (error === 'EEXIST' && command === 'ADDDEST') return 'Destination already exists';
  if (error === 'ENOENT' && (command === 'EDITDEST' || command === 'DELDEST')) return 'No such destination';
  if (error === 'ESRCH') return 'No such service';
  if (error === 'EINVAL') return 'Invalid operation.  Possibly wrong module version, address not unicast, ...';
  if (error === 'ERANGE') return 'Numerical result out of range';
  return 'No such file or directory';
}

/** inet_sockaddrtotrio: [198.51.100.11]:tcp:80. */
function trio(ip: Ip4, proto: string, port: number): string {
  return `[${formatIp4(ip)}]:${proto}:${port}`;
}

export class IpvsWrapper {
  constructor(
    private readonly host: Host,
    private readonly log: (text: string) => void,
  ) {}

  /** alloc_vs / alloc_rs with the defaults check_data.c fills in. */
  static build(config: VirtualServerConfig): VirtualServer {
    const proto = config.protocol === 'TCP' ? 'tcp' : 'udp';
    const key: ServiceKey = { proto, addr: config.ip ?? 0, port: config.fwmark !== null ? 0 : config.port, fwmark: config.fwmark ?? 0 };
    const server = (ip: Ip4, port: number, weight: number, inhibit: boolean, rs: RealServerConfig | null): RealServer => ({ ip, port, weight, inhibit, alive: false, set: false, failedCheckers: 0, reloadedFromWeight: null, config: rs });
    return {
      config,
      key,
      realServers: config.realServers.map((rs) => server(rs.ip, rs.port, rs.weight, rs.inhibitOnFailure ?? config.inhibitOnFailure, rs)),
      // A sorry server without a port takes the virtual server's.
      sorry: config.sorryServer ? server(config.sorryServer.ip, config.sorryServer.port || config.port, 1, false, null) : null,
      quorumUp: true,
      alive: false,
    };
  }

  /** vs_iseq: the same service (address, port, protocol or fwmark). */
  static sameService(a: VirtualServer, b: VirtualServer): boolean {
    return a.key.proto === b.key.proto && a.key.addr === b.key.addr && a.key.port === b.key.port && a.key.fwmark === b.key.fwmark;
  }

  formatVs(vs: VirtualServer): string {
    return vs.key.fwmark ? `FWM ${vs.key.fwmark}` : trio(vs.key.addr, vs.key.proto, vs.key.port);
  }

  formatRs(vs: VirtualServer, rs: RealServer): string {
    return trio(rs.ip, vs.key.proto, rs.port);
  }

  /** init_service_vs: the service, its real servers, then the quorum (which may bring in the sorry server). */
  initService(vs: VirtualServer): void {
    if (!vs.alive) {
      this.command('ADD', vs, null);
      vs.alive = true;
    }
    for (const rs of vs.realServers) {
      if (rs.reloadedFromWeight !== null) {
        if (rs.reloadedFromWeight !== rs.weight) this.changeWeight(vs, rs, rs.reloadedFromWeight);
        // Do not re-add failed RS instantly on reload
        continue;
      }
      if ((rs.failedCheckers === 0 && !rs.alive) || (rs.inhibit && !rs.set)) {
        this.command('ADDDEST', vs, rs);
        if (rs.failedCheckers === 0) rs.alive = true;
      }
    }
    this.updateQuorum(vs, true);
  }

  /** clear_service_vs (lvs_flush_on_stop unset): the sorry server, each real server, then the service. */
  clearService(vs: VirtualServer, stopping: boolean): void {
    if (vs.sorry?.set) {
      this.command('DELDEST', vs, vs.sorry, true);
      vs.sorry.alive = false;
    }
    for (const rs of vs.realServers) this.clearRealServer(vs, rs, stopping);
    this.command('DEL', vs, null);
    vs.alive = false;
  }

  /** clear_service_rs: a real server out of the kernel, even under inhibit_on_failure. */
  clearRealServer(vs: VirtualServer, rs: RealServer, stopping: boolean): void {
    if (rs.set || stopping) this.log(`${stopping ? 'Shutting down' : 'Removing'} ${rs.inhibit && !rs.alive ? '(inhibited) ' : ''}service ${this.formatRs(vs, rs)} from VS ${this.formatVs(vs)}`);
    if (!rs.set) return;
    this.command('DELDEST', vs, rs, true);
    rs.alive = false;
  }

  /** clear_diff_services for one service kept through a reload: its new settings edited in. */
  editService(vs: VirtualServer): void {
    this.command('EDIT', vs, null);
  }

  /** clear_diff_s_srv: a sorry server that changed or went away leaves the kernel. */
  clearSorryServer(vs: VirtualServer, sorry: RealServer): void {
    if (sorry.inhibit && !sorry.alive && sorry.set) sorry.alive = true;
    if (!sorry.alive) return;
    this.log(`Removing sorry server ${this.formatRs(vs, sorry)} from VS ${this.formatVs(vs)}`);
    this.command('DELDEST', vs, sorry, true);
  }

  /** update_svr_wgt: a reloaded real server's new weight. */
  private changeWeight(vs: VirtualServer, rs: RealServer, from: number): void {
    this.log(`Changing weight from ${from} to ${rs.weight} for ${rs.alive ? '' : 'in'}active service ${this.formatRs(vs, rs)} of VS ${this.formatVs(vs)}`);
    if (rs.set && rs.alive && (vs.quorumUp || !vs.sorry || !vs.sorry.alive)) this.command('EDITDEST', vs, rs);
  }

  /**
   * The end of migrate_checkers and clear_diff_rs for a real server kept through a reload, once
   * its new checkers exist: with none failed it must be up (added back at once if a check had
   * removed it); with one failed it leaves the kernel (or stays at weight 0 under
   * inhibit_on_failure); a changed forwarding method is edited in.
   */
  reloadedServer(vs: VirtualServer, rs: RealServer, failedCheckers: number, forwardingChanged: boolean): void {
    rs.failedCheckers = failedCheckers;
    if (failedCheckers === 0 && !rs.alive) this.setServerState(vs, rs, true);
    else if (failedCheckers > 0 && rs.set !== rs.inhibit) this.command(rs.inhibit ? 'ADDDEST' : 'DELDEST', vs, rs);
    if (forwardingChanged) this.command('EDITDEST', vs, rs);
  }

  /** update_svr_checker_state: one checker of `rs` went up or down. */
  checkerChanged(vs: VirtualServer, rs: RealServer, up: boolean): void {
    if (up && rs.failedCheckers <= 1) this.setServerState(vs, rs, true);
    if (!up && rs.failedCheckers === 0) this.setServerState(vs, rs, false);
    if (!up) rs.failedCheckers++;
    else if (rs.failedCheckers > 0) rs.failedCheckers--;
  }

  /** perform_svr_state. */
  private setServerState(vs: VirtualServer, rs: RealServer, alive: boolean): void {
    if (rs.alive === alive) return;
    const verb = alive ? (rs.inhibit ? 'Enabl' : 'Add') : rs.inhibit ? 'Disabl' : 'Remov';
    const preposition = rs.inhibit ? 'of' : alive ? 'to' : 'from';
    this.log(`${verb}ing service ${this.formatRs(vs, rs)} ${preposition} VS ${this.formatVs(vs)}`);
    if (vs.quorumUp || !vs.sorry || !vs.sorry.alive) this.command(alive ? 'ADDDEST' : 'DELDEST', vs, rs);
    rs.alive = alive;
    this.updateQuorum(vs, false);
  }

  /** weigh_live_realservers. */
  private liveWeight(vs: VirtualServer): number {
    return vs.realServers.reduce((sum, rs) => sum + (rs.alive ? rs.weight : 0), 0);
  }

  /** update_quorum_state (hysteresis 0). */
  private updateQuorum(vs: VirtualServer, init: boolean): void {
    const sum = this.liveWeight(vs);
    const threshold = vs.config.quorum;
    const sorry = vs.sorry;
    if (!vs.quorumUp && sum >= threshold) {
      vs.quorumUp = true;
      this.log(`Gained quorum ${vs.config.quorum}+0=${threshold} <= ${sum} for VS ${this.formatVs(vs)}`);
      if (sorry?.alive) {
        this.log(`Removing sorry server ${this.formatRs(vs, sorry)} from VS ${this.formatVs(vs)}`);
        this.command('DELDEST', vs, sorry);
        sorry.alive = false;
        this.fillPool(vs, true);
      }
    } else if ((vs.quorumUp && sum < threshold) || (init && !vs.quorumUp && sorry && !sorry.alive)) {
      vs.quorumUp = false;
      this.log(`${init ? 'Starting with quorum down' : 'Lost quorum'} ${vs.config.quorum}-0=${threshold} > ${sum} for VS ${this.formatVs(vs)}`);
      if (sorry && !sorry.alive) {
        this.log(`Adding sorry server ${this.formatRs(vs, sorry)} to VS ${this.formatVs(vs)}`);
        this.fillPool(vs, false);
        this.command('ADDDEST', vs, sorry);
        sorry.alive = true;
      }
    }
  }

  /** perform_quorum_state: the live real servers back into the pool, or out of it for the sorry server. */
  private fillPool(vs: VirtualServer, add: boolean): void {
    this.log(`${add ? 'Adding alive servers to' : 'Removing alive servers from'} the pool for VS ${this.formatVs(vs)}`);
    for (const rs of vs.realServers) {
      if (!rs.alive) continue;
      if (add) rs.alive = false;
      this.command(add ? 'ADDDEST' : 'DELDEST', vs, rs);
      rs.alive = true;
    }
  }

  /** ipvs_cmd then ipvs_talk: inhibit_on_failure turns a removal into weight 0; errors are logged as keepalived logs them. */
  private command(requested: Command, vs: VirtualServer, rs: RealServer | null, forceRemoval = false): void {
    const ipvs = this.host.ipvs;
    const c = vs.config;
    const service: ServiceSpec = {
      ...vs.key,
      schedName: c.lbAlgo,
      persistent: c.persistenceTimeout !== null,
      timeout: c.persistenceTimeout ?? 0,
      netmask: 0xffffffff,
    };
    let command = requested;
    let weight = rs?.weight ?? 0;
    if (rs) {
      const inhibit = rs.inhibit && !forceRemoval;
      if (command === 'DELDEST' && inhibit) {
        weight = 0;
        command = 'EDITDEST';
      } else if (command === 'ADDDEST' && inhibit && rs.set) command = 'EDITDEST';
      else if (command === 'ADDDEST' && !rs.set) {
        rs.set = true;
        if (inhibit && rs.failedCheckers > 0) weight = 0;
      } else if (command === 'DELDEST' && rs.set) rs.set = false;
    }
    const fwd = FORWARD[c.lbKind];
    // Only NAT keeps the real server's port; DR and TUN take the service's.
    const dest: DestSpec = { addr: rs?.ip ?? 0, port: fwd === 'Masq' || !rs ? (rs?.port ?? 0) : vs.key.port, fwd, weight, uThreshold: 0, lThreshold: 0 };
    let error: IpvsError | null;
    if (command === 'ADD') error = ipvs.addService(service);
    else if (command === 'EDIT') error = ipvs.editService(service);
    else if (command === 'DEL') error = ipvs.deleteService(vs.key);
    else if (command === 'ADDDEST') error = ipvs.addDest(vs.key, dest);
    else if (command === 'DELDEST') error = ipvs.deleteDest(vs.key, dest.addr, dest.port);
    else {
      error = ipvs.editDest(vs.key, dest);
      if (error === 'ENOENT') {
        command = 'ADDDEST';
        error = ipvs.addDest(vs.key, dest);
      }
    }
    if (error === null) return;
    const rule = `${vs.key.fwmark ? `Fwm ${vs.key.fwmark}` : `${formatIp4(vs.key.addr)}:${vs.key.proto}:${vs.key.port}`}${rs ? ` -> ${formatIp4(dest.addr)}:${dest.port}` : ''}`;
    this.log(`IPVS cmd IP_VS_SO_SET_${command}(${COMMAND_NUMBER[command]}) error: ${ipvsStrerror(command, error)}(${ERRNO[error]}) (${rule})`);
  }
}
