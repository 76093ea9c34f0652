// GNU sed 4.9 (the script language is text/sed-script.ts): -n, -e (several),
// -f, -E/-r, -s, -i (editing files in place), reading files or standard input.
import type { Command, CommandContext } from '../context.ts';
import { getopt, glibcMessage, type OptionSpec } from '../getopt.ts';
import type { Budget } from '../../core/budget.ts';
import { absolutePath } from '../cwd.ts';
import { openOutput, readInput, splitLines } from '../input.ts';
import { SED_USAGE } from '../text/sed-usage.ts';
import { parseSed, type Address, type SedCommand } from '../text/sed-script.ts';

const OPTIONS: OptionSpec[] = [
  { name: 'n', short: 'n', long: 'quiet', arg: 'none' },
  { name: 'n', long: 'silent', arg: 'none' },
  { name: 'e', short: 'e', long: 'expression', arg: 'required' },
  { name: 'f', short: 'f', long: 'file', arg: 'required' },
  { name: 'E', short: 'E', long: 'regexp-extended', arg: 'none' },
  { name: 'E', short: 'r', arg: 'none' },
  { name: 's', short: 's', long: 'separate', arg: 'none' },
  { name: 'i', short: 'i', long: 'in-place', arg: 'optional' },
  { name: 'posix', long: 'posix', arg: 'none' },
];

export const sed: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), { options: OPTIONS, permute: true, abbreviations: true });
  if (parsed.error) {
    ctx.err(`${glibcMessage('sed', parsed.error)}\n${SED_USAGE}`);
    return 1;
  }
  const expressions: string[] = [];
  let quiet = false;
  let extended = false;
  let separate = false;
  let inPlace = false;
  let backupSuffix: string | null = null;
  for (const o of parsed.options) {
    if (o.name === 'n') quiet = true;
    else if (o.name === 'e') expressions.push(o.arg!);
    else if (o.name === 'E') extended = true;
    else if (o.name === 's') separate = true;
    else if (o.name === 'i') {
      inPlace = separate = true;
      backupSuffix = o.arg;
    }
    else if (o.name === 'f') {
      const read = readInput(ctx, o.arg!);
      if ('error' in read) {
        ctx.err(`sed: couldn't open file ${o.arg}: ${read.error}\n`);
        return 1;
      }
      expressions.push(read.text.replace(/\n$/, ''));
    }
  }
  const operands = [...parsed.operands];
  if (expressions.length === 0) {
    const script = operands.shift();
    if (script === undefined) {
      ctx.err(SED_USAGE);
      return 1;
    }
    expressions.push(script);
  }
  const program = parseSed(expressions, extended ? 'extended' : 'basic');
  if (!program.ok) {
    ctx.err(`sed: ${program.error}\n`);
    return 1;
  }
  if (inPlace && operands.length === 0) {
    ctx.err('sed: no input files\n');
    return 4;
  }
  if (inPlace) return editInPlace(ctx, operands, program.commands, quiet, backupSuffix);
  const files = operands.length === 0 ? ['-'] : operands;
  let status = 0;
  const streams: { lines: string[]; newlineAtEnd: boolean }[] = [];
  for (const file of files) {
    const read = readSedInput(ctx, file);
    if (!('text' in read)) {
      if (read.status === 4) return 4;
      status = 2;
      continue;
    }
    if (separate || streams.length === 0) streams.push({ lines: [], newlineAtEnd: true });
    const stream = streams[streams.length - 1]!;
    stream.lines.push(...splitLines(read.text));
    if (read.text !== '') stream.newlineAtEnd = read.text.endsWith('\n');
  }
  const run = new SedRun(ctx.budget, (t) => ctx.out(t), program.commands, quiet);
  for (const { lines, newlineAtEnd } of streams) {
    const exit = run.stream(lines, newlineAtEnd);
    if (exit !== null) return exit;
  }
  return status;
};

/** One input file: a directory ends sed (status 4); one it cannot read is reported and skipped (status 2). */
function readSedInput(ctx: CommandContext, file: string): { text: string } | { status: 2 | 4 } {
  const stat = ctx.host.fs.stat(absolutePath(ctx.host, file));
  if (stat.ok && stat.value.type === 'dir') {
    ctx.err(`sed: couldn't edit ${file}: not a regular file\n`);
    return { status: 4 };
  }
  const read = readInput(ctx, file);
  if ('error' in read) {
    ctx.err(`sed: can't read ${file}: ${read.error}\n`);
    return { status: 2 };
  }
  return { text: read.text };
}

/** -i: each file on its own, its output written back to it (after a copy to FILE+SUFFIX when given). */
function editInPlace(ctx: CommandContext, files: string[], commands: SedCommand[], quiet: boolean, backupSuffix: string | null): number {
  let status = 0;
  for (const file of files) {
    const read = readSedInput(ctx, file);
    if (!('text' in read)) {
      if (read.status === 4) return 4;
      status = 2;
      continue;
    }
    let text = '';
    const run = new SedRun(ctx.budget, (t) => (text += t), commands, quiet);
    const exit = run.stream(splitLines(read.text), read.text === '' || read.text.endsWith('\n'));
    if (backupSuffix) {
      const backup = backupSuffix.includes('*') ? backupSuffix.replaceAll('*', file) : `${file}${backupSuffix}`;
      const copy = openOutput(ctx.host, backup, false);
      if (!('error' in copy)) copy.write(read.text);
    }
    const output = openOutput(ctx.host, file, false);
    const error = 'error' in output ? output.error : output.write(text);
    if (error) {
      ctx.err(`sed: couldn't open temporary file ${file}: ${error}\n`);
      return 4;
    }
    if (exit !== null) return exit;
  }
  return status;
}

class SedRun {
  lineNumber = 0;
  hold = '';
  lastRegex: RegExp | null = null;
  constructor(
    private readonly budget: Budget,
    private readonly sink: (text: string) => void,
    private readonly commands: SedCommand[],
    private readonly quiet: boolean,
  ) {}

  /** The pattern space of a last line that had no newline is written without one. */
  private owedNewline = false;

  private write(text: string): void {
    if (this.owedNewline && text !== '') {
      this.sink('\n');
      this.owedNewline = false;
    }
    this.sink(text);
  }

  private writeSpace(space: string, chomped: boolean): void {
    this.write(space);
    if (chomped) this.write('\n');
    else this.owedNewline = true;
  }

  /** Runs the script over one stream of lines; an exit status when q or Q ended it. */
  stream(lines: string[], newlineAtEnd: boolean): number | null {
    let next = 0;
    const last = (): boolean => next >= lines.length;
    const chomped = (): boolean => newlineAtEnd || !last();
    this.owedNewline = false;
    while (next < lines.length) {
      let space = lines[next++]!;
      this.lineNumber++;
      const appended: string[] = [];
      let autoprint = !this.quiet;
      let pc = 0;
      let quit: number | null = null;
      while (pc < this.commands.length) {
        this.budget.spend();
        const cmd = this.commands[pc]!;
        if (!this.selects(cmd, space, last())) {
          pc = cmd.name === '{' ? cmd.blockEnd! : pc + 1;
          continue;
        }
        pc++;
        let endCycle = false;
        switch (cmd.name) {
          case 'p': this.writeSpace(space, chomped()); break;
          case 'P': this.write(`${space.split('\n')[0]}\n`); break;
          case '=': this.write(`${this.lineNumber}\n`); break;
          case 'd': endCycle = true; autoprint = false; break;
          case 'D': {
            const nl = space.indexOf('\n');
            if (nl < 0) {
              endCycle = true;
              autoprint = false;
            } else {
              space = space.slice(nl + 1);
              pc = 0;
            }
            break;
          }
          case 'h': this.hold = space; break;
          case 'H': this.hold += `\n${space}`; break;
          case 'g': space = this.hold; break;
          case 'G': space += `\n${this.hold}`; break;
          case 'x': [space, this.hold] = [this.hold, space]; break;
          case 'a': appended.push(`${cmd.text}\n`); break;
          case 'i': this.write(`${cmd.text}\n`); break;
          case 'c':
            if (!cmd.inRange || cmd.negate) this.write(`${cmd.text}\n`);
            endCycle = true;
            autoprint = false;
            break;
          case 'y': space = [...space].map((c) => cmd.map!.get(c) ?? c).join(''); break;
          case 's': space = this.substitute(cmd, space); break;
          case 'q': quit = cmd.exitCode ?? 0; endCycle = true; break;
          case 'Q': quit = cmd.exitCode ?? 0; endCycle = true; autoprint = false; break;
          case 'n':
            if (last()) {
              quit = 0;
              endCycle = true;
              break;
            }
            if (!this.quiet) this.write(`${space}\n`);
            space = lines[next++]!;
            this.lineNumber++;
            break;
          case 'N':
            if (last()) {
              quit = 0;
              endCycle = true;
              break;
            }
            space += `\n${lines[next++]!}`;
            this.lineNumber++;
            break;
        }
        if (endCycle) break;
      }
      if (autoprint) this.writeSpace(space, chomped());
      this.write(appended.join(''));
      if (quit !== null) return quit;
    }
    return null;
  }

  private matchesAddress(a: Address, space: string, isLast: boolean): boolean {
    switch (a.kind) {
      case 'line': return this.lineNumber === a.n;
      case 'last': return isLast;
      case 'step': return a.step <= 0 ? this.lineNumber === a.first : this.lineNumber >= a.first && (this.lineNumber - a.first) % a.step === 0;
      case 'plus': return false;
      case 'regex': {
        const re = this.regex(a.re);
        re.lastIndex = 0;
        return re.test(space);
      }
    }
  }

  private selects(cmd: SedCommand, space: string, isLast: boolean): boolean {
    if (!cmd.a1) return !cmd.negate;
    if (!cmd.a2) return this.matchesAddress(cmd.a1, space, isLast) !== cmd.negate;
    let selected: boolean;
    if (cmd.inRange) {
      selected = true;
      const end = cmd.a2;
      if (end.kind === 'line') cmd.inRange = this.lineNumber < end.n;
      else if (end.kind === 'plus') cmd.inRange = this.lineNumber < cmd.rangeEnd!;
      else cmd.inRange = !this.matchesAddress(end, space, isLast);
      if (end.kind === 'line' && this.lineNumber > end.n) selected = false;
    } else if (cmd.a1.kind === 'line' && cmd.a1.n === 0 ? this.lineNumber === 1 && (cmd.inRange = true) : this.matchesAddress(cmd.a1, space, isLast)) {
      selected = true;
      const end = cmd.a2;
      if (cmd.a1.kind === 'line' && cmd.a1.n === 0) cmd.inRange = !this.matchesAddress(end, space, isLast);
      else if (end.kind === 'line') cmd.inRange = end.n > this.lineNumber;
      else if (end.kind === 'plus') {
        cmd.rangeEnd = this.lineNumber + end.n;
        cmd.inRange = end.n > 0;
      } else if (end.kind === 'last') cmd.inRange = !isLast;
      else cmd.inRange = true;
    } else selected = false;
    return selected !== cmd.negate;
  }

  private regex(re: RegExp | null): RegExp {
    if (re) {
      this.lastRegex = re;
      return re;
    }
    return this.lastRegex ?? /(?:)/g;
  }

  private substitute(cmd: SedCommand, space: string): string {
    const re = this.regex(cmd.re!);
    re.lastIndex = 0;
    let count = 0;
    let replaced = false;
    const result = space.replace(re, (...m: unknown[]) => {
      count++;
      const groups = m.slice(0, -2) as (string | undefined)[];
      if (count < cmd.occurrence! || (!cmd.global && count > cmd.occurrence!)) return groups[0]!;
      replaced = true;
      return expandReplacement(cmd.replacement!, groups);
    });
    if (replaced && cmd.print) this.write(`${result}\n`);
    return result;
  }
}

/** s's right-hand side: & the match, \1-\9 a group, \n a newline, \X the character X. */
function expandReplacement(replacement: string, groups: (string | undefined)[]): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i]!;
    if (ch === '&') out += groups[0] ?? '';
    else if (ch === '\\' && i + 1 < replacement.length) {
      const next = replacement[++i]!;
      if (/[0-9]/.test(next)) out += groups[Number(next)] ?? '';
      else if (next === 'n') out += '\n';
      else if (next === 't') out += '\t';
      else out += next;
    } else out += ch;
  }
  return out;
}
