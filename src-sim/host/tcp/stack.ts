// The TCP layer of one host (tcp_v4_rcv, tcp_rcv_state_process,
// tcp_v4_connect, tcp_v4_send_reset, tcp_retransmit_timer, tcp_v4_err),
// reduced to what a lab shows: the handshake, data, the FIN sequence, RST for
// segments no socket wants, SYN retransmission with the kernel's timing, and
// the neighbour confirmation that TCP progress gives (dst_confirm).
//
// Simplifications (documented for learners and maintainers):
// - the options Linux sends by default are on the wire (mss, sackOK, TS,
//   wscale on SYN and SYN-ACK; TS on every later segment; none on a RST from
//   tcp_v4_send_reset), so lengths and counters are the kernel's; they are not
//   negotiated (every host is Linux with the defaults) and SACK blocks never
//   appear (no segment is lost out of order); windows are Linux's usual
//   values; no congestion control;
// - ACKs as Linux sends them (tcp_event_data_recv, __tcp_ack_snd_check,
//   tcp_event_data_sent, tcp_fin): data is acknowledged at once in quick-ACK
//   mode (the first 16 data segments of a connection), before the program
//   has read it, unless the connection is interactive ("pingpong": this end
//   sent data within ato of receiving some, or the peer's FIN arrived in
//   ESTABLISHED); then the ACK waits up to 40 ms for data or a FIN to carry
//   it. So a curl exchange is 10 segments as on Linux 6.18: the server ACKs
//   the request and the client ACKs the response by themselves, the server's
//   FIN carries the ACK of the client's FIN;
// - TIME_WAIT lasts 60 s as in Linux; a new SYN to a TIME_WAIT 4-tuple with a
//   higher sequence number reopens it (tcp_timewait_state_process);
// - listening sockets are bound to 0.0.0.0 (any local address).
import { formatIp4, type Ip4 } from '../../net/addr.ts';
import { ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED, type EthernetFrame, type Ipv4Packet, type TcpFlags, type TcpHeader, type TcpOptions } from '../../net/frame.ts';
import { tcpHeaderLength } from '../../net/tcp-options.ts';
import type { NetDevice } from '../device.ts';
import type { Host, IcmpListener } from '../host.ts';
import { ipOutput } from '../ipv4.ts';
import { timerWheelDelayUs } from '../neighbour/timer-wheel.ts';
import { routeOutput } from '../route.ts';
import {
  connectionKey,
  flags,
  flagText,
  seqAdd,
  seqLe,
  seqLt,
  TcpConnection,
  TCP_MSS,
  TCP_RETRIES2,
  TCP_SEGMENT_DATA_MAX,
  TCP_WINDOW_SCALE,
  TCP_RTO_MAX_US,
  TCP_RTO_MIN_US,
  TCP_SYNACK_RETRIES,
  TCP_SYN_LINEAR_TIMEOUTS,
  TCP_SYN_RETRIES,
  TCP_TIMEWAIT_US,
  TCP_ATO_MIN_US,
  TCP_MAX_QUICKACKS,
  WINDOW_SYN,
  WINDOW_SYNACK,
  type SentSegment,
  type TcpError,
  type TcpSocketEvents,
} from './connection.ts';

/** A listening socket: decides what program handles each accepted connection. */
export interface TcpListener {
  accept(conn: TcpConnection): TcpSocketEvents;
}

/** net.ipv4.ip_local_port_range defaults. */
export const LOCAL_PORT_MIN = 32768;
export const LOCAL_PORT_MAX = 60999;

/** icmp_err_convert for the codes of ICMP destination unreachable. */
const UNREACH_ERRNO: Record<number, TcpError> = { 0: 'ENETUNREACH', 1: 'EHOSTUNREACH', 3: 'ECONNREFUSED' };

export class TcpStack implements IcmpListener {
  readonly listeners = new Map<number, TcpListener>();
  readonly connections = new Map<string, TcpConnection>();

  constructor(private readonly host: Host) {
    host.icmpListeners.add(this);
  }

  listen(port: number, listener: TcpListener): void {
    this.listeners.set(port, listener);
  }

  unlisten(port: number): void {
    this.listeners.delete(port);
  }

  /**
   * connect(): picks the source address by route (the primary address of the
   * outgoing device, never a VIP on lo) and an ephemeral port, sends the SYN.
   * Returns the errno connect() itself would return when there is no route.
   */
  connect(dst: Ip4, dport: number, events: TcpSocketEvents): TcpConnection | 'ENETUNREACH' | 'EADDRNOTAVAIL' {
    const route = routeOutput(this.host, dst, null, null);
    if ('error' in route) {
      if (this.host.tracing) this.host.trace('tcp.connect.no-route', { dst: formatIp4(dst), port: dport, reason: route.reason });
      return 'ENETUNREACH';
    }
    const src = route.src;
    const sport = this.ephemeralPort(src, dst, dport);
    if (sport === null) return 'EADDRNOTAVAIL';
    const conn = new TcpConnection(src, sport, dst, dport, { iss: this.isn(), passive: false, now: this.host.clock.now, events });
    this.connections.set(conn.key, conn);
    if (this.host.tracing) this.host.trace('tcp.connect', { src: formatIp4(src), sport, dst: formatIp4(dst), dport, dev: route.dev.name });
    this.sendSegment(conn, flags({ syn: true }), '', WINDOW_SYN);
    return conn;
  }

  /** Queues data; it leaves at once in MSS-sized segments (no Nagle delay for a request or response). */
  send(conn: TcpConnection, text: string): void {
    if (conn.state !== 'ESTABLISHED' && conn.state !== 'CLOSE_WAIT') return;
    for (let i = 0; i < text.length; i += TCP_SEGMENT_DATA_MAX) {
      const chunk = text.slice(i, i + TCP_SEGMENT_DATA_MAX);
      this.sendSegment(conn, flags({ ack: true, psh: i + TCP_SEGMENT_DATA_MAX >= text.length }), chunk);
    }
  }

  /** close(): sends FIN (the data already queued goes first). */
  close(conn: TcpConnection): void {
    if (conn.finSent) return;
    if (conn.state === 'SYN_SENT') {
      this.destroy(conn);
      return;
    }
    if (conn.state !== 'ESTABLISHED' && conn.state !== 'CLOSE_WAIT' && conn.state !== 'SYN_RECV') return;
    conn.finSent = true;
    this.setState(conn, conn.state === 'CLOSE_WAIT' ? 'LAST_ACK' : 'FIN_WAIT1');
    this.sendSegment(conn, flags({ fin: true, ack: true }), '');
  }

  /** close() of a socket that is given up on (curl after a timeout): no more events, the kernel keeps closing it. */
  abandon(conn: TcpConnection): void {
    conn.events = {};
    if (conn.state === 'SYN_SENT') this.destroy(conn);
    else this.close(conn);
  }

  /** tcp_v4_rcv: the connection, else a listener, else a RST. */
  receive(ip: Ipv4Packet, dev: NetDevice | null, frame?: EthernetFrame): void {
    const tcp = ip.tcp;
    if (!tcp || ip.sport === undefined || ip.dport === undefined) return;
    const key = connectionKey(ip.dst, ip.dport, ip.src, ip.sport);
    const conn = this.connections.get(key);
    if (conn) {
      if (conn.state === 'TIME_WAIT' && tcp.flags.syn && !tcp.flags.ack && seqLt(conn.rcvNxt, tcp.seq)) {
        // tcp_timewait_state_process: TCP_TW_SYN, a new incarnation of the connection.
        this.destroy(conn);
      } else {
        this.segmentArrives(conn, ip, tcp, frame);
        return;
      }
    }
    const base = () => ({ src: formatIp4(ip.src), sport: ip.sport!, dst: formatIp4(ip.dst), dport: ip.dport!, dev: dev?.name ?? 'lo', flags: flagText(tcp.flags) });
    const listener = this.listeners.get(ip.dport);
    if (listener && tcp.flags.syn && !tcp.flags.ack && !tcp.flags.rst) {
      // The socket's local address is the address the SYN was sent to: every
      // reply of this connection leaves from it (the VIP on a real server).
      const conn = new TcpConnection(ip.dst, ip.dport, ip.src, ip.sport, { iss: this.isn(), passive: true, now: this.host.clock.now });
      conn.irs = tcp.seq;
      conn.tsRecent = tcp.options?.timestamp?.val ?? 0;
      conn.rcvNxt = seqAdd(tcp.seq, 1);
      this.connections.set(conn.key, conn);
      conn.events = listener.accept(conn);
      const primary = this.host.tracing ? this.primarySource(ip.src) : null;
      if (this.host.tracing) this.host.trace(primary === ip.dst ? 'tcp.accept.primary' : 'tcp.accept', { ...base(), local: formatIp4(ip.dst), primary: primary === null ? '-' : formatIp4(primary), on: addressDevice(this.host, ip.dst) }, frame);
      if (this.host.tracing) {
        // The reply's route: looked up on the client's address alone; the source (the VIP) does not choose it.
        const back = routeOutput(this.host, ip.src, ip.dst, null);
        if (!('error' in back)) {
          const key = back.type === 'local' ? 'tcp.reply-route.local' : back.gateway === null ? 'tcp.reply-route.direct' : 'tcp.reply-route.gateway';
          this.host.trace(key, { src: formatIp4(ip.dst), dst: formatIp4(ip.src), dev: back.dev.name, via: formatIp4(back.nexthop) });
        }
      }
      this.sendSegment(conn, flags({ syn: true, ack: true }), '', WINDOW_SYNACK);
      return;
    }
    if (tcp.flags.rst) return; // never answer a RST
    if (this.host.tracing) this.host.trace(tcp.flags.syn && !tcp.flags.ack ? 'tcp.refused' : 'tcp.no-socket', base(), frame);
    this.sendReset(ip, tcp);
  }

  /** tcp_v4_err: ICMP errors about our segments. In SYN_SENT they end connect(). */
  onIcmp(packet: Ipv4Packet): void {
    const icmp = packet.icmp;
    const original = icmp?.original;
    if (!icmp || !original || original.proto !== 'tcp' || original.sport === undefined || original.dport === undefined) return;
    if (icmp.type !== ICMP_DEST_UNREACH && icmp.type !== ICMP_TIME_EXCEEDED) return;
    const conn = this.connections.get(connectionKey(original.src, original.sport, original.dst, original.dport));
    if (!conn || conn.state !== 'SYN_SENT') return; // soft errors on a connected socket are only noted
    const error = icmp.type === ICMP_TIME_EXCEEDED ? 'EHOSTUNREACH' : (UNREACH_ERRNO[icmp.code] ?? 'EHOSTUNREACH');
    if (this.host.tracing) this.host.trace('tcp.icmp-error', { src: formatIp4(conn.localIp), sport: conn.localPort, dst: formatIp4(conn.remoteIp), dport: conn.remotePort, from: formatIp4(packet.src), error });
    this.fail(conn, error);
  }

  private segmentArrives(conn: TcpConnection, ip: Ipv4Packet, tcp: TcpHeader, frame?: EthernetFrame): void {
    const f = tcp.flags;
    // tcp_store_ts_recent: the timestamp our next segments echo (RFC 7323: a
    // reset's is not kept).
    if (tcp.options?.timestamp && !f.rst) conn.tsRecent = tcp.options.timestamp.val;
    const ids = () => connIds(conn);
    if (conn.state === 'SYN_SENT') {
      if (f.ack && tcp.ack !== conn.sndNxt) {
        if (!f.rst) this.sendReset(ip, tcp);
        return;
      }
      if (f.rst) {
        if (f.ack) {
          if (this.host.tracing) this.host.trace('tcp.reset-received', { ...ids(), state: conn.state }, frame);
          this.fail(conn, 'ECONNREFUSED');
        }
        return;
      }
      if (!f.syn || !f.ack) return; // simultaneous open is not modelled
      conn.irs = tcp.seq;
      conn.rcvNxt = seqAdd(tcp.seq, 1);
      conn.lrcvtime = this.host.clock.now; // tcp_finish_connect
      this.ackAdvanced(conn, tcp.ack);
      this.setState(conn, 'ESTABLISHED');
      if (this.host.tracing) this.host.trace('tcp.established', { ...ids(), rtt: ((this.host.clock.now - conn.createdAt) / 1000).toFixed(3) }, frame);
      // The handshake's third segment goes out at once (tcp_send_ack).
      this.sendSegment(conn, flags({ ack: true }), '');
      conn.events.onConnected?.(conn);
      return;
    }
    if (f.rst) {
      if (conn.state === 'SYN_RECV' || seqLe(conn.rcvNxt, tcp.seq)) {
        if (this.host.tracing) this.host.trace('tcp.reset-received', { ...ids(), state: conn.state }, frame);
        if (conn.state === 'SYN_RECV') this.destroy(conn);
        else this.fail(conn, 'ECONNRESET');
      }
      return;
    }
    if (f.syn) {
      if (conn.state === 'SYN_RECV' && tcp.seq === conn.irs) {
        // A retransmitted SYN: the request socket answers with its SYN-ACK again.
        this.retransmitFirst(conn);
        return;
      }
      this.queueAck(conn); // challenge ACK
      return;
    }
    if (!f.ack) return;
    if (conn.state === 'SYN_RECV') {
      if (tcp.ack !== conn.sndNxt) {
        this.sendReset(ip, tcp);
        return;
      }
      this.ackAdvanced(conn, tcp.ack);
      this.setState(conn, 'ESTABLISHED');
      if (this.host.tracing) this.host.trace('tcp.established', { ...ids(), rtt: ((this.host.clock.now - conn.createdAt) / 1000).toFixed(3) }, frame);
      conn.events.onConnected?.(conn);
    } else if (seqLt(conn.sndUna, tcp.ack) && seqLe(tcp.ack, conn.sndNxt)) {
      this.ackAdvanced(conn, tcp.ack);
    }
    const finAcked = conn.finSent && conn.sndUna === conn.sndNxt;
    if (finAcked) {
      if (conn.state === 'FIN_WAIT1') this.setState(conn, 'FIN_WAIT2');
      else if (conn.state === 'CLOSING') this.enterTimeWait(conn);
      else if (conn.state === 'LAST_ACK') {
        this.destroy(conn);
        return;
      }
    }
    // Data, in order only; anything else gets a duplicate ACK.
    if (tcp.payloadLength > 0) {
      if (tcp.seq !== conn.rcvNxt || conn.finReceived) {
        this.queueAck(conn);
        return;
      }
      conn.rcvNxt = seqAdd(conn.rcvNxt, tcp.payloadLength);
      conn.bytesReceived += tcp.payloadLength;
      this.dataReceived(conn);
      // __tcp_ack_snd_check runs in softirq, before the program reads the data:
      // a quick ACK leaves before any reply; otherwise it waits for one.
      // With a FIN in the same segment, tcp_fin below decides.
      if (!f.fin) {
        if (conn.quick > 0 && !conn.pingpong) this.sendAckNow(conn);
        else this.delayAck(conn);
      }
      conn.events.onData?.(conn, tcp.payload ?? '');
    }
    if (f.fin) {
      if (seqAdd(tcp.seq, tcp.payloadLength) !== conn.rcvNxt || conn.finReceived) {
        if (conn.state === 'TIME_WAIT') this.sendSegment(conn, flags({ ack: true }), '');
        return;
      }
      conn.rcvNxt = seqAdd(conn.rcvNxt, 1);
      conn.finReceived = true;
      // tcp_fin: in ESTABLISHED the ACK is delayed (pingpong), so the FIN of
      // the program's close() carries it; in FIN_WAIT1/2 it goes at once.
      if (conn.state === 'ESTABLISHED') {
        this.setState(conn, 'CLOSE_WAIT');
        conn.pingpong = true;
        this.delayAck(conn);
      } else {
        if (conn.state === 'FIN_WAIT1') this.setState(conn, 'CLOSING');
        else if (conn.state === 'FIN_WAIT2') this.enterTimeWait(conn);
        this.sendAckNow(conn);
      }
      conn.events.onPeerClosed?.(conn);
    }
  }

  /** snd_una moved forward: drop what it covers, restart or stop the timer, and confirm the neighbour on the next send. */
  private ackAdvanced(conn: TcpConnection, ack: number): void {
    conn.sndUna = ack;
    while (conn.retransmitQueue.length > 0) {
      const head = conn.retransmitQueue[0]!;
      if (!seqLe(seqAdd(head.seq, head.length), ack)) break;
      conn.retransmitQueue.shift();
    }
    conn.retries = 0;
    conn.rto = TCP_RTO_MIN_US;
    conn.timer?.cancel();
    conn.timer = null;
    if (conn.retransmitQueue.length > 0) this.armTimer(conn);
    // tcp_ack: FLAG_FORWARD_PROGRESS → sk_dst_confirm.
    conn.pendingConfirm = true;
  }

  /** tcp_event_data_recv: the delayed-ACK engine learns from the arrival of in-order data. */
  private dataReceived(conn: TcpConnection): void {
    const now = this.host.clock.now;
    if (conn.ato === 0) {
      // The first data: quick-ACK mode (tcp_incr_quickack) and ato = TCP_ATO_MIN.
      conn.quick = Math.max(conn.quick, TCP_MAX_QUICKACKS);
      conn.ato = TCP_ATO_MIN_US;
    } else {
      const m = now - conn.lrcvtime;
      if (m <= TCP_ATO_MIN_US / 2) conn.ato = conn.ato / 2 + TCP_ATO_MIN_US / 2;
      else if (m < conn.ato) conn.ato = Math.min(conn.ato / 2 + m, conn.rto);
      else if (m > conn.rto) conn.quick = Math.max(conn.quick, TCP_MAX_QUICKACKS);
    }
    conn.lrcvtime = now;
  }

  /** tcp_send_ack: a pure ACK now. */
  private sendAckNow(conn: TcpConnection): void {
    if (conn.state === 'CLOSED') return;
    this.sendSegment(conn, flags({ ack: true }), '');
  }

  /** tcp_send_delayed_ack: on a LAN the timer is TCP_DELACK_MIN (40 ms); a segment sent before then carries the ACK. */
  private delayAck(conn: TcpConnection): void {
    if (conn.ackTimer) return;
    conn.ackTimer = this.host.clock.schedule(TCP_ATO_MIN_US, () => {
      conn.ackTimer = null;
      if (conn.state === 'CLOSED') return;
      // tcp_delack_timer_handler: a missed delayed ACK leaves pingpong mode (or inflates ato).
      if (conn.pingpong) {
        conn.pingpong = false;
        conn.ato = TCP_ATO_MIN_US;
      } else conn.ato = Math.min(conn.ato * 2, conn.rto);
      this.sendSegment(conn, flags({ ack: true }), '');
    });
  }

  /** An ACK at the end of this instant, unless a segment sent before then carries it. */
  private queueAck(conn: TcpConnection): void {
    if (conn.ackTimer) return;
    conn.ackTimer = this.host.clock.schedule(0, () => {
      conn.ackTimer = null;
      if (conn.state !== 'CLOSED') this.sendSegment(conn, flags({ ack: true }), '');
    });
  }

  private sendSegment(conn: TcpConnection, f: TcpFlags, payload: string, window = conn.window): void {
    const length = payload.length + (f.syn ? 1 : 0) + (f.fin ? 1 : 0);
    const seq = conn.sndNxt;
    let clone: SentSegment['clone'] = null;
    if (length > 0) {
      // tcp_stream_alloc_skb gives every segment of a socket a fast clone; the
      // SYN-ACK of a request socket comes from tcp_make_synack, without one.
      clone = f.syn && f.ack ? null : { held: false };
      conn.retransmitQueue.push({ seq, flags: f, payload, length, clone });
      conn.sndNxt = seqAdd(conn.sndNxt, length);
      if (!conn.timer) this.armTimer(conn);
    }
    this.transmit(conn, seq, f, payload, window, clone);
  }

  private transmit(conn: TcpConnection, seq: number, f: TcpFlags, payload: string, window: number, clone: SentSegment['clone'] = null): void {
    if (f.ack) {
      // tcp_event_ack_sent → tcp_dec_quickack_mode: each ACK of pending data uses up one quick ACK.
      if (conn.ackTimer || (conn.quick > 0 && seqLt(conn.lastAckSent, conn.rcvNxt))) {
        if (conn.quick > 0 && --conn.quick === 0) conn.ato = TCP_ATO_MIN_US;
      }
      conn.ackTimer?.cancel();
      conn.ackTimer = null;
      conn.lastAckSent = conn.rcvNxt;
    }
    // tcp_event_data_sent: data sent within ato of data received makes the connection interactive.
    if (payload.length > 0 && conn.ato > 0 && this.host.clock.now - conn.lrcvtime < conn.ato) conn.pingpong = true;
    if (conn.pendingConfirm) {
      conn.pendingConfirm = false;
      this.confirmNeighbour(conn);
    }
    const timestamp = { val: conn.timestampAt(this.host.clock.now), ecr: f.syn && !f.ack ? 0 : conn.tsRecent };
    // tcp_syn_options / tcp_synack_options, else tcp_established_options.
    const options: TcpOptions = f.syn ? { mss: TCP_MSS, sackPermitted: true, timestamp, windowScale: TCP_WINDOW_SCALE } : { timestamp };
    const tcp: TcpHeader = { flags: f, seq, ack: f.ack ? conn.rcvNxt : 0, window, payloadLength: payload.length, options };
    if (payload) tcp.payload = payload;
    const packet: Ipv4Packet = { src: conn.localIp, dst: conn.remoteIp, ttl: this.host.sysctl.global('ip_default_ttl'), proto: 'tcp', length: 20 + tcpHeaderLength(options) + payload.length, sport: conn.localPort, dport: conn.remotePort, tcp };
    const error = ipOutput(this.host, packet, clone ? { hold: clone } : null);
    if (error && conn.state === 'SYN_SENT' && conn.retries === 0) {
      // connect() itself fails when the route is gone.
      this.host.clock.schedule(0, () => this.fail(conn, 'ENETUNREACH'));
    }
  }

  /** neigh_confirm through the route the next segment takes: the entry's `confirmed` becomes now. */
  private confirmNeighbour(conn: TcpConnection): void {
    const route = routeOutput(this.host, conn.remoteIp, conn.localIp, null);
    if ('error' in route || route.type !== 'unicast') return;
    const entry = this.host.neigh.lookup(route.nexthop, route.dev);
    if (!entry || entry.nud === 'NOARP' || entry.nud === 'PERMANENT') return;
    entry.confirmed = this.host.clock.now;
    if (this.host.tracing) this.host.trace('tcp.neigh-confirm', { ip: entry.ipText, dev: route.dev.name, state: entry.nud, src: formatIp4(conn.localIp), sport: conn.localPort, dst: formatIp4(conn.remoteIp), dport: conn.remotePort });
  }

  /**
   * inet_csk_reset_xmit_timer arms the retransmission timer with mod_timer: it
   * fires on the timer wheel, late by up to the granularity of its level (a
   * 1 s RTO 1.024 s after the last firing). A router's neighbour timer armed
   * by the same SYN fires in the same jiffy, before the SYN it retransmits
   * arrives (that waits for the softirq after the timers).
   */
  private armTimer(conn: TcpConnection): void {
    conn.timer?.cancel();
    conn.timer = this.host.clock.schedule(timerWheelDelayUs(this.host.clock.now, conn.rto / 1000), () => {
      conn.timer = null;
      this.retransmitTimeout(conn);
    });
  }

  /**
   * tcp_retransmit_timer / tcp_write_timeout: resend the oldest segment with
   * the RTO doubled, or give up. A segment whose last copy still waits in the
   * host (arp_queue while its next hop resolves) is not sent again:
   * skb_still_in_host_queue makes tcp_retransmit_skb return -EBUSY, and the
   * timer counts the retransmission and backs off all the same.
   */
  private retransmitTimeout(conn: TcpConnection): void {
    if (conn.retransmitQueue.length === 0 || conn.state === 'CLOSED') return;
    // tcp_write_timeout: an active open may retransmit its SYN syn_retries + syn_linear_timeouts times.
    const limit = conn.state === 'SYN_SENT' ? TCP_SYN_RETRIES + TCP_SYN_LINEAR_TIMEOUTS : conn.state === 'SYN_RECV' ? TCP_SYNACK_RETRIES : TCP_RETRIES2;
    const ids = () => connIds(conn);
    if (conn.retries >= limit) {
      if (this.host.tracing) this.host.trace('tcp.timeout', { ...ids(), state: conn.state, tries: conn.retries + 1 });
      if (conn.state === 'SYN_RECV') this.destroy(conn);
      else this.fail(conn, 'ETIMEDOUT');
      return;
    }
    conn.retries++;
    // tcp_retransmit_timer: exponential backoff, except for the first
    // tcp_syn_linear_timeouts retransmissions of a SYN (the RTO stays 1 s).
    if (conn.state !== 'SYN_SENT' || conn.retries > TCP_SYN_LINEAR_TIMEOUTS) conn.rto = Math.min(conn.rto * 2, TCP_RTO_MAX_US);
    const head = conn.retransmitQueue[0]!;
    const held = head.clone?.held === true;
    const key = held ? 'tcp.retransmit-in-host-queue' : head.flags.syn ? 'tcp.syn-retransmit' : 'tcp.retransmit';
    if (this.host.tracing) this.host.trace(key, { ...ids(), flags: flagText(head.flags), n: conn.retries, next: conn.rto / 1_000_000, limit });
    if (!held) this.transmit(conn, head.seq, head.flags, head.payload, head.flags.syn ? (head.flags.ack ? WINDOW_SYNACK : WINDOW_SYN) : conn.window, head.clone);
    this.armTimer(conn);
  }

  private retransmitFirst(conn: TcpConnection): void {
    const head = conn.retransmitQueue[0];
    if (head) this.transmit(conn, head.seq, head.flags, head.payload, head.flags.syn ? WINDOW_SYNACK : conn.window);
  }

  /** tcp_v4_send_reset: from the address the segment was sent to, never in answer to a RST; no options (a 54-byte frame). */
  private sendReset(ip: Ipv4Packet, tcp: TcpHeader): void {
    const withAck = !tcp.flags.ack;
    const ackNo = seqAdd(tcp.seq, tcp.payloadLength + (tcp.flags.syn ? 1 : 0) + (tcp.flags.fin ? 1 : 0));
    const rst: TcpHeader = { flags: flags({ rst: true, ack: withAck }), seq: withAck ? 0 : tcp.ack, ack: withAck ? ackNo : 0, window: 0, payloadLength: 0 };
    const packet: Ipv4Packet = { src: ip.dst, dst: ip.src, ttl: this.host.sysctl.global('ip_default_ttl'), proto: 'tcp', length: 40, sport: ip.dport, dport: ip.sport, tcp: rst };
    ipOutput(this.host, packet, null);
  }

  private enterTimeWait(conn: TcpConnection): void {
    this.setState(conn, 'TIME_WAIT');
    conn.timer?.cancel();
    conn.timer = this.host.clock.schedule(TCP_TIMEWAIT_US, () => this.destroy(conn));
  }

  private setState(conn: TcpConnection, state: TcpConnection['state']): void {
    conn.state = state;
  }

  private fail(conn: TcpConnection, error: TcpError): void {
    if (conn.state === 'CLOSED') return;
    conn.error = error;
    const events = conn.events;
    this.destroy(conn);
    events.onError?.(conn, error);
  }

  /** tcp_done: the connection is gone; no segment of it is answered any more except with RST. */
  private destroy(conn: TcpConnection): void {
    conn.state = 'CLOSED';
    conn.timer?.cancel();
    conn.ackTimer?.cancel();
    conn.timer = null;
    conn.ackTimer = null;
    conn.retransmitQueue.length = 0;
    if (this.connections.get(conn.key) === conn) this.connections.delete(conn.key);
  }

  /** A random 32-bit ISN from the lab's seeded random (Linux: a keyed hash plus a clock). */
  private isn(): number {
    return Math.floor(this.host.env.random.next() * 4294967296) >>> 0;
  }

  /**
   * An ephemeral port in ip_local_port_range (32768–60999): a seeded-random
   * start, then the next free one (Linux starts from a keyed hash of the
   * addresses; the lab's seeded random keeps runs reproducible).
   */
  private ephemeralPort(src: Ip4, dst: Ip4, dport: number): number | null {
    const span = LOCAL_PORT_MAX - LOCAL_PORT_MIN + 1;
    const start = Math.floor(this.host.env.random.next() * span);
    for (let i = 0; i < span; i++) {
      const port = LOCAL_PORT_MIN + ((start + i) % span);
      if (!this.listeners.has(port) && !this.connections.has(connectionKey(src, port, dst, dport))) {
        if (i > 0) this.host.env.spend(i);
        return port;
      }
    }
    // A full range costs a scan of all of it: `ab -n 1000000` fills it with
    // TIME_WAIT sockets, and the probes past the first are the line's work.
    this.host.env.spend(span);
    return null;
  }

  /** The address this host would pick for a connection it opened itself to `dst` (for explanations). */
  private primarySource(dst: Ip4): Ip4 | null {
    const route = routeOutput(this.host, dst, null, null);
    return 'error' in route ? null : route.src;
  }
}

function connIds(conn: TcpConnection): { src: string; sport: number; dst: string; dport: number } {
  return { src: formatIp4(conn.localIp), sport: conn.localPort, dst: formatIp4(conn.remoteIp), dport: conn.remotePort };
}

function addressDevice(host: Host, ip: Ip4): string {
  for (const dev of host.devices) for (const a of dev.addresses) if (a.local === ip) return a.label || dev.name;
  return 'a local route';
}

/** Local delivery of a TCP segment (called from deliverLocal, after the LOCAL_IN hook). */
export function tcpReceive(host: Host, ip: Ipv4Packet, dev: NetDevice | null, frame?: EthernetFrame): void {
  host.tcp.receive(ip, dev, frame);
}
