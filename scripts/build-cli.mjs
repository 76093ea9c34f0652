// Compiles the simulator and the command-line tool to out/cli so that
// `npx lvs-dr-lab` runs with plain Node. Runs as npm's `prepare` step.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  console.error('lvs-dr-lab: TypeScript is not installed; run `npm install` first.');
  process.exit(1);
}
const outDir = join(root, 'out', 'cli');
// A clean build: files of moved or deleted sources must not linger and be run.
rmSync(outDir, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.cli.json')], {
  stdio: 'inherit',
  cwd: root,
});
// tsc exits 2 when it emitted but found type errors; the emitted files still run,
// and `npm run check` is where type errors fail the build.
if (result.status !== 0 && result.status !== 2) process.exit(result.status ?? 1);

// The tool ships without the tests' helpers and libraries (eslint keeps them out of the
// sources; this catches what slips past it, e.g. a helper reached through another import).
const testOnly = /^(\S*test-support|fuzz-support)\.js$/;
const testImport = /\bfrom\s*['"](vitest|fast-check|@playwright\/test)['"/]|import\(\s*['"](vitest|fast-check)['"]/;
const leaked = [];
for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
  const file = join(entry.parentPath, entry.name);
  if (testOnly.test(entry.name) || testImport.test(readFileSync(file, 'utf8'))) leaked.push(file);
}
if (leaked.length > 0) {
  console.error(`lvs-dr-lab: test helpers or test libraries in the CLI build:\n  ${leaked.join('\n  ')}`);
  process.exit(1);
}
