// Chinese means Chinese: every sentence of the catalogue, every explanation
// the simulator gives in the lessons' labs, and every lesson text, rendered
// in zh-CN, hold no English word outside code, commands, names and addresses.
import { describe, expect, test } from 'vitest';
import { loadCurriculum } from '../course/lessons/curriculum/index.ts';
import { startLessonLab } from '../course/lessons/lesson-run.ts';
import { stepsFromLines } from '../course/lessons/commands-file.ts';
import { applySteps } from '../step.ts';
import { en } from './en.ts';
import { render, type MessageKey, type ParamValue } from './catalogue.ts';
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

describe('zh-CN explanations in the lessons', () => {
  test.each(loadCurriculum().lessons.map((l) => [l.id, l] as const))('%s: broken, solved and every variant', (_id, lesson) => {
    const runs = [[], lesson.solution, ...lesson.otherFixes.map((v) => v.commands), ...lesson.wrongFixes.map((v) => v.commands)];
    const found = new Map<string, string>();
    for (const commands of runs) {
      const lab = startLessonLab(lesson);
      applySteps(lab, stepsFromLines(commands));
      for (const event of lab.trace) {
        const text = describeEvent(event, 'zh-CN');
        for (const word of leaks(text)) found.set(`${event.key}: ${word}`, text);
      }
    }
    expect([...found.keys()], [...found.entries()].map(([k, text]) => `${k}\n  ${text}`).join('\n')).toEqual([]);
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
