// The distributions a lab host can run (a scenario's per-host `os`); Debian 12 unless it says otherwise.
export const HOST_OSES = ['debian-12', 'rocky-9'] as const;
export type HostOs = (typeof HOST_OSES)[number];
export const DEFAULT_OS: HostOs = 'debian-12';

/** nginx's document root as each distribution's package configures it. */
export const NGINX_ROOT: Record<HostOs, string> = { 'debian-12': '/var/www/html', 'rocky-9': '/usr/share/nginx/html' };

/** The rc.local each distribution's rc-local.service runs (ConditionFileIsExecutable=). */
export const RC_LOCAL: Record<HostOs, string> = { 'debian-12': '/etc/rc.local', 'rocky-9': '/etc/rc.d/rc.local' };

/** Debian's ipvsadm package: its init script's settings, and the rules it restores at boot when AUTO="true". */
export const DEBIAN_IPVSADM_DEFAULTS = '/etc/default/ipvsadm';
export const DEBIAN_IPVSADM_RULES = '/etc/ipvsadm.rules';
/** Rocky's ipvsadm.service: restored at start, saved at stop. */
export const ROCKY_IPVSADM_RULES = '/etc/sysconfig/ipvsadm';
