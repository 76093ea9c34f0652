// GNU findutils xargs 4.9: builds command lines from standard input's words
// (quotes and backslashes as xargs reads them) and runs them on this host;
// -n N words per command, -I STR one line per command with STR replaced, -r
// nothing when the input is empty, -t shows each command; default echo.
import type { Command, CommandContext } from '../context.ts';
import { getopt, glibcMessage, type OptionSpec } from '../getopt.ts';

const OPTIONS: OptionSpec[] = [
  { name: 'n', short: 'n', long: 'max-args', arg: 'required' },
  { name: 'I', short: 'I', arg: 'required' },
  { name: 'i', short: 'i', long: 'replace', arg: 'optional' },
  { name: 'L', short: 'L', long: 'max-lines', arg: 'required' },
  { name: 'r', short: 'r', long: 'no-run-if-empty', arg: 'none' },
  { name: 't', short: 't', long: 'verbose', arg: 'none' },
  { name: 'd', short: 'd', long: 'delimiter', arg: 'required' },
  { name: '0', short: '0', long: 'null', arg: 'none' },
];

const TRY = "Try 'xargs --help' for more information.\n";

/** The words of xargs' input: blanks separate, quotes group, a backslash escapes; the words before an open quote and its error. */
function words(input: string): { words: string[]; error: string | null } {
  const out: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (word !== null) out.push(word);
      word = null;
    } else if (ch === '"' || ch === "'") {
      const end = input.indexOf(ch, i + 1);
      const newline = input.indexOf('\n', i + 1);
      if (end < 0 || (newline >= 0 && newline < end)) {
        return { words: out, error: `unmatched ${ch === '"' ? 'double' : 'single'} quote; by default quotes are special to xargs unless you use the -0 option` };
      }
      word = (word ?? '') + input.slice(i + 1, end);
      i = end;
    } else if (ch === '\\' && i + 1 < input.length) {
      word = (word ?? '') + input[++i];
    } else word = (word ?? '') + ch;
  }
  if (word !== null) out.push(word);
  return { words: out, error: null };
}

/** A word as the lab shell reads it back unchanged. */
const shellWord = (w: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

export const xargs: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), { options: OPTIONS, permute: false });
  if (parsed.error) {
    ctx.err(`${glibcMessage('xargs', parsed.error)}\n${TRY}`);
    return 1;
  }
  let perCommand = Infinity;
  let byLines = false;
  let replace: string | null = null;
  let noEmpty = false;
  let verbose = false;
  let delimiter: string | null = null;
  for (const o of parsed.options) {
    if (o.name === 'n' || o.name === 'L') {
      if (!/^\d+$/.test(o.arg!)) {
        ctx.err(`xargs: invalid number "${o.arg}" for -${o.name} option\n${TRY}`);
        return 1;
      }
      if (Number(o.arg) < 1) {
        ctx.err(`xargs: value ${o.arg} for -${o.name} option should be >= 1\n${TRY}`);
        return 1;
      }
      byLines = o.name === 'L';
      perCommand = Number(o.arg);
    } else if (o.name === 'I' || o.name === 'i') replace = o.arg ?? '{}';
    else if (o.name === 'r') noEmpty = true;
    else if (o.name === 't') verbose = true;
    else if (o.name === 'd') delimiter = o.arg!.replace(/^\\n$/, '\n').replace(/^\\t$/, '\t');
    else if (o.name === '0') delimiter = '\0';
  }
  const command = parsed.operands.length === 0 ? ['echo'] : parsed.operands;
  const input = ctx.stdin ?? '';
  let items: string[];
  let inputError: string | null = null;
  if (byLines && replace === null) {
    // -L N: the words of N input lines per command.
    const lines = input.split('\n').filter((l) => l.trim() !== '');
    const groups: string[][] = [];
    for (let i = 0; i < lines.length; i += perCommand) groups.push(words(lines.slice(i, i + perCommand).join('\n')).words);
    return runAll(ctx, groups.map((g) => [...(parsed.operands.length === 0 ? ['echo'] : parsed.operands), ...g]), verbose, null);
  }
  if (replace !== null) items = input.split('\n').map((l) => l.replace(/^[ \t]+/, '')).filter((l) => l !== '');
  else if (delimiter !== null) {
    items = input.split(delimiter);
    if (items[items.length - 1] === '' || (delimiter !== '\n' && items[items.length - 1] === '\n')) items.pop();
  } else {
    const w = words(input);
    items = w.words;
    inputError = w.error;
  }
  const lines: string[][] = [];
  if (replace !== null) for (const item of items) lines.push(command.map((part) => part.split(replace!).join(item)));
  else {
    for (let i = 0; i < items.length; i += perCommand === Infinity ? items.length : perCommand) lines.push([...command, ...items.slice(i, i + perCommand)]);
    if (items.length === 0 && !noEmpty) lines.push([...command]);
  }
  return runAll(ctx, lines, verbose, inputError);
};

/** Runs each command line; xargs' status (123: one failed, 124: one exited 255, 127: not found). */
function runAll(ctx: CommandContext, lines: string[][], verbose: boolean, inputError: string | null): number {
  let status = 0;
  for (const argv of lines) {
    ctx.budget.spend();
    if (verbose) ctx.err(`${argv.join(' ')}\n`);
    const result = ctx.run(argv.map(shellWord).join(' '));
    ctx.out(result.stdout);
    ctx.err(result.stderr.replace(/^bash: (\S+): command not found\n$/, 'xargs: $1: No such file or directory\n'));
    if (result.exit === 127) return 127;
    if (result.exit === 255) {
      ctx.err(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
      return 124;
    }
    if (result.exit !== 0) status = 123;
  }
  if (inputError !== null) {
    ctx.err(`xargs: ${inputError}\n`);
    return 1;
  }
  return status;
}
