// An L2 broadcast domain that behaves like a Linux bridge: it learns which
// port a MAC lives behind, forwards known unicast to that port only, and
// floods broadcast and unknown unicast to every other port, in port order.
import type { EventQueue } from '../core/event-queue.ts';
import { isUnicastMac, type Mac } from './addr.ts';
import type { EthernetFrame } from './frame.ts';

export interface SegmentPort {
  /** Delivers a frame that arrived from the segment. */
  receive(frame: EthernetFrame): void;
}

/** Time a frame takes from the sender to each receiver, in microseconds. */
export const LINK_DELAY_US = 10;

/**
 * How long a port takes to forward again once its link comes up. The bridge
 * learns of the carrier through linkwatch, a work item that runs after the
 * `ip link set … up` call returns: the gratuitous ARPs arp_notify sends
 * inside that call enter a port that is still disabled and are dropped (a
 * capture on the port sees them, no other host gets them; recorded in
 * scenario 110), while the next command's frames pass.
 */
export const LINKWATCH_DELAY_US = 1_000;

export class Segment {
  private readonly ports: SegmentPort[] = [];
  private readonly fdb = new Map<Mac, SegmentPort>();
  /** Ports whose link came up recently: they forward from this time on. */
  private readonly forwardingFrom = new Map<SegmentPort, number>();

  constructor(
    readonly name: string,
    private readonly queue: EventQueue,
    private readonly record: (segment: Segment, frame: EthernetFrame) => void,
  ) {}

  attach(port: SegmentPort): void {
    this.ports.push(port);
  }

  /** The link behind `port` came up: the bridge enables the port once linkwatch has run. */
  carrierOn(port: SegmentPort): void {
    this.forwardingFrom.set(port, this.queue.now + LINKWATCH_DELAY_US);
  }

  private forwarding(port: SegmentPort): boolean {
    const from = this.forwardingFrom.get(port);
    if (from === undefined) return true;
    if (this.queue.now < from) return false;
    this.forwardingFrom.delete(port);
    return true;
  }

  transmit(from: SegmentPort, frame: EthernetFrame): void {
    this.record(this, frame);
    // br_handle_frame: a disabled port drops what enters it, before learning.
    if (!this.forwarding(from)) return;
    this.fdb.set(frame.src, from);
    const known = isUnicastMac(frame.dst) ? this.fdb.get(frame.dst) : undefined;
    if (known) {
      if (known !== from && this.forwarding(known)) this.queue.scheduleCall(LINK_DELAY_US, deliver, known, frame);
      return;
    }
    for (const port of this.ports) {
      if (port !== from && this.forwarding(port)) this.queue.scheduleCall(LINK_DELAY_US, deliver, port, frame);
    }
  }
}

/** One frame arriving at one port; scheduled without a closure per receiver. */
function deliver(port: SegmentPort, frame: EthernetFrame): void {
  port.receive(frame);
}
