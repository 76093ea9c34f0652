// The commands the lab shell knows, one file each.
import type { Command } from '../context.ts';
import { ab } from './ab.ts';
import { arp } from './arp.ts';
import { arping } from './arping.ts';
import { cat } from './cat.ts';
import { curl } from './curl.ts';
import { echo } from './echo.ts';
import { hostname } from './hostname.ts';
import { ifconfig } from './ifconfig.ts';
import { ip } from './ip.ts';
import { ipvsadm } from './ipvsadm.ts';
import { modprobe } from './modprobe.ts';
import { ping } from './ping.ts';
import { route } from './route.ts';
import { seq } from './seq.ts';
import { sleep } from './sleep.ts';
import { sysctl } from './sysctl.ts';
import { systemctl } from './systemctl.ts';
import { tail } from './tail.ts';
import { tcpdump } from './tcpdump.ts';

export const COMMANDS: ReadonlyMap<string, Command> = new Map([
  ['ab', ab],
  ['arp', arp],
  ['arping', arping],
  ['cat', cat],
  ['curl', curl],
  ['echo', echo],
  ['hostname', hostname],
  ['ifconfig', ifconfig],
  ['ip', ip],
  ['ipvsadm', ipvsadm],
  ['modprobe', modprobe],
  ['ping', ping],
  ['route', route],
  ['seq', seq],
  ['sleep', sleep],
  ['sysctl', sysctl],
  ['systemctl', systemctl],
  ['tail', tail],
  ['tcpdump', tcpdump],
]);
