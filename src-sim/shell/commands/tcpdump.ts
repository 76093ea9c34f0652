// tcpdump 4.99.3 (libpcap 1.10.3, as Debian 12 ships them). Options: see
// tcpdump-options.ts. A live capture runs in virtual time like ping: it ends
// after -c N packets, or when interrupted (Ctrl-C in the UI, the lab's
// command time limit in a headless run). Steps of a scenario run one after
// another, so a foreground capture there sees only what happens while it
// runs (timers); `lvs-dr-lab run --pcap` records every segment instead.
// -w writes a classic pcap file into the host's file system (net/pcap.ts),
// -r reads one back and prints it as the live capture did.
import { ANY_DEVICE, SLL2_HEADER_LENGTH, startCapture } from '../../capture/capture.ts';
import { compileFilter } from '../../capture/filter.ts';
import { PacketPrinter } from '../../capture/printer.ts';
import { VIRTUAL_EPOCH_UNIX_SECONDS } from '../../core/virtual-date.ts';
import { FS_ERRNO_TEXT, type FsErrno } from '../../host/fs.ts';
import type { Host } from '../../host/host.ts';
import { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL2, parsePcap, pcapFileHeader, pcapRecord, PcapError } from '../../net/pcap.ts';
import { decodeFrame, decodePayload } from '../../net/wire-decode.ts';
import type { Command, CommandContext } from '../context.ts';
import type { TimerHandle } from '../../core/event-queue.ts';
import { absolutePath } from '../cwd.ts';
import { SIGINT, SIGPIPE, SIGTERM } from '../../host/signals.ts';
import { parseTcpdump, TCPDUMP_USAGE, TCPDUMP_VERSION, type TcpdumpCommandLine } from './tcpdump-options.ts';

const plural = (n: number): string => (n === 1 ? '' : 's');

/** pcap_datalink_val_to_name and _description, for the link types the lab writes. */
const LINK_TYPE_NAMES: Record<number, string> = { [LINKTYPE_ETHERNET]: 'EN10MB (Ethernet)', [LINKTYPE_LINUX_SLL2]: 'LINUX_SLL2 (Linux cooked v2)' };

export const tcpdump: Command = (ctx) => {
  const parsed = parseTcpdump(ctx.argv.slice(1));
  if (!parsed.ok) {
    ctx.err(parsed.error);
    return 1;
  }
  const line = parsed.line;
  if (line.version) {
    ctx.out(TCPDUMP_VERSION);
    return 0;
  }
  if (line.help) {
    ctx.out(TCPDUMP_USAGE);
    return 0;
  }
  if (line.list) {
    ctx.out(deviceList(ctx.host));
    return 0;
  }
  return line.read !== null ? readFile(ctx, line, line.read) : capture(ctx, line);
};

/** A live capture; with -w its packets go to a file. */
function capture(ctx: CommandContext, line: TcpdumpCommandLine): ReturnType<Command> {
  const o = line.capture;
  const file = line.write === null ? null : absolutePath(ctx.host, line.write);
  let captured = 0;
  // tcpdump's cleanup() handles SIGINT, SIGTERM and SIGPIPE: the statistics, then exit 0.
  const run = { done: false, exitCode: 0, interrupt: () => finish(true), handles: [SIGINT, SIGTERM, SIGPIPE], endless: o.count === undefined };
  let progress: TimerHandle | null = null;
  const finish = (interrupted: boolean): void => {
    if (run.done) return;
    run.done = true;
    progress?.cancel();
    if (started.ok) started.capture.stop();
    // tcpdump's info(): after Ctrl-C, cleanup() first ends the "^C" line.
    if (interrupted) ctx.err('\n');
    ctx.err(`${captured} packet${plural(captured)} captured\n${captured} packet${plural(captured)} received by filter\n0 packets dropped by kernel\n`);
  };
  const started = startCapture(ctx.host, line.device, line.expression, {
    ...o,
    print: file === null || line.print,
    onLine: (text) => ctx.out(`${text}\n`),
    onPacket: (packet) => {
      captured++;
      if (file !== null) ctx.host.fs.writeBytes(file, pcapRecord(unixMicroseconds(packet.timeUs), packet.bytes, packet.bytes.length), { append: true });
    },
    onStop: () => finish(false),
  });
  if (!started.ok) {
    ctx.err(`${started.error}\n`);
    return 1;
  }
  const handle = started.capture;
  const linkType = LINK_TYPE_NAMES[handle.linkType]!;
  if (handle.linkType === LINKTYPE_LINUX_SLL2) ctx.err('tcpdump: data link type LINUX_SLL2\n');
  if (file !== null) {
    const opened = ctx.host.fs.writeBytes(file, pcapFileHeader(handle.linkType, handle.snapLen));
    if (!opened.ok) {
      run.done = true;
      handle.stop();
      ctx.err(`tcpdump: ${line.write}: ${FS_ERRNO_TEXT[opened.errno]}\n`);
      return 1;
    }
  }
  // tcpdump.c: writing to a file with -v and without --print, a timer reports once a second how many packets it has.
  if (file !== null && o.verbose && !line.print) {
    const report = (): void => {
      ctx.err(`Got ${captured}\r`);
      progress = ctx.clock.schedule(1_000_000, report);
    };
    progress = ctx.clock.schedule(1_000_000, report);
  }
  const listening = `listening on ${handle.name}, link-type ${linkType}, snapshot length ${handle.snapLen} bytes\n`;
  if (o.verbose || file !== null) ctx.err(`tcpdump: ${listening}`);
  else ctx.err(`tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n${listening}`);
  return run;
}

/** -r FILE: the packets of a capture file, printed (or with -w copied) as they were captured. */
function readFile(ctx: CommandContext, line: TcpdumpCommandLine, name: string): number {
  const fail = (text: string): number => {
    ctx.err(`tcpdump: ${text}\n`);
    return 1;
  };
  const bytes = ctx.host.fs.readBytes(absolutePath(ctx.host, name));
  if (!bytes.ok) return fail(readError(name, bytes.errno));
  let file;
  try {
    file = parsePcap(bytes.value);
  } catch (error) {
    if (error instanceof PcapError) return fail(error.message);
    throw error;
  }
  const compiled = compileFilter(line.expression);
  if (!compiled.ok) return fail(compiled.error);
  const cooked = file.linkType === LINKTYPE_LINUX_SLL2;
  ctx.err(`reading from file ${name}, link-type ${LINK_TYPE_NAMES[file.linkType] ?? `${file.linkType}`}, snapshot length ${file.snapLen}\n`);
  // print-sll.c names devices by the reading host's if_indextoname, which may not be the capturing host's.
  if (cooked) ctx.err('Warning: interface names might be incorrect\n');
  const out = line.write === null ? null : absolutePath(ctx.host, line.write);
  if (out !== null) {
    const opened = ctx.host.fs.writeBytes(out, pcapFileHeader(file.linkType, file.snapLen));
    if (!opened.ok) return fail(`${line.write}: ${FS_ERRNO_TEXT[opened.errno]}`);
  }
  const printer = new PacketPrinter(line.capture);
  let count = 0;
  for (const record of file.records) {
    if (line.capture.count !== undefined && count >= line.capture.count) break;
    const timeUs = (record.sec - VIRTUAL_EPOCH_UNIX_SECONDS) * 1_000_000 + Math.floor(record.nsec / 1000);
    const data = record.data;
    let packet;
    if (cooked) {
      if (data.length < SLL2_HEADER_LENGTH) continue;
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      const ifindex = view.getUint32(4);
      const addr = Array.from(data.subarray(12, 18), (b) => b.toString(16).padStart(2, '0')).join(':');
      const frame = decodePayload(view.getUint16(0), data.subarray(SLL2_HEADER_LENGTH), { id: count, src: addr, dst: addr });
      if (!frame) continue;
      const ifname = ctx.host.devices.find((d) => d.index === ifindex)?.name ?? '?';
      packet = { frame, timeUs, bytes: data, linkHeaderLength: SLL2_HEADER_LENGTH, cooked: { ifname, ifindex, pktType: data[10]!, addr } };
    } else {
      const frame = decodeFrame(data, count);
      if (!frame) continue;
      packet = { frame, timeUs, bytes: data, linkHeaderLength: 14 };
    }
    if (!compiled.match(packet.frame)) continue;
    count++;
    if (out !== null) ctx.host.fs.writeBytes(out, pcapRecord(unixMicroseconds(timeUs), data, data.length), { append: true });
    else ctx.out(`${printer.print(packet)}\n`);
  }
  return 0;
}

/** pcap_open_offline's errors: fopen's for the name, fread's while reading. */
function readError(name: string, errno: FsErrno): string {
  return errno === 'EISDIR' ? `error reading dump file: ${FS_ERRNO_TEXT[errno]}` : `${name}: ${FS_ERRNO_TEXT[errno]}`;
}

function unixMicroseconds(timeUs: number): number {
  return VIRTUAL_EPOCH_UNIX_SECONDS * 1_000_000 + timeUs;
}

/**
 * -D: pcap_findalldevs as Debian 12's libpcap lists a host (recorded in a
 * network namespace): devices up with a carrier, `any`, loopback, devices up
 * without one, the capture sources of libpcap's other modules, devices down.
 */
function deviceList(host: Host): string {
  const others = host.devices.filter((d) => !d.isLoopback);
  const entries = [
    ...others.filter((d) => d.up && d.segment).map((d) => `${d.name} [Up, Running, Connected]`),
    `${ANY_DEVICE} (Pseudo-device that captures on all interfaces) [Up, Running]`,
    ...host.devices.filter((d) => d.isLoopback).map((d) => `${d.name} [${d.up ? 'Up, Running, ' : ''}Loopback]`),
    ...others.filter((d) => d.up && !d.segment).map((d) => `${d.name} [Up, Disconnected]`),
    'bluetooth-monitor (Bluetooth Linux Monitor) [Wireless]',
    'nflog (Linux netfilter log (NFLOG) interface) [none]',
    'nfqueue (Linux netfilter queue (NFQUEUE) interface) [none]',
    'dbus-system (D-Bus system bus) [none]',
    'dbus-session (D-Bus session bus) [none]',
    ...others.filter((d) => !d.up).map((d) => `${d.name} [none, Disconnected]`),
  ];
  return entries.map((entry, i) => `${i + 1}.${entry}\n`).join('');
}
