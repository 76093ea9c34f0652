// `npm run hash [-- --check | --update]`: prints one SHA-256 per item; --check
// compares with the committed baseline and exits 1 naming what changed;
// --update rewrites the baseline (only for a deliberate fidelity fix).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASELINE_FILE, compareHashes, computeBehaviourHashes } from './behaviour-hash.ts';

// out/cli/src-cli/behaviour/ → the repository.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const mode = process.argv[2];
if (mode !== undefined && mode !== '--check' && mode !== '--update') {
  process.stderr.write(`behaviour-hash: unknown option "${mode}" (use --check or --update)\n`);
  process.exit(2);
}
const started = performance.now();
const hashes = computeBehaviourHashes(root);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const baselinePath = join(root, BASELINE_FILE);
if (mode === '--update') {
  writeFileSync(baselinePath, `${JSON.stringify(Object.fromEntries(hashes), null, 1)}\n`);
  process.stdout.write(`behaviour-hash: ${hashes.size} items written to ${BASELINE_FILE} (${seconds} s)\n`);
} else if (mode === '--check') {
  const baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as Record<string, string>;
  const { changed, added, removed } = compareHashes(baseline, hashes);
  for (const item of changed) process.stdout.write(`changed  ${item}\n`);
  for (const item of added) process.stdout.write(`added    ${item}\n`);
  for (const item of removed) process.stdout.write(`removed  ${item}\n`);
  const bad = changed.length + added.length + removed.length;
  process.stdout.write(`behaviour-hash: ${hashes.size} items, ${bad === 0 ? 'all identical to the baseline' : `${bad} differ from ${BASELINE_FILE}`} (${seconds} s)\n`);
  process.exit(bad === 0 ? 0 : 1);
} else {
  for (const [item, hash] of hashes) process.stdout.write(`${hash}  ${item}\n`);
}
