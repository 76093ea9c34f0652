// A packet capture on one device of a host, as tcpdump opens it: a packet
// socket that sees frames received (promiscuous, so also frames for other
// hosts that the segment floods) and sent. The tcpdump command runs one in
// the foreground; the UI can keep one running while the learner types.
import type { Host, PacketTap } from '../host/host.ts';
import type { NetDevice } from '../host/device.ts';
import type { EthernetFrame } from '../net/frame.ts';
import { compileFilter } from './filter.ts';
import { formatFrameLine, TcpSequenceTracker, type FormatOptions } from './format.ts';

export interface CaptureOptions extends Omit<FormatOptions, 'tcp'> {
  /** -c: stop after this many frames. */
  count?: number;
  /** Called with each printed line (no trailing newline), as it is captured. */
  onLine?(line: string, frame: EthernetFrame, timeUs: number): void;
  /** Called once when the capture stops (count reached or stop()). */
  onStop?(): void;
}

export interface CaptureHandle {
  readonly device: NetDevice;
  /** Lines printed so far, oldest first. */
  lines(): string[];
  /** Frames that passed the filter so far. */
  readonly captured: number;
  readonly stopped: boolean;
  stop(): void;
}

/** An error is the text tcpdump prints on stderr for it, without the final newline. */
export type CaptureStart = { ok: true; capture: CaptureHandle } | { ok: false; error: string };

/**
 * Starts capturing on `devName` (null: the first device that is up and not
 * loopback, as pcap_lookupdev picks). `filter` is a pcap filter expression.
 */
export function startCapture(host: Host, devName: string | null, filter: string, options: CaptureOptions = {}): CaptureStart {
  const dev = devName === null ? host.devices.find((d) => d.up && !d.isLoopback) : host.device(devName);
  if (!dev) return { ok: false, error: devName === null ? 'tcpdump: no suitable device found' : `tcpdump: ${devName}: No such device exists\n(No such device exists)` };
  if (!dev.up) return { ok: false, error: `tcpdump: ${dev.name}: That device is not up` };
  const compiled = compileFilter(filter);
  if (!compiled.ok) return { ok: false, error: `tcpdump: ${compiled.error}` };
  const match = compiled.match;
  const format: FormatOptions = { ...options, tcp: new TcpSequenceTracker() };
  const lines: string[] = [];
  let captured = 0;
  let stopped = false;
  const clock = host.clock;

  const tap: PacketTap = {
    dev,
    outgoing: true,
    onFrame: (_dev, frame) => {
      if (stopped || !match(frame)) return;
      captured++;
      const line = formatFrameLine(frame, clock.now, format);
      lines.push(line);
      options.onLine?.(line, frame, clock.now);
      if (options.count !== undefined && captured >= options.count) handle.stop();
    },
  };

  const handle: CaptureHandle = {
    device: dev,
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
