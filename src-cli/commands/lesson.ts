// `lvs-dr-lab lesson list [--json] [--lang zh-CN]`
// `lvs-dr-lab lesson show ID [--lang zh-CN] [--json]`
// `lvs-dr-lab lesson check ID [--commands FILE] [--lang zh-CN] [--json]`
// For instructors and tests: the lesson's broken lab, the learner's commands
// applied, each check printed as PASS or FAIL. Exit 0 only when all pass;
// 1 when a check fails; 2 for an unknown lesson or an unreadable commands file.
import { MAX_COMMANDS_FILE_BYTES, readBoundedText, runStoppedMessage } from './cli-support.ts';
import { RUN_BUDGET } from '../../src-sim/core/budget.ts';
import type { Lang } from '../../src-sim/api.ts';
import { formatProblem, parseCommandsFile } from '../../src-sim/course/lessons/commands-file.ts';
import { applySteps, type Step } from '../../src-sim/step.ts';
import { findLesson, loadCurriculum } from '../../src-sim/course/lessons/curriculum/index.ts';
import { checkLesson, startLessonLab } from '../../src-sim/course/lessons/lesson-run.ts';
import { renderCheckResult } from '../../src-sim/course/lessons/checks.ts';
import { describeCheck } from '../../src-sim/course/lessons/describe-check.ts';
import { renderText, t } from '../../src-sim/i18n/catalogue.ts';

const USAGE = `Usage: lvs-dr-lab lesson list [--json] [--lang en|zh-CN]
       lvs-dr-lab lesson show ID [--json] [--lang en|zh-CN]
       lvs-dr-lab lesson check ID [--commands FILE] [--lang en|zh-CN] [--json]
`;

interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

export async function lessonCli(args: string[], io: Io = processIo): Promise<number> {
  const [sub, ...rest] = args;
  let json = false;
  let lang: Lang = 'en';
  let commandsFile: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--lang') {
      const value = rest[++i];
      if (value !== 'en' && value !== 'zh-CN') {
        io.err(`lvs-dr-lab lesson: --lang must be en or zh-CN, got "${value ?? ''}"\n`);
        return 2;
      }
      lang = value;
    } else if (arg === '--commands' && sub === 'check') {
      commandsFile = rest[++i];
      if (!commandsFile) {
        io.err('lvs-dr-lab lesson check: --commands needs a file name\n');
        return 2;
      }
    } else if (arg.startsWith('-')) {
      io.err(`lvs-dr-lab lesson ${sub ?? ''}: unknown option "${arg}"\n${USAGE}`);
      return 2;
    } else positional.push(arg);
  }
  const curriculum = loadCurriculum();
  for (const p of curriculum.problems) io.err(`lvs-dr-lab: lesson file ${p.file} is invalid and left out: ${p.path}: ${p.message}\n`);
  if (sub === 'list' && positional.length === 0) return list(io, json, lang);
  if (sub === 'check' && positional.length === 1) return check(io, positional[0]!, commandsFile, json, lang);
  if (sub === 'show' && positional.length === 1) return show(io, positional[0]!, json, lang);
  io.err(sub === undefined || sub === 'list' || sub === 'check' || sub === 'show' ? USAGE : `lvs-dr-lab lesson: unknown sub-command "${sub}"\n${USAGE}`);
  return 2;
}

function list(io: Io, json: boolean, lang: Lang): number {
  const { lessons } = loadCurriculum();
  if (json) {
    const rows = lessons.map((l) => ({ id: l.id, order: l.order, title: l.title, summary: l.summary, checks: l.checks.map((c) => c.id) }));
    io.out(`${JSON.stringify(rows, null, 1)}\n`);
    return 0;
  }
  const width = Math.max(...lessons.map((l) => l.id.length));
  for (const l of lessons) io.out(`${String(l.order).padStart(2)}  ${l.id.padEnd(width)}  ${l.title[lang]}\n`);
  return 0;
}

function unknownLesson(io: Io, sub: string, id: string): number {
  const ids = loadCurriculum().lessons.map((l) => l.id);
  io.err(`lvs-dr-lab lesson ${sub}: no lesson "${id}" (lessons: ${ids.join(', ')})\n`);
  return 2;
}

/** For instructors: the lesson as a learner meets it, then the solution (as a commands file) and the debrief. */
function show(io: Io, id: string, json: boolean, lang: Lang): number {
  const lesson = findLesson(id);
  if (!lesson) return unknownLesson(io, 'show', id);
  if (json) {
    io.out(`${JSON.stringify(lesson, null, 1)}\n`);
    return 0;
  }
  const section = (title: string, body: string): string => `${title}\n${body.replace(/^/gm, '  ')}\n\n`;
  let text = `${lesson.order}. ${lesson.title[lang]}\n${lesson.summary[lang]}\n\n`;
  text += section(t(lang, 'lesson.player.goal'), lesson.goal[lang]);
  text += section(t(lang, 'lesson.player.hints'), lesson.hints.map((h, i) => `${i + 1}. ${h[lang]}`).join('\n'));
  text += section(t(lang, 'cli.lesson.checks'), lesson.checks.map((c) => `${c.id}: ${renderText(lang, c.title ?? describeCheck(c))}`).join('\n'));
  text += section(t(lang, 'cli.lesson.solution'), lesson.solution.join('\n'));
  text += section(t(lang, 'cli.lesson.wrongFixes'), lesson.wrongFixes.map((f) => `${f.commands.join(' ; ')}\n  ${f.note[lang]}`).join('\n'));
  text += section(t(lang, 'cli.lesson.debrief'), lesson.debrief[lang]);
  text += `${t(lang, 'lesson.debrief.references', { refs: lesson.references.join(', ') })}\n`;
  io.out(text);
  return 0;
}

function check(io: Io, id: string, commandsFile: string | undefined, json: boolean, lang: Lang): number {
  const lesson = findLesson(id);
  if (!lesson) return unknownLesson(io, 'check', id);
  let steps: Step[] = [];
  let lines: number[] = [];
  if (commandsFile !== undefined) {
    const read = readBoundedText(commandsFile, MAX_COMMANDS_FILE_BYTES);
    if (!read.ok) {
      io.err(`lvs-dr-lab: ${read.message}\n`);
      return 2;
    }
    const text = read.text;
    const parsed = parseCommandsFile(text, { hosts: lesson.lab.hosts.map((h) => h.name) });
    if (!parsed.ok) {
      io.err(`lvs-dr-lab: ${commandsFile} is not a valid commands file:\n`);
      for (const p of parsed.problems) io.err(`  ${formatProblem(commandsFile, p)}\n`);
      return 2;
    }
    ({ steps, lines } = parsed);
  }
  const lab = startLessonLab(lesson);
  // The commands share one run's budget, as `run` gives a scenario's steps; the checks still decide.
  const applied = applySteps(lab, steps, RUN_BUDGET);
  if (applied.length < steps.length) io.err(runStoppedMessage(commandsFile!, applied.length, steps.length));
  // A command that failed is worth knowing about, but it is the checks that decide.
  for (const [i, a] of applied.entries()) {
    if (a.result && a.result.exit !== 0 && 'run' in a.step) {
      io.err(`${commandsFile}:${lines[i]}: ${a.step.host}$ ${a.step.run}: exit ${a.result.exit}${a.result.stderr ? `: ${a.result.stderr.trim()}` : ''}\n`);
    }
  }
  const results = checkLesson(lab, lesson).map((r) => renderCheckResult(r, lang));
  const passed = results.filter((r) => r.pass).length;
  if (json) {
    io.out(`${JSON.stringify({ lesson: lesson.id, passed: passed === results.length, results }, null, 1)}\n`);
  } else {
    io.out(`${lesson.order}. ${lesson.title[lang]}\n\n`);
    for (const r of results) {
      io.out(`${t(lang, r.pass ? 'lesson.player.pass' : 'lesson.player.fail')}  ${r.title}\n      ${r.message}\n`);
      for (const line of r.explanation) io.out(`        ${t(lang, 'cli.lesson.because')} ${line}\n`);
    }
    io.out(`\n${t(lang, 'lesson.player.summary', { passed, total: results.length })}\n`);
  }
  return passed === results.length ? 0 : 1;
}
