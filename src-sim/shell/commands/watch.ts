// watch (procps-ng 4.0.2): runs a command line every N seconds of the lab's
// clock (2 by default, at least 0.1) through the shell, as `sh -c` runs it,
// and redraws the screen with its output (standard error too) under the
// header "Every 2.0s: CMD" on the left and "HOST: ctime" on the right, as
// output_header places them. It runs until Ctrl-C (its SIGINT handler ends
// curses and exits 0), so a learner watches `ipvsadm -Ln` change while
// another terminal works. The screen is curses' alternate screen: drawn
// with the escapes the lab's `clear` uses, and left again at the end, as
// endwin() does. -d shows in reverse video what changed since the last
// screen (-d=permanent: since the first). The lab's terminal is taken as
// 80×24 (no size is known to the simulator): the header is right-aligned
// to 80 columns and lines past the 24th row are not shown.
import type { Command, CommandContext, RunningCommand } from '../context.ts';
import { getopt, glibcMessage } from '../getopt.ts';
import { pollingCommand } from '../polling-command.ts';
import { formatDate } from './date.ts';
import { MICROS_PER_SECOND } from '../../core/event-queue.ts';
import { SIGHUP, SIGINT, SIGTERM } from '../../host/signals.ts';

const COLUMNS = 80;
const ROWS = 24;
const ENTER_SCREEN = '\u001b[?1049h';
const LEAVE_SCREEN = '\u001b[?1049l';
const CLEAR = '\u001b[H\u001b[2J';
const STANDOUT = '\u001b[7m';
const NORMAL = '\u001b[27m';

const USAGE = `
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -q, --equexit <cycles>
                         exit when output from command does not change
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -t, --no-title         turn off header
  -w, --no-wrap          turn off line wrapping
  -x, --exec             pass command to exec instead of "sh -c"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
`;

/** strtod_nol_or_err: digits with one '.' or ',' and a sign; null when it would fail. */
function parseInterval(text: string): number | null {
  const match = /^\s*([-+]?)(\d*)(?:[.,](\d*))?$/.exec(text);
  if (!match || text.trim() === '') return null;
  const value = Number(`${match[2] || '0'}.${match[3] ?? ''}0`);
  return match[1] === '-' ? -value : value;
}

/** The header row: "Every N.Ns: " and the command from the left, "HOST: ctime" ending in the last column; the command cut with "... " when it does not fit. */
export function watchHeader(interval: number, command: string, host: string, micros: number): string {
  const left = `Every ${interval.toFixed(1)}s: `;
  // ctime's string ends in a newline, which output_header counts in rhlen.
  const right = `${host}: ${formatDate('%a %b %e %H:%M:%S %Y', micros)}`;
  const rightLength = right.length + 1;
  const row: string[] = Array.from({ length: COLUMNS }, () => ' ');
  const put = (at: number, text: string): void => [...text].forEach((c, i) => at + i < COLUMNS && at + i >= 0 && (row[at + i] = c));
  if (COLUMNS < rightLength) return '';
  if (rightLength + left.length + 1 <= COLUMNS) {
    put(0, left);
    if (rightLength + left.length + 2 <= COLUMNS) {
      if (COLUMNS < rightLength + left.length + 4) put(COLUMNS - rightLength - 4, '... ');
      else if (COLUMNS < rightLength + left.length + command.length) {
        put(left.length, command.slice(0, COLUMNS - rightLength - left.length - 4));
        put(COLUMNS - rightLength - 4, '... ');
      } else put(left.length, command.slice(0, COLUMNS - rightLength - left.length));
    }
  }
  put(COLUMNS - rightLength + 1, right);
  return row.join('').replace(/ +$/, '');
}

/** The command's output as the screen shows it from `top`: tabs to 8, long lines wrapped (or cut with -w), nothing past the last row. */
function screenLines(output: string, top: number, wrap: boolean): string[] {
  const lines: string[] = [];
  if (output === '') return lines;
  for (const raw of output.replace(/\n$/, '').split('\n')) {
    let line = '';
    for (const c of raw) line += c === '\t' ? ' '.repeat(8 - (line.length % 8)) : c;
    if (!wrap) lines.push(line.slice(0, COLUMNS));
    else for (let i = 0; i === 0 || i < line.length; i += COLUMNS) lines.push(line.slice(i, i + COLUMNS));
  }
  return lines.slice(0, ROWS - top);
}

interface Options {
  interval: number;
  differences: 'off' | 'last' | 'permanent';
  title: boolean;
  wrap: boolean;
}

export const watch: Command = (ctx) => {
  // "+bced::ghq:n:pvtwx": options stop at the command's first word.
  const parsed = getopt(ctx.argv.slice(1), {
    options: [
      { name: 'd', short: 'd', long: 'differences', arg: 'optional' },
      { name: 'n', short: 'n', long: 'interval', arg: 'required' },
      { name: 't', short: 't', long: 'no-title', arg: 'none' },
      { name: 'w', short: 'w', long: 'no-wrap', arg: 'none' },
      { name: 'p', short: 'p', long: 'precise', arg: 'none' },
      { name: 'x', short: 'x', long: 'exec', arg: 'none' },
      ...([['b', 'beep'], ['c', 'color'], ['e', 'errexit'], ['g', 'chgexit'], ['h', 'help'], ['v', 'version']] as const).map(([short, long]) => ({ name: short, short, long, arg: 'none' as const })),
      { name: 'q', short: 'q', long: 'equexit', arg: 'required' },
    ],
    permute: false,
    abbreviations: true,
  });
  if (parsed.error) {
    ctx.err(`${glibcMessage('watch', parsed.error)}\n${USAGE}`);
    return 1;
  }
  const options: Options = { interval: 2, differences: 'off', title: true, wrap: true };
  for (const option of parsed.options) {
    switch (option.name) {
      case 'd':
        options.differences = option.arg === null ? 'last' : 'permanent';
        break;
      case 'n': {
        const interval = parseInterval(option.arg!);
        if (interval === null) {
          ctx.err(`watch: failed to parse argument: '${option.arg}'${option.arg === '' ? '' : ': Invalid argument'}\n`);
          return 1;
        }
        options.interval = Math.max(0.1, interval);
        break;
      }
      case 't':
        options.title = false;
        break;
      case 'w':
        options.wrap = false;
        break;
      case 'p':
      case 'x':
        break;
      case 'h':
        ctx.out(USAGE);
        return 0;
      case 'v':
        ctx.out('watch from procps-ng 4.0.2\n');
        return 0;
      default:
        ctx.err(`watch: ${option.word}: not simulated in this lab; watch -n SECS, -d, -t and -w are\n`);
        return 1;
    }
  }
  if (parsed.operands.length === 0) {
    ctx.err(USAGE);
    return 1;
  }
  return run(ctx, parsed.operands.join(' '), options);
};

/** Each cycle: the header, the command's output, then `interval` seconds of waiting after it ends (not --precise: the lab's commands take no time to draw). */
function run(ctx: CommandContext, command: string, options: Options): RunningCommand {
  const top = options.title ? 2 : 0;
  let previous: string[] | null = null;
  const changed = new Set<string>();
  const draw = (): void => {
    const header = options.title ? `${watchHeader(options.interval, command, ctx.host.name, ctx.clock.now)}\n\n` : '';
    const result = ctx.runChild(command);
    const lines = screenLines(`${result.stdout}${result.stderr}`, top, options.wrap);
    let body = '';
    lines.forEach((line, row) => {
      const before = previous?.[row] ?? '';
      let text = '';
      let standout = false;
      for (let col = 0; col < Math.max(line.length, previous === null ? 0 : before.length); col++) {
        const c = line[col] ?? ' ';
        const key = `${row},${col}`;
        if (previous !== null && options.differences !== 'off' && c !== (before[col] ?? ' ')) changed.add(key);
        const highlight = changed.has(key);
        // -d (not permanent) forgets what it highlighted once the next screen is drawn.
        if (options.differences === 'last') changed.delete(key);
        if (highlight !== standout) text += highlight ? STANDOUT : NORMAL;
        standout = highlight;
        text += c;
      }
      body += `${standout ? `${text}${NORMAL}` : text.replace(/ +$/, '')}\n`;
    });
    ctx.out(`${CLEAR}${header}${body}`);
    previous = lines;
  };
  ctx.out(ENTER_SCREEN);
  draw();
  return pollingCommand(ctx, Math.round(options.interval * MICROS_PER_SECOND), draw, 0, {
    // die() catches SIGINT, SIGTERM and SIGHUP: endwin() and exit(EXIT_SUCCESS).
    signals: [SIGINT, SIGTERM, SIGHUP],
    exit: () => {
      ctx.out(LEAVE_SCREEN);
      return 0;
    },
  });
}
