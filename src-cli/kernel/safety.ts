// What the kernel runner refuses to run. The runner is root on a shared machine:
// only documentation address blocks (plus loopback) may appear anywhere in a
// scenario, and steps may only use tools that exist on the comparison kernel.
import type { Scenario } from '../../src-sim/scenario/types.ts';

/** Documentation blocks (RFC 5737) and loopback, as [network, prefix length]. */
const ALLOWED_BLOCKS: [number, number][] = [
  [ip(198, 51, 100, 0), 24],
  [ip(203, 0, 113, 0), 24],
  [ip(192, 0, 2, 0), 24],
  [ip(127, 0, 0, 0), 8],
];

/** Tools of the contract that the comparison kernel does not run. */
export const SIMULATOR_ONLY_TOOLS = ['ipvsadm', 'curl', 'tcpdump'] as const;

function ip(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function parseDotted(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let v = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    v = v * 256 + Number(p);
  }
  return v >>> 0;
}

function isNetmask(v: number): boolean {
  const inv = ~v >>> 0;
  return ((inv + 1) & inv) === 0;
}

export function isAllowedAddress(text: string): boolean {
  const v = parseDotted(text);
  if (v === null) return false;
  if (v === 0) return true; // 0.0.0.0 (any / DAD source)
  return ALLOWED_BLOCKS.some(([net, len]) => (len === 0 ? true : (v >>> (32 - len)) === (net >>> (32 - len))));
}

const DOTTED_RE = /(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d.])/g;

/** Dotted quads in free text that are neither allowed addresses nor netmasks after `netmask`/`mask`. */
function badAddressesIn(text: string): string[] {
  const bad: string[] = [];
  for (const m of text.matchAll(DOTTED_RE)) {
    const literal = m[0];
    if (isAllowedAddress(literal)) continue;
    const before = text.slice(0, m.index).trimEnd();
    const v = parseDotted(literal);
    if (v !== null && isNetmask(v) && /(^|\s)(netmask|mask|genmask)$/.test(before)) continue;
    if (literal === '255.255.255.255') continue; // limited broadcast, never routed
    bad.push(literal);
  }
  return bad;
}

/** Every reason the kernel runner will not run this scenario (empty: fine). */
export function refusalReasons(scenario: Scenario): string[] {
  const reasons: string[] = [];
  const addrNote = 'only 198.51.100.0/24, 203.0.113.0/24, 192.0.2.0/24 and 127.0.0.0/8 are allowed on the shared kernel';
  scenario.hosts.forEach((host, h) => {
    host.interfaces.forEach((iface, i) => {
      iface.addresses.forEach((a, k) => {
        const addr = a.split('/')[0] ?? '';
        if (!isAllowedAddress(addr) || addr === '0.0.0.0') {
          reasons.push(`$.hosts[${h}].interfaces[${i}].addresses[${k}]: address ${a} is outside the allowed blocks (${addrNote})`);
        }
      });
    });
    (host.routes ?? []).forEach((r, k) => {
      for (const bad of badAddressesIn(r)) {
        reasons.push(`$.hosts[${h}].routes[${k}]: address ${bad} is outside the allowed blocks (${addrNote})`);
      }
    });
  });
  scenario.steps.forEach((step, s) => {
    if (!('run' in step)) return;
    for (const bad of badAddressesIn(step.run)) {
      reasons.push(`$.steps[${s}].run: address ${bad} is outside the allowed blocks (${addrNote})`);
    }
    const words = step.run.split(/[\s;&|()<>`$]+/);
    for (const tool of SIMULATOR_ONLY_TOOLS) {
      if (words.some((w) => w === tool || w.endsWith(`/${tool}`))) {
        reasons.push(`$.steps[${s}].run: "${tool}" is simulator-only and cannot be compared with the kernel`);
      }
    }
  });
  return reasons;
}
