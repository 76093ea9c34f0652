// Sorting the gradebook's rows by a column: text columns alphabetically,
// scores numerically (missing scores last), in either direction.
import type { GradeRow } from '../../../src-sim/session/index.ts';

export type SortColumn = { kind: 'file' | 'learner' | 'status' | 'total' } | { kind: 'exercise'; id: string };

function value(row: GradeRow, column: SortColumn): string | number | null {
  switch (column.kind) {
    case 'file':
      return row.file;
    case 'learner':
      return row.learner;
    case 'status':
      return row.status;
    case 'total':
      return row.total;
    case 'exercise':
      return row.exercises.find((e) => e.id === column.id)?.score ?? null;
  }
}

export function sortRows(rows: readonly GradeRow[], column: SortColumn, direction: 1 | -1): GradeRow[] {
  return rows.toSorted((a, b) => {
    const va = value(a, column);
    const vb = value(b, column);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    const order = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
    return order * direction || a.file.localeCompare(b.file);
  });
}
