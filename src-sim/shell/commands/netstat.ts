// net-tools 2.10 netstat: TCP sockets (-t -u -a -l -n -p), the routing table
// (-r), the interface table (-i) with the devices' counters.
import type { Command, CommandContext } from '../context.ts';
import { getopt, glibcMessage, type OptionSpec } from '../getopt.ts';
import { NETSTAT_FAMILIES, NETSTAT_USAGE } from './netstat-usage.ts';
import { printRouteTable } from './route.ts';
import { serviceName, tcpSockets, type SocketRow } from './sockets.ts';

const OPTIONS: OptionSpec[] = [
  { name: 'a', short: 'a', long: 'all', arg: 'none' },
  { name: 'l', short: 'l', long: 'listening', arg: 'none' },
  { name: 'n', short: 'n', long: 'numeric', arg: 'none' },
  { name: 't', short: 't', long: 'tcp', arg: 'none' },
  { name: 'u', short: 'u', long: 'udp', arg: 'none' },
  { name: 'p', short: 'p', long: 'programs', arg: 'none' },
  { name: 'r', short: 'r', long: 'route', arg: 'none' },
  { name: 'i', short: 'i', long: 'interfaces', arg: 'none' },
  { name: 'e', short: 'e', long: 'extend', arg: 'none' },
  { name: 'W', short: 'W', long: 'wide', arg: 'none' },
  { name: 'v', short: 'v', long: 'verbose', arg: 'none' },
  { name: '4', short: '4', arg: 'none' },
  { name: 'h', short: 'h', long: 'help', arg: 'none' },
  ...['s', 'g', 'M', 'o', 'c', 'C', 'x', 'w', 'Z', 'N', 'F', 'U', 'S', '6'].map((c) => ({ name: `unsupported-${c}`, short: c, arg: 'none' as const })),
];

const STATES: Record<SocketRow['state'], string> = {
  LISTEN: 'LISTEN',
  SYN_SENT: 'SYN_SENT',
  SYN_RECV: 'SYN_RECV',
  ESTABLISHED: 'ESTABLISHED',
  FIN_WAIT1: 'FIN_WAIT1',
  FIN_WAIT2: 'FIN_WAIT2',
  CLOSING: 'CLOSING',
  TIME_WAIT: 'TIME_WAIT',
  CLOSE_WAIT: 'CLOSE_WAIT',
  LAST_ACK: 'LAST_ACK',
  CLOSED: 'CLOSE',
};

export const netstat: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), { options: OPTIONS, permute: true, abbreviations: true });
  if (parsed.error) {
    ctx.err(`${glibcMessage('netstat', parsed.error)}\n${NETSTAT_USAGE}${NETSTAT_FAMILIES}`);
    return 3;
  }
  const has = (n: string): boolean => parsed.options.some((o) => o.name === n);
  if (has('h')) {
    ctx.out(NETSTAT_USAGE);
    ctx.err(NETSTAT_FAMILIES);
    return 0;
  }
  const unsupported = parsed.options.find((o) => o.name.startsWith('unsupported-'));
  if (unsupported) {
    ctx.err(`netstat: ${unsupported.word} is not simulated in this lab (it lists TCP sockets with -t -u -a -l -n -p, routes with -r, interfaces with -i)\n`);
    return 1;
  }
  // -e swaps netstat's route columns for route's own and lists interfaces as ifconfig does.
  if (has('r')) {
    printRouteTable(ctx, has('e') ? 'route' : 'netstat');
    return 0;
  }
  if (has('i')) return has('e') ? extendedInterfaces(ctx, has('a')) : interfaces(ctx, has('a'));
  return sockets(ctx, { all: has('a'), listening: has('l'), numeric: has('n'), programs: has('p'), tcp: has('t') || !has('u') });
};

function sockets(ctx: CommandContext, o: { all: boolean; listening: boolean; numeric: boolean; programs: boolean; tcp: boolean }): number {
  const title = o.all ? 'servers and established' : o.listening ? 'only servers' : 'w/o servers';
  ctx.out(`Active Internet connections (${title})\nProto Recv-Q Send-Q Local Address           Foreign Address         State      ${o.programs ? ' PID/Program name    ' : ''}\n`);
  if (!o.tcp) return 0;
  const address = (ip: string, port: number): string => `${ip}:${port === 0 ? '*' : o.numeric ? port : serviceName(port)}`;
  for (const s of tcpSockets(ctx)) {
    const listening = s.state === 'LISTEN';
    if (!o.all && listening !== o.listening) continue;
    const local = address(s.localIp, s.localPort);
    // /proc/net/tcp's tx_queue of a listening socket is 0 (ss shows its backlog instead).
    const sendQ = listening ? 0 : s.sendQ;
    const remote = address(s.remoteIp, s.remotePort);
    // Without root's view of /proc/PID/fd netstat prints "-" for the program.
    ctx.out(`tcp   ${String(s.recvQ).padStart(6)} ${String(sendQ).padStart(6)} ${local.padEnd(23)} ${remote.padEnd(23)} ${STATES[s.state].padEnd(11)}${o.programs ? ' -                   ' : ''}\n`);
  }
  return 0;
}

/** netstat -ie: the interface table's title, then each interface as ifconfig prints it. */
function extendedInterfaces(ctx: CommandContext, all: boolean): number {
  ctx.out('Kernel Interface table\n');
  const listing = ctx.run(all ? 'ifconfig -a' : 'ifconfig');
  ctx.out(listing.stdout);
  return listing.exit;
}

function interfaces(ctx: CommandContext, all: boolean): number {
  ctx.out('Kernel Interface table\nIface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n');
  // net-tools keeps its interface list sorted by name.
  const devices = [...ctx.host.devices].filter((d) => all || d.up).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const d of devices) {
    let flags = '';
    if (!d.isLoopback && !d.tunnel) flags += 'B';
    if (d.isLoopback) flags += 'L';
    if (!d.isLoopback && !d.tunnel) flags += 'M';
    if (d.tunnel) flags += 'O';
    if (d.up) flags += 'RU';
    const s = d.stats;
    ctx.out(`${d.name.padEnd(15)} ${String(d.mtu).padStart(5)} ${String(s.rxPackets).padStart(8)} ${'0'.padStart(6)} ${String(s.rxDropped).padStart(6)} ${'0'.padEnd(6)} ${String(s.txPackets).padStart(8)} ${'0'.padStart(6)} ${'0'.padStart(6)} ${'0'.padStart(6)} ${flags}\n`);
  }
  return 0;
}
