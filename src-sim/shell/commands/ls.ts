// GNU coreutils 9.1 ls: -l -a -A -d -1. Output is one name per
// line, as ls writes when its output is not a terminal (the kernel runner's
// case); names sort by bytes, as in the C locale. -l prints mode, links,
// owner and group (root: the lab's one user), size, the virtual clock's date.
import type { FsStat } from '../../host/fs.ts';
import type { Command, CommandContext } from '../context.ts';
import { absolutePath } from '../cwd.ts';
import { errnoText, lsDate, modeString, parseFlags, quote } from '../coreutils.ts';

const OPTIONS = {
  permute: true,
  abbreviations: true,
  options: [
    { name: 'long', short: 'l', arg: 'none' },
    { name: 'all', short: 'a', long: 'all', arg: 'none' },
    { name: 'almost-all', short: 'A', long: 'almost-all', arg: 'none' },
    { name: 'directory', short: 'd', long: 'directory', arg: 'none' },
    { name: 'one', short: '1', arg: 'none' },
  ],
} as const;

interface Row {
  name: string;
  stat: FsStat;
  /** The absolute path, for a symbolic link's target. */
  path: string;
}

export const ls: Command = (ctx) => {
  const parsed = parseFlags(ctx, 'ls', OPTIONS);
  if (!parsed) return 2;
  const flags = parsed.flags;
  const long = flags.has('long');
  const fs = ctx.host.fs;
  const operands = parsed.operands.length > 0 ? parsed.operands : ['.'];
  let status = 0;
  const files: Row[] = [];
  const dirs: Array<{ name: string; path: string }> = [];
  // ls sizes its columns for the files named on the command line over every operand, directories included.
  const operandStats: FsStat[] = [];
  for (const name of operands) {
    const path = absolutePath(ctx.host, name);
    // With -l or -d a link named on the command line is shown, not followed (unless it ends in '/').
    const follow = !(long || flags.has('directory')) || name.endsWith('/');
    let stat = fs.stat(path, { follow });
    if (!stat.ok && !follow) stat = fs.stat(path, { follow: false });
    if (!stat.ok) {
      ctx.err(`ls: cannot access ${quote(name)}: ${errnoText(stat.errno)}\n`);
      status = 2;
      continue;
    }
    operandStats.push(stat.value);
    if (stat.value.type === 'dir' && !flags.has('directory')) dirs.push({ name, path });
    else files.push({ name, stat: stat.value, path });
  }
  const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  files.sort(byName);
  dirs.sort(byName);
  if (files.length > 0) print(ctx, files, long, false, operandStats);
  const headers = operands.length > 1;
  dirs.forEach((d, i) => {
    if (headers) ctx.out(`${i > 0 || files.length > 0 ? '\n' : ''}${d.name}:\n`);
    const listed = fs.list(d.path);
    if (!listed.ok) {
      ctx.err(`ls: cannot open directory ${quote(d.name)}: ${errnoText(listed.errno)}\n`);
      status = 2;
      return;
    }
    const names = flags.has('all') ? ['.', '..', ...listed.value] : flags.has('almost-all') ? listed.value : listed.value.filter((n) => !n.startsWith('.'));
    const rows: Row[] = [];
    for (const name of names) {
      const path = name === '.' ? d.path : name === '..' ? absolutePath(ctx.host, `${d.path}/..`) : `${d.path === '/' ? '' : d.path}/${name}`;
      const stat = fs.stat(path, { follow: false });
      if (stat.ok) rows.push({ name, stat: stat.value, path });
    }
    print(ctx, rows, long, true);
  });
  return status;
};

function print(ctx: CommandContext, rows: Row[], long: boolean, total: boolean, sized: FsStat[] = rows.map((r) => r.stat)): void {
  if (!long) {
    for (const row of rows) ctx.out(`${row.name}\n`);
    return;
  }
  // st_blocks in 1 KiB units: 4 KiB per started block; /proc files, devices and links hold none.
  const blocks = (s: FsStat): number => (s.type === 'file' || s.type === 'dir' ? Math.ceil(s.size / 4096) * 4 : 0);
  if (total) ctx.out(`total ${rows.reduce((sum, r) => sum + blocks(r.stat), 0)}\n`);
  const sizeText = (s: FsStat): string => (s.type === 'char' ? '1, 3' : String(s.size));
  const linkWidth = Math.max(...sized.map((s) => String(s.nlink).length));
  const sizeWidth = Math.max(...sized.map((s) => sizeText(s).length));
  const now = ctx.clock.now;
  for (const row of rows) {
    const s = row.stat;
    let line = `${modeString(s)} ${String(s.nlink).padStart(linkWidth)} root root ${sizeText(s).padStart(sizeWidth)} ${lsDate(s.mtimeUs, now)} ${row.name}`;
    if (s.type === 'symlink') {
      const target = ctx.host.fs.readlink(row.path);
      if (target.ok) line += ` -> ${target.value}`;
    }
    ctx.out(`${line}\n`);
  }
}
