// iputils arping (20221126, as Debian 12 ships it; timing and exit status
// measured in network namespaces): probes at 0, 1, 2 … s; unicast to the last
// replier after the first answer; the -w deadline is a timer of its own.
import { BROADCAST_MAC, formatIp4, parseIp4, type Ip4 } from '../../net/addr.ts';
import { ARP_REPLY, ARP_REQUEST } from '../../net/frame.ts';
import type { TimerHandle } from '../../core/event-queue.ts';
import type { PacketTap } from '../../host/host.ts';
import { routeOutput } from '../../host/route.ts';
import { msg } from '../../i18n/catalogue.ts';
import type { Command } from '../context.ts';
import { getopt, glibcMessage, type GetoptConfig } from '../getopt.ts';
import { SIGINT, SIGQUIT, SIGTERM } from '../../host/signals.ts';

const USAGE = `
Usage:
  arping [options] <destination>

Options:
  -f            quit on first reply
  -q            be quiet
  -b            keep on broadcasting, do not unicast
  -D            duplicate address detection mode
  -U            unsolicited ARP mode, update your neighbours
  -A            ARP answer mode, update your neighbours
  -V            print version and exit
  -c <count>    how many packets to send
  -w <timeout>  how long to wait for a reply
  -i <interval> set interval between packets (default: 1 second)
  -I <device>   which ethernet device to use
  -s <source>   source ip address
  <destination> dns name or ip address

For more details see arping(8).
`;

/** getopt(argc, argv, "bfDUAqc:w:i:s:I:V") as iputils arping calls it (the options modelled here). */
const OPTIONS: GetoptConfig = {
  permute: true,
  options: [...[...'bfDUAqV'].map((letter) => ({ name: letter, short: letter, arg: 'none' as const })), ...[...'cwisI'].map((letter) => ({ name: letter, short: letter, arg: 'required' as const }))],
};

export const arping: Command = (ctx) => {
  const o = { count: -1, timeout: 0, interval: 1, device: null as string | null, source: null as string | null, dad: false, unsolicited: false, advert: false, quiet: false, quitOnReply: false, broadcastOnly: false };
  const parsed = getopt(ctx.argv.slice(1), OPTIONS);
  for (const { name, arg } of parsed.options) {
    if (name === 'c' || name === 'w' || name === 'i') {
      const n = Number(arg);
      // strtol_or_err → error(EXIT_FAILURE, …): exit 1, not getopt's usage exit 2.
      if (!/^\d+$/.test(arg!)) {
        ctx.err(`arping: invalid argument: '${arg!}'\n`);
        return 1;
      }
      if (name === 'c' && n < 1) {
        ctx.err(`arping: invalid argument: '${arg!}': out of range: 1 <= value <= 2147483647\n`);
        return 1;
      }
      if (name === 'c') o.count = n;
      else if (name === 'w') o.timeout = n;
      else o.interval = n;
    } else if (name === 'I') o.device = arg;
    else if (name === 's') o.source = arg;
    else if (name === 'b') o.broadcastOnly = true;
    else if (name === 'D') {
      o.dad = true;
      o.quitOnReply = true;
    } else if (name === 'U') o.unsolicited = true;
    else if (name === 'A') {
      o.advert = true;
      o.unsolicited = true;
    } else if (name === 'q') o.quiet = true;
    else if (name === 'f') o.quitOnReply = true;
    else if (name === 'V') {
      ctx.out('arping from iputils 20221126\n');
      return 0;
    }
  }
  if (parsed.error) {
    ctx.err(`${glibcMessage('arping', parsed.error)}\n${USAGE}`);
    return 2;
  }
  const rest = parsed.operands;
  if (rest.length !== 1) {
    ctx.err(USAGE);
    return 2;
  }
  const target = parseIp4(rest[0]!);
  if (target === null) {
    ctx.err(`arping: ${rest[0]}: Name or service not known\n`);
    return 2;
  }
  const host = ctx.host;
  let dev = o.device ? host.device(o.device) : undefined;
  if (o.device && !dev) {
    ctx.err(`arping: Device ${o.device} not available.\n`);
    return 2;
  }
  if (!dev) {
    const route = routeOutput(host, target, null, null);
    dev = 'error' in route || route.dev.isLoopback ? host.devices.find((d) => !d.isLoopback && d.up) : route.dev;
    if (!dev) {
      ctx.err('arping: Suitable device could not be determined. Please, use option -I.\n');
      return 2;
    }
  }
  if (!dev.up) {
    if (!o.quiet) ctx.out(`Interface "${dev.name}" is down\n`);
    return 2;
  }
  if (dev.isLoopback) {
    if (!o.quiet) ctx.out(`Interface "${dev.name}" is not ARPable\n`);
    return o.dad ? 0 : 2;
  }
  let src: Ip4 = 0;
  if (o.source !== null) {
    const s = parseIp4(o.source);
    if (s === null) {
      ctx.err(`arping: invalid source ${o.source}\n`);
      return 2;
    }
    src = s;
  } else if (!o.dad && o.unsolicited) src = target;
  if (!o.dad || o.source !== null) {
    if (src !== 0) {
      if (!host.isLocalAddress(src)) {
        ctx.err('arping: bind: Cannot assign requested address\n');
        return 2;
      }
    } else if (!o.dad) {
      const route = routeOutput(host, target, null, dev);
      if ('error' in route) {
        ctx.err('arping: connect: Network is unreachable\n');
        return 2;
      }
      src = route.src;
    }
  }
  if (!o.quiet) ctx.out(`ARPING ${formatIp4(target)} from ${formatIp4(src)} ${dev.name}\n`);
  const netDev = dev;

  let sent = 0;
  let broadcastsSent = 0;
  let received = 0;
  let broadcastsReceived = 0;
  let requestsReceived = 0;
  let peerMac = BROADCAST_MAC;
  let unicasting = false;
  let lastSent = 0;
  let ticks = 1;
  const clock = ctx.clock;
  let timer: TimerHandle | null = null;
  let deadline: TimerHandle | null = null;

  const sendProbe = (): void => {
    host.sendArp(netDev, o.advert ? ARP_REPLY : ARP_REQUEST, src, peerMac, o.advert ? netDev.mac : peerMac, target, msg('why.arping'), netDev.mac);
    lastSent = clock.now;
    sent++;
    if (!unicasting) broadcastsSent++;
  };

  const tap: PacketTap = {
    dev: netDev,
    outgoing: false,
    onFrame: (_d, frame, _dir, pktType) => {
      if (run.done || frame.payload.type !== 'arp' || pktType === 'otherhost') return;
      const a = frame.payload.arp;
      if (o.dad) {
        if (a.senderIp !== target || a.senderMac === netDev.mac || (src !== 0 && src !== a.targetIp)) return;
      } else if (a.senderIp !== target || a.targetIp !== src || a.targetMac !== netDev.mac) return;
      if (!o.quiet) {
        const us = clock.now - lastSent;
        const kind = pktType === 'host' ? 'Unicast' : 'Broadcast';
        const what = a.op === ARP_REPLY ? 'reply' : 'request';
        ctx.out(`${kind} ${what} from ${formatIp4(a.senderIp)} [${a.senderMac.toUpperCase()}]  ${(us / 1000).toFixed(3)}ms\n`);
      }
      received++;
      if (o.timeout && received === o.count) return finish();
      if (pktType !== 'host') broadcastsReceived++;
      if (a.op === ARP_REQUEST) requestsReceived++;
      if (o.quitOnReply || (o.count === 0 && received === sent)) return finish();
      if (!o.broadcastOnly) {
        peerMac = a.senderMac;
        unicasting = true;
      }
    },
  };

  // The exit status, as arping.c's finish() and event_loop() compute it
  // (20221126, lines 302-325 and 847-856; confirmed on kernel runs, scenarios
  // 105-108 and 406): DAD fails when anyone answered; -U/-A never fail; -w
  // without -c fails only when nothing answered; every other run fails when nothing answered or when the probes
  // sent and the answers counted differ, however it ended: `-c 3 -w 1` to two
  // responders sends 2 probes, counts 2 answers and exits 0.
  const exitStatus = (): number => {
    if (o.dad) return received ? 1 : 0;
    if (o.unsolicited) return 0;
    if (o.timeout && o.count <= 0) return received ? 0 : 1;
    return !received || sent !== received ? 1 : 0;
  };

  const finish = (): void => {
    if (run.done) return;
    run.done = true;
    timer?.cancel();
    deadline?.cancel();
    host.taps.delete(tap);
    if (!o.quiet) {
      let extra = '';
      if (broadcastsReceived || requestsReceived) {
        const parts = [requestsReceived ? `${requestsReceived} request(s)` : '', broadcastsReceived ? `${broadcastsReceived} broadcast(s)` : ''].filter(Boolean);
        extra = ` (${parts.join(', ')})`;
      }
      ctx.out(`Sent ${sent} probes (${broadcastsSent} broadcast(s))\nReceived ${received} response(s)${extra}\n`);
    }
    run.exitCode = exitStatus();
  };

  // The interval timerfd: its expiries are counted from 1 (the probe sent
  // before the loop); once they pass -c, arping ends without sending.
  const tick = (): void => {
    timer = null;
    ticks++;
    if (o.count > 0 && o.count < ticks) return finish();
    sendProbe();
    timer = clock.schedule(o.interval * 1_000_000, tick);
  };

  // The -w timerfd is armed just after the interval one, so when both expire
  // at the same second the interval's probe goes out first and its answer
  // comes too late to count (105: `-c 2 -w 1` sends 2 probes). Events of one
  // instant run in the order they were scheduled, and the interval timer was
  // re-armed after this one: run a tick due now before ending.
  const onDeadline = (): void => {
    if (timer !== null && timer.at === clock.now) {
      timer.cancel();
      tick();
    }
    finish();
  };

  // arping's signalfd loop ends on SIGINT, SIGQUIT and SIGTERM and prints its counts.
  // Without -c, -w or -f nothing but a signal ends it.
  const run = { done: false, exitCode: 0, interrupt: () => finish(), handles: [SIGINT, SIGQUIT, SIGTERM], endless: o.count < 0 && !o.timeout && !o.quitOnReply };
  host.taps.add(tap);
  sendProbe();
  // timerfd_settime with a zero value disarms: -i 0 sends the first probe
  // only, -w 0 sets no deadline.
  if (o.interval > 0) timer = clock.schedule(o.interval * 1_000_000, tick);
  if (o.timeout > 0) deadline = clock.schedule(o.timeout * 1_000_000, onDeadline);
  return run;
};
