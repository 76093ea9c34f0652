// What a host does between power-on and the login prompt, in systemd's
// order, and what a clean shutdown does first. Only what the files on disk
// say comes back: the kernel starts with every NIC down and no address but
// lo's 127.0.0.1 (inetdev_event adds it when lo comes up), default sysctls,
// an empty IPVS table and no neighbours; then
//   1. systemd-sysctl.service (sysinit.target): the sysctl.d files (systemd-sysctl.ts);
//   2. the network (before network.target): Debian's networking.service
//      (`ifup -a --read-environment`) and ifup@DEV.service for each
//      allow-hotplug NIC udev finds; Rocky's NetworkManager with the ifcfg
//      files (ifcfg.ts);
//   3. multi-user.target's units: the links in
//      /etc/systemd/system/multi-user.target.wants, plus rc-local.service
//      when /etc/rc.local is executable (systemd-rc-local-generator), in
//      After= order (units without an order between them by name: systemd
//      starts them in parallel); on Debian the ipvsadm init script (enabled
//      by its package) restores /etc/ipvsadm.rules when /etc/default/ipvsadm
//      says AUTO="true" (systemd-sysv-generator runs it as ipvsadm.service).
import type { CommandResult } from '../../api.ts';
import type { Host } from '../host.ts';
import { shellQuote, unitName, WANTS_ROOT, type UnitExec } from '../systemd/manager.ts';
import { applySysctlFiles } from './systemd-sysctl.ts';
import { activationCommands, bootConnections } from './ifcfg.ts';
import { createRuntimeDirectories } from '../os-tree.ts';
import { DEBIAN_IPVSADM_DEFAULTS, DEBIAN_IPVSADM_RULES, RC_LOCAL } from '../os.ts';

/** Runs one command line on the booting host, as a unit's process runs (not typed at a terminal). */
export type BootRun = (line: string) => CommandResult;


function journal(host: Host, unit: string, ident: string, result: CommandResult): void {
  for (const line of `${result.stdout}${result.stderr}`.split('\n')) if (line !== '') host.systemd.journal.push({ at: host.clock.now, ident, unit, message: line });
}

const unitExec = (run: BootRun): UnitExec => (argv) => run(argv.map(shellQuote).join(' '));

/** The kernel's state at power-on: NICs down (lo comes up with 127.0.0.1 as systemd's loopback setup raises it), nginx not yet started. */
export function powerOnState(host: Host): void {
  for (const dev of host.devices) if (!dev.isLoopback) dev.up = false;
  host.nginx.stop();
}

/** Boots the host: sysctls, network, then multi-user.target's units. */
export function bootSequence(host: Host, run: BootRun): void {
  createRuntimeDirectories(host.fs, host.os);
  for (const message of applySysctlFiles(host)) host.systemd.journal.push({ at: host.clock.now, ident: 'systemd-sysctl[190]', unit: 'systemd-sysctl.service', message });
  if (host.os === 'debian-12') debianNetwork(host, run);
  else rockyNetwork(host, run);
  for (const name of bootUnits(host)) {
    if (name === 'rc-local.service' && !rcLocalExecutable(host)) continue;
    // What a failed start says goes to the unit's journal already; systemctl's "Job for … failed" is for a terminal only.
    host.systemd.start(name, unitExec(run));
  }
  if (host.os === 'debian-12') debianIpvsadm(host, run);
}

function debianNetwork(host: Host, run: BootRun): void {
  // ifupdown's state directory (its tmpfiles.d/ifupdown.conf).
  host.fs.mkdir('/run/network', { parents: true });
  journal(host, 'networking.service', 'ifup[300]', run('ifup -a --read-environment'));
  for (const dev of host.devices) {
    if (dev.isLoopback || dev.up) continue;
    journal(host, `ifup@${dev.name}.service`, 'ifup[310]', run(`ifup --allow=hotplug ${dev.name}`));
  }
}

function rockyNetwork(host: Host, run: BootRun): void {
  for (const connection of bootConnections(host.fs)) {
    if (!host.device(connection.device)) continue;
    for (const command of activationCommands(connection)) journal(host, 'NetworkManager.service', 'NetworkManager[650]', run(command));
  }
}

function rcLocalExecutable(host: Host): boolean {
  const stat = host.fs.stat(RC_LOCAL[host.os]);
  return stat.ok && stat.value.type === 'file' && (stat.value.mode & 0o111) !== 0;
}

/** /etc/default/ipvsadm is a shell fragment; the init script reads AUTO from it. */
function debianIpvsadm(host: Host, run: BootRun): void {
  const defaults = host.fs.read(DEBIAN_IPVSADM_DEFAULTS);
  if (!defaults.ok) return;
  const auto = /^\s*AUTO=["']?([^"'\s]*)["']?\s*$/m.exec(defaults.value.split('\n').filter((l) => !l.trim().startsWith('#')).join('\n'))?.[1];
  if (auto !== 'true' || !host.fs.stat(DEBIAN_IPVSADM_RULES).ok) return;
  run('ipvsadm -C');
  journal(host, 'ipvsadm.service', 'ipvsadm[700]', run(`ipvsadm -R < ${DEBIAN_IPVSADM_RULES}`));
}

/**
 * multi-user.target's wanted units in start order: a unit comes after every
 * unit of the set it names in After=; the rest by name. rc-local.service
 * joins when the generator would add it (checked by the caller).
 */
export function bootUnits(host: Host): string[] {
  const dir = host.fs.list(`${WANTS_ROOT}/multi-user.target.wants`);
  const names = new Set((dir.ok ? dir.value : []).map(unitName));
  names.add('rc-local.service');
  const after = new Map<string, string[]>();
  for (const name of names) after.set(name, host.systemd.unit(name)?.file.after.filter((n) => names.has(n)) ?? []);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    if (ordered.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const before of after.get(name) ?? []) visit(before);
    visiting.delete(name);
    ordered.push(name);
  };
  for (const name of [...names].sort()) visit(name);
  return ordered.filter((name) => host.systemd.findFile(name) !== null);
}

/**
 * A clean shutdown (reboot, poweroff): systemd stops the active units in the
 * reverse of their start order, running their ExecStop= (keepalived resigns
 * with priority 0; Rocky's ipvsadm.service saves the table to
 * /etc/sysconfig/ipvsadm).
 */
export function shutdownSequence(host: Host, run: BootRun): void {
  for (const name of host.systemd.activeUnits().reverse()) host.systemd.stop(name, unitExec(run));
}
