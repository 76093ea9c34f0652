// The /etc/services names ipvsadm prints without -n (getservbyport) and
// accepts in place of a port (getservbyname), for the ports a lab uses.
const TCP: Record<number, string> = { 20: 'ftp-data', 21: 'ftp', 22: 'ssh', 23: 'telnet', 25: 'smtp', 53: 'domain', 80: 'http', 110: 'pop3', 143: 'imap2', 443: 'https', 993: 'imaps', 995: 'pop3s', 3306: 'mysql', 5432: 'postgresql', 8080: 'http-alt' };
const UDP: Record<number, string> = { 53: 'domain', 67: 'bootps', 68: 'bootpc', 69: 'tftp', 123: 'ntp', 161: 'snmp', 443: 'https', 514: 'syslog' };

export function portName(port: number, proto: string): string | null {
  const table = proto === 'tcp' ? TCP : proto === 'udp' ? UDP : {};
  return Object.hasOwn(table, port) ? table[port]! : null;
}

export function namedPort(name: string, proto: string): number | null {
  const table = proto === 'tcp' ? TCP : proto === 'udp' ? UDP : {};
  for (const [port, n] of Object.entries(table)) if (n === name) return Number(port);
  return null;
}
