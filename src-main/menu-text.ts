// Menu and dialog labels in both UI languages. Main has its own few strings:
// it cannot import the renderer's i18n table into a Node bundle cheaply, and
// the labels differ (mnemonics, ellipses).
import type { OpenPurpose, UiLanguage } from './ipc-map.ts';

export interface MenuText {
  file: string;
  open: string;
  save: string;
  exportCapture: string;
  quit: string;
  edit: string;
  view: string;
  language: string;
  help: string;
  shortcuts: string;
  about: string;
  aboutDetail: (version: string) => string;
  openTitle: Record<OpenPurpose, string>;
}

const TEXT: Record<UiLanguage, MenuText> = {
  en: {
    file: '&File',
    open: '&Open Scenario or Pack…',
    save: '&Save…',
    exportCapture: '&Export Capture…',
    quit: '&Quit',
    edit: '&Edit',
    view: '&View',
    language: '&Language',
    help: '&Help',
    shortcuts: '&Keyboard Shortcuts',
    about: '&About LVS-DR Lab',
    aboutDetail: (version) =>
      `Version ${version}\nAn offline lab for Linux LVS Direct Routing and the ARP rules that break it.\nWhat the simulator shows is what the Linux kernel does.`,
    openTitle: { scenario: 'Open a scenario', pack: 'Open an exercise pack', results: 'Open results files' },
  },
  'zh-CN': {
    file: '文件(&F)',
    open: '打开场景或练习包(&O)…',
    save: '保存(&S)…',
    exportCapture: '导出抓包(&E)…',
    quit: '退出(&Q)',
    edit: '编辑(&E)',
    view: '视图(&V)',
    language: '语言(&L)',
    help: '帮助(&H)',
    shortcuts: '键盘快捷键(&K)',
    about: '关于 LVS-DR 实验室(&A)',
    aboutDetail: (version) => `版本 ${version}\n离线学习 Linux LVS 直接路由及其 ARP 陷阱的实验室。\n模拟器显示的就是 Linux 内核的行为。`,
    openTitle: { scenario: '打开场景', pack: '打开练习包', results: '打开成绩文件' },
  },
};

export function menuText(lang: UiLanguage): MenuText {
  return TEXT[lang];
}
