// The daemons the simulator implements natively (nginx; keepalived registers
// here too): systemd starts and stops them through these hooks instead of
// running their ExecStart= lines. Their unit files are the packages' own,
// placed in the distribution's unit directory at install time, so `systemctl
// cat`, `enable` and `disable` read them like any other unit.
import type { Host } from '../host.ts';
import type { HostOs } from '../os.ts';

export interface BuiltinDaemon {
  /** The unit's name, `nginx.service`. */
  readonly unit: string;
  /** The unit file the distribution's package ships. */
  unitFile(os: HostOs): string;
  /** Whether the package's postinst (or the lab) enables it at install time. */
  enabledAtInstall(os: HostOs): boolean;
  /** The vendor preset systemctl status shows ("enabled" on Debian, where every unit is preset enabled). */
  preset(os: HostOs): 'enabled' | 'disabled';
  isActive(host: Host): boolean;
  /** When it last became active or inactive (systemctl status's "since"); null: not started since boot. */
  since(host: Host): number | null;
  start(host: Host): void;
  stop(host: Host): void;
  /** ExecReload=; a daemon without one refuses reload as systemd does. */
  reload?(host: Host): void;
}

const registry = new Map<string, BuiltinDaemon>();

export function registerDaemon(daemon: BuiltinDaemon): void {
  registry.set(daemon.unit, daemon);
}

export function builtinDaemon(unit: string): BuiltinDaemon | undefined {
  return registry.get(unit);
}

export function builtinDaemons(): BuiltinDaemon[] {
  return [...registry.values()];
}

/** Where each distribution's packages put their unit files. */
export const PACKAGE_UNIT_DIRECTORY: Record<HostOs, string> = { 'debian-12': '/lib/systemd/system', 'rocky-9': '/usr/lib/systemd/system' };

// nginx-common 1.22.1-9+deb12u12, /lib/systemd/system/nginx.service, byte for byte.
const DEBIAN_NGINX_SERVICE = `# Stop dance for nginx
# =======================
#
# ExecStop sends SIGQUIT (graceful stop) to the nginx process.
# If, after 5s (--retry QUIT/5) nginx is still running, systemd takes control
# and sends SIGTERM (fast shutdown) to the main process.
# After another 5s (TimeoutStopSec=5), and if nginx is alive, systemd sends
# SIGKILL to all the remaining processes in the process group (KillMode=mixed).
#
# nginx signals reference doc:
# http://nginx.org/en/docs/control.html
#
[Unit]
Description=A high performance web server and a reverse proxy server
Documentation=man:nginx(8)
After=network-online.target remote-fs.target nss-lookup.target
Wants=network-online.target

[Service]
Type=forking
PIDFile=/run/nginx.pid
ExecStartPre=/usr/sbin/nginx -t -q -g 'daemon on; master_process on;'
ExecStart=/usr/sbin/nginx -g 'daemon on; master_process on;'
ExecReload=/usr/sbin/nginx -g 'daemon on; master_process on;' -s reload
ExecStop=-/sbin/start-stop-daemon --quiet --stop --retry QUIT/5 --pidfile /run/nginx.pid
TimeoutStopSec=5
KillMode=mixed

[Install]
WantedBy=multi-user.target
`;

// Rocky Linux 9's nginx 1.20.1 package (Fedora's unit file).
const ROCKY_NGINX_SERVICE = `[Unit]
Description=The nginx HTTP and reverse proxy server
After=network-online.target remote-fs.target nss-lookup.target
Wants=network-online.target

[Service]
Type=forking
PIDFile=/run/nginx.pid
# Nginx will fail to start if /run/nginx.pid already exists but has the wrong
# SELinux context. This might happen when running \`nginx -t\` from the cmdline.
# https://bugzilla.redhat.com/show_bug.cgi?id=1268621
ExecStartPre=/usr/bin/rm -f /run/nginx.pid
ExecStartPre=/usr/sbin/nginx -t
ExecStart=/usr/sbin/nginx
ExecReload=/usr/sbin/nginx -s reload
KillSignal=SIGQUIT
TimeoutStopSec=5
KillMode=process
PrivateTmp=true

[Install]
WantedBy=multi-user.target
`;

registerDaemon({
  unit: 'nginx.service',
  unitFile: (os) => (os === 'debian-12' ? DEBIAN_NGINX_SERVICE : ROCKY_NGINX_SERVICE),
  // Every lab host serves its page from boot (web-server.ts), as if the learner had enabled it.
  enabledAtInstall: () => true,
  preset: (os) => (os === 'debian-12' ? 'enabled' : 'disabled'),
  isActive: (host) => host.nginx.running,
  since: (host) => (host.nginx.running ? host.nginx.startedAt : host.nginx.stoppedAt),
  start: (host) => host.nginx.start(),
  stop: (host) => host.nginx.stop(),
  // nginx -s reload re-reads its configuration; the lab's nginx has nothing to re-read.
  reload: () => {},
});
