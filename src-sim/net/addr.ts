// IPv4 and MAC address helpers. IPv4 addresses are unsigned 32-bit numbers.

export type Ip4 = number;

const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Parses dotted-quad notation strictly; returns null for anything else. */
export function parseIp4(text: string): Ip4 | null {
  const m = IPV4_RE.exec(text);
  if (!m) return null;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i]!;
    if (part.length > 1 && part.startsWith('0')) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value >>> 0;
}

/**
 * Dotted quads already built, by address as a 32-bit integer. Explanations
 * and recorded frames format the same few addresses over and over (two per
 * frame, two per explanation); a lab has few distinct ones. Cleared when it
 * grows large so that a scan of many addresses does not keep them all.
 */
const formatted = new Map<number, string>();
const FORMATTED_LIMIT = 4096;

export function formatIp4(ip: Ip4): string {
  const key = ip | 0;
  let text = formatted.get(key);
  if (text === undefined) {
    text = `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

export function prefixMask(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

export function networkOf(ip: Ip4, len: number): Ip4 {
  return (ip & prefixMask(len)) >>> 0;
}

export function broadcastOf(ip: Ip4, len: number): Ip4 {
  return (networkOf(ip, len) | (~prefixMask(len) >>> 0)) >>> 0;
}

export function inPrefix(ip: Ip4, net: Ip4, len: number): boolean {
  return networkOf(ip, len) === networkOf(net, len);
}

export interface Cidr {
  ip: Ip4;
  len: number;
}

/** Parses `A.B.C.D/len`; with `allowBare`, a missing length means /32. */
export function parseCidr(text: string, allowBare = false, dottedMask = false): Cidr | null {
  const slash = text.indexOf('/');
  if (slash < 0) {
    if (!allowBare) return null;
    const ip = parseIp4(text);
    return ip === null ? null : { ip, len: 32 };
  }
  const ip = parseIp4(text.slice(0, slash));
  const lenText = text.slice(slash + 1);
  // iproute2's get_netmask also takes a contiguous dotted mask (ifupdown writes 192.0.2.10/255.255.255.255).
  const mask = dottedMask && ip !== null && lenText.includes('.') ? parseIp4(lenText) : null;
  if (mask !== null) {
    const len = maskToLen(mask);
    return len === null || ip === null ? null : { ip, len };
  }
  if (ip === null || !/^\d{1,2}$/.test(lenText)) return null;
  const len = Number(lenText);
  if (len > 32) return null;
  return { ip, len };
}

/** Netmask in dotted form to prefix length, or null if not contiguous. */
export function maskToLen(mask: Ip4): number | null {
  let len = 0;
  while (len < 32 && (mask & (0x80000000 >>> len)) !== 0) len++;
  return prefixMask(len) === mask >>> 0 ? len : null;
}

export function isMulticast(ip: Ip4): boolean {
  return ip >>> 28 === 0xe;
}

export function isLoopbackNet(ip: Ip4): boolean {
  return ip >>> 24 === 127;
}

export function isZeronet(ip: Ip4): boolean {
  return ip >>> 24 === 0;
}

export const LIMITED_BROADCAST: Ip4 = 0xffffffff;

/** The classful prefix SIOCSIFADDR gives an address before a netmask is set. */
export function classfulLen(ip: Ip4): number {
  const first = ip >>> 24;
  if (first < 128) return 8;
  if (first < 192) return 16;
  return 24;
}

// MAC addresses are kept as lower-case colon strings; they are compared often
// but never computed on, so strings are the cheapest representation.
export type Mac = string;
export const BROADCAST_MAC: Mac = 'ff:ff:ff:ff:ff:ff';
export const ZERO_MAC: Mac = '00:00:00:00:00:00';

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

export function isMacText(text: string): boolean {
  return MAC_RE.test(text);
}

/** Normalises a MAC typed by a user (any case, 1-2 hex digits per octet). */
export function parseMac(text: string): Mac | null {
  const parts = text.split(':');
  if (parts.length !== 6) return null;
  const out: string[] = [];
  for (const p of parts) {
    if (!/^[0-9a-fA-F]{1,2}$/.test(p)) return null;
    out.push(p.toLowerCase().padStart(2, '0'));
  }
  return out.join(':');
}

export function isUnicastMac(mac: Mac): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 1) === 0;
}
