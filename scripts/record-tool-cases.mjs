// Records what the real text tools print for the cases in
// src-sim/shell/text/tool-cases.json: each case's argv runs with its stdin on
// this machine in its C.UTF-8 locale (Debian 12: coreutils 9.1, grep 3.8, sed 4.9, mawk 1.3.4 as awk,
// bash 5.2's printf builtin) and its stdout, stderr and exit status are written
// back. The unit test runs the same cases through the lab's commands.
//   node scripts/record-tool-cases.mjs            record cases with no result yet
//   node scripts/record-tool-cases.mjs --all      record every case again
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FILE = new URL('../src-sim/shell/text/tool-cases.json', import.meta.url);
const all = process.argv.includes('--all');
const cases = JSON.parse(readFileSync(FILE, 'utf8'));
// Builtins of bash are run by bash itself.
const BASH_BUILTINS = new Set(['printf']);

for (const c of cases) {
  if (!all && c.exit !== undefined) continue;
  const [name, ...args] = c.argv;
  // A case's files are written in a fresh directory the tool runs in; what they hold afterwards is recorded too.
  const dir = mkdtempSync(join(tmpdir(), 'tool-case-'));
  for (const [file, text] of Object.entries(c.files ?? {})) writeFileSync(join(dir, file), text);
  const options = { input: c.stdin ?? '', encoding: 'utf8', cwd: dir, env: { PATH: process.env.PATH, LANG: 'C.UTF-8' } };
  const run = BASH_BUILTINS.has(name) ? spawnSync('bash', ['--norc', '-c', `${name} "$@"`, 'bash', ...args], options) : spawnSync(name, args, options);
  if (c.files) c.filesAfter = Object.fromEntries(Object.keys(c.files).map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
  rmSync(dir, { recursive: true });
  c.stdout = run.stdout;
  // A builtin run by `bash -c` names the line; at the lab's prompt bash does not.
  c.stderr = BASH_BUILTINS.has(name) ? run.stderr.replaceAll('bash: line 1: ', 'bash: ') : run.stderr;
  c.exit = run.status;
}
writeFileSync(FILE, `[\n${cases.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n]\n`);
console.log(`${cases.length} cases`);
