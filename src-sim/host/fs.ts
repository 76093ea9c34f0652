// The file system of one host: an in-memory tree of plain data (directories,
// files, symbolic links, /dev/null) that a later reboot can walk, plus the
// kernel's views, generated when read: /proc/sys/* (backed by the sysctl
// tree), /proc/net/{arp,ip_vs,ip_vs_conn}, /sys/class/net/<dev>/{address,mtu,
// operstate,carrier}. The shell runs as root, so modes never refuse access
// (only execution without +x, which the shell checks from `stat`).
//
// Paths given to the methods are absolute; `resolve` turns a command's
// argument into one against the shell's current directory.
import type { Host } from './host.ts';
import { procNetArp } from '../shell/commands/arp.ts';
import { procNetIpVs, procNetIpVsConn } from '../ipvs/procfs.ts';
import { utf8Length } from '../schema/problems.ts';
import { fromBytes, toBytes } from '../shell/text/c-format.ts';

export type FsErrno = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EACCES' | 'EEXIST' | 'ENOTEMPTY' | 'EROFS' | 'EINVAL' | 'EPERM' | 'ELOOP' | 'ENOSPC';

/** strerror(3) as glibc prints it. */
export const FS_ERRNO_TEXT: Record<FsErrno, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EACCES: 'Permission denied',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EROFS: 'Read-only file system',
  EINVAL: 'Invalid argument',
  EPERM: 'Operation not permitted',
  ELOOP: 'Too many levels of symbolic links',
  ENOSPC: 'No space left on device',
};

export type FsResult<T> = { ok: true; value: T } | { ok: false; errno: FsErrno };

export interface FsStat {
  type: 'file' | 'dir' | 'symlink' | 'char';
  /** Permission bits (0o7777), without the type. */
  mode: number;
  size: number;
  mtimeUs: number;
  nlink: number;
}

/** A node of the tree: plain data, so the tree can be copied, walked or saved as it is. */
export type FsNode = FsFile | FsDir | FsSymlink | FsCharDevice;

export interface FsFile {
  type: 'file';
  mode: number;
  mtimeUs: number;
  /** The contents: UTF-8 text, or with `binary` one character (0-255) per byte. */
  text: string;
  /**
   * Bytes that need not be UTF-8 (a capture `tcpdump -w` wrote), kept as a
   * string of bytes (c-format's toBytes form) so the tree stays plain data.
   */
  binary?: true;
  /** A file whose text a daemon writes (nginx's logs): read through the host, not stored. */
  source?: FileSource;
}

export interface FsDir {
  type: 'dir';
  mode: number;
  mtimeUs: number;
  entries: { [name: string]: FsNode };
}

export interface FsSymlink {
  type: 'symlink';
  mtimeUs: number;
  target: string;
}

export interface FsCharDevice {
  type: 'char';
  mode: number;
  mtimeUs: number;
  device: 'null';
}

/** Files written by the host's daemons as they run. */
export type FileSource = 'nginx-access-log';

/** A file or directory of /proc or /sys: generated when read. */
interface VirtualEntry {
  type: 'file' | 'dir';
  mode: number;
  size: number;
  read?: () => string;
  /** null on success. */
  write?: (text: string) => FsErrno | null;
  list?: () => string[];
}

const ok = <T>(value: T): FsResult<T> => ({ ok: true, value });
const fail = <T>(errno: FsErrno): FsResult<T> => ({ ok: false, errno });

/** Symbolic links followed in one lookup before ELOOP (the kernel's MAXSYMLINKS). */
const MAX_SYMLINKS = 40;
/** A directory's size as ext4 reports it for a small directory. */
const DIR_SIZE = 4096;

/**
 * How much one host's disk holds: its files' bytes and a block per directory.
 * The lab keeps files in memory, so a learner's `seq 1000000 >> f` run again
 * and again, or a huge here-document, ends as a full disk does (ENOSPC: each
 * tool's "No space left on device", the file filled to the last byte) long
 * before it could take the app down.
 */
export const FS_CAPACITY = 16 * 1024 * 1024;

/** The longest start of `text` that fits in `bytes` bytes of UTF-8 (a partial write(2)). */
function utf8Prefix(text: string, bytes: number): string {
  let used = 0;
  let end = 0;
  for (const char of text) {
    used += utf8Length(char);
    if (used > bytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}

/** Sorted as `ls` sorts in the C locale: by bytes (UTF-16 order is the same for the lab's names). */
export function sortNames(names: string[]): string[] {
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((p) => p !== '' && p !== '.');
}

export class HostFileSystem {
  readonly root: FsDir;
  /** Bytes the disk holds (tests make it smaller). */
  capacity = FS_CAPACITY;
  /** Bytes in use, counted from the tree when first needed, then kept as it changes. */
  #used: number | null = null;

  constructor(
    private readonly host: Host,
    private readonly now: () => number,
  ) {
    this.root = dir(0o755, 0);
  }

  /** An absolute, normalised path: `cwd` joined with `path`, '.', '..' and repeated slashes resolved (lexically, as `realpath -s`). */
  resolve(cwd: string, path: string): string {
    const parts: string[] = [];
    for (const part of splitPath(path.startsWith('/') ? path : `${cwd}/${path}`)) {
      if (part === '..') parts.pop();
      else parts.push(part);
    }
    return `/${parts.join('/')}`;
  }

  stat(path: string, opts: { follow?: boolean } = {}): FsResult<FsStat> {
    const found = this.lookup(path, opts.follow ?? true);
    if (!found.ok) return found;
    const entry = found.value;
    if (entry.kind === 'virtual') return ok({ type: entry.entry.type, mode: entry.entry.mode, size: entry.entry.size, mtimeUs: this.now(), nlink: 1 });
    const node = entry.node;
    return ok(node.type === 'file' && node.source ? { ...statOf(node), size: utf8Length(this.fileText(node)) } : statOf(node));
  }

  read(path: string): FsResult<string> {
    const found = this.lookup(path, true);
    if (!found.ok) return found;
    const entry = found.value;
    if (entry.kind === 'virtual') {
      if (entry.entry.type === 'dir') return fail('EISDIR');
      return entry.entry.read ? ok(entry.entry.read()) : fail('EACCES');
    }
    const node = entry.node;
    if (node.type === 'dir') return fail('EISDIR');
    if (node.type === 'char') return ok('');
    if (node.type === 'symlink') return fail('ELOOP');
    return ok(node.binary ? fromBytes(node.text) : this.fileText(node));
  }

  /** A file's bytes (read(2)): a binary file's as stored, a text file's UTF-8. */
  readBytes(path: string): FsResult<Uint8Array> {
    const found = this.lookup(path, true);
    if (found.ok && found.value.kind === 'real' && found.value.node.type === 'file' && found.value.node.binary) return ok(Uint8Array.from(found.value.node.text, (c) => c.charCodeAt(0)));
    const text = this.read(path);
    return text.ok ? ok(new TextEncoder().encode(text.value)) : text;
  }

  /**
   * Writes bytes that need not be UTF-8 (creating the file 0644), replacing
   * the file or, with `append`, after what it holds; ENOSPC when the disk
   * cannot hold them all (nothing is written then).
   */
  writeBytes(path: string, bytes: Uint8Array, opts: { append?: boolean } = {}): FsResult<void> {
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const found = this.lookup(path, true);
    const existing = found.ok && found.value.kind === 'real' && found.value.node.type === 'file' ? found.value.node : null;
    const kept = opts.append && existing ? (existing.binary ? existing.text : toBytes(this.fileText(existing))) : '';
    const replaced = existing ? nodeSize(existing) : 0;
    if (this.used() - replaced + kept.length + bytes.length > this.capacity) return fail('ENOSPC');
    const opened = this.write(path, '');
    if (!opened.ok) return opened;
    const node = this.lookup(path, true);
    if (!node.ok || node.value.kind !== 'real' || node.value.node.type !== 'file') return ok(undefined);
    node.value.node.text = kept + text;
    node.value.node.binary = true;
    this.#used = this.used() + kept.length + bytes.length;
    return ok(undefined);
  }

  /** Writes (or appends to) a file, creating it 0644; in /proc/sys it writes the sysctl. Writing '' only opens it (O_CREAT, O_TRUNC unless appending). */
  write(path: string, text: string, opts: { append?: boolean } = {}): FsResult<void> {
    const found = this.lookup(path, true);
    if (found.ok) {
      const entry = found.value;
      if (entry.kind === 'virtual') {
        if (entry.entry.type === 'dir') return fail('EISDIR');
        if (!entry.entry.write) return fail('EACCES');
        if (text === '') return ok(undefined);
        const errno = entry.entry.write(text);
        return errno ? fail(errno) : ok(undefined);
      }
      const node = entry.node;
      if (node.type === 'dir') return fail('EISDIR');
      if (node.type === 'char') return ok(undefined);
      if (node.type !== 'file') return fail('ELOOP');
      // Appending counts only the new bytes, so a loop's thousands of small writes stay linear.
      const kept = opts.append ? this.fileText(node) : '';
      if (!opts.append) this.#used = this.used() - nodeSize(node);
      else if (node.source) this.#used = this.used() + utf8Length(kept);
      const fits = this.fit(text);
      // Text appended to a binary file is its UTF-8 bytes; a file written anew is text again.
      if (node.binary && opts.append) node.text = kept + toBytes(fits);
      else {
        node.text = kept + fits;
        delete node.binary;
      }
      this.#used = this.used() + utf8Length(fits);
      delete node.source;
      node.mtimeUs = this.now();
      return fits === text ? ok(undefined) : fail('ENOSPC');
    }
    if (found.errno !== 'ENOENT') return found;
    const parent = this.parentFor(path, true);
    if (!parent.ok) return parent;
    const fits = this.fit(text);
    parent.value.dir.entries[parent.value.name] = { type: 'file', mode: 0o644, mtimeUs: this.now(), text: fits };
    this.#used = this.used() + utf8Length(fits);
    parent.value.dir.mtimeUs = this.now();
    return fits === text ? ok(undefined) : fail('ENOSPC');
  }

  /** Bytes in use on this host's disk. */
  used(): number {
    this.#used ??= nodeSize(this.root);
    return this.#used;
  }

  /** What of `text` the disk still has room for. */
  private fit(text: string): string {
    const free = this.capacity - this.used();
    return text.length <= free / 4 || utf8Length(text) <= free ? text : utf8Prefix(text, Math.max(0, free));
  }

  list(path: string): FsResult<string[]> {
    const found = this.lookup(path, true);
    if (!found.ok) return found;
    const entry = found.value;
    if (entry.kind === 'virtual') return entry.entry.list ? ok(sortNames(entry.entry.list())) : fail('ENOTDIR');
    if (entry.node.type !== 'dir') return fail('ENOTDIR');
    return ok(sortNames(Object.keys(entry.node.entries)));
  }

  mkdir(path: string, opts: { parents?: boolean } = {}): FsResult<void> {
    if (opts.parents) {
      const parts = splitPath(path);
      for (let i = 1; i <= parts.length; i++) {
        const prefix = `/${parts.slice(0, i).join('/')}`;
        const existing = this.stat(prefix);
        if (existing.ok && existing.value.type === 'dir') continue;
        if (existing.ok && i < parts.length) return fail('ENOTDIR');
        const made = this.mkdir(prefix);
        if (!made.ok) return made;
      }
      return ok(undefined);
    }
    const target = this.parentFor(path);
    if (!target.ok) return target;
    const { dir: parent, name } = target.value;
    if (Object.hasOwn(parent.entries, name)) return fail('EEXIST');
    if (this.used() + DIR_SIZE > this.capacity) return fail('ENOSPC');
    parent.entries[name] = dir(0o755, this.now());
    this.#used = this.used() + DIR_SIZE;
    parent.mtimeUs = this.now();
    return ok(undefined);
  }

  /** unlink(2), or rmdir(2) with `dir`, or the whole tree with `recursive`. */
  remove(path: string, opts: { recursive?: boolean; dir?: boolean } = {}): FsResult<void> {
    const found = this.lookup(path, false);
    if (!found.ok) return found;
    if (found.value.kind === 'virtual') return fail(path.startsWith('/sys') ? 'EPERM' : 'EACCES');
    const { node, parent, name } = found.value;
    if (parent === null) return fail('EPERM');
    if (node.type === 'dir') {
      if (!opts.recursive && !opts.dir) return fail('EISDIR');
      if (!opts.recursive && Object.keys(node.entries).length > 0) return fail('ENOTEMPTY');
    } else if (opts.dir && !opts.recursive) return fail('ENOTDIR');
    this.#used = this.used() - nodeSize(node);
    delete parent.entries[name];
    parent.mtimeUs = this.now();
    return ok(undefined);
  }

  /** rename(2): replaces a file, or an empty directory with a directory. */
  rename(from: string, to: string): FsResult<void> {
    const source = this.lookup(from, false);
    if (!source.ok) return source;
    if (source.value.kind === 'virtual' || source.value.parent === null) return fail('EACCES');
    const { node, parent, name } = source.value;
    const target = this.lookup(to, false);
    if (target.ok) {
      if (target.value.kind === 'virtual') return fail('EACCES');
      const existing = target.value.node;
      if (existing === node) return ok(undefined);
      if (existing.type === 'dir' && node.type !== 'dir') return fail('EISDIR');
      if (existing.type !== 'dir' && node.type === 'dir') return fail('ENOTDIR');
      if (existing.type === 'dir' && Object.keys(existing.entries).length > 0) return fail('ENOTEMPTY');
    } else if (target.errno !== 'ENOENT') return target;
    if (node.type === 'dir' && `${this.resolve('/', to)}/`.startsWith(`${this.resolve('/', from)}/`)) return fail('EINVAL');
    const destination = this.parentFor(to);
    if (!destination.ok) return destination;
    // What the rename replaces is freed.
    if (target.ok && target.value.kind !== 'virtual') this.#used = this.used() - nodeSize(target.value.node);
    delete parent.entries[name];
    destination.value.dir.entries[destination.value.name] = node;
    parent.mtimeUs = this.now();
    destination.value.dir.mtimeUs = this.now();
    return ok(undefined);
  }

  /** Copies a file's contents to `to` (a new file gets the source's mode, as cp does without -p but under umask 022). */
  copy(from: string, to: string): FsResult<void> {
    const source = this.stat(from);
    if (!source.ok) return source;
    if (source.value.type === 'dir') return fail('EISDIR');
    const found = this.lookup(from, true);
    const binary = found.ok && found.value.kind === 'real' && found.value.node.type === 'file' && found.value.node.binary === true;
    const contents = binary ? this.readBytes(from) : this.read(from);
    if (!contents.ok) return contents;
    const existed = this.stat(to).ok;
    const written = typeof contents.value === 'string' ? this.write(to, contents.value) : this.writeBytes(to, contents.value);
    if (!written.ok) return written;
    if (!existed) this.chmod(to, source.value.mode & 0o755);
    return ok(undefined);
  }

  /** utimensat(2): sets a file's modification time (touch, cp -p); now when not given. */
  utimes(path: string, mtimeUs: number = this.now()): FsResult<void> {
    const found = this.lookup(path, true);
    if (!found.ok) return found;
    if (found.value.kind === 'virtual') return ok(undefined);
    found.value.node.mtimeUs = mtimeUs;
    return ok(undefined);
  }

  chmod(path: string, mode: number): FsResult<void> {
    const found = this.lookup(path, true);
    if (!found.ok) return found;
    if (found.value.kind === 'virtual') return fail('EPERM');
    const node = found.value.node;
    if (node.type === 'symlink') return fail('ELOOP');
    node.mode = mode & 0o7777;
    return ok(undefined);
  }

  symlink(target: string, linkPath: string): FsResult<void> {
    if (target === '') return fail('ENOENT');
    const place = this.parentFor(linkPath);
    if (!place.ok) return place;
    if (Object.hasOwn(place.value.dir.entries, place.value.name)) return fail('EEXIST');
    place.value.dir.entries[place.value.name] = { type: 'symlink', mtimeUs: this.now(), target };
    place.value.dir.mtimeUs = this.now();
    return ok(undefined);
  }

  readlink(path: string): FsResult<string> {
    const found = this.lookup(path, false);
    if (!found.ok) return found;
    if (found.value.kind === 'virtual' || found.value.node.type !== 'symlink') return fail('EINVAL');
    return ok(found.value.node.target);
  }

  /** Puts a node at an absolute path, making the directories above it (building the distribution's tree). */
  place(path: string, node: FsNode): void {
    const parts = splitPath(path);
    let current = this.root;
    for (const part of parts.slice(0, -1)) {
      let next = Object.hasOwn(current.entries, part) ? current.entries[part] : undefined;
      if (!next) {
        next = dir(0o755, node.mtimeUs);
        current.entries[part] = next;
      }
      if (next.type !== 'dir') throw new Error(`fs.place: ${path}: ${part} is not a directory`);
      current = next;
    }
    current.entries[parts[parts.length - 1]!] = node;
    this.#used = null;
  }

  private fileText(node: FsFile): string {
    if (node.source === 'nginx-access-log') return this.host.nginx.accessLog.map((line) => `${line}\n`).join('');
    return node.text;
  }

  /**
   * The directory a new entry at `path` goes into, and its name; ENOENT/ENOTDIR
   * when the directory is not there. With `followLink`, a dangling symbolic link
   * there is followed, as open(O_CREAT) creates the file it names.
   */
  private parentFor(path: string, followLink = false, depth = 0): FsResult<{ dir: FsDir; name: string }> {
    if (depth > MAX_SYMLINKS) return fail('ELOOP');
    const parts = splitPath(path);
    const name = parts.pop();
    if (name === undefined || name === '..') return fail('EEXIST');
    const parentPath = `/${parts.join('/')}`;
    const parent = this.lookup(parentPath, true);
    if (!parent.ok) return parent;
    if (parent.value.kind === 'virtual') return fail(parentPath.startsWith('/sys') ? 'EACCES' : 'ENOENT');
    if (parent.value.node.type !== 'dir') return fail('ENOTDIR');
    const existing = Object.hasOwn(parent.value.node.entries, name) ? parent.value.node.entries[name] : undefined;
    if (followLink && existing?.type === 'symlink') return this.parentFor(this.resolve(parentPath, existing.target), true, depth + 1);
    return ok({ dir: parent.value.node, name });
  }

  /** Finds a path's node; paths are taken lexically ('..' removes the name before it). */
  private lookup(path: string, follow: boolean, depth = 0): FsResult<Found> {
    if (depth > MAX_SYMLINKS) return fail('ELOOP');
    const parts = splitPath(this.resolve('/', path));
    let node: FsNode = this.root;
    let parent: FsDir | null = null;
    let name = '';
    const walked: string[] = [];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (node.type === 'symlink') {
        const through = this.lookup(this.resolve(`/${walked.slice(0, -1).join('/')}`, node.target), true, depth + 1);
        if (!through.ok) return through;
        if (through.value.kind === 'virtual') return this.lookup(`${through.value.path}/${parts.slice(i).join('/')}`, follow, depth + 1);
        node = through.value.node;
      }
      if (node.type !== 'dir') return fail('ENOTDIR');
      if (walked.length === 0 && (part === 'proc' || part === 'sys') && node === this.root) {
        const rest = `/${parts.join('/')}`;
        const entry = part === 'proc' ? this.procEntry(parts.slice(1)) : this.sysEntry(parts.slice(1));
        return entry ? ok({ kind: 'virtual', entry, path: rest }) : fail('ENOENT');
      }
      const child: FsNode | undefined = Object.hasOwn(node.entries, part) ? node.entries[part] : undefined;
      if (!child) return fail('ENOENT');
      parent = node;
      name = part;
      node = child;
      walked.push(part);
    }
    if (node.type === 'symlink' && follow) {
      const through = this.lookup(this.resolve(`/${walked.slice(0, -1).join('/')}`, node.target), true, depth + 1);
      return through;
    }
    return ok({ kind: 'real', node, parent, name });
  }

  /** /proc as the lab shows it: the network sysctls and the tables the network tools read. */
  private procEntry(parts: string[]): VirtualEntry | null {
    if (parts.length === 0) return virtualDir(['net', 'sys']);
    if (parts[0] === 'net') {
      const files: Record<string, () => string> = {
        arp: () => procNetArp(this.host),
        ip_vs: () => procNetIpVs(this.host.ipvs),
        ip_vs_conn: () => procNetIpVsConn(this.host.ipvs),
      };
      if (parts.length === 1) return virtualDir(Object.keys(files));
      const read = parts.length === 2 ? files[parts[1]!] : undefined;
      return read && Object.hasOwn(files, parts[1]!) ? { type: 'file', mode: 0o444, size: 0, read } : null;
    }
    if (parts[0] !== 'sys') return null;
    const key = parts.slice(1).join('.');
    if (key !== '' && !parts.slice(1).some((p) => p.includes('.'))) {
      const value = this.host.sysctl.read(key);
      if (value !== 'ENOENT' && value !== 'EINVAL' && value !== 'EPERM') {
        // A read-only sysctl (mode 0444) refuses to open for writing, root included.
        const readOnly = this.host.sysctl.isReadOnly(key);
        return {
          type: 'file',
          mode: readOnly ? 0o444 : 0o644,
          size: 0,
          read: () => `${this.host.sysctl.read(key)}\n`,
          ...(readOnly ? {} : { write: (text: string) => this.host.sysctl.write(key, text) }),
        };
      }
    }
    // A directory: a prefix of the keys `sysctl -a` lists.
    const prefix = parts.slice(1);
    const children = new Set<string>();
    for (const [name] of this.host.sysctl.listAll()) {
      const keyParts = name.split('.');
      if (keyParts.length > prefix.length && prefix.every((p, i) => keyParts[i] === p)) children.add(keyParts[prefix.length]!);
    }
    return children.size > 0 ? virtualDir([...children]) : null;
  }

  /** /sys/class/net/<dev>/{address,mtu,operstate,carrier}. */
  private sysEntry(parts: string[]): VirtualEntry | null {
    const path = ['class', 'net'];
    if (parts.length <= 2) return parts.every((p, i) => p === path[i]) ? virtualDir(parts.length === 0 ? ['class'] : parts.length === 1 ? ['net'] : this.host.devices.map((d) => d.name)) : null;
    if (parts[0] !== 'class' || parts[1] !== 'net') return null;
    const dev = this.host.devices.find((d) => d.name === parts[2]);
    if (!dev) return null;
    const files: Record<string, VirtualEntry> = {
      address: { type: 'file', mode: 0o444, size: DIR_SIZE, read: () => `${dev.mac}\n` },
      // The lab's devices have a fixed MTU: writing it back is accepted, any other value is not modelled.
      mtu: { type: 'file', mode: 0o644, size: DIR_SIZE, read: () => `${dev.mtu}\n`, write: (text) => (text.trim() === String(dev.mtu) ? null : 'EINVAL') },
      operstate: { type: 'file', mode: 0o444, size: DIR_SIZE, read: () => `${operstate(this.host, dev.name)}\n` },
      // veth and loopback have no ndo_change_carrier; reading a down device's carrier gives EINVAL.
      carrier: { type: 'file', mode: 0o644, size: DIR_SIZE, read: () => (dev.up ? '1\n' : '0\n'), write: () => 'EINVAL' },
    };
    if (parts.length === 3) return virtualDir(Object.keys(files));
    return parts.length === 4 && Object.hasOwn(files, parts[3]!) ? files[parts[3]!]! : null;
  }
}

type Found = { kind: 'real'; node: FsNode; parent: FsDir | null; name: string } | { kind: 'virtual'; entry: VirtualEntry; path: string };

/** A directory; its entries have no prototype, so any name (`__proto__`, `constructor`) is just a name. */
/** The bytes a node takes on the disk: a file's text (not a daemon's log, which is not stored), a block per directory. */
function nodeSize(node: FsNode): number {
  if (node.type === 'file') return node.source ? 0 : fileSize(node);
  if (node.type !== 'dir') return 0;
  let size = DIR_SIZE;
  for (const child of Object.values(node.entries)) size += nodeSize(child);
  return size;
}

/** A stored file's size in bytes. */
function fileSize(node: FsFile): number {
  return node.binary ? node.text.length : utf8Length(node.text);
}

export function dir(mode: number, mtimeUs: number): FsDir {
  return { type: 'dir', mode, mtimeUs, entries: Object.create(null) as FsDir['entries'] };
}

function virtualDir(names: string[]): VirtualEntry {
  return { type: 'dir', mode: 0o555, size: 0, list: () => names };
}

/** IF_OPER_*: loopback reports "unknown"; a device is "up" when up with a carrier, "down" otherwise. */
function operstate(host: Host, name: string): string {
  const dev = host.device(name)!;
  if (dev.isLoopback) return 'unknown';
  return dev.up && dev.segment ? 'up' : 'down';
}

function statOf(node: FsNode): FsStat {
  switch (node.type) {
    case 'file':
      return { type: 'file', mode: node.mode, size: fileSize(node), mtimeUs: node.mtimeUs, nlink: 1 };
    case 'dir':
      return { type: 'dir', mode: node.mode, size: DIR_SIZE, mtimeUs: node.mtimeUs, nlink: 2 + Object.values(node.entries).filter((e) => e.type === 'dir').length };
    case 'symlink':
      return { type: 'symlink', mode: 0o777, size: utf8Length(node.target), mtimeUs: node.mtimeUs, nlink: 1 };
    case 'char':
      return { type: 'char', mode: node.mode, size: 0, mtimeUs: node.mtimeUs, nlink: 1 };
  }
}
