// tcpdump 4.99.3's command line (tcpdump.c: getopt_long over SHORTOPTS and
// longopts, glibc's parser): the options the lab models, parsed into what
// the capture needs, and the errors in tcpdump's words (its own error() for
// bad values, glibc's for unknown options, then the usage text).
import { getopt, glibcMessage, type GetoptConfig, type OptionSpec } from '../getopt.ts';
import type { CaptureOptions } from '../../capture/capture.ts';
import { MAXIMUM_SNAPLEN } from '../../net/pcap.ts';

export const TCPDUMP_VERSION = 'tcpdump version 4.99.3\nlibpcap version 1.10.3 (with TPACKET_V3)\nOpenSSL 3.0.19 27 Jan 2026\n';

export const TCPDUMP_USAGE = `${TCPDUMP_VERSION}Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
`;

const flag = (letter: string, long?: string): OptionSpec => ({ name: letter, short: letter, ...(long ? { long } : {}), arg: 'none' });
const valued = (letter: string, long?: string): OptionSpec => ({ name: letter, short: letter, ...(long ? { long } : {}), arg: 'required' });

const OPTIONS: GetoptConfig = {
  permute: true,
  abbreviations: true,
  options: [
    flag('A'),
    valued('c'),
    flag('D', 'list-interfaces'),
    flag('e'),
    flag('h', 'help'),
    valued('i', 'interface'),
    flag('l'),
    flag('n'),
    flag('p', 'no-promiscuous-mode'),
    flag('q'),
    valued('Q', 'direction'),
    valued('r'),
    valued('s', 'snapshot-length'),
    flag('t'),
    flag('U', 'packet-buffered'),
    flag('v'),
    valued('w'),
    flag('x'),
    flag('X'),
    flag('#', 'number'),
    { name: 'print', long: 'print', arg: 'none' },
    { name: 'version', long: 'version', arg: 'none' },
    { name: 'immediate-mode', long: 'immediate-mode', arg: 'none' },
  ],
};

export interface TcpdumpCommandLine {
  /** -i; null: the first device up (pcap_lookupdev). */
  device: string | null;
  /** -r FILE */
  read: string | null;
  /** -w FILE */
  write: string | null;
  /** --print: print the packets also when writing them. */
  print: boolean;
  /** -D */
  list: boolean;
  /** --version, -h: print this and exit 0 (stdout) or 0 (stderr usage). */
  version: boolean;
  help: boolean;
  capture: CaptureOptions;
  /** The filter expression (the operands joined by spaces, as tcpdump's copy_argv does). */
  expression: string;
}

/** The parsed line, or the text tcpdump prints on stderr before exiting 1. */
export function parseTcpdump(argv: readonly string[]): { ok: true; line: TcpdumpCommandLine } | { ok: false; error: string } {
  const parsed = getopt(argv, OPTIONS);
  if (parsed.error) return { ok: false, error: `${glibcMessage('tcpdump', parsed.error)}\n${TCPDUMP_USAGE}` };
  const capture: CaptureOptions = {};
  const line: TcpdumpCommandLine = { device: null, read: null, write: null, print: false, list: false, version: false, help: false, capture, expression: parsed.operands.join(' ') };
  let numeric = 0;
  const more = (n: number | undefined): number => (n ?? 0) + 1;
  for (const { name, arg } of parsed.options) {
    const value = arg ?? '';
    switch (name) {
      case 'A': capture.ascii = more(capture.ascii); break;
      case 'c': {
        // tcpdump's parse_u_int64 path: strtoll, nothing left over, > 0.
        if (!/^\d+$/.test(value) || Number(value) < 1) return { ok: false, error: `tcpdump: invalid packet count ${value}\n` };
        capture.count = Number(value);
        break;
      }
      case 'D': line.list = true; break;
      case 'e': capture.link = true; break;
      case 'h': line.help = true; break;
      case 'i': line.device = value; break;
      case 'n': numeric++; break;
      case 'q': capture.quiet = true; break;
      case 'Q': {
        if (value !== 'in' && value !== 'out' && value !== 'inout') return { ok: false, error: `tcpdump: unknown capture direction \`${value}'\n` };
        capture.direction = value;
        break;
      }
      case 'r': line.read = value; break;
      case 's': {
        const snap = /^(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.test(value) ? Number(value.startsWith('0') && !/^0x/i.test(value) && value.length > 1 ? parseInt(value, 8) : value) : NaN;
        if (!Number.isInteger(snap) || snap < 0 || snap > MAXIMUM_SNAPLEN) return { ok: false, error: `tcpdump: invalid snaplen ${value}\n` };
        capture.snapLen = snap === 0 ? MAXIMUM_SNAPLEN : snap;
        break;
      }
      case 't': capture.timestamps = more(capture.timestamps); break;
      case 'v': capture.verbose = more(capture.verbose); break;
      case 'w': line.write = value; break;
      case 'x': capture.hex = more(capture.hex); break;
      case 'X': capture.hexAscii = more(capture.hexAscii); break;
      case '#': capture.number = true; break;
      case 'p': capture.promiscuous = false; break;
      case 'print': line.print = true; break;
      case 'version': line.version = true; break;
      // -l (line-buffered), -U and --immediate-mode change nothing in what is printed.
      default: break;
    }
  }
  // -n and -nn: no names for hosts (the lab has no resolver) nor ports.
  if (numeric > 0) capture.numeric = true;
  return { ok: true, line };
}
