// The chosen UI language, remembered in localStorage across sessions.
import { isLang, render, renderText, t, type Lang, type MessageKey, type ParamsArg, type ParamValue, type TextOrMessage } from '../../src-sim/session/index.ts';

const STORAGE_KEY = 'lvs-lab.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLang(saved)) return saved;
  } catch {
    // Storage can be unavailable (e.g. disabled); the default still works.
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export class Locale {
  lang = $state<Lang>(initialLang());

  constructor() {
    document.documentElement.lang = this.lang;
  }

  set(lang: Lang): void {
    this.lang = lang;
    document.documentElement.lang = lang;
    try {
      localStorage.setItem(STORAGE_KEY, lang);
    } catch {
      // Not remembered, but the switch itself still applies.
    }
  }

  /** Reading `this.lang` here makes every caller re-render on a switch. */
  t = <K extends MessageKey>(key: K, ...params: ParamsArg<K>): string => t(this.lang, key, ...params);

  /** A message kept for later (a status line, a notice, a check result) in the current language. */
  show = (message: { readonly key: MessageKey; readonly params?: Readonly<Record<string, ParamValue>> }): string => render(this.lang, { key: message.key, params: message.params ?? {} });

  /** A message or a text from the data (a lesson's own check title) in the current language. */
  text = (text: TextOrMessage): string => renderText(this.lang, text);
}

/** The one locale of the window; every component reads it. */
export const locale = new Locale();
