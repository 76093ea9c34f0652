// The window reaches the simulator only through the session facade: the
// project's own eslint config (what `npm run lint` runs) must refuse any
// other src-sim import from src-renderer, type-only imports and re-exports
// included, and accept the facade.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Only that rule, as the project's config sets it up (import-x/no-cycle would walk the
// whole simulator's import graph from each probe: a minute on a loaded machine).
const eslint = new ESLint({ ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports' });
const FILE = 'src-renderer/src/boundary-probe.ts';

async function refusals(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: FILE });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('src-renderer imports src-sim only through src-sim/session/index.ts', () => {
  it('refuses the simulator\'s modules, for values, types and re-exports', async () => {
    for (const code of [
      "import { bootLab } from '../../src-sim/lab.ts';\nexport const boot = bootLab;\n",
      "import type { Lab } from '../../src-sim/lab.ts';\nexport type L = Lab;\n",
      "export { LabSession } from '../../src-sim/session/lab-session.ts';\n",
      "export * from '../../src-sim/course/lessons/curriculum/index.ts';\n",
    ]) {
      const found = await refusals(code);
      expect(found, code).toHaveLength(1);
      expect(found[0], code).toContain('The renderer imports the simulator only through src-sim/session/index.ts');
    }
  });

  it('accepts the session facade', async () => {
    expect(await refusals("import { SessionClient, type LabDelta } from '../../src-sim/session/index.ts';\nexport type D = LabDelta;\nexport const C = SessionClient;\n")).toEqual([]);
  });
});
