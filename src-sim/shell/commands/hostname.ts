// hostname 3.23 (Debian): the name; -s the short name; -I every IPv4 address
// of the interfaces that are up, loopback devices left out (a VIP on lo is
// not listed), each followed by a space.
import type { Command } from '../context.ts';
import { formatIp4 } from '../../net/addr.ts';

export const hostname: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.includes('-I') || args.includes('--all-ip-addresses')) {
    const addresses = ctx.host.devices.filter((d) => d.up && !d.isLoopback).flatMap((d) => d.addresses.map((a) => `${formatIp4(a.local)} `));
    ctx.out(`${addresses.join('')}\n`);
    return 0;
  }
  if (args.includes('-s') || args.includes('--short')) {
    ctx.out(`${ctx.host.name.split('.')[0]}\n`);
    return 0;
  }
  ctx.out(`${ctx.host.name}\n`);
  return 0;
};
