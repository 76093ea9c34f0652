// iputils ping: one echo request per interval, replies matched by ICMP id,
// "Destination Host Unreachable" when the next hop's ARP fails. Behaviour
// measured on iputils 20221126 (Debian 12) against Linux 6.18 (scenario 302).
import { formatIp4, parseIp4, type Ip4 } from '../../net/addr.ts';
import { ICMP_DEST_UNREACH, ICMP_ECHO_REPLY, ICMP_ECHO_REQUEST, ICMP_REDIRECT, ICMP_TIME_EXCEEDED, type Ipv4Packet } from '../../net/frame.ts';
import type { NetDevice } from '../../host/device.ts';
import type { IcmpListener } from '../../host/host.ts';
import { ipOutput } from '../../host/ipv4.ts';
import { routeOutput } from '../../host/route.ts';
import type { Command, CommandContext } from '../context.ts';
import { getopt, glibcMessage, type GetoptConfig } from '../getopt.ts';
import { general } from '../text/c-format.ts';
import { SIGALRM, SIGINT } from '../../host/signals.ts';

/** pr_icmph's words for ICMP_REDIRECT's codes (iputils 20221126). */
const REDIRECT_TEXT: Record<number, string> = { 0: 'Redirect Network', 1: 'Redirect Host', 2: 'Redirect Type of Service and Network', 3: 'Redirect Type of Service and Host' };
const UNREACH_TEXT: Record<number, string> = { 0: 'Destination Net Unreachable', 1: 'Destination Host Unreachable', 3: 'Destination Port Unreachable' };

function rtt(us: number): string {
  const ms = us / 1000;
  if (us >= 99950) return ms.toFixed(0);
  if (us >= 9995) return ms.toFixed(1);
  if (us >= 1000) return ms.toFixed(2);
  return ms.toFixed(3);
}

/** The options of iputils ping modelled here, read as its getopt call does (permuting). */
const OPTIONS: GetoptConfig = {
  permute: true,
  options: [...[...'qnb4O'].map((letter) => ({ name: letter, short: letter, arg: 'none' as const })), ...[...'cWwiIstM'].map((letter) => ({ name: letter, short: letter, arg: 'required' as const }))],
};

/** -M's path MTU discovery modes (IP_MTU_DISCOVER): whether DF is set and whether a probe over the MTU is refused. */
type PmtuMode = 'do' | 'want' | 'dont' | 'probe';
const PMTU_MODES: readonly PmtuMode[] = ['do', 'want', 'dont', 'probe'];
/** The largest IPv4 packet: ip_append_data refuses anything longer with EMSGSIZE. */
const IP_MAX_PACKET = 0xffff;

/** The ranges iputils gives strtol_or_err for -c, -w and -t. */
const INTEGER_RANGES = { c: [1, Number.MAX_SAFE_INTEGER], w: [0, 2147483647], t: [0, 255], s: [0, 2147483647] } as const;
const INTEGER_RANGE_TEXT = { c: '9223372036854775807', w: '2147483647', t: '255', s: '2147483647' } as const;
/** Below this many data bytes a probe carries no send time (struct timeval): replies print no time= and no rtt line. */
const TIMEVAL_BYTES = 16;

/**
 * ping_strtod: the number strtod reads at the start of `text`; anything after
 * it is garbage iputils 20221126 only warns about (the value read so far counts, 0 if none).
 */
function strtodLenient(ctx: CommandContext, text: string): number {
  const match = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text);
  const rest = match ? text.slice(match[0].length) : text;
  if (rest !== '') ctx.err(`ping: option argument contains garbage: ${rest}\nping: this will become fatal error in the future\n`);
  return match ? Number(match[0]) : 0;
}

/** ICMP sequence numbers are 16 bits: ping's received table (rcvd_tbl, MAX_DUP_CHK) has a bit for each. */
const MAX_DUP_CHK = 0x10000;
/** ping.h MININTERVAL: with -i 0, a probe nobody answers holds the next one back this long (100 per second). */
const MININTERVAL_US = 10_000;

/** llsqrt(): ping's integer square root (Newton's method, rounding down). */
function llsqrt(a: bigint): bigint {
  let x = a;
  if (x > 0n) {
    // prev starts above x, as LLONG_MAX does: the first step always runs.
    let prev = x + 1n;
    while (x < prev) {
      prev = x;
      x = (x + a / x) / 2n;
    }
  }
  return x;
}

/** iputils' `%ld.%03ld` of a time in microseconds (truncated, as integer division does). */
function millis(us: number | bigint): string {
  const n = BigInt(us);
  return `${n / 1000n}.${String(n % 1000n).padStart(3, '0')}`;
}

export const ping: Command = (ctx) => {
  const o = { count: 0, wait: 10, deadline: 0, interval: 1, iface: null as string | null, quiet: false, broadcast: false, ttl: null as number | null, datalen: 56, outstanding: false, pmtu: null as PmtuMode | null };
  const parsed = getopt(ctx.argv.slice(1), OPTIONS);
  for (const { name, arg } of parsed.options) {
    const value = arg!;
    const n = Number(value);
    if (name === 'q') o.quiet = true;
    else if (name === 'b') o.broadcast = true;
    else if (name === 'O') o.outstanding = true;
    else if (name === 'M') {
      const mode = PMTU_MODES.find((m) => m === value);
      if (mode === undefined) {
        ctx.err(`ping: invalid -M argument: ${value}\n`);
        return 2;
      }
      o.pmtu = mode;
    }
    else if (name === 'n' || name === '4') continue;
    else if (name === 'I') o.iface = value;
    else if (name === 'c' || name === 'w' || name === 't' || name === 's') {
      // strtol_or_err: a whole number within the option's range, else exit 1.
      const [min, max] = INTEGER_RANGES[name];
      if (!/^[+-]?\d+$/.test(value)) {
        ctx.err(`ping: invalid argument: '${value}'\n`);
        return 1;
      }
      if (n < min || n > max) {
        ctx.err(`ping: invalid argument: '${value}': out of range: ${min} <= value <= ${INTEGER_RANGE_TEXT[name]}\n`);
        return 1;
      }
      if (name === 'c') o.count = n;
      else if (name === 'w') o.deadline = n;
      else if (name === 's') o.datalen = n;
      else o.ttl = n;
    } else {
      const seconds = strtodLenient(ctx, value);
      if (name === 'W' && seconds < 0) {
        ctx.err(`ping: bad linger time: ${value}\n`);
        return 2;
      }
      if (name === 'W') o.wait = seconds;
      // rts.interval = (int)(optval * 1000): whole milliseconds. Root may give a
      // negative one (kernel run 423: -i -1 runs); the next probe is then due at
      // once, as with -i 0.
      else o.interval = Math.max(0, Math.trunc(seconds * 1000) / 1000);
    }
  }
  const timing = o.datalen >= TIMEVAL_BYTES;
  if (parsed.error) {
    ctx.err(`${glibcMessage('ping', parsed.error)}\n`);
    return 2;
  }
  const rest = parsed.operands;
  if (rest.length === 0) {
    ctx.err('ping: usage error: Destination address required\n');
    return 1;
  }
  const dst = parseIp4(rest[rest.length - 1]!);
  if (dst === null) {
    ctx.err(`ping: ${rest[rest.length - 1]}: Name or service not known\n`);
    return 2;
  }
  const host = ctx.host;
  let src: Ip4 | null = null;
  let oif: NetDevice | null = null;
  if (o.iface !== null) {
    const asIp = parseIp4(o.iface);
    if (asIp !== null) {
      if (!host.isLocalAddress(asIp)) {
        ctx.err(`ping: bind: Cannot assign requested address\n`);
        return 2;
      }
      src = asIp;
    } else {
      oif = host.device(o.iface) ?? null;
      if (!oif) {
        ctx.err(`ping: SO_BINDTODEVICE ${o.iface}: No such device\n`);
        return 2;
      }
    }
  }
  if (o.ttl === 0) {
    // IP_TTL 0 is EINVAL (ip_setsockopt accepts 1-255 and -1).
    ctx.err('ping: cannot set unicast time-to-live: Invalid argument\n');
    return 2;
  }
  const route = routeOutput(host, dst, src, oif);
  if ('error' in route) {
    ctx.err(route.error === 'EINVAL' ? 'ping: connect: Invalid argument\n' : 'ping: connect: Network is unreachable\n');
    return 2;
  }
  // Without -I ADDR, ping finds its source by connecting a UDP socket, which
  // the kernel refuses (EACCES) for a broadcast route unless SO_BROADCAST is
  // set: -b sets it. A socket bound to an address never asks, and its
  // echo requests to a broadcast address fail in sendmsg, silently.
  const toBroadcast = route.type === 'broadcast';
  if (toBroadcast && src === null) {
    if (!o.broadcast) {
      ctx.err('ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n');
      return 2;
    }
    ctx.err('WARNING: pinging broadcast address\n');
  }
  const sendRefused = toBroadcast && !o.broadcast;
  const source = src ?? route.src;
  // -I DEV: ping warns when the source the kernel chose is not an address
  // getifaddrs lists under DEV's name (an alias label such as eth0:1 is another name).
  if (oif && !oif.addresses.some((a) => a.label === oif.name && a.local === source)) ctx.err(`ping: Warning: source address might be selected on device other than: ${oif.name}\n`);
  const fromText = src !== null ? ` from ${formatIp4(src)} ` : oif ? ` from ${formatIp4(source)} ${oif.name}` : '';
  ctx.out(`PING ${formatIp4(dst)} (${formatIp4(dst)})${fromText}${fromText ? ':' : ''} ${o.datalen}(${o.datalen + 28}) bytes of data.\n`);

  const clock = ctx.clock;
  const id = ctx.random.int(1, 65536);
  // Each probe carries its send time (the timeval in its data); one slot per 16-bit sequence number stands for it.
  const sentAt = new Float64Array(MAX_DUP_CHK);
  // rcvd_tbl: one bit per sequence number, cleared when the number is sent again.
  const answered = new Uint8Array(MAX_DUP_CHK);
  // gather_statistics' sums, in microseconds (no list of round trips: a flood would keep millions).
  const times = { count: 0, sum: 0, sum2: 0n, min: Number.POSITIVE_INFINITY, max: 0, ewma: 0 };
  let transmitted = 0;
  let received = 0;
  let duplicates = 0;
  let errors = 0;
  let lastSentAt = clock.now;
  // iputils' acknowledge(): the most probes outstanding when one was answered (by a reply or an error).
  let pipesize = 1;
  // The newest probe answered, as a 16-bit sequence number: main_loop stops reading the socket once nothing is in flight.
  let acked = 0;
  const acknowledge = (seq: number): void => {
    const diff = (transmitted - seq) & 0xffff;
    if (diff > 0x7fff) return;
    pipesize = Math.max(pipesize, diff + 1);
    if (((seq - acked) << 16) >> 16 > 0 || ((transmitted - acked) & 0xffff) > 0x7fff) acked = seq;
  };
  // in_flight(): probes sent and not yet answered.
  const inFlight = (): number => {
    const diff = (transmitted - acked) & 0xffff;
    return diff <= 0x7fff ? diff : transmitted - received - errors;
  };
  const start = clock.now;
  let timer: { cancel(): void } | null = null;

  const listener: IcmpListener = {
    onIcmp: (packet: Ipv4Packet) => {
      const icmp = packet.icmp!;
      if (icmp.type === ICMP_ECHO_REPLY && icmp.id === id && packet.dst === source) {
        const us = clock.now - sentAt[icmp.seq]!;
        times.count++;
        times.sum += us;
        times.sum2 += BigInt(us) * BigInt(us);
        times.min = Math.min(times.min, us);
        times.max = Math.max(times.max, us);
        // rts->rtt: an integer average of 8 round trips, printed as ewma.
        times.ewma = times.ewma === 0 ? us * 8 : times.ewma + us - Math.trunc(times.ewma / 8);
        acknowledge(icmp.seq);
        // gather_statistics: a second answer to one probe (a broadcast, two
        // hosts with one address) is a duplicate, not a reply; -b (or a
        // multicast target) leaves the "(DUP!)" mark off.
        const duplicate = answered[icmp.seq] === 1;
        if (duplicate) duplicates++;
        else {
          answered[icmp.seq] = 1;
          received++;
        }
        const mark = duplicate && !o.broadcast ? ' (DUP!)' : '';
        if (!o.quiet) ctx.out(`${packet.length - 20} bytes from ${formatIp4(packet.src)}: icmp_seq=${icmp.seq} ttl=${packet.ttl}${timing ? ` time=${rtt(us)} ms` : ''}${mark}\n`);
      } else if ((icmp.type === ICMP_DEST_UNREACH || icmp.type === ICMP_TIME_EXCEEDED) && icmp.original?.icmp?.type === ICMP_ECHO_REQUEST && icmp.original.icmp.id === id) {
        errors++;
        acknowledge(icmp.original.icmp.seq);
        const text = icmp.type === ICMP_TIME_EXCEEDED ? 'Time to live exceeded' : (UNREACH_TEXT[icmp.code] ?? `Dest Unreachable, Bad Code: ${icmp.code}`);
        if (!o.quiet) ctx.out(`From ${formatIp4(packet.src)} icmp_seq=${icmp.original.icmp.seq} ${text}\n`);
      } else if (icmp.type === ICMP_REDIRECT && icmp.original?.icmp?.type === ICMP_ECHO_REQUEST && icmp.original.icmp.id === id && icmp.original.dst === dst) {
        // ping4_parse_reply: a redirect about our probe is printed (with a colon, unlike the errors) and counts as nothing.
        if (!o.quiet) ctx.out(`From ${formatIp4(packet.src)}: icmp_seq=${icmp.original.icmp.seq} ${REDIRECT_TEXT[icmp.code] ?? `Redirect, Bad Code: ${icmp.code}`}(New nexthop: ${formatIp4(icmp.gateway ?? 0)})\n`);
        return;
      } else return;
      // main_loop's exit conditions: count answered (replies and errors), or any error under a -w deadline.
      // They are checked when main_loop stops reading: at once when nothing is in flight any more (a
      // second answer to the last probe is never read), else once the socket is drained (errors that
      // arrive together are all printed).
      if ((o.count && received + errors >= o.count && transmitted >= o.count) || (o.deadline && errors > 0)) {
        if (inFlight() === 0) finish();
        else clock.schedule(0, finish);
      } else if (o.interval === 0 && inFlight() === 0 && !(o.count && transmitted >= o.count && !o.deadline)) {
        // -i 0: nothing in flight, so main_loop goes back to pinger, which sends at once.
        timer?.cancel();
        tick();
      }
    },
  };

  const finish = (): void => {
    if (run.done) return;
    run.done = true;
    timer?.cancel();
    host.icmpListeners.delete(listener);
    // printf("%g%%", (float)(lost * 100.0 / transmitted)): 1 of 3 lost is 33.3333%.
    const loss = transmitted === 0 ? 0 : general(Math.fround(((transmitted - received) * 100) / transmitted), 6);
    // finish(): "time" is cur_time - start_time, and pinger() moves cur_time
    // only when it sends: the last probe, not the last answer or the exit
    // (ping -c 1 -W 5 to a silent host: time 0ms; -c 3 -i 0.5: about 1000ms).
    const elapsed = Math.round((lastSentAt - start) / 1000);
    ctx.out(`\n--- ${formatIp4(dst)} ping statistics ---\n`);
    ctx.out(`${transmitted} packets transmitted, ${received} received${duplicates ? `, +${duplicates} duplicates` : ''}${errors ? `, +${errors} errors` : ''}, ${loss}% packet loss, time ${elapsed}ms\n`);
    // finish() prints the rtt line, ", pipe N" (when more than one probe was outstanding)
    // and, with -i 0, ", ipg/ewma" on one line, then putchar('\n').
    const tail: string[] = [];
    if (received > 0 && timing) {
      // finish()'s integer arithmetic: the average truncated, the deviation an integer square root.
      const total = BigInt(times.count);
      const sum = BigInt(times.sum);
      const avg = sum / total;
      const variance = sum < 2147483647n ? (times.sum2 - (sum * sum) / total) / total : times.sum2 / total - avg * avg;
      tail.push(`rtt min/avg/max/mdev = ${millis(times.min)}/${millis(avg)}/${millis(times.max)}/${millis(llsqrt(variance))} ms`);
    }
    if (pipesize > 1) tail.push(`pipe ${pipesize}`);
    if (received > 0 && o.interval === 0 && transmitted > 1) {
      // Inter-packet gap: from the first probe to the last one sent.
      const ipg = Math.trunc((lastSentAt - start) / (transmitted - 1));
      tail.push(`ipg/ewma ${millis(ipg)}/${millis(Math.trunc(times.ewma / 8))} ms`);
    }
    ctx.out(`${tail.join(', ')}\n`);
    run.exitCode = received > 0 && !(o.deadline && o.count && received < o.count) ? 0 : 1;
  };

  // pinger() with -O: before each probe, the one before it if it is still unanswered.
  const reportOutstanding = (): void => {
    if (o.outstanding && transmitted > 0 && answered[transmitted & 0xffff] === 0) ctx.out(`no answer yet for icmp_seq=${transmitted % MAX_DUP_CHK}\n`);
  };

  // ip_append_data refuses with EMSGSIZE (queued on the socket's error queue
  // with the route's MTU) a packet over 65535 bytes, and with -M do/probe one
  // over the MTU; receive_error_msg prints it and counts an error (not with -q).
  const localError = (length: number): boolean => {
    const mtu = route.dev.mtu;
    if (length <= IP_MAX_PACKET && !((o.pmtu === 'do' || o.pmtu === 'probe') && length > mtu)) return false;
    if (!o.quiet) {
      ctx.err(`ping: local error: message too long, mtu=${mtu}\n`);
      errors++;
    }
    return true;
  };

  const send = (): void => {
    reportOutstanding();
    transmitted++;
    const seq = transmitted & 0xffff;
    sentAt[seq] = clock.now;
    answered[seq] = 0;
    lastSentAt = clock.now;
    if (sendRefused) return;
    const packet: Ipv4Packet = { src: source, dst, ttl: o.ttl ?? host.sysctl.global('ip_default_ttl'), proto: 'icmp', length: 28 + o.datalen, icmp: { type: ICMP_ECHO_REQUEST, code: 0, id, seq } };
    if (o.pmtu === 'dont') packet.dontFragment = false;
    if (localError(packet.length)) {
      // main_loop's exit check: the error answers the probe.
      if ((o.count && received + errors >= o.count && transmitted >= o.count) || (o.deadline && errors > 0)) finish();
      return;
    }
    ipOutput(host, packet, { oif });
  };

  // schedule_exit, right after the last probe: the -W linger time when nothing
  // has come back yet, else twice the longest round trip, at least one interval.
  // A wait of 0 (-W 0, -W x) arms no timer (setitimer disarms): main_loop asks
  // again when pinger's next turn (1 s) comes.
  const scheduleExit = (): void => {
    const waitUs = received > 0 ? Math.max(2 * times.max, Math.trunc(o.interval * 1000) * 1000) : Math.round(o.wait * 1_000_000);
    timer = clock.schedule(waitUs > 0 ? waitUs : 1_000_000, waitUs > 0 ? finish : scheduleExit);
  };

  const tick = (): void => {
    if (o.deadline && clock.now - start >= o.deadline * 1_000_000) return finish();
    // pinger(): with a -w deadline, -c counts answers, not probes: it keeps sending until the deadline.
    send();
    if (run.done) return;
    if (o.count && transmitted >= o.count && !o.deadline) {
      scheduleExit();
      return;
    }
    // The -w deadline is a timer of its own (SIGALRM), not the next probe's turn.
    const untilDeadline = o.deadline ? o.deadline * 1_000_000 - (clock.now - start) : Infinity;
    // -i 0 sends again as soon as the probe is answered (the listener), or after MININTERVAL without an answer.
    const gap = o.interval === 0 ? MININTERVAL_US : Math.round(o.interval * 1_000_000);
    timer = clock.schedule(Math.min(gap, Math.max(0, untilDeadline)), tick);
  };

  // iputils ping catches SIGINT and SIGALRM (sigexit: the summary); SIGTERM kills it silently.
  const run = { done: false, exitCode: 1, interrupt: finish, handles: [SIGINT, SIGALRM], endless: !o.count && !o.deadline };
  host.icmpListeners.add(listener);
  tick();
  return run;
};
