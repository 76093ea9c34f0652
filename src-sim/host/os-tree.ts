// The files a host boots with. Every host gets the directories any Linux host
// has, /dev/null, /etc/hostname and nginx's page and access log (web-server.ts
// serves the page from here and writes the log); then its distribution's
// files: Debian 12 (the default) or the Rocky Linux 9 family, with the
// network configuration written for the addresses the scenario gives it, as
// the installer would have. Only what LVS tutorials touch is there.
import { dir, type FsNode, type HostFileSystem } from './fs.ts';
import { DEBIAN_IPVSADM_DEFAULTS, NGINX_ROOT, RC_LOCAL, type HostOs } from './os.ts';
import { ACCESS_LOG, INDEX_HTML } from './web-server.ts';
import { builtinDaemons, PACKAGE_UNIT_DIRECTORY } from './systemd/daemons.ts';
import { PERSISTENT_JOURNAL_DIRECTORY } from './systemd/journal.ts';
import { DEBIAN_NGINX_CONF, DEBIAN_NGINX_DEFAULT_SITE, DEBIAN_OS_RELEASE, DEBIAN_SYSCTL_CONF, DEBIAN_SYSCTL_README, NGINX_WELCOME_PAGE } from './debian-files.ts';


/** What the installer knew about the host's network: its configured NICs and default gateway. */
export interface InstalledNetwork {
  interfaces: ReadonlyArray<{ name: string; addresses: readonly string[] }>;
  /** The scenario's routes (what follows `ip route add`). */
  routes: readonly string[];
  /** The scenario's sysctls (key → value), which the lab's hosts were set up with and keep at every boot. */
  sysctl?: Readonly<Record<string, string>>;
}

/** Where the scenario's sysctls are kept, so that a reboot brings them back as it brings the addresses back. */
export const SCENARIO_SYSCTL_FILE = '/etc/sysctl.d/60-lab-scenario.conf';

const DIRECTORIES: ReadonlyArray<readonly [string, number]> = [
  ['/dev', 0o755],
  ['/etc', 0o755],
  // The keepalived package's directory (Debian 12 ships it with only keepalived.conf.sample).
  ['/etc/keepalived', 0o755],
  ['/proc', 0o555],
  // A tmpfs on both distributions (power.ts empties it at every boot).
  ['/run', 0o755],
  ['/root', 0o700],
  ['/sys', 0o555],
  ['/tmp', 0o1777],
  ['/usr/bin', 0o755],
  ['/usr/sbin', 0o755],
  ['/var/log/nginx', 0o755],
  ['/var/www/html', 0o755],
];

const file = (text: string, mode = 0o644): FsNode => ({ type: 'file', mode, mtimeUs: 0, text });
const link = (target: string): FsNode => ({ type: 'symlink', mtimeUs: 0, target });

/** Fills a new host's file system as every distribution has it at boot (virtual time 0). */
export function buildBootTree(fs: HostFileSystem, hostName: string): void {
  for (const [path, mode] of DIRECTORIES) fs.place(path, dir(mode, 0));
  // Both distributions merged /usr: /bin and /sbin are links into it.
  fs.place('/bin', link('usr/bin'));
  fs.place('/sbin', link('usr/sbin'));
  fs.place('/dev/null', { type: 'char', mode: 0o666, mtimeUs: 0, device: 'null' });
  fs.place('/etc/hostname', file(`${hostName}\n`));
  // The page holds the host's name, as `echo $(hostname) > index.html` writes it in the tutorials.
  fs.place(INDEX_HTML, file(`${hostName}\n`));
  fs.place(ACCESS_LOG, { type: 'file', mode: 0o640, mtimeUs: 0, text: '', source: 'nginx-access-log' });
  fs.place('/var/log/nginx/error.log', file('', 0o640));
  fs.place('/etc/systemd/system/multi-user.target.wants', dir(0o755, 0));
}

/** Where Debian 12 installs the programs the lab knows (merged /usr); anything else is in /usr/bin. */
const SBIN = new Set(['arp', 'ifconfig', 'ifdown', 'ifup', 'ipvsadm', 'ipvsadm-restore', 'ipvsadm-save', 'keepalived', 'halt', 'modprobe', 'nginx', 'poweroff', 'reboot', 'route', 'service', 'shutdown', 'sysctl']);
/** Shell keywords and builtins with no program of their own. */
const NOT_PROGRAMS = new Set(['cd', 'export', 'unset', 'shift', 'exit', 'return', 'source', '.', 'set', 'local', 'history', 'help', 'type', 'read', '[[', 'alias']);

/** The distribution's files, written after the host's interfaces are configured; `programs` are the commands the lab knows. */
export function installOs(fs: HostFileSystem, os: HostOs, hostName: string, network: InstalledNetwork, programs: readonly string[]): void {
  for (const name of programs) {
    if (NOT_PROGRAMS.has(name) || name.includes('/')) continue;
    // Rocky's iproute installs ip in /usr/sbin; Debian's in /usr/bin, with a link in /usr/sbin.
    const sbin = SBIN.has(name) || (os === 'rocky-9' && name === 'ip');
    fs.place(`${sbin ? '/usr/sbin' : '/usr/bin'}/${name}`, file('', 0o755));
  }
  fs.place('/etc/sysctl.d/99-sysctl.conf', link('../sysctl.conf'));
  const sysctls = Object.entries(network.sysctl ?? {});
  if (sysctls.length > 0) fs.place(SCENARIO_SYSCTL_FILE, file(`# The scenario's sysctls: systemd-sysctl sets them at every boot.\n${sysctls.map(([key, value]) => `${key} = ${value}\n`).join('')}`));
  // systemd's tmpfiles.d/var.conf and legacy.conf: the compatibility links into /run.
  fs.place('/var/run', link('../run'));
  fs.place('/var/lock', link('../run/lock'));
  createRuntimeDirectories(fs, os);
  if (os === 'debian-12') installDebian(fs, hostName, network);
  else installRocky(fs, hostName, network);
  installDaemonUnits(fs, os);
  installBootUnits(fs, os);
}

/**
 * What systemd-tmpfiles-setup.service creates in the empty /run tmpfs at every boot (systemd 252's
 * tmpfiles.d/legacy.conf, built with SysV compatibility on both distributions): /run/lock, and
 * /run/lock/subsys, where Rocky's stock rc.local touches `local`. Debian mounts /run/lock as a tmpfs
 * of its own with mode 1777 (its run-lock.mount); Rocky keeps legacy.conf's 0755.
 */
export function createRuntimeDirectories(fs: HostFileSystem, os: HostOs): void {
  fs.place('/run/lock', dir(os === 'debian-12' ? 0o1777 : 0o755, 0));
  fs.place('/run/lock/subsys', dir(0o755, 0));
}

/** systemd's rc-local.service (pulled in by systemd-rc-local-generator only when rc.local is executable) and the ipvsadm package's boot hook. */
function installBootUnits(fs: HostFileSystem, os: HostOs): void {
  const dir = PACKAGE_UNIT_DIRECTORY[os];
  fs.place(`${dir}/rc-local.service`, file(rcLocalService(RC_LOCAL[os])));
  if (os === 'debian-12') fs.place(DEBIAN_IPVSADM_DEFAULTS, file(DEBIAN_IPVSADM_DEFAULT_TEXT));
  else fs.place(`${dir}/ipvsadm.service`, file(ROCKY_IPVSADM_SERVICE));
}

/** units/rc-local.service.in of systemd 252 with the distribution's rc.local path. */
function rcLocalService(path: string): string {
  return `#  SPDX-License-Identifier: LGPL-2.1-or-later
#
#  This file is part of systemd.
#
#  systemd is free software; you can redistribute it and/or modify it
#  under the terms of the GNU Lesser General Public License as published by
#  the Free Software Foundation; either version 2.1 of the License, or
#  (at your option) any later version.

# This unit gets pulled automatically into multi-user.target by
# systemd-rc-local-generator if ${path} is executable.
[Unit]
Description=${path} Compatibility
Documentation=man:systemd-rc-local-generator(8)
ConditionFileIsExecutable=${path}
After=network.target

[Service]
Type=forking
ExecStart=${path} start
TimeoutSec=0
RemainAfterExit=yes
GuessMainPID=no
`;
}

/** Debian's ipvsadm package: /etc/default/ipvsadm as its postinst writes it (rules are restored at boot only with AUTO="true"). */
const DEBIAN_IPVSADM_DEFAULT_TEXT = `# ipvsadm

# if you want to start ipvsadm on boot set this to true
AUTO="false"

# daemon method (none|master|backup)
DAEMON="none"

# use interface (eth0,eth1...)
IFACE="eth0"

# syncid to use
# (0 means no filtering of syncids happen, that is the default)
# SYNCID="0"
`;

/** The RHEL 9 / Rocky 9 ipvsadm package's unit: restores /etc/sysconfig/ipvsadm at start, saves the table there at stop. Disabled after install. */
const ROCKY_IPVSADM_SERVICE = `[Unit]
Description=Initialise the Linux Virtual Server
After=syslog.target network.target

[Service]
Type=oneshot
ExecStart=/bin/bash -c "exec /sbin/ipvsadm-restore < /etc/sysconfig/ipvsadm"
ExecStop=/bin/bash -c "exec /sbin/ipvsadm-save -n > /etc/sysconfig/ipvsadm"
ExecStop=/sbin/ipvsadm -C
RemainAfterExit=yes

[Install]
WantedBy=multi-user.target
`;

/** The unit files of the daemons the lab runs natively, where their packages put them, enabled as the lab runs them. */
function installDaemonUnits(fs: HostFileSystem, os: HostOs): void {
  const dir = PACKAGE_UNIT_DIRECTORY[os];
  fs.mkdir(dir, { parents: true });
  for (const daemon of builtinDaemons()) {
    fs.place(`${dir}/${daemon.unit}`, file(daemon.unitFile(os)));
    if (daemon.enabledAtInstall(os)) fs.place(`/etc/systemd/system/multi-user.target.wants/${daemon.unit}`, link(`${dir}/${daemon.unit}`));
  }
}

function installDebian(fs: HostFileSystem, hostName: string, network: InstalledNetwork): void {
  fs.place('/usr/sbin/ip', link('/bin/ip'));
  fs.place('/usr/bin/sh', link('dash'));
  fs.place('/usr/bin/dash', file('', 0o755));
  fs.place('/usr/bin/bash', file('', 0o755));
  fs.place('/etc/debian_version', file('12.11\n'));
  // Debian's systemd package creates it: the journal is persistent (since Debian 11: its release notes' "persistent systemd journal").
  fs.place(PERSISTENT_JOURNAL_DIRECTORY, dir(0o2755, 0));
  fs.place('/etc/os-release', link('../usr/lib/os-release'));
  fs.place('/usr/lib/os-release', file(DEBIAN_OS_RELEASE));
  fs.place('/etc/hosts', file(`127.0.0.1\tlocalhost\n127.0.1.1\t${hostName}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`));
  fs.place('/etc/sysctl.conf', file(DEBIAN_SYSCTL_CONF));
  fs.place('/etc/sysctl.d/README.sysctl', file(DEBIAN_SYSCTL_README));
  fs.place('/etc/network/interfaces', file(debianInterfaces(network)));
  fs.place('/etc/network/interfaces.d', dir(0o755, 0));
  // What ifup -a and udev's ifup@ brought up at boot: lo and every configured NIC (ifupdown's state file).
  const up = ['lo', ...network.interfaces.filter((i) => i.name !== 'lo' && i.addresses.length > 0).map((i) => i.name)];
  fs.place('/run/network', dir(0o755, 0));
  fs.place('/run/network/ifstate', file(up.map((name) => `${name}=${name}\n`).join('')));
  fs.place('/etc/nginx/nginx.conf', file(DEBIAN_NGINX_CONF));
  fs.place('/etc/nginx/sites-available/default', file(DEBIAN_NGINX_DEFAULT_SITE));
  fs.place('/etc/nginx/sites-enabled/default', link('/etc/nginx/sites-available/default'));
  fs.place('/etc/nginx/conf.d', dir(0o755, 0));
  fs.place('/var/www/html/index.nginx-debian.html', file(NGINX_WELCOME_PAGE));
}

/** The default gateway a scenario route names, and the interface it goes through. */
function gateway(network: InstalledNetwork): string | null {
  for (const route of network.routes) {
    const match = /^default\s+via\s+(\S+)/.exec(route.trim());
    if (match) return match[1]!;
  }
  return null;
}

/** The interface whose first address is in the gateway's subnet (or the first configured one). */
function gatewayInterface(network: InstalledNetwork, via: string | null): string | null {
  if (via === null) return null;
  const toNumber = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  for (const iface of network.interfaces) {
    for (const cidr of iface.addresses) {
      const [ip = '', len = '32'] = cidr.split('/');
      const size = 2 ** (32 - Number(len));
      if (Math.floor(toNumber(ip) / size) === Math.floor(toNumber(via) / size)) return iface.name;
    }
  }
  return null;
}

/** /etc/network/interfaces as the Debian 12 installer writes it (netcfg), one static stanza per address. */
function debianInterfaces(network: InstalledNetwork): string {
  let text = '# This file describes the network interfaces available on your system\n# and how to activate them. For more information, see interfaces(5).\n\nsource /etc/network/interfaces.d/*\n\n# The loopback network interface\nauto lo\niface lo inet loopback\n';
  const via = gateway(network);
  const through = gatewayInterface(network, via);
  let primary = true;
  for (const iface of network.interfaces) {
    if (iface.addresses.length === 0) continue;
    if (iface.name === 'lo') {
      for (const address of iface.addresses) text += `\niface lo inet static\n\taddress ${address}\n`;
      continue;
    }
    text += primary ? '\n# The primary network interface\n' : '\n';
    primary = false;
    text += `allow-hotplug ${iface.name}\n`;
    iface.addresses.forEach((address, i) => {
      text += `iface ${iface.name} inet static\n\taddress ${address}\n`;
      if (i === 0 && iface.name === through) text += `\tgateway ${via}\n`;
    });
  }
  return text;
}

const ROCKY_RELEASE = 'Rocky Linux release 9.4 (Blue Onyx)\n';

function installRocky(fs: HostFileSystem, hostName: string, network: InstalledNetwork): void {
  void hostName;
  fs.place('/usr/bin/sh', link('bash'));
  fs.place('/usr/bin/bash', file('', 0o755));
  fs.place('/etc/rocky-release', file(ROCKY_RELEASE));
  fs.place('/etc/redhat-release', link('rocky-release'));
  fs.place('/etc/system-release', link('rocky-release'));
  fs.place('/etc/hosts', file('127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\n::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\n'));
  fs.place('/etc/sysctl.conf', file('# sysctl settings are defined through files in\n# /usr/lib/sysctl.d/, /run/sysctl.d/, and /etc/sysctl.d/.\n#\n# Vendors settings live in /usr/lib/sysctl.d/.\n# To override a whole file, create a new file with the same in\n# /etc/sysctl.d/ and put new settings there. To override\n# only specific settings, add a file with a lexically later\n# name in /etc/sysctl.d/ and put new settings there.\n#\n# For more information, see sysctl.conf(5) and sysctl.d(5).\n'));
  // rc.local runs at boot only once made executable (rc-local.service's ConditionFileIsExecutable).
  fs.place('/etc/rc.d/rc.local', file("#!/bin/bash\n# THIS FILE IS ADDED FOR COMPATIBILITY PURPOSES\n#\n# It is highly advisable to create own systemd services or udev rules\n# to run scripts during boot instead of using this file.\n#\n# In contrast to previous versions due to parallel execution during boot\n# this script will NOT be run after all other services.\n#\n# Please note that you must run 'chmod +x /etc/rc.d/rc.local' to ensure\n# that this script will be executed during boot.\n\ntouch /var/lock/subsys/local\n"));
  fs.place('/etc/rc.local', link('rc.d/rc.local'));
  fs.place('/etc/sysconfig/network-scripts', dir(0o755, 0));
  const via = gateway(network);
  const through = gatewayInterface(network, via);
  for (const iface of network.interfaces) {
    if (iface.addresses.length === 0 || iface.name === 'lo') continue;
    fs.place(`/etc/sysconfig/network-scripts/ifcfg-${iface.name}`, file(rockyIfcfg(iface.name, iface.addresses, iface.name === through ? via : null)));
  }
  fs.place('/etc/nginx/conf.d', dir(0o755, 0));
  // nginx's page lives in the package's document root, not Debian's /var/www/html.
  fs.mkdir(NGINX_ROOT['rocky-9'], { parents: true });
  fs.rename(INDEX_HTML, `${NGINX_ROOT['rocky-9']}/index.html`);
  fs.remove('/var/www', { recursive: true });
}

/** An ifcfg file for a static NIC (initscripts' format, which NetworkManager's ifcfg-rh plugin reads): IPADDR, IPADDR1, … */
function rockyIfcfg(name: string, addresses: readonly string[], via: string | null): string {
  let text = `TYPE=Ethernet\nBOOTPROTO=none\nNAME=${name}\nDEVICE=${name}\nONBOOT=yes\n`;
  addresses.forEach((cidr, i) => {
    const [ip, len = '32'] = cidr.split('/');
    const n = i === 0 ? '' : String(i);
    text += `IPADDR${n}=${ip}\nPREFIX${n}=${len}\n`;
  });
  if (via) text += `GATEWAY=${via}\n`;
  return text;
}
