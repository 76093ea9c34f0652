// Builds the command-line tool into a folder of its own for the tests that run
// it as Node runs it (grade's child processes): compiled from the sources under
// test, never a stale out/cli, and removed afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BuiltCli {
  /** The compiled file of a source, e.g. 'src-cli/commands/grade-worker.ts' → its .js. */
  compiled(source: string): string;
  remove(): void;
}

export function buildCli(): BuiltCli {
  // Inside the repository, so the compiled modules resolve node_modules as out/cli does.
  const dir = mkdtempSync(join(root, 'out', 'test-cli-'));
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  // Emit only: `npm run check` is where types are checked, and emitting alone is a few seconds.
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.cli.json'), '--outDir', dir, '--noCheck'], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the CLI failed:\n${result.stdout}${result.stderr}`);
  return {
    compiled: (source) => join(dir, source.replace(/\.ts$/, '.js')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
