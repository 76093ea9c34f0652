// coreutils cat for the files a learner reads: /proc/sys/*, /proc/net/arp.
import type { Command } from '../context.ts';
import { procSysPathToKey } from '../proc.ts';
import { procNetArp } from './arp.ts';
import { IPVSADM_RULES_FILE } from './ipvsadm.ts';

export const cat: Command = (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => a !== '-');
  let status = 0;
  for (const file of files) {
    if (file === '/proc/net/arp') {
      ctx.out(procNetArp(ctx.host));
      continue;
    }
    if (file === IPVSADM_RULES_FILE && ctx.host.ipvs.rulesFile !== null) {
      ctx.out(ctx.host.ipvs.rulesFile);
      continue;
    }
    if (file === '/etc/hostname') {
      ctx.out(`${ctx.host.name}\n`);
      continue;
    }
    const key = procSysPathToKey(file);
    const value = key === null ? 'ENOENT' : ctx.host.sysctl.read(key);
    if (value === 'ENOENT' || value === 'EINVAL' || value === 'EPERM') {
      const isDir = key !== null && /^net(\.ipv4(\.(conf|neigh)(\.[^.]+)?)?)?$/.test(key);
      ctx.err(`cat: ${file}: ${isDir ? 'Is a directory' : 'No such file or directory'}\n`);
      status = 1;
      continue;
    }
    ctx.out(`${value}\n`);
  }
  return status;
};
