// net-tools arp -n, and the /proc/net/arp file it reads.
import { formatIp4 } from '../../net/addr.ts';
import type { Host } from '../../host/host.ts';
import { NUD_VALID } from '../../host/neighbour/table.ts';
import type { Command } from '../context.ts';

export function procNetArp(host: Host): string {
  let text = 'IP address       HW type     Flags       HW address            Mask     Device\n';
  for (const e of host.neigh.list()) {
    if (e.nud === 'NOARP' || e.dev.isLoopback) continue;
    const flags = e.nud === 'PERMANENT' ? '0x6' : NUD_VALID.has(e.nud) ? '0x2' : '0x0';
    const mac = NUD_VALID.has(e.nud) && e.lladdr ? e.lladdr : '00:00:00:00:00:00';
    text += `${e.ipText.padEnd(16)} 0x1         ${flags.padEnd(11)} ${mac}     *        ${e.dev.name}\n`;
  }
  return text;
}

export const arp: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  for (const a of args) {
    if (a === '-d' || a === '-s') {
      ctx.err(`arp: ${a === '-d' ? 'deleting' : 'setting'} entries is not part of this lab; use ip neigh\n`);
      return 1;
    }
    if (a !== '-n' && a !== '-a' && a !== '-an' && a !== '-na' && a !== '-e') {
      ctx.err(`arp: invalid option -- '${a.replace(/^-+/, '').slice(0, 1)}'\n`);
      return 255;
    }
  }
  const entries = ctx.host.neigh.list().filter((e) => e.nud !== 'NOARP' && e.nud !== 'NONE' && !e.dev.isLoopback);
  if (entries.length === 0) return 0;
  ctx.out('Address                  HWtype  HWaddress           Flags Mask            Iface\n');
  for (const e of entries) {
    const complete = NUD_VALID.has(e.nud) && e.lladdr;
    const hw = complete ? `${'ether'.padEnd(8)}${e.lladdr!.padEnd(20)}` : `${''.padEnd(8)}${'(incomplete)'.padEnd(20)}`;
    const flags = complete ? (e.nud === 'PERMANENT' ? 'CM' : 'C') : '';
    ctx.out(`${e.ipText.padEnd(23)}  ${hw}${flags.padEnd(6)}${''.padEnd(16)}${e.dev.name}\n`);
  }
  void formatIp4;
  return 0;
};
