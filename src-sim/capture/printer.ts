// One packet as tcpdump 4.99.3 prints it around the protocol line
// (print.c's pretty_print_packet): the packet number (-#), the timestamp in
// the form -t…-ttttt chooses, the line itself (format.ts) and the dumps of
// its bytes (-x/-xx, -X/-XX, -A/-AA from print-ascii.c). The live capture
// and `tcpdump -r` print through it, so both say the same. Pure.
import { civilTime, VIRTUAL_EPOCH_UNIX_SECONDS } from '../core/virtual-date.ts';
import type { EthernetFrame } from '../net/frame.ts';
import { formatFrameLine, formatTimestamp, TcpSequenceTracker, type FormatOptions } from './format.ts';

export interface PrintOptions extends Omit<FormatOptions, 'tcp' | 'cooked' | 'noTimestamp'> {
  /** How many -t: 1 none, 2 Unix seconds, 3 since the previous packet, 4 date and time, 5 since the first packet. */
  timestamps?: number;
  /** -# / --number: each line starts with its number. */
  number?: boolean;
  /** -x 1, -xx 2: the bytes in hex (2: from the link-layer header on). */
  hex?: number;
  /** -X 1, -XX 2: hex and ASCII. */
  hexAscii?: number;
  /** -A 1, -AA 2: the bytes as ASCII. */
  ascii?: number;
}

/** A captured packet: the model's frame, when and where, and its bytes as the capture file holds them. */
export interface PrintedPacket {
  frame: EthernetFrame;
  /** Virtual time in microseconds. */
  timeUs: number;
  /** The link-layer bytes as captured (cut to the snapshot length). */
  bytes: Uint8Array;
  /** The link-layer header's length in `bytes`: 14 (Ethernet) or 20 (LINUX_SLL2). */
  linkHeaderLength: number;
  cooked?: FormatOptions['cooked'];
}

export class PacketPrinter {
  private readonly tcp = new TcpSequenceTracker();
  private count = 0;
  private firstUs: number | null = null;
  private previousUs: number | null = null;

  constructor(private readonly options: PrintOptions) {}

  /** The packet's text, without the final newline. */
  print(packet: PrintedPacket): string {
    const o = this.options;
    this.count++;
    let text = o.number ? `${String(this.count).padStart(5)}  ` : '';
    text += this.timestamp(packet.timeUs);
    text += formatFrameLine(packet.frame, packet.timeUs, { ...o, noTimestamp: true, tcp: this.tcp, ...(packet.cooked ? { cooked: packet.cooked } : {}) });
    const whole = packet.bytes;
    const payload = whole.subarray(packet.linkHeaderLength);
    if (o.hexAscii) text += hexAndAscii(o.hexAscii > 1 ? whole : payload);
    else if (o.hex) text += hexOnly(o.hex > 1 ? whole : payload);
    else if (o.ascii) text += asciiOnly(o.ascii > 1 ? whole : payload);
    return text;
  }

  private timestamp(timeUs: number): string {
    const mode = this.options.timestamps ?? 0;
    this.firstUs ??= timeUs;
    const previous = this.previousUs ?? timeUs;
    this.previousUs = timeUs;
    switch (mode) {
      case 0:
        return `${formatTimestamp(timeUs)} `;
      case 2: {
        const us = Math.max(0, Math.round(timeUs));
        return `${VIRTUAL_EPOCH_UNIX_SECONDS + Math.floor(us / 1_000_000)}.${String(us % 1_000_000).padStart(6, '0')} `;
      }
      case 3:
        return ` ${formatTimestamp(timeUs - previous)} `;
      case 4: {
        const t = civilTime(Math.max(0, timeUs));
        const two = (n: number): string => String(n).padStart(2, '0');
        return `${t.year}-${two(t.month)}-${two(t.day)} ${formatTimestamp(timeUs)} `;
      }
      case 5:
        return ` ${formatTimestamp(timeUs - this.firstUs)} `;
      default:
        return '';
    }
  }
}

/** ND_ASCII_ISGRAPH: what the dumps show as itself; everything else is a dot. */
const isGraph = (byte: number): boolean => byte > 0x20 && byte < 0x7f;
const HEX_LINE = 16;

/** hex_and_ascii_print(ndo, "\n\t", …): 8 groups of two bytes padded to 40 columns, two spaces, the bytes as ASCII. */
function hexAndAscii(bytes: Uint8Array): string {
  let text = '';
  for (let offset = 0; offset < bytes.length; offset += HEX_LINE) {
    const line = bytes.subarray(offset, offset + HEX_LINE);
    text += `\n\t0x${offset.toString(16).padStart(4, '0')}: ${hexGroups(line).padEnd(40)}  ${Array.from(line, (b) => (isGraph(b) ? String.fromCharCode(b) : '.')).join('')}`;
  }
  return text;
}

/** hex_print(ndo, "\n\t", …): the groups alone. */
function hexOnly(bytes: Uint8Array): string {
  let text = '';
  for (let offset = 0; offset < bytes.length; offset += HEX_LINE) text += `\n\t0x${offset.toString(16).padStart(4, '0')}: ${hexGroups(bytes.subarray(offset, offset + HEX_LINE))}`;
  return text;
}

/** " 4500 0054 …": two bytes a group, a lone last byte alone. */
function hexGroups(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 2) text += ` ${bytes[i]!.toString(16).padStart(2, '0')}${i + 1 < bytes.length ? bytes[i + 1]!.toString(16).padStart(2, '0') : ''}`;
  return text;
}

/** ascii_print: a newline, then the bytes; tab, space and newline as themselves, a CR before LF dropped, the rest a dot. */
function asciiOnly(bytes: Uint8Array): string {
  let text = '\n';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0d) {
      if (bytes.length - i - 1 > 1 && bytes[i + 1] !== 0x0a) text += '.';
    } else text += isGraph(b) || b === 0x09 || b === 0x20 || b === 0x0a ? String.fromCharCode(b) : '.';
  }
  return text;
}
