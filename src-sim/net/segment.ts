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

export class Segment {
  private readonly ports: SegmentPort[] = [];
  private readonly fdb = new Map<Mac, SegmentPort>();

  constructor(
    readonly name: string,
    private readonly queue: EventQueue,
    private readonly record: (segment: Segment, frame: EthernetFrame) => void,
  ) {}

  attach(port: SegmentPort): void {
    this.ports.push(port);
  }

  transmit(from: SegmentPort, frame: EthernetFrame): void {
    this.record(this, frame);
    this.fdb.set(frame.src, from);
    const known = isUnicastMac(frame.dst) ? this.fdb.get(frame.dst) : undefined;
    if (known) {
      if (known !== from) this.queue.scheduleCall(LINK_DELAY_US, deliver, known, frame);
      return;
    }
    for (const port of this.ports) {
      if (port !== from) this.queue.scheduleCall(LINK_DELAY_US, deliver, port, frame);
    }
  }
}

/** One frame arriving at one port; scheduled without a closure per receiver. */
function deliver(port: SegmentPort, frame: EthernetFrame): void {
  port.receive(frame);
}
