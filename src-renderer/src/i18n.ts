// Every UI string in both languages. `zhCN` is typed against `en`, so a key
// missing from either dictionary is a type error rather than a blank label.
import type { Lang } from '../../src-sim/api.ts';

export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

const en = {
  'app.title': 'LVS-DR Lab',
  'app.version': 'Version {version}',
  'lang.label': 'Language',
  'lang.en': 'English',
  'lang.zh-CN': '简体中文',
  'nav.label': 'Views',
  'nav.workspace': 'Workspace',
  'scenario.open': 'Open scenario…',
  'scenario.reset': 'Reset lab',
  'scenario.loaded': 'Loaded scenario: {name}',
  'scenario.invalid': 'The scenario could not be loaded:',
  'scenario.readError': 'The file could not be read: {message}',
  'hosts.label': 'Hosts',
  'terminal.label': 'Terminal on {host}',
  'terminal.input': 'Command line on {host}',
  'terminal.hint': 'Enter runs the command, Up/Down recall history, Ctrl+L clears the screen.',
  'terminal.error': 'The simulator failed: {message}',
  'neighbors.caption': 'Neighbour table of {host}',
  'neighbors.ip': 'IP address',
  'neighbors.dev': 'Device',
  'neighbors.lladdr': 'Link-layer address',
  'neighbors.state': 'State',
  'neighbors.empty': 'No entries',
  'neighbors.none': '(none)',
  'frames.heading': 'Frames',
  'frames.empty': 'No frames yet. Try arping or ping in a terminal.',
  'frames.time': 'Time',
  'frames.segment': 'Segment',
  'frames.summary': 'Summary',
  'explain.heading': 'Explanation',
  'explain.pick': 'Select a frame to see what each host decided about it.',
  'explain.frame': 'Frame #{id} at {time} s on {segment}',
  'explain.none': 'No host recorded a decision about this frame.',
} as const;

export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = {
  'app.title': 'LVS-DR 实验室',
  'app.version': '版本 {version}',
  'lang.label': '语言',
  'lang.en': 'English',
  'lang.zh-CN': '简体中文',
  'nav.label': '视图',
  'nav.workspace': '工作区',
  'scenario.open': '打开场景…',
  'scenario.reset': '重置实验',
  'scenario.loaded': '已加载场景：{name}',
  'scenario.invalid': '无法加载该场景：',
  'scenario.readError': '无法读取文件：{message}',
  'hosts.label': '主机',
  'terminal.label': '{host} 上的终端',
  'terminal.input': '{host} 的命令行',
  'terminal.hint': '回车执行命令，上/下方向键调出历史，Ctrl+L 清屏。',
  'terminal.error': '模拟器出错：{message}',
  'neighbors.caption': '{host} 的邻居表',
  'neighbors.ip': 'IP 地址',
  'neighbors.dev': '设备',
  'neighbors.lladdr': '链路层地址',
  'neighbors.state': '状态',
  'neighbors.empty': '没有条目',
  'neighbors.none': '（无）',
  'frames.heading': '帧',
  'frames.empty': '还没有帧。请在终端中试试 arping 或 ping。',
  'frames.time': '时间',
  'frames.segment': '网段',
  'frames.summary': '摘要',
  'explain.heading': '解释',
  'explain.pick': '选择一个帧，查看各主机对它做出的判断。',
  'explain.frame': '帧 #{id}，时间 {time} 秒，网段 {segment}',
  'explain.none': '没有主机针对这个帧记录判断。',
};

const dictionaries: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** Looks up `key` and fills `{name}` placeholders from `params`. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
