// sysvinit-utils pidof: the PIDs of the programs named (by argv[0]'s base
// name or the process name), highest first, on one line. Kernel threads have
// no program and are never listed. Nothing found: exit 1, no output.
import type { Command } from '../context.ts';

export const pidof: Command = (ctx) => {
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const pids: number[] = [];
  for (const entry of ctx.host.processes.list()) {
    if (entry.argv === null) continue;
    const argv0 = entry.argv[0]!.split(' ')[0]!;
    const base = argv0.slice(argv0.lastIndexOf('/') + 1).replace(/:$/, '');
    if (names.includes(base) || names.includes(entry.comm)) pids.push(entry.pid);
  }
  if (pids.length === 0) return 1;
  ctx.out(`${pids.sort((a, b) => b - a).join(' ')}\n`);
  return 0;
};
