// ip link show | set DEV up|down|mtu N|address MAC|arp on|off
import { parseMac } from '../../net/addr.ts';
import type { NetDevice } from '../../host/device.ts';
import type { CommandContext } from '../context.ts';
import { matches, unknownVerb, type IpOptions } from './ip-object.ts';
import { ipJsonOutput, linkJson } from './ip-json.ts';
import { linkHeader, linkLine, oneLine, operState, statsLines } from './ip-format.ts';

export function ipLink(ctx: CommandContext, args: string[], options: IpOptions): number {
  const verb = args[0];
  // do_iplink tries "set" before "show": `ip l s eth0` is a set that changes nothing.
  if (verb !== undefined && matches(verb, 'set')) {
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
      else if (word === 'mtu') {
        const status = setMtu(ctx, dev, rest[++i]);
        if (status !== 0) return status;
      } else if (word === 'address') {
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
  if (verb === undefined || matches(verb, 'show') || matches(verb, 'list')) {
    const rest = args.slice(1).filter((a) => a !== 'dev' && a !== 'up');
    // `up`: filter.up, only devices with IFF_UP.
    const upOnly = args.slice(1).includes('up');
    let devices = ctx.host.devices.filter((d) => !upOnly || d.up);
    if (rest[0] !== undefined) {
      const dev = ctx.host.deviceByName(rest[0]);
      if (!dev) {
        ctx.err(`Device "${rest[0]}" does not exist.\n`);
        return 1;
      }
      devices = [dev];
    }
    if (options.json) {
      ctx.out(ipJsonOutput(devices.map((dev) => linkJson(dev, { linkmode: true, linkLayer: true })), options.pretty));
      return 0;
    }
    for (const dev of devices) {
      if (options.brief) ctx.out(`${(dev.tunnel ? `${dev.name}@NONE` : dev.name).padEnd(16)} ${operState(dev).padEnd(14)} ${dev.isLoopback ? '00:00:00:00:00:00' : dev.tunnel ? '0.0.0.0' : dev.mac} ${linkHeader(dev, false).match(/<[^>]*>/)![0]} \n`);
      else if (options.oneline) ctx.out(oneLine(linkHeader(dev, true) + linkLine(dev) + (options.stats ? statsLines(dev) : '')));
      else ctx.out(linkHeader(dev, true, options.color) + linkLine(dev, options.color) + (options.stats ? statsLines(dev) : ''));
    }
    return 0;
  }
  return unknownVerb(ctx, verb, 'link');
}

/** `mtu N`: iplink's get_integer, then the kernel's dev_validate_mtu with its extack message. */
function setMtu(ctx: CommandContext, dev: NetDevice, text: string | undefined): number {
  if (text === undefined) {
    ctx.err('Command line is not complete. Try option "help"\n');
    return 255;
  }
  const mtu = /^(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)$/i.test(text) ? Number(text.startsWith('0') && !/^0x/i.test(text) ? parseInt(text, 8) : text) : NaN;
  if (!Number.isSafeInteger(mtu) || mtu > 0x7fffffff) {
    ctx.err(`Error: argument "${text}" is wrong: Invalid "mtu" value\n\n`);
    return 255;
  }
  const { min, max } = dev.mtuRange;
  if (mtu < min || mtu > max) {
    ctx.err(mtu < min ? 'Error: mtu less than device minimum.\n' : 'Error: mtu greater than device maximum.\n');
    return 2;
  }
  dev.mtuSet = mtu;
  return 0;
}
