// keepalived's configuration files as a host's file system holds them.
import type { Host } from '../host/host.ts';
import { hasGlob, matchPattern } from '../shell/pattern.ts';
import type { ConfigSource } from './lines.ts';

/** Reads files and expands `include` globs (one level of wildcards per path component, as glob(3)) on `host`. */
export function hostConfigSource(host: Host): ConfigSource {
  const fs = host.fs;
  return {
    read(path) {
      const text = fs.read(path);
      return text.ok ? text.value : null;
    },
    glob(pattern) {
      let paths = [''];
      for (const part of pattern.split('/').filter((p) => p !== '')) {
        const next: string[] = [];
        for (const dir of paths) {
          if (!hasGlob(part)) {
            next.push(`${dir}/${part}`);
            continue;
          }
          const names = fs.list(dir || '/');
          if (!names.ok) continue;
          for (const name of names.value) if (!name.startsWith('.') && matchPattern(part, name)) next.push(`${dir}/${name}`);
        }
        paths = next;
      }
      return paths.filter((path) => {
        const stat = fs.stat(path);
        return stat.ok && stat.value.type === 'file';
      });
    },
  };
}

/** The host's interface names, as keepalived finds them when it parses. */
export function interfaceNames(host: Host): string[] {
  return host.devices.map((d) => d.name);
}
