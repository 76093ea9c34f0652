// Chinese means Chinese: every sentence of the catalogue, every explanation
// the simulator gives in the lessons' labs, and every lesson text, rendered
// in zh-CN, hold no English word outside code, commands, names and addresses.
import { describe, expect, test } from 'vitest';
import { loadCurriculum } from '../course/lessons/curriculum/index.ts';
import { checkLesson, startLessonLab } from '../course/lessons/lesson-run.ts';
import { describeCheck } from '../course/lessons/describe-check.ts';
import type { CheckResult } from '../course/lessons/check-types.ts';
import { generateChallenge } from '../course/challenge/generate.ts';
import { assessChallenge, bootChallenge } from '../course/challenge/play.ts';
import { MAX_LEVEL, type Level } from '../course/challenge/levels.ts';
import { stepsFromLines } from '../course/lessons/commands-file.ts';
import { applySteps } from '../step.ts';
import { en } from './en.ts';
import { render, renderText, type MessageKey, type ParamValue } from './catalogue.ts';
import { describeEvent } from './trace.ts';
import { englishWords } from './english-words-test-support.ts';

/** A plausible value for a placeholder, by its name: addresses, devices, numbers. */
function sample(name: string): ParamValue {
  if (/^(dev|in|out|on)$/.test(name)) return 'eth0';
  if (/mac|sha|old|lladdr/.test(name)) return '02:00:00:00:00:11';
  if (/^(n|count|total|passed|used|tries|limit|age|locktime|timeout|left|ttl|port|sport|dport|vport|status|rtt|next|level|par|score)$/.test(name)) return 3;
  return '198.51.100.10';
}

function leaks(text: string): string[] {
  return englishWords(text);
}

/** Keys that name a language in that language (the language menu shows "English" to everyone). */
const OWN_NAMES: ReadonlySet<MessageKey> = new Set(['lang.en']);

describe('zh-CN catalogue', () => {
  test.each((Object.keys(en) as MessageKey[]).filter((key) => !OWN_NAMES.has(key)))('%s', (key) => {
    const names = [...en[key].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const params = Object.fromEntries(names.map((n) => [n, n === 'cause' ? 'timer' : sample(n)]));
    const text = render('zh-CN', { key, params });
    expect(leaks(text), text).toEqual([]);
  });
});

/** The English words of every check result (title, verdict, explanation) rendered in zh-CN, each with its text. */
function resultLeaks(results: readonly CheckResult[], found: Map<string, string>): void {
  for (const r of results) {
    for (const text of [renderText('zh-CN', r.title), render('zh-CN', r.message), ...r.explanation.map((line) => render('zh-CN', line))]) {
      for (const word of leaks(text)) found.set(`${r.id}: ${word}`, text);
    }
  }
}

function report(found: Map<string, string>): [string[], string] {
  return [[...found.keys()], [...found.entries()].map(([k, text]) => `${k}\n  ${text}`).join('\n')];
}

describe('zh-CN explanations and check results in the lessons', () => {
  test.each(loadCurriculum().lessons.map((l) => [l.id, l] as const))('%s: broken, solved and every variant', (_id, lesson) => {
    const runs = [[], lesson.solution, ...lesson.otherFixes.map((v) => v.commands), ...lesson.wrongFixes.map((v) => v.commands)];
    const found = new Map<string, string>();
    for (const check of lesson.checks) for (const word of leaks(render('zh-CN', describeCheck(check)))) found.set(`${check.id} (generated title): ${word}`, render('zh-CN', describeCheck(check)));
    for (const commands of runs) {
      const lab = startLessonLab(lesson);
      applySteps(lab, stepsFromLines(commands));
      resultLeaks(checkLesson(lab, lesson), found);
      for (const event of lab.trace) {
        const text = describeEvent(event, 'zh-CN');
        for (const word of leaks(text)) found.set(`${event.key}: ${word}`, text);
      }
    }
    const [keys, texts] = report(found);
    expect(keys, texts).toEqual([]);
  });
});

/** The seeds the behaviour hashes use, at every level. */
const CHALLENGES = [1, 7, 42, 2024].flatMap((seed) => Array.from({ length: MAX_LEVEL }, (_, i) => [`${seed}-${i + 1}`, seed, (i + 1) as Level] as const));

describe('zh-CN check results in the challenges', () => {
  test.each(CHALLENGES)('%s: broken, half fixed and fixed', (_name, seed, level) => {
    const challenge = generateChallenge(seed, level);
    const found = new Map<string, string>();
    for (const fixed of new Set([0, 1, challenge.faults.length])) {
      const lab = bootChallenge(challenge);
      applySteps(lab, stepsFromLines(challenge.faults.slice(0, fixed).flatMap((f) => f.fix)));
      const assessment = assessChallenge(challenge, lab);
      for (const fault of assessment.faults) resultLeaks(fault.checks, found);
      resultLeaks(assessment.collateral, found);
    }
    const [keys, texts] = report(found);
    expect(keys, texts).toEqual([]);
  });
});

/** Every `{ "en": …, "zh-CN": … }` text in `value`, with its JSON path. */
function localTexts(value: unknown, path: string, out: Array<[string, string]> = []): Array<[string, string]> {
  if (Array.isArray(value)) value.forEach((v, i) => localTexts(v, `${path}[${i}]`, out));
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record['zh-CN'] === 'string') out.push([path, record['zh-CN']]);
    else for (const [k, v] of Object.entries(record)) localTexts(v, `${path}.${k}`, out);
  }
  return out;
}

describe('zh-CN lesson texts', () => {
  test.each(loadCurriculum().lessons.map((l) => [l.id, l] as const))('%s', (_id, lesson) => {
    const found = localTexts(lesson, '$').flatMap(([path, text]) => leaks(text).map((word) => `${path}: ${word}`));
    expect(found, found.join('\n')).toEqual([]);
  });
});

describe('the English-word finder', () => {
  test('finds English prose and leaves code, names and addresses alone', () => {
    expect(englishWords('the packet is dropped')).toEqual(['the', 'packet', 'is', 'dropped']);
    expect(englishWords('在 director 上执行 `ipvsadm -Ln`：rs1 的 eth0 上 arp_ignore=1，198.51.100.100 → 02:00:00:00:00:11（STALE）')).toEqual([]);
    expect(englishWords('curl 提示 “Couldn\'t connect to server”，而 ARP 应答没有到达')).toEqual([]);
    expect(englishWords('没有应答：route check failed')).toEqual(['check', 'failed']);
  });
});
