// `lvs-dr-lab run FILE [--json] [--seed N] [--lang en|zh-CN] [--pcap OUT]`
import { writeFileSync } from 'node:fs';
import { describeEvent } from '../../src-sim/i18n/trace.ts';
import { ScenarioBootError } from '../../src-sim/lab.ts';
import { writePcapng } from '../../src-sim/net/pcapng.ts';
import { runScenarioWithLab } from '../../src-sim/scenario/run.ts';
import { parseScenarioText, SCENARIO_LIMITS } from '../../src-sim/schema/scenario.ts';
import type { Lang } from '../../src-sim/api.ts';
import { readBoundedText, runStoppedMessage, terminalSafe } from './cli-support.ts';

export async function runCli(args: string[]): Promise<number> {
  let json = false;
  let seed = 1;
  let lang: Lang = 'en';
  let file: string | undefined;
  let pcap: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--seed') {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 0) {
        process.stderr.write(`lvs-dr-lab run: --seed needs a non-negative integer, got "${args[i] ?? ''}"\n`);
        return 2;
      }
      seed = value;
    } else if (arg === '--lang') {
      const value = args[++i];
      if (value !== 'en' && value !== 'zh-CN') {
        process.stderr.write(`lvs-dr-lab run: --lang must be en or zh-CN, got "${value ?? ''}"\n`);
        return 2;
      }
      lang = value;
    } else if (arg === '--pcap') {
      pcap = args[++i];
      if (!pcap) {
        process.stderr.write('lvs-dr-lab run: --pcap needs an output file name\n');
        return 2;
      }
    } else if (arg.startsWith('-')) {
      process.stderr.write(`lvs-dr-lab run: unknown option "${arg}"\n`);
      return 2;
    } else if (file === undefined) file = arg;
    else {
      process.stderr.write(`lvs-dr-lab run: only one scenario file, got "${file}" and "${arg}"\n`);
      return 2;
    }
  }
  if (file === undefined) {
    process.stderr.write('Usage: lvs-dr-lab run FILE [--json] [--seed N] [--lang en|zh-CN] [--pcap OUT]\n');
    return 2;
  }
  const read = readBoundedText(file, SCENARIO_LIMITS.bytes);
  if (!read.ok) {
    process.stderr.write(`lvs-dr-lab: ${read.message}\n`);
    return 2;
  }
  const text = read.text;
  const parsed = parseScenarioText(text);
  if (!parsed.ok) {
    process.stderr.write(`lvs-dr-lab: ${file} is not a valid scenario:\n`);
    for (const p of parsed.problems) process.stderr.write(`  ${p.path}: ${p.message}\n`);
    return 2;
  }
  let run;
  try {
    run = runScenarioWithLab(parsed.scenario, { seed, capture: pcap !== undefined });
  } catch (error) {
    if (error instanceof ScenarioBootError) {
      process.stderr.write(`lvs-dr-lab: ${file}: the lab cannot boot: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (pcap !== undefined) {
    // Every segment is one interface of the capture, frames in sending order.
    try {
      writeFileSync(pcap, writePcapng(run.lab.captured, [...run.lab.segments.keys()]));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'No such file or directory' : code === 'EACCES' ? 'Permission denied' : code === 'EISDIR' ? 'Is a directory' : (error as Error).message;
      process.stderr.write(`lvs-dr-lab: cannot write ${pcap}: ${why}\n`);
      return 2;
    }
  }
  // The run's budget stopped a step: what ran is printed, then why the rest did not run.
  const stopped = run.applied < parsed.scenario.steps.length;
  if (json) process.stdout.write(`${JSON.stringify(run.observation, null, 1)}\n`);
  else process.stdout.write(terminalSafe(transcript(parsed.scenario.steps.slice(0, run.applied), run, lang)));
  if (!stopped) return 0;
  process.stderr.write(runStoppedMessage(file, run.applied, parsed.scenario.steps.length));
  return 1;
}

function transcript(steps: import('../../src-sim/scenario/types.ts').ScenarioStep[], run: ReturnType<typeof runScenarioWithLab>, lang: Lang): string {
  const { observation, lab } = run;
  let out = '';
  const byIndex = new Map(observation.steps.map((s) => [s.index, s]));
  steps.forEach((step, index) => {
    if ('sleep' in step) {
      out += `# sleep ${step.sleep}\n`;
      return;
    }
    if ('power' in step) {
      out += `# ${step.host}: power ${step.power}\n`;
      return;
    }
    if ('write' in step) {
      out += `# ${step.host}: ${step.write.path} saved\n`;
      return;
    }
    const s = byIndex.get(index)!;
    out += `root@${s.host}:~# ${s.run}\n${s.stdout}${s.stderr}`;
    if (s.exit !== 0) out += `[exit ${s.exit}]\n`;
  });
  out += '\n== Frames ==\n';
  for (const f of lab.frames) {
    const what = f.kind === 'arp' ? (f.op === 'request' ? `ARP, Request who-has ${f.targetIp} tell ${f.senderIp}` : `ARP, Reply ${f.senderIp} is-at ${f.senderMac}`) : f.sport !== undefined ? `IP ${f.src}.${f.sport} > ${f.dst}.${f.dport}: ${f.proto}` : `IP ${f.src} > ${f.dst}: ${f.proto}`;
    out += `${f.t.toFixed(6)} [${f.segment}] ${f.ethSrc} > ${f.ethDst}, ${what}\n`;
  }
  out += '\n== Explanations ==\n';
  for (const e of lab.trace) out += `${e.t.toFixed(6)} ${e.host}: ${describeEvent(e, lang)}\n`;
  return out;
}
