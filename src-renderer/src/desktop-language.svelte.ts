// Desktop app only: the native menus follow the UI language, and
// View ▸ Language switches it. In the browser build both calls do nothing.
import { onMenu, setMenuLanguage } from './desktop.ts';
import { locale } from './locale.svelte.ts';

export function connectDesktopLanguage(): () => void {
  const offEn = onMenu('language-en', () => locale.set('en'));
  const offZh = onMenu('language-zh-CN', () => locale.set('zh-CN'));
  const stop = $effect.root(() => {
    $effect(() => setMenuLanguage(locale.lang));
  });
  return () => {
    offEn();
    offZh();
    stop();
  };
}
