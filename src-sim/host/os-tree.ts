// The files a host boots with. Step one of the tree: the directories every
// Linux host has, /dev/null, /etc/hostname, and nginx's page and access log
// (web-server.ts serves the page from here and writes the log).
import { dir, type HostFileSystem } from './fs.ts';
import { ACCESS_LOG, INDEX_HTML } from './web-server.ts';

const DIRECTORIES: ReadonlyArray<readonly [string, number]> = [
  ['/bin', 0o755],
  ['/dev', 0o755],
  ['/etc', 0o755],
  ['/proc', 0o555],
  ['/root', 0o700],
  ['/sbin', 0o755],
  ['/sys', 0o555],
  ['/tmp', 0o1777],
  ['/usr/bin', 0o755],
  ['/usr/sbin', 0o755],
  ['/var/log/nginx', 0o755],
  ['/var/www/html', 0o755],
];

/** Fills a new host's file system as it is at boot (virtual time 0). */
export function buildBootTree(fs: HostFileSystem, hostName: string): void {
  for (const [path, mode] of DIRECTORIES) fs.place(path, dir(mode, 0));
  fs.place('/dev/null', { type: 'char', mode: 0o666, mtimeUs: 0, device: 'null' });
  fs.place('/etc/hostname', { type: 'file', mode: 0o644, mtimeUs: 0, text: `${hostName}\n` });
  // The page holds the host's name, as `echo $(hostname) > index.html` writes it in the tutorials.
  fs.place(INDEX_HTML, { type: 'file', mode: 0o644, mtimeUs: 0, text: `${hostName}\n` });
  fs.place(ACCESS_LOG, { type: 'file', mode: 0o640, mtimeUs: 0, text: '', source: 'nginx-access-log' });
}
