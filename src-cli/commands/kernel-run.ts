// `lvs-dr-lab kernel-run FILE --json [--port-order forward|reverse]`
// Runs a scenario on the real Linux kernel (root; network namespaces) and prints
// the observation in the contract's format (shared/contracts/scenario-v1.md).
//
// Exit status: 0 done; 1 the kernel setup failed; 2 usage error, invalid
// scenario, or a scenario the kernel runner refuses (addresses outside the
// documentation blocks, simulator-only tools); 77 cannot run here (not root,
// or a required tool is missing).
import { parseScenarioText, SCENARIO_LIMITS } from '../../src-sim/schema/scenario.ts';
import { readBoundedText } from './cli-support.ts';
import { KernelSetupError, ScenarioRefusedError, isRoot, kernelRun, missingTools, refusalReasons, removeStaleNamespaces, type PortOrder } from '../kernel/index.ts';

export const EXIT_CANNOT_RUN_HERE = 77;

const USAGE = 'usage: lvs-dr-lab kernel-run FILE --json [--port-order forward|reverse]\n';

export async function kernelRunCli(args: string[]): Promise<number> {
  let file: string | undefined;
  let json = false;
  let portOrder: PortOrder = 'forward';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--port-order') {
      const v = args[++i];
      if (v !== 'forward' && v !== 'reverse') {
        process.stderr.write(`lvs-dr-lab kernel-run: --port-order takes "forward" or "reverse", got ${v === undefined ? 'nothing' : JSON.stringify(v)}\n${USAGE}`);
        return 2;
      }
      portOrder = v;
    } else if (a.startsWith('--port-order=')) {
      const v = a.slice('--port-order='.length);
      if (v !== 'forward' && v !== 'reverse') {
        process.stderr.write(`lvs-dr-lab kernel-run: --port-order takes "forward" or "reverse", got ${JSON.stringify(v)}\n${USAGE}`);
        return 2;
      }
      portOrder = v;
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE);
      return 0;
    } else if (a.startsWith('-')) {
      process.stderr.write(`lvs-dr-lab kernel-run: unknown option ${a}\n${USAGE}`);
      return 2;
    } else if (file === undefined) file = a;
    else {
      process.stderr.write(`lvs-dr-lab kernel-run: only one scenario file may be given\n${USAGE}`);
      return 2;
    }
  }
  if (file === undefined) {
    process.stderr.write(`lvs-dr-lab kernel-run: no scenario file given\n${USAGE}`);
    return 2;
  }
  if (!json) {
    process.stderr.write(`lvs-dr-lab kernel-run: only --json output is supported\n${USAGE}`);
    return 2;
  }
  const read = readBoundedText(file, SCENARIO_LIMITS.bytes);
  if (!read.ok) {
    process.stderr.write(`lvs-dr-lab kernel-run: ${read.message}\n`);
    return 2;
  }
  const text = read.text;
  const parsed = parseScenarioText(text);
  if (!parsed.ok) {
    for (const p of parsed.problems) process.stderr.write(`${file}: ${p.path}: ${p.message}\n`);
    return 2;
  }
  const refused = refusalReasons(parsed.scenario);
  if (refused.length > 0) {
    for (const r of refused) process.stderr.write(`${file}: ${r}\n`);
    return 2;
  }
  if (!isRoot()) {
    process.stderr.write('lvs-dr-lab kernel-run: running a scenario on the real kernel needs root (it creates network namespaces); run it as root, e.g. with sudo.\n');
    return EXIT_CANNOT_RUN_HERE;
  }
  const missing = missingTools();
  if (missing.length > 0) {
    process.stderr.write(`lvs-dr-lab kernel-run: required tools are missing: ${missing.join(', ')} (install iproute2, tcpdump, iputils-arping, iputils-ping, procps).\n`);
    return EXIT_CANNOT_RUN_HERE;
  }
  try {
    await removeStaleNamespaces();
    const observation = await kernelRun(parsed.scenario, { portOrder });
    process.stdout.write(JSON.stringify(observation, null, 1) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof ScenarioRefusedError) {
      for (const r of e.reasons) process.stderr.write(`${file}: ${r}\n`);
      return 2;
    }
    if (e instanceof KernelSetupError) {
      process.stderr.write(`lvs-dr-lab kernel-run: ${file}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
