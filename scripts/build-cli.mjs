// Compiles the simulator and the command-line tool to out/cli so that
// `npx lvs-dr-lab` runs with plain Node. Runs as npm's `prepare` step.
import { spawnSync } from 'node:child_process';
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
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.cli.json')], {
  stdio: 'inherit',
  cwd: root,
});
// tsc exits 2 when it emitted but found type errors; the emitted files still run,
// and `npm run check` is where type errors fail the build.
if (result.status !== 0 && result.status !== 2) process.exit(result.status ?? 1);
