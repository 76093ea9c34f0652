// which: where a program is found on root's PATH. Debian 12's which
// (debianutils 5.7) prints nothing for a name it cannot find; the Rocky family's
// GNU which 2.21 says where it looked.
import type { Command } from '../context.ts';
import { absolutePath } from '../cwd.ts';

/** root's PATH on both distributions (/etc/profile, /root/.bash_profile). */
const ROOT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export const which: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  const all = args.includes('-a');
  const names = args.filter((a) => a !== '-a' && a !== '-s');
  const path = ctx.host.shellVariables.get('PATH') ?? ROOT_PATH;
  const executable = (file: string): boolean => {
    const stat = ctx.host.fs.stat(file);
    return stat.ok && stat.value.type === 'file' && (stat.value.mode & 0o111) !== 0;
  };
  let status = names.length === 0 ? 1 : 0;
  for (const name of names) {
    const found = name.includes('/') ? (executable(absolutePath(ctx.host, name)) ? [name] : []) : path.split(':').map((dir) => `${dir || '.'}/${name}`).filter((file) => executable(absolutePath(ctx.host, file)));
    if (found.length === 0) {
      status = 1;
      if (ctx.host.os === 'rocky-9') ctx.err(`/usr/bin/which: no ${name} in (${path})\n`);
      continue;
    }
    for (const file of all ? found : found.slice(0, 1)) ctx.out(`${file}\n`);
  }
  return status;
};
