// tcpdump 4.99.3 (libpcap 1.10.3, as Debian 12 ships them): -n -e -i D
// [-c N] [-l] [-q] [-t] [-v[v]] [expression]. Runs in virtual time like ping:
// it ends after -c N packets, or when interrupted (Ctrl-C in the UI, the
// lab's command time limit in a headless run). Steps of a scenario run one
// after another, so a foreground capture there sees only what happens while
// it runs (timers); `lvs-dr-lab run --pcap` records every segment instead.
import { startCapture, type CaptureOptions } from '../../capture/capture.ts';
import type { Command } from '../context.ts';
import { SIGINT, SIGPIPE, SIGTERM } from '../../host/signals.ts';

const USAGE = `tcpdump version 4.99.3
libpcap version 1.10.3 (with TPACKET_V3)
OpenSSL 3.0.19 27 Jan 2026
Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
`;

const plural = (n: number): string => (n === 1 ? '' : 's');

export const tcpdump: Command = (ctx) => {
  const o: CaptureOptions = {};
  let device: string | null = null;
  const words: string[] = [];
  const argv = ctx.argv.slice(1);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      ctx.err(`tcpdump: unrecognized option '${arg}'\n${USAGE}`);
      return 1;
    }
    if (!arg.startsWith('-') || arg === '-') {
      words.push(arg);
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j]!;
      if (flag === 'i' || flag === 'c') {
        const value = arg.length > j + 1 ? arg.slice(j + 1) : argv[++i];
        if (value === undefined) {
          ctx.err(`tcpdump: option requires an argument -- '${flag}'\n${USAGE}`);
          return 1;
        }
        if (flag === 'i') device = value;
        else {
          if (!/^\d+$/.test(value) || Number(value) < 1) {
            ctx.err(`tcpdump: invalid packet count ${value}\n`);
            return 1;
          }
          o.count = Number(value);
        }
        break;
      }
      if (flag === 'n') o.numeric = true;
      else if (flag === 'e') o.link = true;
      else if (flag === 'q') o.quiet = true;
      else if (flag === 't') o.noTimestamp = true;
      else if (flag === 'v') o.verbose = (o.verbose ?? 0) + 1;
      else if (flag !== 'l') {
        // -l (line-buffered stdout) changes nothing here: lines are whole.
        ctx.err(`tcpdump: invalid option -- '${flag}'\n${USAGE}`);
        return 1;
      }
    }
  }

  let captured = 0;
  // tcpdump's cleanup() handles SIGINT, SIGTERM and SIGPIPE: the statistics, then exit 0.
  const run = { done: false, exitCode: 0, interrupt: () => finish(true), handles: [SIGINT, SIGTERM, SIGPIPE], endless: o.count === undefined };
  const finish = (interrupted: boolean): void => {
    if (run.done) return;
    run.done = true;
    capture.stop();
    // tcpdump's info(): after Ctrl-C, cleanup() first ends the "^C" line.
    if (interrupted) ctx.err('\n');
    ctx.err(`${captured} packet${plural(captured)} captured\n${captured} packet${plural(captured)} received by filter\n0 packets dropped by kernel\n`);
  };
  const started = startCapture(ctx.host, device, words.join(' '), {
    ...o,
    onLine: (line) => {
      captured++;
      ctx.out(`${line}\n`);
    },
    onStop: () => finish(false),
  });
  if (!started.ok) {
    ctx.err(`${started.error}\n`);
    return 1;
  }
  const capture = started.capture;
  const name = capture.device.name;
  if (o.verbose) ctx.err(`tcpdump: listening on ${name}, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n`);
  else ctx.err(`tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on ${name}, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n`);
  return run;
};
