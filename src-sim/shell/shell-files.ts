// The files the shell itself opens: redirection targets, `source`, scripts run
// by path, `cd`, `[ -f ]` and pathname globbing, all through the host's file
// system (host.fs) with bash's error texts.
import type { FsErrno } from '../host/fs.ts';
import { FS_ERRNO_TEXT } from '../host/fs.ts';
import type { Host } from '../host/host.ts';
import { hasGlob, matchPattern, unescapeGlob } from './pattern.ts';

export interface PathInfo {
  type: 'file' | 'dir' | 'char' | 'symlink';
  /** Permission bits (0o755 …). */
  mode: number;
  size: number;
}

/** `path` made absolute against the shell's current directory, with `.`, `..` and `//` resolved. */
export function resolvePath(host: Host, cwd: string, path: string): string {
  return host.fs.resolve(cwd, path);
}

/** What `[ -e ]`, `cd` and running a script by path see of a file (symbolic links followed); null when it does not exist. */
export function pathInfo(host: Host, path: string): PathInfo | null {
  const stat = host.fs.stat(path);
  return stat.ok ? { type: stat.value.type, mode: stat.value.mode, size: stat.value.size } : null;
}

/** Why a path cannot be used as a directory (cd): bash's text. */
export function directoryError(host: Host, path: string): string | null {
  const stat = host.fs.stat(path);
  if (!stat.ok) return FS_ERRNO_TEXT[stat.errno];
  return stat.value.type === 'dir' ? null : FS_ERRNO_TEXT.ENOTDIR;
}

/** A file's text, for `<`, `source` and scripts; an error is bash's text. */
export function readFile(host: Host, path: string): { text: string } | { error: string } {
  const read = host.fs.read(path);
  return read.ok ? { text: read.value } : { error: FS_ERRNO_TEXT[read.errno] };
}

/** The names in a directory (for globbing), sorted as ls sorts them; null when it cannot be listed. */
export function listDirectory(host: Host, path: string): string[] | null {
  const list = host.fs.list(path);
  return list.ok ? list.value : null;
}

/**
 * Pathname expansion (glob(3) with no flags, as bash and procps sysctl use
 * it): the existing paths `pattern` matches, sorted per directory; empty when
 * none does. `pattern` is absolute or relative to `cwd`; quoted characters are
 * backslash-escaped. `spend` is charged one unit per directory entry tried.
 */
export function expandPathname(host: Host, cwd: string, pattern: string, spend: (units: number) => void): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s, i) => s !== '' || i === 0);
  let paths = [absolute ? '/' : ''];
  for (const segment of segments.slice(absolute ? 1 : 0)) {
    const nextPaths: string[] = [];
    for (const base of paths) {
      if (!hasGlob(segment)) {
        nextPaths.push(joinPath(base, unescapeGlob(segment)));
        continue;
      }
      const names = listDirectory(host, resolvePath(host, cwd, base === '' ? '.' : base));
      if (names === null) continue;
      spend(names.length);
      for (const name of names) {
        if (name.startsWith('.') && !segment.startsWith('.') && !segment.startsWith('\\.')) continue;
        if (matchPattern(segment, name)) nextPaths.push(joinPath(base, name));
      }
    }
    paths = nextPaths;
  }
  return paths.filter((p) => pathInfo(host, resolvePath(host, cwd, p)) !== null);
}

function joinPath(base: string, name: string): string {
  if (base === '') return name;
  return base.endsWith('/') ? base + name : `${base}/${name}`;
}

/**
 * A redirection target opened for writing. The shell opens it (O_CREAT, and
 * O_TRUNC for `>`) before the command runs, so a missing directory fails
 * before anything happens; what the command wrote is delivered by `flush`.
 */
export interface OpenedFile {
  /** Writes what the command wrote, one write(2) per chunk; an error is the text the writing command reports ("write error: …"). */
  flush(chunks: string[]): string | null;
}

export function openForWrite(host: Host, path: string, append: boolean): OpenedFile | { error: string; errno: FsErrno } {
  const opened = host.fs.write(path, '', { append });
  if (!opened.ok) return { error: FS_ERRNO_TEXT[opened.errno], errno: opened.errno };
  return {
    flush: (chunks) => {
      // A sysctl takes the first write only: later ones start past offset 0, which the kernel
      // ignores (kernel.sysctl_writes_strict = 1), so `for …; do echo $i; done > /proc/sys/…` keeps the first.
      const writes = path.startsWith('/proc/sys/') ? chunks.filter((c) => c !== '').slice(0, 1) : chunks;
      for (const chunk of writes) {
        if (chunk === '') continue;
        const written = host.fs.write(path, chunk, { append: true });
        if (!written.ok) return FS_ERRNO_TEXT[written.errno];
      }
      return null;
    },
  };
}
