// kmod modprobe for the modules an LVS lab loads. IPVS and its schedulers
// are always there (loading them does nothing); ipip creates tunl0
// (host/ipip.ts). Anything else is not in the lab's kernel.
import type { Command } from '../context.ts';
import { loadIpipModule } from '../../host/ipip.ts';
import { KERNEL } from '../../host/kernel-release.ts';

const BUILTIN = new Set(['ip_vs', 'ip_vs_rr', 'ip_vs_wrr', 'ip_vs_lc', 'ip_vs_wlc', 'ip_vs_sed', 'ip_vs_nq', 'ip_vs_sh', 'ip_vs_dh', 'nf_conntrack', 'ip_tunnel', 'tunnel4']);

export const modprobe: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  const remove = args.includes('-r') || args.includes('--remove');
  const names = args.filter((a) => !a.startsWith('-')).map((n) => n.replace(/-/g, '_'));
  if (names.length === 0) {
    ctx.err('modprobe: ERROR: missing parameters. See -h.\n');
    return 1;
  }
  for (const name of names.slice(0, remove ? names.length : 1)) {
    if (name !== 'ipip' && !BUILTIN.has(name)) {
      ctx.err(`modprobe: FATAL: Module ${name} not found in directory /lib/modules/${KERNEL[ctx.host.os].release}\n`);
      return 1;
    }
    if (remove) {
      ctx.err(`modprobe: FATAL: Module ${name} is in use.\n`);
      return 1;
    }
    if (name === 'ipip') loadIpipModule(ctx.host);
  }
  return 0;
};
