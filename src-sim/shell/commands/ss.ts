// iproute2 6.1 ss for TCP and UDP sockets: -t -u -a -l -n -H -4, and the
// layout ss prints when its output is not a terminal (as in a pipe or the
// kernel runner): each column as wide as its widest field, addresses right
// aligned, the rest left aligned (misc/ss.c render_calc_width, render).
import type { Command, CommandContext } from '../context.ts';
import { getopt, type OptionSpec } from '../getopt.ts';
import { serviceName, tcpSockets, type SocketRow } from './sockets.ts';

const OPTIONS: OptionSpec[] = [
  { name: 't', short: 't', long: 'tcp', arg: 'none' },
  { name: 'u', short: 'u', long: 'udp', arg: 'none' },
  { name: 'a', short: 'a', long: 'all', arg: 'none' },
  { name: 'l', short: 'l', long: 'listening', arg: 'none' },
  { name: 'n', short: 'n', long: 'numeric', arg: 'none' },
  { name: 'p', short: 'p', long: 'processes', arg: 'none' },
  { name: 'H', short: 'H', long: 'no-header', arg: 'none' },
  { name: '4', short: '4', long: 'ipv4', arg: 'none' },
  { name: 'r', short: 'r', long: 'resolve', arg: 'none' },
  ...['s', 'i', 'm', 'o', 'e', 'x', 'w', 'K', 'E', 'Z', 'z', 'b', 'M', '6', '0', 'd', 'S', 'N', 'O', 'D', 'F', 'A', 'f'].map((c) => ({ name: `unsupported-${c}`, short: c, arg: c === 'N' || c === 'D' || c === 'F' || c === 'A' || c === 'f' ? ('required' as const) : ('none' as const) })),
];

const STATE_NAMES: Record<SocketRow['state'], string> = {
  LISTEN: 'LISTEN',
  SYN_SENT: 'SYN-SENT',
  SYN_RECV: 'SYN-RECV',
  ESTABLISHED: 'ESTAB',
  FIN_WAIT1: 'FIN-WAIT-1',
  FIN_WAIT2: 'FIN-WAIT-2',
  CLOSING: 'CLOSING',
  TIME_WAIT: 'TIME-WAIT',
  CLOSE_WAIT: 'CLOSE-WAIT',
  LAST_ACK: 'LAST-ACK',
  CLOSED: 'UNCONN',
};

/** ss's default state filter (SS_CONN): every state but LISTEN, CLOSE, TIME-WAIT and SYN-RECV. */
const CONNECTED = new Set<SocketRow['state']>(['ESTABLISHED', 'SYN_SENT', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSING']);

interface Column {
  header: string;
  align: 'left' | 'right';
  /** Printed before the field once the line has begun. */
  ldelim: string;
}

const COLUMNS: Column[] = [
  { header: 'Netid', align: 'left', ldelim: '' },
  { header: 'State', align: 'left', ldelim: ' ' },
  { header: 'Recv-Q', align: 'left', ldelim: ' ' },
  { header: 'Send-Q', align: 'left', ldelim: ' ' },
  { header: 'Local Address:', align: 'right', ldelim: ' ' },
  { header: 'Port', align: 'left', ldelim: '' },
  { header: 'Peer Address:', align: 'right', ldelim: ' ' },
  { header: 'Port', align: 'left', ldelim: '' },
  { header: 'Process', align: 'left', ldelim: '' },
];

/** ss's compact rendering of rows of fields (one field per column; null: a disabled column). */
function render(rows: (string | null)[][]): string {
  const widths = COLUMNS.map((_, i) => Math.max(0, ...rows.map((r) => (r[i] ?? '').length)));
  let first = true;
  const enabled = COLUMNS.map((_, i) => rows[0]![i] !== null);
  const width = widths.map((w, i) => {
    if (!enabled[i]) return 0;
    const total = !first && w > 0 ? w + COLUMNS[i]!.ldelim.length : w;
    if (total > 0) first = false;
    return total;
  });
  let out = '';
  for (const row of rows) {
    let started = false;
    for (const [i, field] of row.entries()) {
      if (field === null) continue;
      const c = COLUMNS[i]!;
      let printed = 0;
      if (started) {
        out += c.ldelim;
        printed = c.ldelim.length;
      }
      started = true;
      if (width[i]! > 0 && c.align === 'right') {
        const s = width[i]! - field.length - printed;
        if (s > 0) out += ' '.repeat(s);
        printed += Math.max(0, s);
      }
      out += field;
      printed += field.length;
      if (width[i]! > 0 && c.align === 'left' && width[i]! - printed > 0) out += ' '.repeat(width[i]! - printed);
    }
    out += '\n';
  }
  return out;
}

export const ss: Command = (ctx: CommandContext) => {
  const parsed = getopt(ctx.argv.slice(1), { options: OPTIONS, permute: true, abbreviations: true });
  if (parsed.error) {
    const what = 'short' in parsed.error ? `invalid option -- '${parsed.error.short}'` : `unrecognized option '${parsed.error.word}'`;
    ctx.err(`ss: ${what}\nUsage: ss [ OPTIONS ]\n       ss [ OPTIONS ] [ FILTER ]\n`);
    return 255;
  }
  const has = (n: string): boolean => parsed.options.some((o) => o.name === n);
  const unsupported = parsed.options.find((o) => o.name.startsWith('unsupported-'));
  if (unsupported) {
    ctx.err(`ss: ${unsupported.word} is not simulated in this lab (it lists sockets with -t -u -a -l -n -p -H -4)\n`);
    return 1;
  }
  if (parsed.operands.length > 0) {
    ctx.err('ss: filters (state, dst, src, dport, sport, …) are not simulated in this lab; pipe the listing to grep instead\n');
    return 1;
  }
  const tcp = has('t') || !has('u');
  const udp = has('u');
  const listening = has('l');
  const all = has('a');
  const numeric = has('n');
  const wanted = (state: SocketRow['state']): boolean => (all ? true : listening ? state === 'LISTEN' : CONNECTED.has(state));
  const netid = tcp && udp;
  const rows: (string | null)[][] = [];
  if (!has('H')) rows.push(COLUMNS.map((c, i) => (i === 0 && !netid ? null : c.header)));
  if (tcp) {
    for (const s of tcpSockets(ctx)) {
      if (!wanted(s.state)) continue;
      const port = (p: number): string => (p === 0 ? '*' : numeric ? String(p) : serviceName(p));
      rows.push([netid ? 'tcp' : null, STATE_NAMES[s.state], String(s.recvQ).padEnd(6), String(s.sendQ).padEnd(6), `${s.localIp}:`, port(s.localPort), `${s.remoteIp}:`, port(s.remotePort), '']);
    }
  }
  if (rows.length > 0) ctx.out(render(rows));
  return 0;
};
