// `lvs-dr-lab challenge new --seed N --level L [--json] [--lang en|zh-CN]`
//   the ticket and the lab of a challenge (never its faults);
// `lvs-dr-lab challenge check --seed N --level L --commands FILE [--hints N] [--json] [--lang …]`
//   runs the commands on the broken lab, prints the score and each fault's result;
//   exit 0 when every fault is fixed, 1 when not, 2 on a usage or input error.
import type { Lang } from '../../src-sim/api.ts';
import { dailySeed } from '../../src-sim/course/challenge/daily.ts';
import { generateChallenge } from '../../src-sim/course/challenge/generate.ts';
import { isLevel, MAX_LEVEL, type Level } from '../../src-sim/course/challenge/levels.ts';
import { bootChallenge, playChallenge, transcriptOf } from '../../src-sim/course/challenge/play.ts';
import { applySteps } from '../../src-sim/step.ts';
import { formatProblem, parseCommandsFile } from '../../src-sim/course/lessons/commands-file.ts';
import { renderCheckResult, type CheckResultText } from '../../src-sim/course/lessons/checks.ts';
import type { CheckResult } from '../../src-sim/course/lessons/check-types.ts';
import { t } from '../../src-sim/i18n/catalogue.ts';
import { MAX_COMMANDS_FILE_BYTES, parseInteger, readBoundedText, runStoppedMessage, terminalSafe } from './cli-support.ts';
import { RUN_BUDGET } from '../../src-sim/core/budget.ts';

export const CHALLENGE_USAGE = `Usage: lvs-dr-lab challenge new (--seed N | --daily YYYY-MM-DD) --level L [--json] [--lang en|zh-CN]
       lvs-dr-lab challenge check (--seed N | --daily YYYY-MM-DD) --level L --commands FILE [--hints N] [--json] [--lang en|zh-CN]
`;

interface Options {
  seed?: number;
  level?: Level;
  json: boolean;
  lang: Lang;
  commands?: string;
  hints: number;
}

function fail(message: string): number {
  process.stderr.write(`lvs-dr-lab challenge: ${message}\n${CHALLENGE_USAGE}`);
  return 2;
}

function parseOptions(sub: string, args: string[]): Options | string {
  const options: Options = { json: false, lang: 'en', hints: 0 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = args[i + 1];
    if (arg === '--json') options.json = true;
    else if (arg === '--seed') {
      const seed = parseInteger(value, 0, 0xffffffff);
      if (seed === null) return `--seed needs an integer from 0 to 4294967295, got "${value ?? ''}"`;
      options.seed = seed;
      i++;
    } else if (arg === '--daily') {
      // The app's daily challenge of that date: the same seed for everyone.
      const seed = dailySeed(value ?? '');
      if (seed === null) return `--daily needs a date like 2026-12-01, got "${value ?? ''}"`;
      options.seed = seed;
      i++;
    } else if (arg === '--level') {
      const level = parseInteger(value, 1, MAX_LEVEL);
      if (level === null || !isLevel(level)) return `--level needs 1 to ${MAX_LEVEL}, got "${value ?? ''}"`;
      options.level = level;
      i++;
    } else if (arg === '--lang') {
      if (value !== 'en' && value !== 'zh-CN') return `--lang must be en or zh-CN, got "${value ?? ''}"`;
      options.lang = value;
      i++;
    } else if (arg === '--commands' && sub === 'check') {
      if (!value) return '--commands needs a file name';
      options.commands = value;
      i++;
    } else if (arg === '--hints' && sub === 'check') {
      const hints = parseInteger(value, 0, 100);
      if (hints === null) return `--hints needs the number of hints used (0 to 100), got "${value ?? ''}"`;
      options.hints = hints;
      i++;
    } else return `unknown option "${arg}"`;
  }
  if (options.seed === undefined) return 'missing --seed N (or --daily YYYY-MM-DD)';
  if (options.level === undefined) return 'missing --level L';
  if (sub === 'check' && options.commands === undefined) return 'missing --commands FILE';
  return options;
}

export async function challengeCli(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'new' && sub !== 'check') return fail(sub === undefined ? 'missing sub-command "new" or "check"' : `unknown sub-command "${sub}"`);
  const options = parseOptions(sub, rest);
  if (typeof options === 'string') return fail(options);
  return sub === 'new' ? challengeNew(options) : challengeCheck(options);
}

function challengeNew(options: Options): number {
  const challenge = generateChallenge(options.seed!, options.level!);
  const lang = options.lang;
  if (options.json) {
    // The scenario only: the setup steps would give the faults away.
    const out = {
      format: 'lvs-dr-lab/challenge@1',
      seed: challenge.seed,
      level: challenge.level,
      faults: challenge.faults.length,
      parSeconds: challenge.parSeconds,
      ticket: challenge.ticket,
      lab: { ...challenge.scenario, steps: [] },
    };
    process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
    return 0;
  }
  const header = { seed: options.seed!, level: challenge.level, count: challenge.faults.length, par: challenge.parSeconds };
  let text = `${t(lang, challenge.faults.length === 1 ? 'cli.challenge.header.one' : 'cli.challenge.header.many', header)}\n\n`;
  text += `${t(lang, 'challenge.ticket')}: ${challenge.ticket[lang]}\n\n${t(lang, 'cli.challenge.lab')}:\n`;
  for (const host of challenge.scenario.hosts) {
    const addrs = host.interfaces.map((i) => `${i.name} ${(i.addresses ?? []).join(' ')}`).join(', ');
    text += `  ${host.name.padEnd(9)}${addrs}\n`;
  }
  text += `\n${t(lang, 'cli.challenge.howToCheck')}\n`;
  process.stdout.write(text);
  return 0;
}

function challengeCheck(options: Options): number {
  const file = options.commands!;
  const read = readBoundedText(file, MAX_COMMANDS_FILE_BYTES);
  if (!read.ok) {
    process.stderr.write(`lvs-dr-lab: ${read.message}\n`);
    return 2;
  }
  const challenge = generateChallenge(options.seed!, options.level!);
  const parsed = parseCommandsFile(read.text, { hosts: challenge.scenario.hosts.map((h) => h.name) });
  if (!parsed.ok) {
    for (const p of parsed.problems) process.stderr.write(terminalSafe(`${formatProblem(file, p)}\n`));
    return 2;
  }
  // The commands file has no timestamps: each command starts when the previous one ends
  // (after any sleep), as typed without pause; that makes the transcript the grader would replay.
  const lab = bootChallenge(challenge, { trace: false });
  // The commands share one run's budget, as `run` gives a scenario's steps.
  const applied = applySteps(lab, parsed.steps, RUN_BUDGET);
  if (applied.length < parsed.steps.length) process.stderr.write(runStoppedMessage(file, applied.length, parsed.steps.length));
  const { transcript, elapsedSeconds: submittedAt } = transcriptOf(lab);
  const out = playChallenge(options.seed!, options.level!, { transcript, submittedAt, hintsUsed: options.hints, solutionShown: false });
  const allFixed = out.assessment.faults.every((f) => f.fixed);
  const lang = options.lang;
  const shown = (results: readonly CheckResult[]): CheckResultText[] => results.map((r) => renderCheckResult(r, lang));
  if (options.json) {
    const json = {
      seed: out.challenge.seed,
      level: out.challenge.level,
      score: out.score,
      elapsedSeconds: out.replay.elapsedSeconds,
      faults: out.assessment.faults.map((f) => ({ title: f.title[lang], fixed: f.fixed, checks: shown(f.checks).map((c) => ({ id: c.id, pass: c.pass, message: c.message })) })),
      collateral: shown(out.assessment.collateral).map((c) => ({ id: c.id, title: c.title, message: c.message })),
      transcript,
    };
    // The transcript and check messages quote what the commands file typed and printed.
    process.stdout.write(terminalSafe(`${JSON.stringify(json, null, 1)}\n`));
    return allFixed ? 0 : 1;
  }
  // The status column is as wide as its longest word in this language.
  const statuses = { fixed: t(lang, 'cli.challenge.fixed'), notFixed: t(lang, 'cli.challenge.notFixed'), broken: t(lang, 'cli.challenge.broken') };
  const width = Math.max(...Object.values(statuses).map((s) => s.length));
  let text = '';
  out.assessment.faults.forEach((f, i) => {
    text += `${(f.fixed ? statuses.fixed : statuses.notFixed).padEnd(width)}  ${t(lang, 'cli.challenge.fault', { n: i + 1, title: f.title[lang] })}\n`;
    for (const c of shown(f.checks).filter((c) => !c.pass)) text += `           ${c.message}\n`;
  });
  for (const c of shown(out.assessment.collateral)) text += `${statuses.broken.padEnd(width)}  ${c.title}: ${c.message}\n`;
  const s = out.score;
  const score = { total: s.total, repair: s.repair, speed: s.speed, care: s.care, hints: s.hintCost, seconds: out.replay.elapsedSeconds.toFixed(1) };
  text += `\n${t(lang, 'cli.challenge.score', score)}\n`;
  process.stdout.write(terminalSafe(text));
  return allFixed ? 0 : 1;
}
