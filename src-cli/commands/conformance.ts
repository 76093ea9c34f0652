// `lvs-dr-lab conformance [--filter SUBSTR] [--record | --recorded] [--jobs N] [--rev 1|2]`
//
// For each conformance/scenarios/*.json: run it on the real kernel twice (bridge
// port orders forward and reverse), run it in the simulator, compare (see
// src-sim/scenario/compare.ts; comparison revision 2 unless `--rev 1`) and
// print PASS/FAIL with the differences.
// `--record` writes the kernel observations to conformance/kernel/<name>.<order>.json
// so that a machine without root can compare against them; `--recorded`
// compares against those files even where the kernel could run.
//
// Without root the live kernel runs are skipped and the recorded observations
// are used instead (exit 0 unless a scenario fails); with CI=true, missing root
// or missing tools is a failure (exit 1). Exit 1 if any scenario fails.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Observation } from '../../src-sim/scenario/types.ts';
import { parseScenarioText } from '../../src-sim/schema/scenario.ts';
import { isRoot, missingTools, removeStaleNamespaces } from '../kernel/index.ts';
import { randomHunt, type HuntOptions } from './conformance-random.ts';
import { PORT_ORDERS, judge, kernelObservations, pool, verdictLines, type RunScenario } from './judge.ts';

const USAGE = 'usage: lvs-dr-lab conformance [--filter SUBSTR] [--record | --recorded] [--jobs N] [--rev 1|2]\n       lvs-dr-lab conformance --random N [--seed S] [--out DIR] [--jobs N] [--rev 1|2]\n';

/** A whole number from `min` to `max`, or null. */
function wholeNumber(text: string | undefined, min: number, max: number): number | null {
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** The repository root: out/cli/src-cli/commands → 4 up when compiled, 2 up from source. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'conformance'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

async function loadSimulator(): Promise<RunScenario | string> {
  // Imported by a computed path so this file compiles before the simulator exists.
  const path = '../../src-sim/scenario/run.ts';
  try {
    const mod = (await import(path)) as { runScenario?: RunScenario };
    if (typeof mod.runScenario !== 'function') return 'src-sim/scenario/run.ts does not export runScenario';
    return mod.runScenario;
  } catch (e) {
    return `the simulator could not be loaded (${(e as Error).message.split('\n')[0]})`;
  }
}

interface Outcome {
  name: string;
  status: 'PASS' | 'FAIL' | 'SKIP';
  title: string;
  lines: string[];
}

/** The random hunt needs live kernel runs: without them it is skipped (a failure under CI=true). */
async function huntCli(options: HuntOptions, fileOptions: boolean): Promise<number> {
  if (fileOptions) {
    process.stderr.write(`lvs-dr-lab conformance: --random does not go with --filter, --record or --recorded\n${USAGE}`);
    return 2;
  }
  const missing = missingTools();
  if (!isRoot() || missing.length > 0) {
    const why = !isRoot() ? 'this process is not root (network namespaces need root)' : `required tools are missing (${missing.join(', ')})`;
    process.stdout.write(`The random conformance batch (seed ${options.seed}) was skipped because ${why}.\n`);
    return process.env['CI'] === 'true' ? 1 : 0;
  }
  await removeStaleNamespaces();
  const sim = await loadSimulator();
  if (typeof sim === 'string') {
    process.stderr.write(`lvs-dr-lab conformance: ${sim}\n`);
    return 1;
  }
  return randomHunt(sim, options);
}

export async function conformanceCli(args: string[]): Promise<number> {
  let filter = '';
  let record = false;
  let jobs = 1;
  let recorded = false;
  let revision: 1 | 2 = 2;
  let randomCount: number | null = null;
  let seed: number | null = null;
  let outDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--filter') filter = args[++i] ?? '';
    else if (a.startsWith('--filter=')) filter = a.slice('--filter='.length);
    else if (a === '--record') record = true;
    else if (a === '--recorded') recorded = true;
    else if (a === '--random' || a === '--seed') {
      const v = args[++i];
      const n = wholeNumber(v, a === '--random' ? 1 : 0, a === '--random' ? 100_000 : 0xffffffff);
      if (n === null) {
        process.stderr.write(`lvs-dr-lab conformance: ${a} takes a whole number${a === '--random' ? ' from 1' : ''}, got ${JSON.stringify(v ?? '')}\n${USAGE}`);
        return 2;
      }
      if (a === '--random') randomCount = n;
      else seed = n;
    } else if (a === '--out') outDir = args[++i];
    else if (a === '--rev' || a.startsWith('--rev=')) {
      const v = a === '--rev' ? args[++i] : a.slice('--rev='.length);
      if (v !== '1' && v !== '2') {
        process.stderr.write(`lvs-dr-lab conformance: --rev takes 1 or 2 (the comparison revision of the contract), got ${JSON.stringify(v ?? '')}\n${USAGE}`);
        return 2;
      }
      revision = v === '1' ? 1 : 2;
    }
    else if (a === '--jobs' || a.startsWith('--jobs=')) {
      const v = a === '--jobs' ? args[++i] : a.slice('--jobs='.length);
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 16) {
        process.stderr.write(`lvs-dr-lab conformance: --jobs takes a whole number from 1 to 16, got ${JSON.stringify(v ?? '')}\n${USAGE}`);
        return 2;
      }
      jobs = n;
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      return 0;
    } else {
      process.stderr.write(`lvs-dr-lab conformance: unknown argument ${a}\n${USAGE}`);
      return 2;
    }
  }

  if (randomCount !== null) return huntCli({ count: randomCount, seed: seed ?? Date.now() % 0x100000000, jobs, revision, ...(outDir !== undefined ? { outDir } : {}) }, filter !== '' || record || recorded);
  if (seed !== null || outDir !== undefined) {
    process.stderr.write(`lvs-dr-lab conformance: --seed and --out go with --random\n${USAGE}`);
    return 2;
  }

  const root = repoRoot();
  const scenarioDir = join(root, 'conformance', 'scenarios');
  const kernelDir = join(root, 'conformance', 'kernel');
  const ci = process.env['CI'] === 'true';
  let files: string[];
  try {
    files = readdirSync(scenarioDir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .filter((f) => f.includes(filter));
  } catch (e) {
    process.stderr.write(`lvs-dr-lab conformance: cannot read ${scenarioDir}: ${(e as Error).message}\n`);
    return 2;
  }

  // Can we run the kernel here?
  const root0 = isRoot();
  const missing = missingTools();
  if (record && recorded) {
    process.stderr.write(`lvs-dr-lab conformance: --record and --recorded exclude each other\n${USAGE}`);
    return 2;
  }
  const live = root0 && missing.length === 0 && !recorded;
  let environmentFailure = false;
  if (recorded) {
    process.stdout.write('Comparing against the recorded observations in conformance/kernel/ (--recorded).\n');
  } else if (!live) {
    const why = !root0 ? 'this process is not root (network namespaces need root)' : `required tools are missing (${missing.join(', ')})`;
    const how = !root0 ? 'run `sudo npx lvs-dr-lab conformance` to get them' : 'install iproute2, tcpdump, iputils-arping, iputils-ping and curl, then run it again';
    process.stdout.write(`Live kernel runs were skipped because ${why}; comparing against the recorded observations in conformance/kernel/ instead (${how}).\n`);
    if (ci) environmentFailure = true;
    if (record) {
      process.stderr.write('lvs-dr-lab conformance: --record needs live kernel runs\n');
      return 1;
    }
  } else {
    await removeStaleNamespaces();
  }

  const sim = await loadSimulator();
  const outcomes = new Map<string, Outcome>();

  await pool(files, jobs, async (file) => {
    const name = basename(file, '.json');
    const lines: string[] = [];
    const text = readFileSync(join(scenarioDir, file), 'utf8');
    const parsed = parseScenarioText(text);
    if (!parsed.ok) {
      outcomes.set(file, { name, status: 'FAIL', title: '', lines: parsed.problems.map((p) => `invalid scenario: ${p.path}: ${p.message}`) });
      return;
    }
    const scenario = parsed.scenario;
    const title = scenario.name ?? '';
    // Kernel observations: live or recorded.
    const kernel: Observation[] = [];
    if (live) {
      const got = await kernelObservations(scenario);
      kernel.push(...got.runs);
      lines.push(...got.errors);
      if (record && got.errors.length === 0) {
        mkdirSync(kernelDir, { recursive: true });
        got.runs.forEach((obs, i) => writeFileSync(join(kernelDir, `${name}.${PORT_ORDERS[i]}.json`), JSON.stringify(obs, null, 1) + '\n'));
      }
    } else {
      for (const order of PORT_ORDERS) {
        const file = join(kernelDir, `${name}.${order}.json`);
        if (existsSync(file)) kernel.push(JSON.parse(readFileSync(file, 'utf8')) as Observation);
      }
    }
    if (lines.length > 0) {
      outcomes.set(file, { name, status: 'FAIL', title, lines });
      return;
    }
    if (kernel.length === 0) {
      outcomes.set(file, { name, status: 'SKIP', title, lines: ['no recorded kernel observation (run `sudo npx lvs-dr-lab conformance --record`)'] });
      return;
    }
    if (typeof sim === 'string') {
      outcomes.set(file, { name, status: 'FAIL', title, lines: [sim] });
      return;
    }
    const v = judge(sim, scenario, kernel, revision);
    if (!v.ok) outcomes.set(file, { name, status: 'FAIL', title, lines: [v.problem] });
    else outcomes.set(file, { name, status: v.result.equal ? 'PASS' : 'FAIL', title, lines: v.result.equal ? [] : verdictLines(v.result) });
  });

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of files) {
    const o = outcomes.get(file)!;
    if (o.status === 'PASS') passed++;
    else if (o.status === 'FAIL') failed++;
    else skipped++;
    process.stdout.write(`${o.status} ${o.name}${o.title ? ` — ${o.title}` : ''}\n`);
    for (const l of o.lines) process.stdout.write(`    ${l}\n`);
  }
  process.stdout.write(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  if (environmentFailure) {
    process.stderr.write('lvs-dr-lab conformance: CI=true requires live kernel runs (root and ip, tcpdump, arping, ping, curl)\n');
    return 1;
  }
  return failed > 0 ? 1 : 0;
}
