// The service names tcpdump prints for ports without -n (from /etc/services
// of Debian's netbase); only ports an LVS lab uses. Filters accept them too.
export const SERVICE_NAMES: ReadonlyMap<number, string> = new Map([
  [21, 'ftp'],
  [22, 'ssh'],
  [23, 'telnet'],
  [25, 'smtp'],
  [53, 'domain'],
  [80, 'http'],
  [110, 'pop3'],
  [143, 'imap2'],
  [443, 'https'],
  [3306, 'mysql'],
  [8080, 'http-alt'],
]);

export const SERVICE_PORTS: ReadonlyMap<string, number> = new Map([...SERVICE_NAMES].map(([port, name]) => [name, port]));
