// GNU coreutils 9.1 readlink: a link's target; -f/-e/-m the canonical path
// (every link followed: -f needs all but the last name to exist, -e all, -m none).
import type { HostFileSystem } from '../../host/fs.ts';
import type { Command } from '../context.ts';
import { absolutePath } from '../cwd.ts';
import { parseFlags, usageError } from '../coreutils.ts';

const OPTIONS = {
  permute: true,
  abbreviations: true,
  options: [
    { name: 'canonicalize', short: 'f', long: 'canonicalize', arg: 'none' },
    { name: 'canonicalize-existing', short: 'e', long: 'canonicalize-existing', arg: 'none' },
    { name: 'canonicalize-missing', short: 'm', long: 'canonicalize-missing', arg: 'none' },
    { name: 'no-newline', short: 'n', long: 'no-newline', arg: 'none' },
  ],
} as const;

export const readlink: Command = (ctx) => {
  const parsed = parseFlags(ctx, 'readlink', OPTIONS);
  if (!parsed) return 1;
  if (parsed.operands.length === 0) return usageError(ctx, 'readlink', 'missing operand');
  const names = parsed.flags;
  const mode = names.has('canonicalize-existing') ? 'existing' : names.has('canonicalize') ? 'all-but-last' : names.has('canonicalize-missing') ? 'missing' : null;
  const newline = names.has('no-newline') && parsed.operands.length === 1 ? '' : '\n';
  let status = 0;
  for (const operand of parsed.operands) {
    const path = absolutePath(ctx.host, operand);
    const result = mode === null ? (() => { const r = ctx.host.fs.readlink(path); return r.ok ? r.value : null; })() : canonicalize(ctx.host.fs, path, mode);
    if (result === null) status = 1;
    else ctx.out(`${result}${newline}`);
  }
  return status;
};

/** canonicalize_filename_mode: every symbolic link followed; null when a name that must exist does not. */
export function canonicalize(fs: HostFileSystem, path: string, mode: 'existing' | 'all-but-last' | 'missing'): string | null {
  const pending = path.split('/').filter((p) => p !== '' && p !== '.');
  const done: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '..') {
      done.pop();
      continue;
    }
    const here = `/${[...done, part].join('/')}`;
    const stat = fs.stat(here, { follow: false });
    if (!stat.ok) {
      if (mode === 'existing' || (mode === 'all-but-last' && pending.length > 0)) return null;
      done.push(part);
      continue;
    }
    if (stat.value.type === 'symlink') {
      if (++links > 40) return null;
      const target = fs.readlink(here);
      if (!target.ok) return null;
      if (target.value.startsWith('/')) done.length = 0;
      pending.unshift(...target.value.split('/').filter((p) => p !== '' && p !== '.'));
      continue;
    }
    if (stat.value.type !== 'dir' && pending.length > 0 && mode !== 'missing') return null;
    done.push(part);
  }
  return `/${done.join('/')}`;
}
