// The shell's current directory, as commands resolve their path arguments against it.
import type { Host } from '../host/host.ts';

/** $PWD of the host's shell ("shell" keeps it with cd); a login shell of root starts in /root. */
export function workingDirectory(host: Host): string {
  return host.shellVariables.get('PWD') ?? '/root';
}

/** A command's path argument made absolute and normalised. */
export function absolutePath(host: Host, path: string): string {
  return host.fs.resolve(workingDirectory(host), path);
}
