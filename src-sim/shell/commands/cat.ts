// coreutils cat: the host's files (host/fs.ts), /proc and /sys included.
import { FS_ERRNO_TEXT } from '../../host/fs.ts';
import type { Command } from '../context.ts';
import { absolutePath } from '../cwd.ts';

export const cat: Command = (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => a !== '-');
  let status = 0;
  for (const file of files) {
    const read = ctx.host.fs.read(absolutePath(ctx.host, file));
    if (!read.ok) {
      ctx.err(`cat: ${file}: ${FS_ERRNO_TEXT[read.errno]}\n`);
      status = 1;
      continue;
    }
    ctx.out(read.value);
  }
  return status;
};
