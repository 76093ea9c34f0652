// The neighbour table as `ip -4 neigh show` lists it (NOARP and NONE hidden).
import type { NeighborRow } from '../../scenario/types.ts';
import type { Host } from '../host.ts';
import { NUD_VALID } from './table.ts';

export function neighbourRows(host: Host): NeighborRow[] {
  const rows: NeighborRow[] = [];
  for (const entry of host.neigh.list()) {
    if (entry.nud === 'NOARP' || entry.nud === 'NONE') continue;
    rows.push({ ip: entry.ipText, dev: entry.dev.name, lladdr: NUD_VALID.has(entry.nud) ? entry.lladdr : null, state: entry.nud });
  }
  return rows;
}
