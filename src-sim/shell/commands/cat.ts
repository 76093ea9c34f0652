// coreutils cat for the files a learner reads (shell/files.ts): /proc/sys/*,
// /proc/net/arp, /etc/hostname, nginx's page and access log.
import type { Command } from '../context.ts';
import { readLabFile } from '../files.ts';

export const cat: Command = (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => a !== '-');
  let status = 0;
  for (const file of files) {
    const read = readLabFile(ctx.host, file);
    if ('error' in read) {
      ctx.err(`cat: ${file}: ${read.error}\n`);
      status = 1;
      continue;
    }
    ctx.out(read.text);
  }
  return status;
};
