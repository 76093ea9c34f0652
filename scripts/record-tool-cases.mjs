// Records what the real text tools print for the cases in
// src-sim/shell/text/tool-cases.json: each case's argv runs with its stdin on
// this machine in its C.UTF-8 locale (Debian 12: coreutils 9.1, grep 3.8, sed 4.9, mawk 1.3.4 as awk,
// bash 5.2's printf builtin) and its stdout, stderr and exit status are written
// back. The unit test runs the same cases through the lab's commands.
//   node scripts/record-tool-cases.mjs            record cases with no result yet
//   node scripts/record-tool-cases.mjs --all      record every case again
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = new URL('../src-sim/shell/text/tool-cases.json', import.meta.url);
const all = process.argv.includes('--all');
const cases = JSON.parse(readFileSync(FILE, 'utf8'));
// Builtins of bash are run by bash itself.
const BASH_BUILTINS = new Set(['printf']);

for (const c of cases) {
  if (!all && c.exit !== undefined) continue;
  const [name, ...args] = c.argv;
  const run = BASH_BUILTINS.has(name)
    ? spawnSync('bash', ['--norc', '-c', `${name} "$@"`, 'bash', ...args], { input: c.stdin ?? '', encoding: 'utf8', env: { PATH: process.env.PATH, LANG: 'C.UTF-8' } })
    : spawnSync(name, args, { input: c.stdin ?? '', encoding: 'utf8', env: { PATH: process.env.PATH, LANG: 'C.UTF-8' } });
  c.stdout = run.stdout;
  // A builtin run by `bash -c` names the line; at the lab's prompt bash does not.
  c.stderr = BASH_BUILTINS.has(name) ? run.stderr.replaceAll('bash: line 1: ', 'bash: ') : run.stderr;
  c.exit = run.status;
}
writeFileSync(FILE, `[\n${cases.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n]\n`);
console.log(`${cases.length} cases`);
