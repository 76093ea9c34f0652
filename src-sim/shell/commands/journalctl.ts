// journalctl (systemd 252, Debian 12 and Rocky 9): the host's journal in the
// short format, "Jan 01 00:00:05 rs1 systemd[1]: Starting …", oldest first,
// with "-- Boot ID --" between two boots' lines and "-- No entries --" when
// nothing matched (journalctl.c, v252.31). The journal holds what the lab
// logs: units' start and stop jobs and their programs' output, the boot's
// sysctl and network steps, keepalived; earlier boots are there when
// journald kept them on disk (host/systemd/journal.ts). -f follows it live,
// like tail -f, until Ctrl-C.
import type { Command, CommandContext, RunningCommand } from '../context.ts';
import { getopt, glibcMessage, type OptionSpec } from '../getopt.ts';
import { journalBoots, type JournalBoot } from '../../host/systemd/journal.ts';
import { unitName, type JournalLine } from '../../host/systemd/manager.ts';
import { civilTime, virtualTimeOf, WEEKDAY_NAMES } from '../../core/virtual-date.ts';
import { MICROS_PER_SECOND } from '../../core/event-queue.ts';
import { journalLine } from './systemctl.ts';
import { pollingCommand } from '../polling-command.ts';
import { catalogLines } from '../../host/systemd/catalog.ts';

/** Every option of journalctl 252's getopt_long table, by what the lab does with it. */
const SIMULATED: OptionSpec[] = [
  { name: 'no-pager', long: 'no-pager', arg: 'none' },
  { name: 'e', short: 'e', long: 'pager-end', arg: 'none' },
  { name: 'f', short: 'f', long: 'follow', arg: 'none' },
  { name: 'o', short: 'o', long: 'output', arg: 'required' },
  { name: 'a', short: 'a', long: 'all', arg: 'none' },
  { name: 'l', short: 'l', long: 'full', arg: 'none' },
  { name: 'no-full', long: 'no-full', arg: 'none' },
  { name: 'n', short: 'n', long: 'lines', arg: 'optional' },
  { name: 'no-tail', long: 'no-tail', arg: 'none' },
  { name: 'q', short: 'q', long: 'quiet', arg: 'none' },
  { name: 'b', long: 'this-boot', arg: 'none' },
  { name: 'b', short: 'b', long: 'boot', arg: 'optional' },
  { name: 'list-boots', long: 'list-boots', arg: 'none' },
  { name: 'system', long: 'system', arg: 'none' },
  { name: 't', short: 't', long: 'identifier', arg: 'required' },
  { name: 'S', short: 'S', long: 'since', arg: 'required' },
  { name: 'U', short: 'U', long: 'until', arg: 'required' },
  { name: 'u', short: 'u', long: 'unit', arg: 'required' },
  { name: 'x', short: 'x', long: 'catalog', arg: 'none' },
  { name: 'r', short: 'r', long: 'reverse', arg: 'none' },
  { name: 'utc', long: 'utc', arg: 'none' },
  { name: 'no-hostname', long: 'no-hostname', arg: 'none' },
];
const NOT_SIMULATED: OptionSpec[] = [
  { name: 'h', short: 'h', long: 'help', arg: 'none' },
  ...['version', 'force', 'new-id128', 'user', 'header', 'setup-keys', 'verify', 'disk-usage', 'show-cursor', 'list-catalog', 'dump-catalog', 'update-catalog', 'flush', 'relinquish-var', 'smart-relinquish-var', 'sync', 'rotate'].map((long): OptionSpec => ({ name: long, long, arg: 'none' })),
  ...['file', 'root', 'image', 'facility', 'interval', 'verify-key', 'cursor-file', 'after-cursor', 'user-unit', 'vacuum-size', 'vacuum-files', 'vacuum-time', 'output-fields', 'namespace'].map((long): OptionSpec => ({ name: long, long, arg: 'required' })),
  { name: 'case-sensitive', long: 'case-sensitive', arg: 'optional' },
  { name: 'm', short: 'm', long: 'merge', arg: 'none' },
  { name: 'k', short: 'k', long: 'dmesg', arg: 'none' },
  { name: 'D', short: 'D', long: 'directory', arg: 'required' },
  { name: 'p', short: 'p', long: 'priority', arg: 'required' },
  { name: 'g', short: 'g', long: 'grep', arg: 'required' },
  { name: 'c', short: 'c', long: 'cursor', arg: 'required' },
  { name: 'F', short: 'F', long: 'field', arg: 'required' },
  { name: 'N', short: 'N', long: 'fields', arg: 'none' },
  { name: 'M', short: 'M', long: 'machine', arg: 'required' },
];
const NOT_SIMULATED_NAMES = new Set(NOT_SIMULATED.map((o) => o.name));
/** The short options that take a required argument ("o:D:p:g:c:S:U:t:u:F:M:"): in "-ub" the b is -u's argument. */
const TAKES_ARGUMENT = new Set(['o', 'D', 'p', 'g', 'c', 'S', 'U', 't', 'u', 'F', 'M']);
const OUTPUT_MODES = ['short', 'short-full', 'short-iso', 'short-iso-precise', 'short-precise', 'short-monotonic', 'short-unix', 'verbose', 'export', 'json', 'json-pretty', 'json-sse', 'json-seq', 'cat', 'with-unit'];

/** How often -f looks for new lines (µs). */
const ENTRY_POLL_US = 100_000;

interface Query {
  boot: { offset: number; id: string | null } | null;
  lines: number | null;
  follow: boolean;
  reverse: boolean;
  quiet: boolean;
  cat: boolean;
  noHostname: boolean;
  /** -x: each line's catalog entry under it. */
  catalog: boolean;
  units: string[];
  identifiers: string[];
  since: number | null;
  until: number | null;
  listBoots: boolean;
}

/**
 * journalctl's -n and -b take an optional argument that may also be the
 * next word when it parses ("-n 20", "-b -1", "-eb -1"): the word is joined
 * to its option before the ordinary getopt pass.
 */
function joinOptionalArguments(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = words[i + 1];
    const cluster = /^-([a-zA-Z]*)([nb])$/.exec(word);
    const long = /^--(lines|boot)$/.exec(word);
    const letter = cluster ? cluster[2] : long ? long[1]![0] : null;
    const bare = cluster ? ![...cluster[1]!].some((c) => TAKES_ARGUMENT.has(c)) : long !== null;
    if (letter && bare && next !== undefined && (letter === 'n' ? parseLines(next) !== null : parseBoot(next) !== null)) {
      out.push(cluster ? `${word}${next}` : `${word}=${next}`);
      i++;
    } else out.push(word);
  }
  return out;
}

/** safe_atoi, not negative; "all" is every line. */
function parseLines(text: string): number | 'all' | null {
  if (text === 'all') return 'all';
  return /^\+?\d+$/.test(text.trim()) ? Number(text) : null;
}

/** parse_boot_descriptor: "all" (no boot filter), an offset, a boot ID, or an ID followed by an offset. */
function parseBoot(text: string): { offset: number; id: string | null } | 'all' | null {
  if (text === 'all') return 'all';
  const id = /^[0-9a-fA-F]{32}/.exec(text)?.[0] ?? null;
  const rest = id === null ? text : text.slice(32);
  if (id !== null && rest !== '' && rest[0] !== '-' && rest[0] !== '+') return null;
  if (rest === '') return { offset: 0, id: id?.toLowerCase() ?? null };
  return /^\s*[-+]?\d+$/.test(rest) ? { offset: Number(rest), id: id?.toLowerCase() ?? null } : null;
}

const SPAN_UNITS: ReadonlyArray<[RegExp, number]> = [
  [/^(s|sec|secs|second|seconds)$/, 1],
  [/^(m|min|mins|minute|minutes)$/, 60],
  [/^(h|hr|hour|hours)$/, 3600],
  [/^(d|day|days)$/, 86_400],
  [/^(w|week|weeks)$/, 604_800],
];

/** parse_sec for "5min", "1h 30min", "90" (seconds). */
function parseSpan(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+\s*[a-z]*\s*)+$/.test(trimmed)) return null;
  const parts = [...trimmed.matchAll(/(\d+)\s*([a-z]*)/g)];
  let seconds = 0;
  for (const [, count, unit] of parts) {
    const factor = unit === '' ? 1 : SPAN_UNITS.find(([re]) => re.test(unit!))?.[1];
    if (factor === undefined) return null;
    seconds += Number(count) * factor;
  }
  return seconds * MICROS_PER_SECOND;
}

/** parse_timestamp for the forms a learner types: now, today, yesterday, tomorrow, "YYYY-MM-DD [HH:MM[:SS]]", "HH:MM[:SS]", "-5min", "+1h", "5min ago". */
function parseTimestamp(text: string, now: number): number | null {
  const t = civilTime(now);
  const midnight = virtualTimeOf(t.year, t.month, t.day);
  const day = 86_400 * MICROS_PER_SECOND;
  const words: Record<string, number> = { now, today: midnight, yesterday: midnight - day, tomorrow: midnight + day };
  if (text in words) return words[text]!;
  const date = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (date) return virtualTimeOf(Number(date[1]), Number(date[2]), Number(date[3]), Number(date[4] ?? 0), Number(date[5] ?? 0), Number(date[6] ?? 0));
  const time = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (time) return virtualTimeOf(t.year, t.month, t.day, Number(time[1]), Number(time[2]), Number(time[3] ?? 0));
  const ago = /^(.*\S)\s+ago$/.exec(text);
  const sign = ago ? -1 : text.startsWith('-') ? -1 : text.startsWith('+') ? 1 : 0;
  if (sign === 0) return null;
  const span = parseSpan(ago ? ago[1]! : text.slice(1));
  return span === null ? null : now + sign * span;
}

/** format_timestamp: "Mon 2024-01-01 00:00:05 UTC". */
function timestamp(micros: number): string {
  const t = civilTime(micros);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${WEEKDAY_NAMES[t.weekday]} ${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hours)}:${pad(t.minutes)}:${pad(t.seconds)} UTC`;
}

function fail(ctx: CommandContext, message: string): number {
  ctx.err(`${message}\n`);
  return 1;
}

export const journalctl: Command = (ctx) => {
  const parsed = getopt(joinOptionalArguments(ctx.argv.slice(1)), { options: [...SIMULATED, ...NOT_SIMULATED], permute: true });
  if (parsed.error) return fail(ctx, glibcMessage('journalctl', parsed.error));
  const query: Query = { boot: null, lines: null, follow: false, reverse: false, quiet: false, cat: false, noHostname: false, catalog: false, units: [], identifiers: [], since: null, until: null, listBoots: false };
  let linesSet = false;
  let noTail = false;
  for (const option of parsed.options) {
    if (NOT_SIMULATED_NAMES.has(option.name)) return fail(ctx, `journalctl: ${option.word}: not simulated in this lab; it shows the journal with -u, -b, -n, -e, -f, -x, -r, --since, --until and --list-boots`);
    switch (option.name) {
      case 'e':
        if (!linesSet) query.lines = 1000;
        query.boot = { offset: 0, id: null };
        break;
      case 'f':
        query.follow = true;
        break;
      case 'o':
        if (!OUTPUT_MODES.includes(option.arg!)) return fail(ctx, `Unknown output format '${option.arg}'.`);
        if (option.arg !== 'short' && option.arg !== 'cat') return fail(ctx, `journalctl: -o ${option.arg}: not simulated in this lab; -o short (the default) and -o cat are`);
        query.cat = option.arg === 'cat';
        query.quiet ||= query.cat;
        break;
      case 'n': {
        linesSet = true;
        const lines = option.arg === null ? 10 : parseLines(option.arg);
        if (lines === null) return fail(ctx, `Failed to parse lines '${option.arg}'`);
        query.lines = lines === 'all' ? null : lines;
        break;
      }
      case 'no-tail':
        noTail = true;
        break;
      case 'q':
        query.quiet = true;
        break;
      case 'b': {
        const boot = option.arg === null ? { offset: 0, id: null } : parseBoot(option.arg);
        if (boot === null) return fail(ctx, `Failed to parse boot descriptor '${option.arg}'`);
        query.boot = boot === 'all' ? null : boot;
        break;
      }
      case 'list-boots':
        query.listBoots = true;
        break;
      case 't':
        query.identifiers.push(option.arg!);
        break;
      case 'u':
        // unit_name_mangle: a name without a suffix is a service.
        query.units.push(unitName(option.arg!));
        break;
      case 'S':
      case 'U': {
        const at = parseTimestamp(option.arg!, ctx.clock.now);
        if (at === null) return fail(ctx, `Failed to parse timestamp: ${option.arg}`);
        if (option.name === 'S') query.since = at;
        else query.until = at;
        break;
      }
      case 'r':
        query.reverse = true;
        break;
      case 'x':
        query.catalog = true;
        break;
      case 'no-hostname':
        query.noHostname = true;
        break;
    }
  }
  if (noTail) query.lines = null;
  if (query.follow && query.since === null && !linesSet && query.lines === null) query.lines = 10;
  if (query.follow && query.boot === null) query.boot = { offset: 0, id: null };
  if (query.since !== null && query.until !== null && query.since > query.until) return fail(ctx, '--since= must be before --until=.');
  if (query.follow && query.reverse) return fail(ctx, 'Please specify either --reverse= or --follow=, not both.');
  for (const match of parsed.operands) {
    const field = /^([A-Z_][A-Z0-9_]{0,63})=(.*)$/.exec(match);
    // sd_journal_add_match refuses anything but FIELD=value with an upper-case field name.
    if (!field && !match.startsWith('/')) return fail(ctx, `Failed to add match '${match}': Invalid argument`);
    if (field?.[1] === '_SYSTEMD_UNIT') query.units.push(field[2]!);
    else if (field?.[1] === 'SYSLOG_IDENTIFIER') query.identifiers.push(field[2]!);
    else return fail(ctx, `journalctl: ${match}: this match is not simulated in this lab; -u UNIT, -t IDENTIFIER, _SYSTEMD_UNIT= and SYSLOG_IDENTIFIER= are`);
  }

  const boots = journalBoots(ctx.host);
  if (query.listBoots) return listBoots(ctx, boots, query.reverse);
  const chosen = chooseBoots(boots, query.boot);
  if (typeof chosen === 'string') return fail(ctx, chosen);
  return show(ctx, chosen, query);
};

/**
 * add_boot: offset 0 without an ID is the running boot; otherwise
 * get_boots counts among the boots that have lines, a positive offset from
 * the oldest (1 is the first), zero or negative from the newest, or from
 * the boot an ID names.
 */
function chooseBoots(boots: JournalBoot[], boot: Query['boot']): JournalBoot[] | string {
  if (boot === null) return boots;
  if (boot.offset === 0 && boot.id === null) return [boots.at(-1)!];
  const withLines = boots.filter((b) => b.lines.length > 0);
  let index: number;
  if (boot.id !== null) {
    const at = withLines.findIndex((b) => b.id === boot.id);
    index = at < 0 ? -1 : at + boot.offset;
  } else index = boot.offset > 0 ? boot.offset - 1 : withLines.length - 1 + boot.offset;
  const found = withLines[index];
  if (found) return [found];
  const which = boot.id ?? (boot.offset > 0 ? `+${boot.offset}` : `${boot.offset}`);
  return `Data from the specified boot (${which}) is not available: No such boot ID in journal`;
}

/** --list-boots: systemd's table (format-table.c): columns one space apart, IDX right-aligned, no trailing blanks. */
function listBoots(ctx: CommandContext, boots: JournalBoot[], reverse: boolean): number {
  const withLines = boots.filter((b) => b.lines.length > 0);
  if (withLines.length === 0) return 0;
  const rows = withLines.map((b, i) => [String(i - withLines.length + 1), b.id, timestamp(b.lines[0]!.at), timestamp(b.lines.at(-1)!.at)]);
  if (reverse) rows.reverse();
  const header = ['IDX', 'BOOT ID', 'FIRST ENTRY', 'LAST ENTRY'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[], alignIndex: boolean): string =>
    cells.map((cell, c) => (c === 0 && alignIndex ? cell.padStart(widths[c]!) : c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join(' ');
  ctx.out(`${line(header, false)}\n${rows.map((r) => `${line(r, true)}\n`).join('')}`);
  return 0;
}

function matches(line: JournalLine, query: Query): boolean {
  if (query.units.length > 0 && !query.units.includes(line.unit)) return false;
  if (query.identifiers.length > 0 && !query.identifiers.includes(line.ident.replace(/\[\d+\]$/, ''))) return false;
  if (query.since !== null && line.at < query.since) return false;
  if (query.until !== null && line.at > query.until) return false;
  return true;
}

function format(ctx: CommandContext, line: JournalLine, query: Query): string {
  // output_short prints the catalog entry; -o cat never does.
  if (query.cat) return `${line.message}\n`;
  const explained = query.catalog && line.catalog ? catalogLines(line.catalog, ctx.host.os) : '';
  const text = journalLine(ctx.host.name, line);
  return `${query.noHostname ? text.replace(` ${ctx.host.name} `, ' ') : text}${explained}`;
}

function show(ctx: CommandContext, boots: JournalBoot[], query: Query): number | RunningCommand {
  let entries = boots.flatMap((boot) => boot.lines.filter((line) => matches(line, query)).map((line) => ({ boot: boot.id, line })));
  if (query.reverse) entries.reverse();
  if (query.lines !== null) entries = query.reverse ? entries.slice(0, query.lines) : entries.slice(Math.max(0, entries.length - query.lines));
  let previousBoot: string | null = null;
  let text = '';
  for (const entry of entries) {
    if (!query.quiet && previousBoot !== null && entry.boot !== previousBoot) text += `-- Boot ${entry.boot} --\n`;
    previousBoot = entry.boot;
    text += format(ctx, entry.line, query);
  }
  ctx.out(text);
  if (!query.follow) {
    if (entries.length === 0 && !query.quiet) ctx.out('-- No entries --\n');
    return 0;
  }
  return follow(ctx, query);
}

/**
 * -f: what the running boot logs from now on, as it comes (journald wakes
 * journalctl through inotify at once; the lab looks every ENTRY_POLL_US).
 * It catches no signal: Ctrl-C ends it where it is.
 */
function follow(ctx: CommandContext, query: Query): RunningCommand {
  const journal = ctx.host.systemd.journal;
  let seen = journal.length;
  return pollingCommand(ctx, ENTRY_POLL_US, () => {
    let text = '';
    for (; seen < journal.length; seen++) if (matches(journal[seen]!, query)) text += format(ctx, journal[seen]!, query);
    if (text !== '') ctx.out(text);
  }, 0);
}
