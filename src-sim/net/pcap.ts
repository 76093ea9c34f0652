// Classic libpcap capture files, the format `tcpdump -w` writes (pcap-common
// and sf-pcap.c of libpcap 1.10.3): a 24-byte file header (magic 0xa1b2c3d4
// in the writer's byte order, version 2.4, snapshot length, link type) and a
// 16-byte header per record (seconds, microseconds, captured and original
// length). The lab's `tcpdump -w` writes it and `tcpdump -r` reads it; the
// kernel runner reads the real tcpdump's files with the same reader.
// (`lvs-dr-lab run --pcap` and the app's capture export write pcapng, which
// keeps one interface per segment: src-sim/net/pcapng.ts.) Pure: Uint8Array only.

export const LINKTYPE_ETHERNET = 1;
/** LINKTYPE_LINUX_SLL2: what `tcpdump -i any` captures (libpcap 1.10's cooked v2 header). */
export const LINKTYPE_LINUX_SLL2 = 276;
/** tcpdump's default snapshot length (MAXIMUM_SNAPLEN), also what `-s 0` means. */
export const MAXIMUM_SNAPLEN = 262144;
export const PCAP_FILE_HEADER_LENGTH = 24;
export const PCAP_RECORD_HEADER_LENGTH = 16;

export interface PcapRecord {
  /** Seconds part of the capture timestamp (Unix time). */
  sec: number;
  /** Nanoseconds within the second (converted from microseconds if needed). */
  nsec: number;
  /** Captured bytes (possibly fewer than the frame's length if snapped). */
  data: Uint8Array;
  /** Original length on the wire. */
  origLen: number;
}

export interface PcapFile {
  linkType: number;
  nanosecond: boolean;
  /** The snapshot length the writer used. */
  snapLen: number;
  records: PcapRecord[];
  /** True when the file ended inside a record (e.g. the writer was killed). */
  truncated: boolean;
}

export class PcapError extends Error {}

/** The file header as tcpdump writes it on a little-endian machine (x86-64, arm64). */
export function pcapFileHeader(linkType: number, snapLen: number): Uint8Array {
  const bytes = new Uint8Array(PCAP_FILE_HEADER_LENGTH);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  // thiszone and sigfigs stay 0.
  v.setUint32(16, snapLen, true);
  v.setUint32(20, linkType, true);
  return bytes;
}

/** One record: the frame cut to `snapLen` bytes, stamped with Unix microseconds. */
export function pcapRecord(unixUs: number, data: Uint8Array, snapLen: number): Uint8Array {
  const captured = Math.min(data.length, snapLen);
  const bytes = new Uint8Array(PCAP_RECORD_HEADER_LENGTH + captured);
  const v = new DataView(bytes.buffer);
  const us = Math.max(0, Math.round(unixUs));
  v.setUint32(0, Math.floor(us / 1_000_000), true);
  v.setUint32(4, us % 1_000_000, true);
  v.setUint32(8, captured, true);
  v.setUint32(12, data.length, true);
  bytes.set(data.subarray(0, captured), PCAP_RECORD_HEADER_LENGTH);
  return bytes;
}

/**
 * Parses a classic pcap file (micro- or nanosecond magic, either byte order).
 * Errors are libpcap's words: "unknown file format", "truncated dump file; …".
 */
export function parsePcap(bytes: Uint8Array): PcapFile {
  if (bytes.length < 4) throw new PcapError(`truncated dump file; tried to read 4 file header bytes, only got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magicBE = view.getUint32(0, false);
  let little: boolean;
  let nanosecond: boolean;
  switch (magicBE) {
    case 0xa1b2c3d4: little = false; nanosecond = false; break;
    case 0xa1b23c4d: little = false; nanosecond = true; break;
    case 0xd4c3b2a1: little = true; nanosecond = false; break;
    case 0x4d3cb2a1: little = true; nanosecond = true; break;
    default:
      throw new PcapError('unknown file format');
  }
  if (bytes.length < PCAP_FILE_HEADER_LENGTH) throw new PcapError(`truncated dump file; tried to read ${PCAP_FILE_HEADER_LENGTH} file header bytes, only got ${bytes.length}`);
  const snapLen = view.getUint32(16, little);
  const linkType = view.getUint32(20, little) & 0x0fffffff;
  const records: PcapRecord[] = [];
  let offset = PCAP_FILE_HEADER_LENGTH;
  let truncated = false;
  while (offset < bytes.length) {
    if (offset + PCAP_RECORD_HEADER_LENGTH > bytes.length) {
      truncated = true;
      break;
    }
    const sec = view.getUint32(offset, little);
    const frac = view.getUint32(offset + 4, little);
    const inclLen = view.getUint32(offset + 8, little);
    const origLen = view.getUint32(offset + 12, little);
    offset += PCAP_RECORD_HEADER_LENGTH;
    if (inclLen > 0x4000000 || offset + inclLen > bytes.length) {
      truncated = true;
      break;
    }
    records.push({
      sec,
      nsec: nanosecond ? frac : frac * 1000,
      data: bytes.subarray(offset, offset + inclLen),
      origLen,
    });
    offset += inclLen;
  }
  return { linkType, nanosecond, snapLen, records, truncated };
}
