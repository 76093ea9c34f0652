// `app:set-language`: the renderer owns the language choice (and remembers it);
// main follows it for menus and dialogs.
import { app } from 'electron';
import { handle } from '../ipc.ts';
import type { UiLanguage } from '../ipc-map.ts';
import { checkLanguage } from '../validate.ts';

let language: UiLanguage | undefined;

export function currentLanguage(): UiLanguage {
  // Before the renderer says, guess as the renderer does: from the system locale.
  return language ?? (app.getLocale().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
}

export function setupLanguage(onChange: (lang: UiLanguage) => void): void {
  handle('app:set-language', checkLanguage, (_event, lang) => {
    if (lang === language) return;
    language = lang;
    onChange(lang);
  });
}
