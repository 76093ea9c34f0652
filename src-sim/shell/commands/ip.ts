// iproute2 `ip`: global options, then an object (abbreviations as iproute2
// accepts them), each object in its own file.
import type { Command } from '../context.ts';
import { ipAddr } from './ip-addr.ts';
import { ipLink } from './ip-link.ts';
import { ipNeigh } from './ip-neigh.ts';
import { ipRoute } from './ip-route.ts';
import { matches, type IpObject, type IpOptions } from './ip-object.ts';

const OBJECTS: Array<[string, IpObject, number]> = [
  // [full name, handler, shortest accepted abbreviation]
  ['address', ipAddr, 1],
  ['route', ipRoute, 1],
  ['link', ipLink, 1],
  ['neighbour', ipNeigh, 1],
  ['neighbor', ipNeigh, 1],
];

export const ip: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  const options: IpOptions = { family4: false, brief: false, stats: false, oneline: false, json: false, pretty: false, color: false };
  while (args[0]?.startsWith('-')) {
    const opt = args.shift()!;
    if (opt === '-4') options.family4 = true;
    else if (opt === '-br' || opt === '-brief') options.brief = true;
    else if (opt === '-o' || opt === '-oneline') options.oneline = true;
    else if (opt === '-s' || opt === '-stats' || opt === '-statistics') options.stats = true;
    else if (opt === '-j' || opt === '-json') options.json = true;
    else if (opt === '-p' || opt === '-pretty') options.pretty = true;
    // -c alone is -color=always: escapes even into a pipe (ip.c, as the kernel run shows).
    else if (opt === '-c' || opt === '-color') options.color = true;
    else if (opt === '-d' || opt === '-details') continue;
    else if (opt === '-6') {
      ctx.err('IPv6 is not part of this lab.\n');
      return 1;
    } else {
      ctx.err(`Option "${opt}" is unknown, try "ip -help".\n`);
      return 255;
    }
  }
  const object = args.shift();
  if (object === undefined || object === 'help') {
    ctx.err('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { address | link | neighbour | route }\n       OPTIONS := { -4 | -s[tatistics] | -br[ief] | -o[neline] }\n');
    return object === undefined ? 255 : 0;
  }
  for (const [full, handler, min] of OBJECTS) {
    if (object.length >= min && matches(object, full)) return handler(ctx, args, options);
  }
  if (object === 'neigh' || object === 'n') return ipNeigh(ctx, args, options);
  ctx.err(`Object "${object}" is unknown, try "ip help".\n`);
  return 1;
};
