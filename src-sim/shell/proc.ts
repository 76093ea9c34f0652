// /proc/sys paths and sysctl names are two spellings of one key.

/** `/proc/sys/net/ipv4/conf/all/arp_ignore` → `net.ipv4.conf.all.arp_ignore`. */
export function procSysPathToKey(path: string): string | null {
  const normal = path.replace(/\/+/g, '/');
  if (!normal.startsWith('/proc/sys/')) return null;
  const rest = normal.slice('/proc/sys/'.length).replace(/\/$/, '');
  return rest === '' ? null : rest.split('/').join('.');
}

/** `net.ipv4.conf.all.arp_ignore` (or with slashes) → `/proc/sys/net/ipv4/conf/all/arp_ignore`. */
export function keyToProcPath(key: string): string {
  return `/proc/sys/${key.replace(/\./g, '/')}`;
}

/** sysctl accepts either dots or slashes as separators. */
export function normaliseKey(key: string): string {
  return key.includes('/') ? key.replace(/^\/+/, '').split('/').join('.') : key;
}
