// keepalived.service as Debian 12's keepalived 1:2.2.7-1 ships it
// (/lib/systemd/system/keepalived.service, byte for byte), registered with
// the lab's systemd as a daemon it runs natively (host/systemd/daemons.ts).
// Type=notify: `systemctl start` returns when keepalived reports "Startup
// complete" (~0.1 s on Linux); ConditionFileNotEmpty: with an empty or
// missing configuration the start is skipped and exits 0. `systemctl stop`
// returns when the process has exited (~1.1 s). keepalived's log lines go to
// the unit's journal (systemctl status shows the last ten).
import type { Host } from '../host/host.ts';
import { registerDaemon } from '../host/systemd/daemons.ts';
import { configFileNotEmpty, keepalivedOf, type KeepalivedDaemon } from './daemon.ts';

export const KEEPALIVED_UNIT = 'keepalived.service';
/** From `systemctl start` to its return (READY=1 after "Startup complete"). */
export const START_RETURN_US = 100_000;
/** From `systemctl stop` to its return: the exit, then systemd's bookkeeping. */
export const STOP_RETURN_US = 1_100_000;

const DEBIAN_KEEPALIVED_SERVICE = `[Unit]
Description=Keepalive Daemon (LVS and VRRP)
After=network-online.target
Wants=network-online.target
Documentation=man:keepalived(8)
Documentation=man:keepalived.conf(5)
Documentation=man:genhash(1)
Documentation=https://keepalived.org
ConditionFileNotEmpty=/etc/keepalived/keepalived.conf

[Service]
Type=notify
EnvironmentFile=-/etc/default/keepalived
ExecStart=/usr/sbin/keepalived --dont-fork $DAEMON_ARGS
ExecReload=/bin/kill -HUP $MAINPID

[Install]
WantedBy=multi-user.target
`;

/** keepalived's log lines, in the unit's journal as syslog names them (Keepalived_vrrp[1235]: …). */
function journal(host: Host, daemon: KeepalivedDaemon): void {
  daemon.onLog = (line) => host.systemd.journal.push({ at: line.us, ident: `${line.ident}[${line.pid}]`, unit: KEEPALIVED_UNIT, message: line.text });
}

/** Waits, as systemctl does, for `until` on the lab's clock (the command takes that long). */
function waitUntil(host: Host, until: number): void {
  if (until > host.clock.now) host.clock.runUntil(until);
}

registerDaemon({
  unit: KEEPALIVED_UNIT,
  // The lab's Rocky hosts get Debian's unit too: the Rocky package's file is not reproduced here.
  unitFile: () => DEBIAN_KEEPALIVED_SERVICE,
  // Debian's postinst enables it; ConditionFileNotEmpty keeps it inactive until there is a configuration.
  enabledAtInstall: () => true,
  preset: (os) => (os === 'debian-12' ? 'enabled' : 'disabled'),
  isActive: (host) => {
    const daemon = keepalivedOf(host);
    return daemon.running && !daemon.stopping;
  },
  // A unit not started since boot has no inactive_enter_timestamp: systemd prints no "since".
  since: (host) => {
    const daemon = keepalivedOf(host);
    if (daemon.mainPid === 0) return null;
    return daemon.running ? daemon.startedAt : daemon.stoppedAt;
  },
  start: (host) => {
    const daemon = keepalivedOf(host);
    if (daemon.running && !daemon.stopping) return;
    if (!configFileNotEmpty(host)) {
      host.systemd.journal.push({ at: host.clock.now, ident: 'systemd[1]', unit: KEEPALIVED_UNIT, message: 'keepalived.service - Keepalive Daemon (LVS and VRRP) was skipped because of an unmet condition check (ConditionFileNotEmpty=/etc/keepalived/keepalived.conf).' });
      return;
    }
    journal(host, daemon);
    host.systemd.journal.push({ at: host.clock.now, ident: 'systemd[1]', unit: KEEPALIVED_UNIT, message: 'Starting keepalived.service - Keepalive Daemon (LVS and VRRP)...' });
    daemon.start(['/usr/sbin/keepalived', '--dont-fork']);
    waitUntil(host, host.clock.now + START_RETURN_US);
    host.systemd.journal.push({ at: host.clock.now, ident: 'systemd[1]', unit: KEEPALIVED_UNIT, message: 'Started keepalived.service - Keepalive Daemon (LVS and VRRP).' });
  },
  // ExecReload=/bin/kill -HUP $MAINPID: systemctl returns once kill has sent the signal.
  reload: (host) => {
    host.systemd.journal.push({ at: host.clock.now, ident: 'systemd[1]', unit: KEEPALIVED_UNIT, message: 'Reloading keepalived.service - Keepalive Daemon (LVS and VRRP)...' });
    keepalivedOf(host).reload();
    host.systemd.journal.push({ at: host.clock.now, ident: 'systemd[1]', unit: KEEPALIVED_UNIT, message: 'Reloaded keepalived.service - Keepalive Daemon (LVS and VRRP).' });
  },
  stop: (host) => {
    const daemon = keepalivedOf(host);
    if (!daemon.running) return;
    if (!daemon.stopping) host.systemd.journal.push({ at: host.clock.now, ident: 'systemd[1]', unit: KEEPALIVED_UNIT, message: 'Stopping keepalived.service - Keepalive Daemon (LVS and VRRP)...' });
    daemon.stop();
    waitUntil(host, daemon.stopRequestedAt + STOP_RETURN_US);
    host.systemd.journal.push({ at: host.clock.now, ident: 'systemd[1]', unit: KEEPALIVED_UNIT, message: 'keepalived.service: Deactivated successfully.' });
    host.systemd.journal.push({ at: host.clock.now, ident: 'systemd[1]', unit: KEEPALIVED_UNIT, message: 'Stopped keepalived.service - Keepalive Daemon (LVS and VRRP).' });
  },
});
