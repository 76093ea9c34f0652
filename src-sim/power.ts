// Powering a lab host off and on: `reboot`, `poweroff`, `shutdown`, and the
// app's power button. A reboot is a new kernel on the same machine: the lab
// builds a new Host with the same name, NICs (same MACs, same bridge ports)
// and disk, and everything that lived only in memory is gone — addresses,
// routes, neighbours, sysctls, the IPVS table, processes, background jobs,
// the terminal's variables, /run (a tmpfs on both distributions) and, on
// Debian, /tmp's contents (its tmpfiles.d rule `D /tmp` empties it at boot;
// Rocky only ages it). Then it boots as host/boot/boot-sequence.ts says.
//
// The old Host is halted: whatever timers of the old kernel still fire, its
// NICs neither send nor receive. While a host is down its bridge ports stay
// (the switch keeps its MAC in its table); peers notice only the silence:
// their neighbour entries for it age and fail as NUD says, keepalived peers
// stop hearing its adverts.
import type { Lab } from './lab.ts';
import type { PowerAction } from './step.ts';
import type { Host } from './host/host.ts';
import { bootSequence, powerOnState, shutdownSequence, type BootRun } from './host/boot/boot-sequence.ts';
import { keepalivedOf } from './keepalived/daemon.ts';
import { SIGKILL } from './host/signals.ts';
import { dir } from './host/fs.ts';
import { inheritJournal, journalOnDisk } from './host/systemd/journal.ts';
import { MICROS_PER_SECOND } from './core/event-queue.ts';


/**
 * From power-on to the moment systemd brings the network up: firmware,
 * kernel and initramfs, then systemd's early units. A small VM of either
 * distribution takes a few seconds; the lab takes 5 s (not measured: a
 * reboot cannot run in the kernel runner's namespaces).
 */
export const POWER_ON_TO_NETWORK_US = 5 * MICROS_PER_SECOND;
/** From the end of the clean shutdown (or the reset) to power-on: the kernel's last steps and the firmware's reset. */
export const RESET_US = 1 * MICROS_PER_SECOND;

/** Whether the host is powered off (halted and not booting). */
export function isPoweredOff(host: Host): boolean {
  return host.halted;
}

/** Runs lines on a host without showing them on any terminal (a unit's output goes to the journal). */
function quietRun(lab: Lab, name: string): BootRun {
  return (line) => {
    const output = lab.output;
    lab.output = null;
    try {
      return lab.run(name, line);
    } finally {
      lab.output = output;
    }
  };
}

/**
 * Does one power action to a host, inside the running line or step (the
 * caller's budget pays for the virtual time). Returns false when there is
 * nothing to do (`on` for a host that is on, `off` for one that is off).
 */
export function changePower(lab: Lab, name: string, action: PowerAction): boolean {
  const old = lab.host(name);
  if (action === 'on') {
    if (!old.halted) return false;
    powerOn(lab, name);
    return true;
  }
  if (old.halted && (action === 'off' || action === 'poweroff')) return false;
  if (!old.halted && (action === 'reboot' || action === 'poweroff')) shutdownSequence(old, quietRun(lab, name));
  halt(old);
  const next = replaceHost(lab, old);
  next.halted = true;
  if (action === 'reboot' || action === 'cycle') {
    lab.queue.runUntil(lab.queue.now + RESET_US);
    powerOn(lab, name);
  }
  return true;
}

/** The old kernel stops: every process is killed, keepalived's sockets close, the NICs go silent. */
function halt(host: Host): void {
  for (const process of host.processes.list()) if (process.pid !== 1) process.signal?.(SIGKILL);
  const keepalived = keepalivedOf(host);
  if (keepalived.running) keepalived.stop();
  host.halted = true;
}

/** A new kernel for the same machine: same NICs on the same bridge ports, the same disk. */
function replaceHost(lab: Lab, old: Host): Host {
  const next = lab.addHost(old.name);
  next.os = old.os;
  next.boot = old.boot + 1;
  const spec = lab.origin?.scenario.hosts.find((h) => h.name === old.name);
  for (const dev of old.devices) {
    if (dev.isLoopback || !dev.segment) continue;
    const added = next.addDevice(dev.name, dev.mac, dev.segment, false, old.portOf(dev));
    if (spec?.interfaces.find((i) => i.name === dev.name)?.arp === false) added.noarp = true;
  }
  copyDisk(old, next);
  inheritJournal(old, next);
  next.nginx.inheritLog(old.nginx);
  powerOnState(next);
  return next;
}

/** The disk survives: every file but /run's (tmpfs) and, on Debian, /tmp's. */
function copyDisk(from: Host, to: Host): void {
  const root = to.fs.root;
  for (const name of Object.keys(root.entries)) delete root.entries[name];
  Object.assign(root.entries, structuredClone(from.fs.root.entries));
  // place() also makes the disk count its bytes again (fs.ts): /run is always there to empty.
  const emptied = (name: string, mode: number): void => {
    const node = root.entries[name];
    to.fs.place(`/${name}`, dir(mode, node?.type === 'dir' ? node.mtimeUs : 0));
  };
  emptied('run', 0o755);
  if (from.os === 'debian-12') emptied('tmp', 0o1777);
}

/** Power-on: the kernel starts now; the network and units come up POWER_ON_TO_NETWORK_US later. */
function powerOn(lab: Lab, name: string): void {
  const host = lab.host(name);
  host.halted = false;
  host.bootedAtUs = lab.queue.now;
  host.journalFlushed = journalOnDisk(host);
  lab.queue.runUntil(lab.queue.now + POWER_ON_TO_NETWORK_US);
  bootSequence(host, quietRun(lab, name));
  // A fresh login: the boot's commands leave nothing in the terminal's variables.
  host.shellVariables.clear();
}
