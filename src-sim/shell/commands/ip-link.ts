// ip link show | set DEV up|down|address MAC|arp on|off
import { parseMac } from '../../net/addr.ts';
import type { CommandContext } from '../context.ts';
import { matches, type IpOptions } from './ip-object.ts';
import { linkHeader, linkLine, oneLine, operState, statsLines } from './ip-format.ts';

export function ipLink(ctx: CommandContext, args: string[], options: IpOptions): number {
  const verb = args[0];
  if (verb === undefined || matches(verb, 'show') || matches(verb, 'list')) {
    const rest = args.slice(1).filter((a) => a !== 'dev');
    let devices = ctx.host.devices;
    if (rest[0] !== undefined) {
      const dev = ctx.host.deviceByName(rest[0]);
      if (!dev) {
        ctx.err(`Device "${rest[0]}" does not exist.\n`);
        return 1;
      }
      devices = [dev];
    }
    for (const dev of devices) {
      if (options.brief) ctx.out(`${(dev.tunnel ? `${dev.name}@NONE` : dev.name).padEnd(16)} ${operState(dev).padEnd(14)} ${dev.isLoopback ? '00:00:00:00:00:00' : dev.tunnel ? '0.0.0.0' : dev.mac} ${linkHeader(dev, false).match(/<[^>]*>/)![0]} \n`);
      else if (options.oneline) ctx.out(oneLine(linkHeader(dev, true) + linkLine(dev) + (options.stats ? statsLines(dev) : '')));
      else ctx.out(linkHeader(dev, true) + linkLine(dev) + (options.stats ? statsLines(dev) : ''));
    }
    return 0;
  }
  if (matches(verb, 'set')) {
    const rest = args.slice(1);
    if (rest[0] === 'dev') rest.shift();
    const name = rest.shift();
    const dev = name === undefined ? undefined : ctx.host.deviceByName(name);
    if (!dev) {
      ctx.err(name === undefined ? 'Not enough information: "dev" argument is required.\n' : `Cannot find device "${name}"\n`);
      return 1;
    }
    for (let i = 0; i < rest.length; i++) {
      const word = rest[i]!;
      if (word === 'up' || word === 'down') ctx.host.setLinkUp(dev, word === 'up');
      else if (word === 'address') {
        const mac = parseMac(rest[++i] ?? '');
        if (!mac || (parseInt(mac.slice(0, 2), 16) & 1) === 1) {
          ctx.err(mac ? 'RTNETLINK answers: Cannot assign requested address\n' : `"${rest[i] ?? ''}" is invalid lladdr.\n`);
          return mac ? 2 : 1;
        }
        ctx.host.changeMac(dev, mac);
      } else if (word === 'arp') {
        const value = rest[++i];
        if (value === undefined) {
          ctx.err('Command line is not complete. Try option "help"\n');
          return 255;
        }
        if (value !== 'on' && value !== 'off') {
          ctx.err(`Error: argument of "arp" must be "on" or "off", not "${value}"\n`);
          return 1;
        }
        ctx.host.setArp(dev, value === 'on');
      } else {
        ctx.err(`Error: either "dev" is duplicate, or "${word}" is a garbage.\n`);
        return 1;
      }
    }
    return 0;
  }
  ctx.err(`Command "${verb}" is unknown, try "ip link help".\n`);
  return 1;
}
