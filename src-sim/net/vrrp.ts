// VRRPv2 advertisements as bytes (RFC 3768 §5.1): wire.ts writes them, and
// this is the one decoder both capture paths use, so the simulator's
// observation and the kernel runner's pcap give the same fields.

export const IPPROTO_VRRP = 112;
/** 224.0.0.18, the VRRP group (RFC 3768 §5.2.2). */
export const VRRP_GROUP = 0xe0000012;
export const VRRP_GROUP_MAC = '01:00:5e:00:00:12';

/** The contract's observed VRRP fields of a frame (scenario-v1, "Keepalived scenarios"). */
export interface VrrpFields {
  vrrpVersion: number;
  vrid: number;
  priority: number;
  advertInt: number;
  authType: number;
  addresses: string[];
}

/** Reads an advertisement from an IPv4 payload; null when it is too short to be one. */
export function readVrrp(body: Uint8Array): VrrpFields | null {
  if (body.length < 8) return null;
  const count = body[3]!;
  const addresses: string[] = [];
  for (let i = 0; i < count && 8 + 4 * i + 4 <= body.length; i++) {
    const at = 8 + 4 * i;
    addresses.push(`${body[at]}.${body[at + 1]}.${body[at + 2]}.${body[at + 3]}`);
  }
  return { vrrpVersion: body[0]! >> 4, vrid: body[1]!, priority: body[2]!, advertInt: body[5]!, authType: body[4]!, addresses };
}
