// Mutations of valid JSON documents for the loaders' fuzz tests: structural
// (a value replaced, a key removed or added) and textual (truncation, a
// character changed or removed), several at a time.
import fc from 'fast-check';

export type Mutation =
  | { kind: 'set'; at: number; value: unknown }
  | { kind: 'remove'; at: number }
  | { kind: 'add'; at: number; key: string; value: unknown }
  | { kind: 'truncate'; at: number }
  | { kind: 'char'; at: number; ch: string }
  | { kind: 'drop'; at: number };

const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, '', -1, 0, 1.5, 1e21, 'challenge', 'lesson', 'lvs-dr-lab/pack@1', 'lvs-dr-lab/results@1', true, [], {}),
  fc.string({ maxLength: 300 }),
);

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: jsonish }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'id', 'kind')), value: jsonish }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('char' as const), at: fc.nat(), ch: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
);

function clone(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function slots(value: unknown, out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push({ parent: value, key: i }), slots(v, out)));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key: k });
      slots(v, out);
    }
  }
  return out;
}

function containers(value: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(value)) value.forEach((v) => containers(v, out));
  else if (typeof value === 'object' && value !== null) {
    out.push(value as Record<string, unknown>);
    Object.values(value).forEach((v) => containers(v, out));
  }
  return out;
}

/** Applies the mutations to a copy of `doc` and returns the text a loader would read. */
export function mutate(doc: unknown, mutations: readonly Mutation[]): string {
  const value = JSON.parse(JSON.stringify(doc)) as unknown;
  let text: string | null = null;
  for (const m of mutations) {
    if (m.kind === 'set' || m.kind === 'remove') {
      const all = slots(value);
      const slot = all[m.at % Math.max(1, all.length)];
      if (!slot) continue;
      // Copies: fast-check reuses generated values, and later mutations must not change them.
      if (m.kind === 'set') (slot.parent as Record<string | number, unknown>)[slot.key] = clone(m.value);
      else if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else delete slot.parent[slot.key as string];
    } else if (m.kind === 'add') {
      const all = containers(value);
      const target = all[m.at % Math.max(1, all.length)];
      if (target) Object.defineProperty(target, m.key, { value: clone(m.value), enumerable: true, writable: true, configurable: true });
    } else {
      text ??= JSON.stringify(value, null, 1);
      const at: number = m.at % Math.max(1, text.length);
      if (m.kind === 'truncate') text = text.slice(0, at);
      else if (m.kind === 'char') text = text.slice(0, at) + m.ch + text.slice(at + 1);
      else text = text.slice(0, at) + text.slice(at + 1);
    }
  }
  return text ?? JSON.stringify(value, null, 1);
}
