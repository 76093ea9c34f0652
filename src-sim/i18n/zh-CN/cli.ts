// The command line's own sentences in Chinese (the keys of en/cli.ts).
import type { cliEn } from '../en/cli.ts';
import type { Translation } from '../translation.ts';

export const cliZh = {
  'cli.lesson.checks': '检查',
  'cli.lesson.solution': '参考答案（命令文件格式）',
  'cli.lesson.wrongFixes': '错误的修复',
  'cli.lesson.debrief': '讲解',
  'cli.lesson.because': '原因',
  'cli.challenge.header.one': '挑战 种子 {seed} 级别 {level}（{count} 个故障，参考用时 {par} 秒）',
  'cli.challenge.header.many': '挑战 种子 {seed} 级别 {level}（{count} 个故障，参考用时 {par} 秒）',
  'cli.challenge.lab': '实验环境',
  'cli.challenge.howToCheck': '用 `lvs-dr-lab challenge check --seed N --level L --commands FILE` 检查修复。',
  'cli.challenge.fixed': '已修复',
  'cli.challenge.notFixed': '未修复',
  'cli.challenge.broken': '附带损坏',
  'cli.challenge.fault': '故障 {n}：{title}',
  'cli.challenge.score': '得分 {total}/1000：修复 {repair} + 速度 {speed} + 谨慎 {care} − 提示 {hints}（虚拟用时 {seconds} 秒）',
} as const satisfies Translation<typeof cliEn>;
