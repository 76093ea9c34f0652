// The lesson player's UI strings. `zhCN` is typed against `en`, so a key
// missing from either is a type error. Lesson texts themselves live in the
// lesson JSON files.
import type { Lang } from '../../../src-sim/api.ts';
import { fillTemplate } from '../../../src-sim/i18n/template.ts';

const en = {
  'nav.lessons': 'Lessons',
  'list.heading': 'Guided lessons',
  'list.intro': 'Each lesson starts from a working LVS-DR lab that has been broken the way people really break it. Find the fault with real commands and fix it; the simulator checks the result, not what you typed.',
  'list.progress': '{passed} of {total} passed',
  'list.passed': 'Passed',
  'list.notStarted': 'Not passed yet',
  'list.continue': 'Back to lesson {n}: {title}',
  'progress.corrupt': 'Your saved lesson progress could not be read ({message}). It was kept aside as {keptAs}; progress starts afresh.',
  'progress.saveError': 'Progress could not be saved: {message}',
  'progress.memory': 'This browser cannot store data; progress is kept only until the page is closed.',
  'intro.goal': 'Your goal',
  'intro.start': 'Start the lab',
  'intro.back': 'All lessons',
  'player.label': 'Lesson: {title}',
  'player.goal': 'Goal',
  'player.hints': 'Hints',
  'player.hint': 'Hint {n} of {total}',
  'player.showHint': 'Show a hint',
  'player.noMoreHints': 'No more hints',
  'player.verify': 'Verify',
  'player.reset': 'Reset lab',
  'player.solution': 'Show solution',
  'player.replaying': 'Typing the reference solution…',
  'player.results': 'Checks',
  'player.pass': 'PASS',
  'player.fail': 'FAIL',
  'player.because': 'Why',
  'player.summary': '{passed} of {total} checks pass',
  'player.passed': 'Solved! Every check passes.',
  'player.debrief': 'Read the debrief',
  'player.back': 'All lessons',
  'player.solutionShown': 'You saw the reference solution for this lesson.',
  'debrief.heading': 'Debrief: the kernel rule',
  'debrief.wrong': 'Fixes that look right but are not',
  'debrief.references': 'Reference sections: {refs}',
  'debrief.again': 'Try it again',
} as const;

export type LessonStringKey = keyof typeof en;

const zhCN: Record<LessonStringKey, string> = {
  'nav.lessons': '课程',
  'list.heading': '引导式课程',
  'list.intro': '每节课都从一个能正常工作的 LVS-DR 实验开始，并按人们在现实中常犯的方式把它弄坏。请用真实的命令找出故障并修复；由模拟器检查结果，而不是检查你输入了什么。',
  'list.progress': '已通过 {passed} / {total}',
  'list.passed': '已通过',
  'list.notStarted': '尚未通过',
  'list.continue': '回到第 {n} 课：{title}',
  'progress.corrupt': '无法读取已保存的课程进度（{message}）。原文件已另存为 {keptAs}；进度将重新开始记录。',
  'progress.saveError': '进度保存失败：{message}',
  'progress.memory': '此浏览器无法存储数据；进度只保留到页面关闭为止。',
  'intro.goal': '你的目标',
  'intro.start': '开始实验',
  'intro.back': '全部课程',
  'player.label': '课程：{title}',
  'player.goal': '目标',
  'player.hints': '提示',
  'player.hint': '提示 {n} / {total}',
  'player.showHint': '显示提示',
  'player.noMoreHints': '没有更多提示了',
  'player.verify': '验证',
  'player.reset': '重置实验',
  'player.solution': '查看参考答案',
  'player.replaying': '正在输入参考答案……',
  'player.results': '检查结果',
  'player.pass': '通过',
  'player.fail': '未通过',
  'player.because': '原因',
  'player.summary': '{total} 项检查中 {passed} 项通过',
  'player.passed': '完成！所有检查均已通过。',
  'player.debrief': '阅读讲解',
  'player.back': '全部课程',
  'player.solutionShown': '你查看过本课的参考答案。',
  'debrief.heading': '讲解：内核规则',
  'debrief.wrong': '看似正确但无效的修复',
  'debrief.references': '参考文档章节：{refs}',
  'debrief.again': '再做一次',
};

const TABLES: Record<Lang, Record<LessonStringKey, string>> = { en, 'zh-CN': zhCN };

export function lessonText(lang: Lang, key: LessonStringKey, params: Record<string, string | number> = {}): string {
  return fillTemplate(TABLES[lang][key], params);
}
