// `npm run hash [-- --check | --update]`: builds the CLI and hashes the simulator's
// behaviour on every scenario, lesson, challenge and pack exercise
// (src-cli/behaviour/behaviour-hash.ts).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, [join(root, 'out/cli/src-cli/behaviour/behaviour-hash-main.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
