// GNU coreutils 9.1 chmod: octal modes and symbolic ones (u+x,go-w,+x,a=rX,
// g=u), with -R. A clause without who (`+x`, `-w`) leaves the bits of the
// umask (022) alone, and chmod says so when the result is not what the
// clause asks for (`chmod -w` on a world-writable file), exit 1.
import type { FsStat } from '../../host/fs.ts';
import type { Command, CommandContext } from '../context.ts';
import { absolutePath } from '../cwd.ts';
import { errnoText, modeString, quote, usageError } from '../coreutils.ts';

const UMASK = 0o022;
const ALL = 0o7777;

interface Change {
  op: '+' | '-' | '=';
  /** The bits of the classes named (0 when none was: the umask applies). */
  affected: number;
  value: number;
  flag: 'ordinary' | 'copy' | 'x-if-any-x';
}

/** mode_compile: null for an invalid mode. */
export function compileMode(text: string): Change[] | null {
  if (/^[0-7]+$/.test(text)) {
    const value = parseInt(text, 8);
    return value > ALL ? null : [{ op: '=', affected: ALL, value, flag: 'ordinary' }];
  }
  const changes: Change[] = [];
  for (const clause of text.split(',')) {
    let i = 0;
    let affected = 0;
    for (; i < clause.length && 'ugoa'.includes(clause[i]!); i++) {
      affected |= { u: 0o4700, g: 0o2070, o: 0o1007, a: ALL }[clause[i] as 'u' | 'g' | 'o' | 'a'];
    }
    if (i === clause.length) return null;
    while (i < clause.length) {
      const op = clause[i++] as Change['op'];
      if (op !== '+' && op !== '-' && op !== '=') return null;
      const copy = { u: 0o700, g: 0o070, o: 0o007 }[clause[i] as 'u' | 'g' | 'o'];
      if (copy !== undefined) {
        changes.push({ op, affected, value: copy, flag: 'copy' });
        i++;
        continue;
      }
      let value = 0;
      let flag: Change['flag'] = 'ordinary';
      for (; i < clause.length && 'rwxXst'.includes(clause[i]!); i++) {
        const c = clause[i]!;
        if (c === 'X') flag = 'x-if-any-x';
        else value |= { r: 0o444, w: 0o222, x: 0o111, s: 0o6000, t: 0o1000 }[c as 'r' | 'w' | 'x' | 's' | 't'];
      }
      changes.push({ op, affected, value, flag });
    }
  }
  return changes;
}

/** mode_adjust: the mode the changes give, with `umask` for clauses that name no class. */
export function adjustMode(old: number, dir: boolean, umask: number, changes: readonly Change[]): number {
  let mode = old & ALL;
  for (const change of changes) {
    let value = change.value;
    if (change.flag === 'copy') {
      value &= mode;
      value |= (value & 0o444 ? 0o444 : 0) | (value & 0o222 ? 0o222 : 0) | (value & 0o111 ? 0o111 : 0);
    } else if (change.flag === 'x-if-any-x' && (mode & 0o111 || dir)) value |= 0o111;
    value &= change.affected ? change.affected : ~umask;
    if (change.op === '=') mode = (mode & (change.affected ? ~change.affected : 0)) | value;
    else if (change.op === '+') mode |= value;
    else mode &= ~value;
  }
  return mode & ALL;
}

/** A word chmod takes as a mode rather than an option (`-w`, `-x,o+r`). */
const MODE_LIKE = /^-[rwxXstugoa=+,0-7-]/;

export const chmod: Command = (ctx) => {
  let recursive = false;
  let verbose = false;
  const operands: string[] = [];
  let mode: string | null = null;
  for (const [i, word] of ctx.argv.slice(1).entries()) {
    if (word === '--') {
      operands.push(...ctx.argv.slice(i + 2));
      break;
    }
    if (word === '-R' || word === '--recursive') recursive = true;
    else if (word === '-v' || word === '--verbose') verbose = true;
    else if (word.startsWith('-') && word !== '-' && !(mode === null && MODE_LIKE.test(word))) {
      return usageError(ctx, 'chmod', word.startsWith('--') ? `unrecognized option '${word}'` : `invalid option -- '${word[1]}'`);
    } else if (mode === null) mode = word;
    else operands.push(word);
  }
  if (mode === null) return usageError(ctx, 'chmod', 'missing operand');
  if (operands.length === 0) return usageError(ctx, 'chmod', `missing operand after ${quote(mode)}`);
  const changes = compileMode(mode);
  if (!changes) return usageError(ctx, 'chmod', `invalid mode: ${quote(mode)}`);
  const diagnose = !/^[0-7]+$/.test(mode) && changes.some((c) => c.affected === 0);
  let status = 0;
  for (const name of operands) if (!change(ctx, name, changes, { recursive, verbose, diagnose })) status = 1;
  return status;
};

function change(ctx: CommandContext, name: string, changes: readonly Change[], how: { recursive: boolean; verbose: boolean; diagnose: boolean }): boolean {
  const fs = ctx.host.fs;
  const path = absolutePath(ctx.host, name);
  const stat = fs.stat(path);
  if (!stat.ok) {
    ctx.err(`chmod: cannot access ${quote(name)}: ${errnoText(stat.errno)}\n`);
    return false;
  }
  ctx.budget.spend();
  const dir = stat.value.type === 'dir';
  const mode = adjustMode(stat.value.mode, dir, UMASK, changes);
  const done = fs.chmod(path, mode);
  if (!done.ok) {
    ctx.err(`chmod: changing permissions of ${quote(name)}: ${errnoText(done.errno)}\n`);
    return false;
  }
  if (how.verbose) ctx.out(`mode of ${quote(name)} ${mode === stat.value.mode ? 'retained as' : 'changed from'} ${octal(stat.value.mode)} (${perms(stat.value)})${mode === stat.value.mode ? '' : ` to ${octal(mode)} (${perms({ ...stat.value, mode })})`}\n`);
  let ok = true;
  if (how.diagnose) {
    const naive = adjustMode(stat.value.mode, dir, 0, changes);
    if (mode & ~naive) {
      ctx.err(`chmod: ${name}: new permissions are ${perms({ ...stat.value, mode })}, not ${perms({ ...stat.value, mode: naive })}\n`);
      ok = false;
    }
  }
  if (how.recursive && dir) {
    const names = fs.list(path);
    for (const child of names.ok ? names.value : []) ok = change(ctx, `${name.replace(/\/+$/, '')}/${child}`, changes, how) && ok;
  }
  return ok;
}

const octal = (mode: number): string => mode.toString(8).padStart(4, '0');
const perms = (stat: FsStat): string => modeString(stat).slice(1);
