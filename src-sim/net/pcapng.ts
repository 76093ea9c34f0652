// A pcapng writer (little-endian): one Section Header Block, one Interface
// Description Block per segment (if_name = the segment's name, if_tsresol =
// microseconds, the lab clock's unit) and one Enhanced Packet Block per frame.
// Wireshark, tshark and tcpdump -r read it; frames are encoded by wire.ts.
import type { EthernetFrame } from './frame.ts';
import { encodeFrame } from './wire.ts';

export interface CapturedFrame {
  /** Name of the segment the frame crossed; one interface per segment. */
  segment: string;
  /** Virtual time in microseconds; written as microseconds since the Unix epoch, so time 0 reads as 00:00:00 UTC. */
  timeUs: number;
  frame: EthernetFrame;
}

export const BLOCK_SHB = 0x0a0d0d0a;
export const BLOCK_IDB = 0x00000001;
export const BLOCK_EPB = 0x00000006;
export const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
export const LINKTYPE_ETHERNET = 1;
export const SNAPLEN = 262144;
const OPT_ENDOFOPT = 0;
const OPT_SHB_USERAPPL = 4;
const OPT_IF_NAME = 2;
const OPT_IF_TSRESOL = 9;

/**
 * Writes a capture file. `segments` fixes the interface order (every
 * segment gets an interface even if no frame crossed it); segments named
 * only by frames are appended in order of first appearance.
 */
export function writePcapng(frames: readonly CapturedFrame[], segments: readonly string[] = []): Uint8Array {
  const interfaces = new Map<string, number>();
  for (const name of [...segments, ...frames.map((f) => f.segment)]) if (!interfaces.has(name)) interfaces.set(name, interfaces.size);
  const blocks: Uint8Array[] = [sectionHeader()];
  for (const name of interfaces.keys()) blocks.push(interfaceDescription(name));
  for (const f of frames) blocks.push(enhancedPacket(interfaces.get(f.segment)!, f.timeUs, encodeFrame(f.frame)));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let offset = 0;
  for (const b of blocks) {
    out.set(b, offset);
    offset += b.length;
  }
  return out;
}

function sectionHeader(): Uint8Array {
  const body = new Uint8Array(16);
  const v = new DataView(body.buffer);
  v.setUint32(0, BYTE_ORDER_MAGIC, true);
  v.setUint16(4, 1, true); // major version
  v.setUint16(6, 0, true); // minor version
  v.setBigInt64(8, -1n, true); // section length not given
  return block(BLOCK_SHB, body, [option(OPT_SHB_USERAPPL, utf8('lvs-dr-lab')), endOfOptions()]);
}

function interfaceDescription(name: string): Uint8Array {
  const body = new Uint8Array(8);
  const v = new DataView(body.buffer);
  v.setUint16(0, LINKTYPE_ETHERNET, true);
  v.setUint32(4, SNAPLEN, true);
  return block(BLOCK_IDB, body, [option(OPT_IF_NAME, utf8(name)), option(OPT_IF_TSRESOL, Uint8Array.of(6)), endOfOptions()]);
}

function enhancedPacket(interfaceId: number, timeUs: number, data: Uint8Array): Uint8Array {
  const body = new Uint8Array(20 + pad4(data.length));
  const v = new DataView(body.buffer);
  const ts = BigInt(Math.max(0, Math.round(timeUs)));
  v.setUint32(0, interfaceId, true);
  v.setUint32(4, Number(ts >> 32n), true);
  v.setUint32(8, Number(ts & 0xffffffffn), true);
  v.setUint32(12, data.length, true); // captured length
  v.setUint32(16, data.length, true); // original length
  body.set(data, 20);
  return block(BLOCK_EPB, body, []);
}

/** type, total length, body, options, total length again. */
function block(type: number, body: Uint8Array, options: Uint8Array[]): Uint8Array {
  const optionLength = options.reduce((n, o) => n + o.length, 0);
  const total = 12 + body.length + optionLength;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint32(0, type, true);
  v.setUint32(4, total, true);
  out.set(body, 8);
  let offset = 8 + body.length;
  for (const o of options) {
    out.set(o, offset);
    offset += o.length;
  }
  v.setUint32(total - 4, total, true);
  return out;
}

/** code, length, value padded to 32 bits. */
function option(code: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + pad4(value.length));
  const v = new DataView(out.buffer);
  v.setUint16(0, code, true);
  v.setUint16(2, value.length, true);
  out.set(value, 4);
  return out;
}

function endOfOptions(): Uint8Array {
  return option(OPT_ENDOFOPT, new Uint8Array(0));
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
