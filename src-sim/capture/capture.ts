// A packet capture on one device of a host, or on all of them (`-i any`), as
// tcpdump opens it: a packet socket that sees frames received (promiscuous,
// so also frames for other hosts that the segment floods) and sent. The
// tcpdump command runs one in the foreground; the UI can keep one running
// while the learner types.
import type { Host, PacketTap } from '../host/host.ts';
import type { NetDevice } from '../host/device.ts';
import type { EthernetFrame, PacketType } from '../net/frame.ts';
import { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL2, MAXIMUM_SNAPLEN } from '../net/pcap.ts';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, encodeFrame } from '../net/wire.ts';
import { compileFilter } from './filter.ts';
import type { CookedHeader } from './format.ts';
import { PacketPrinter, type PrintedPacket, type PrintOptions } from './printer.ts';

/** `-i any`: libpcap's pseudo-device on every device of the host. */
export const ANY_DEVICE = 'any';

export interface CaptureOptions extends PrintOptions {
  /** -c: stop after this many frames. */
  count?: number;
  /** -s: bytes kept of each frame (0 or absent: 262144). */
  snapLen?: number;
  /** -p sets it false: frames for other hosts' MACs (PACKET_OTHERHOST) are not seen. */
  promiscuous?: boolean;
  /** -Q: only frames received (in) or sent (out). */
  direction?: 'in' | 'out' | 'inout';
  /** false: the packets are not printed (tcpdump -w without --print); lines() stays empty. */
  print?: boolean;
  /** Called with each printed line (no trailing newline), as it is captured. */
  onLine?(line: string, frame: EthernetFrame, timeUs: number): void;
  /** Called with each captured packet's bytes as a capture file keeps them (tcpdump -w). */
  onPacket?(packet: PrintedPacket): void;
  /** Called once when the capture stops (count reached or stop()). */
  onStop?(): void;
}

export interface CaptureHandle {
  /** The device captured on; null for `any`. */
  readonly device: NetDevice | null;
  /** The device's name as tcpdump says it ("any" too). */
  readonly name: string;
  /** LINKTYPE_ETHERNET, or LINKTYPE_LINUX_SLL2 for `any`. */
  readonly linkType: number;
  readonly snapLen: number;
  /** Lines printed so far, oldest first. */
  lines(): string[];
  /** Frames that passed the filter so far. */
  readonly captured: number;
  readonly stopped: boolean;
  stop(): void;
}

/** An error is the text tcpdump prints on stderr for it, without the final newline. */
export type CaptureStart = { ok: true; capture: CaptureHandle } | { ok: false; error: string };

const PACKET_TYPES: Record<PacketType, number> = { host: 0, broadcast: 1, multicast: 2, otherhost: 3 };
const PACKET_OUTGOING = 4;
const ARPHRD_ETHER = 1;
const ARPHRD_LOOPBACK = 772;
export const SLL2_HEADER_LENGTH = 20;

/** The LINUX_SLL2 header libpcap puts before a frame's payload on `any`. */
export function sll2Bytes(frame: EthernetFrame, dev: NetDevice, cooked: CookedHeader): Uint8Array {
  const ethernet = encodeFrame(frame);
  const bytes = new Uint8Array(SLL2_HEADER_LENGTH + ethernet.length - 14);
  const v = new DataView(bytes.buffer);
  v.setUint16(0, frame.payload.type === 'arp' ? ETHERTYPE_ARP : ETHERTYPE_IPV4);
  v.setUint32(4, cooked.ifindex);
  v.setUint16(8, dev.isLoopback ? ARPHRD_LOOPBACK : ARPHRD_ETHER);
  bytes[10] = cooked.pktType;
  bytes[11] = 6;
  bytes.set(ethernet.subarray(6, 12), 12);
  bytes.set(ethernet.subarray(14), SLL2_HEADER_LENGTH);
  return bytes;
}

/**
 * Starts capturing on `devName` (null: the first device that is up and not
 * loopback, as pcap_lookupdev picks; "any": every device). `filter` is a pcap
 * filter expression.
 */
export function startCapture(host: Host, devName: string | null, filter: string, options: CaptureOptions = {}): CaptureStart {
  const any = devName === ANY_DEVICE;
  const dev = any ? null : devName === null ? host.devices.find((d) => d.up && !d.isLoopback) : host.device(devName);
  if (!any && !dev) return { ok: false, error: devName === null ? 'tcpdump: no suitable device found' : `tcpdump: ${devName}: No such device exists\n(No such device exists)` };
  if (dev && !dev.up) return { ok: false, error: `tcpdump: ${dev.name}: That device is not up` };
  const compiled = compileFilter(filter);
  if (!compiled.ok) return { ok: false, error: `tcpdump: ${compiled.error}` };
  const match = compiled.match;
  const printer = new PacketPrinter(options);
  const snapLen = options.snapLen || MAXIMUM_SNAPLEN;
  const lines: string[] = [];
  let captured = 0;
  let stopped = false;
  const clock = host.clock;

  const tap: PacketTap = {
    dev: dev ?? null,
    outgoing: options.direction !== 'in',
    onFrame: (from, frame, direction, pktType) => {
      if (stopped || (options.direction === 'out' && direction === 'in') || !match(frame)) return;
      if (options.promiscuous === false && pktType === 'otherhost') return;
      captured++;
      let packet: PrintedPacket;
      if (any) {
        const cooked: CookedHeader = { ifname: from.name, ifindex: from.index, pktType: direction === 'out' ? PACKET_OUTGOING : PACKET_TYPES[pktType], addr: frame.src };
        packet = { frame, timeUs: clock.now, bytes: sll2Bytes(frame, from, cooked).subarray(0, snapLen), linkHeaderLength: SLL2_HEADER_LENGTH, cooked };
      } else packet = { frame, timeUs: clock.now, bytes: encodeFrame(frame).subarray(0, snapLen), linkHeaderLength: 14 };
      options.onPacket?.(packet);
      if (options.print !== false) {
        const line = printer.print(packet);
        lines.push(line);
        options.onLine?.(line, frame, clock.now);
      }
      if (options.count !== undefined && captured >= options.count) handle.stop();
    },
  };

  const handle: CaptureHandle = {
    device: dev ?? null,
    name: dev ? dev.name : ANY_DEVICE,
    linkType: any ? LINKTYPE_LINUX_SLL2 : LINKTYPE_ETHERNET,
    snapLen,
    lines: () => [...lines],
    get captured() {
      return captured;
    },
    get stopped() {
      return stopped;
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      host.taps.delete(tap);
      options.onStop?.();
    },
  };
  host.taps.add(tap);
  return { ok: true, capture: handle };
}
