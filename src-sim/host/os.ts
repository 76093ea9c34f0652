// The distributions a lab host can run (a scenario's per-host `os`); Debian 12 unless it says otherwise.
export const HOST_OSES = ['debian-12', 'rocky-9'] as const;
export type HostOs = (typeof HOST_OSES)[number];
export const DEFAULT_OS: HostOs = 'debian-12';

/** nginx's document root as each distribution's package configures it. */
export const NGINX_ROOT: Record<HostOs, string> = { 'debian-12': '/var/www/html', 'rocky-9': '/usr/share/nginx/html' };
