#!/usr/bin/env node
// Entry point of the headless tool. The TypeScript sources are compiled to
// out/cli by `npm install` (the `prepare` script).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'out', 'cli', 'src-cli', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write(`lvs-dr-lab: not built yet (${entry} is missing); run \`npm install\` or \`npm run build:cli\` in ${root}\n`);
  process.exit(2);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
