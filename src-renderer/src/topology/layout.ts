// Where the topology draws things: each segment a horizontal bus, hosts on one
// segment in a row beside it, hosts on two or more segments (routers) between
// them, and each interface a link from its host to its bus. Pure geometry.
import type { InterfaceView } from '../../../src-sim/session/index.ts';

export interface HostInput {
  name: string;
  interfaces: InterfaceView[];
}

export interface Attachment {
  dev: string;
  mac: string;
  segment: string;
  x: number;
  /** Where the link leaves the host box, and where it meets the bus. */
  hostY: number;
  busY: number;
}

export interface HostBox {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Text lines inside the box after the name: "eth0", "  02:00:…", "  198.51.100.11/24". */
  lines: string[];
  attachments: Attachment[];
  router: boolean;
}

export interface Bus {
  name: string;
  y: number;
  x1: number;
  x2: number;
}

export interface Layout {
  width: number;
  height: number;
  buses: Bus[];
  hosts: HostBox[];
}

// Drawn at 1:1 (never scaled down), so the 12 px text of a box stays 12 px:
// 19 characters of 12 px DejaVu Sans Mono ("  198.51.100.100/24") fit a box.
export const BOX_WIDTH = 156;
/** One line of a host box. */
export const BOX_LINE = 15;
const LINE = BOX_LINE;
const GAP_X = 12;
const LINK = 34;
const MARGIN = 16;

/** Loopback only when it holds more than 127.0.0.1 (a VIP on a real server). */
function boxLines(host: HostInput): string[] {
  const lines: string[] = [];
  for (const dev of host.interfaces) {
    const addresses = dev.addresses.filter((a) => !a.startsWith('127.'));
    if (dev.loopback && addresses.length === 0) continue;
    lines.push(dev.name);
    if (!dev.loopback) lines.push(`  ${dev.mac}`);
    for (const a of addresses) lines.push(`  ${a}`);
  }
  return lines;
}

export function layoutTopology(hosts: readonly HostInput[]): Layout {
  const segments = [...new Set(hosts.flatMap((h) => h.interfaces.map((i) => i.segment).filter((s): s is string => s !== null)))];
  const boxes = hosts.map((h) => {
    const lines = boxLines(h);
    const segs = [...new Set(h.interfaces.map((i) => i.segment).filter((s): s is string => s !== null))];
    return { host: h, lines, segs, height: 22 + lines.length * LINE };
  });
  // Rows: for segment i, the hosts only on it; after it, the routers whose
  // first segment (in drawing order) is i, between bus i and bus i+1.
  const firstSegment = (segs: readonly string[]): number => Math.min(...segs.map((s) => segments.indexOf(s)));
  const rows: Array<{ kind: 'hosts' | 'routers'; segment: number; members: typeof boxes }> = [];
  segments.forEach((_, i) => {
    rows.push({ kind: 'hosts', segment: i, members: boxes.filter((b) => b.segs.length <= 1 && segments.indexOf(b.segs[0] ?? segments[0]!) === i) });
    if (i < segments.length - 1) rows.push({ kind: 'routers', segment: i, members: boxes.filter((b) => b.segs.length > 1 && firstSegment(b.segs) === i) });
  });
  if (segments.length === 0) rows.push({ kind: 'hosts', segment: 0, members: boxes });
  const widest = Math.max(1, ...rows.map((r) => r.members.length));
  const width = Math.max(widest * (BOX_WIDTH + GAP_X) + MARGIN * 2 - GAP_X, 400);

  const placed: HostBox[] = [];
  const buses: Bus[] = [];
  let y = MARGIN;
  const busY = new Map<number, number>();
  for (const row of rows) {
    const rowHeight = Math.max(0, ...row.members.map((m) => m.height));
    // Hosts of the first segment sit above their bus; of later ones, below.
    const above = row.kind === 'hosts' && row.segment === 0;
    if (row.kind === 'hosts' && !above) {
      busY.set(row.segment, y);
      y += LINK;
    }
    const total = row.members.length * BOX_WIDTH + Math.max(0, row.members.length - 1) * GAP_X;
    let x = (width - total) / 2;
    for (const m of row.members) {
      const box: HostBox = { name: m.host.name, x, y, width: BOX_WIDTH, height: m.height, lines: m.lines, attachments: [], router: m.segs.length > 1 };
      placed.push(box);
      x += BOX_WIDTH + GAP_X;
    }
    y += rowHeight;
    if (row.kind === 'hosts' && above) {
      y += LINK;
      busY.set(row.segment, y);
    }
    y += row.kind === 'routers' ? LINK : LINK * 0.6;
  }
  // Links: from the box edge facing the bus to the bus, spread across the box.
  for (const box of placed) {
    const m = boxes.find((b) => b.host.name === box.name)!;
    const devs = m.host.interfaces.filter((i) => i.segment !== null);
    devs.forEach((dev, k) => {
      const by = busY.get(segments.indexOf(dev.segment!))!;
      const x = box.x + (box.width * (k + 1)) / (devs.length + 1);
      const hostY = by > box.y ? box.y + box.height : box.y;
      box.attachments.push({ dev: dev.name, mac: dev.mac, segment: dev.segment!, x, hostY, busY: by });
    });
  }
  segments.forEach((name, i) => {
    const xs = placed.flatMap((b) => b.attachments.filter((a) => a.segment === name).map((a) => a.x));
    buses.push({ name, y: busY.get(i)!, x1: Math.min(MARGIN, ...xs) , x2: Math.max(width - MARGIN, ...xs) });
  });
  return { width, height: y + MARGIN, buses, hosts: placed };
}

export interface Point {
  x: number;
  y: number;
}

/** The path a frame takes: up the sender's link, along the bus, down the receiver's link. */
export function framePath(from: Attachment, to: Attachment): Point[] {
  return [
    { x: from.x, y: from.hostY },
    { x: from.x, y: from.busY },
    { x: to.x, y: to.busY },
    { x: to.x, y: to.hostY },
  ];
}

/** The point `progress` (0..1) of the way along a polyline. */
export function pointAlong(path: readonly Point[], progress: number): Point {
  const lengths = path.slice(1).map((p, i) => Math.hypot(p.x - path[i]!.x, p.y - path[i]!.y));
  let remaining = Math.max(0, Math.min(1, progress)) * lengths.reduce((a, b) => a + b, 0);
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i]!;
    if (remaining <= len || i === lengths.length - 1) {
      const f = len === 0 ? 0 : Math.min(1, remaining / len);
      return { x: path[i]!.x + (path[i + 1]!.x - path[i]!.x) * f, y: path[i]!.y + (path[i + 1]!.y - path[i]!.y) * f };
    }
    remaining -= len;
  }
  return path[path.length - 1]!;
}

/**
 * Who a frame goes to on its segment: the interface with the destination MAC,
 * or for broadcast every other interface on the segment.
 */
export function frameEnds(layout: Layout, segment: string, src: string, dst: string): { from: Attachment | null; to: Attachment[] } {
  const on = layout.hosts.flatMap((h) => h.attachments.filter((a) => a.segment === segment));
  const from = on.find((a) => a.mac === src) ?? null;
  const to = dst === 'ff:ff:ff:ff:ff:ff' ? on.filter((a) => a !== from) : on.filter((a) => a.mac === dst);
  return { from, to };
}
