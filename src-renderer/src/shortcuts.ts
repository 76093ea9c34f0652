// Every keyboard shortcut the app has, for Help ▸ Keyboard shortcuts. Each
// entry names the code that implements it, so a new key gets listed here:
// Terminal.svelte and terminal/line-editor.ts (the terminal), WorkspaceView
// (Alt+P, Alt+N, Ctrl+S), App.svelte (Ctrl+Enter, Alt+H: the lab's context), CapturePanel, Topology and HostTabs (lists and
// tabs), App.svelte (?), src-main/menu.ts (the desktop menu's accelerators).
import type { MessageKey } from '../../src-sim/session/index.ts';

export interface Shortcut {
  /** Alternatives ("or"); each is a sequence of key combinations pressed one after another ("then"). */
  keys: ReadonlyArray<readonly string[]>;
  action: MessageKey;
  /** Only in the desktop app (a menu accelerator) or only in the browser build. */
  only?: 'desktop' | 'browser';
}

export interface ShortcutGroup {
  heading: MessageKey;
  shortcuts: readonly Shortcut[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    heading: 'shortcuts.group.terminal',
    shortcuts: [
      { keys: [['Enter']], action: 'shortcuts.run' },
      { keys: [['Tab']], action: 'shortcuts.complete' },
      { keys: [['Tab', 'Tab']], action: 'shortcuts.choices' },
      { keys: [['↑'], ['↓']], action: 'shortcuts.history' },
      { keys: [['←'], ['→'], ['Ctrl+B'], ['Ctrl+F']], action: 'shortcuts.cursor' },
      { keys: [['Home'], ['Ctrl+A']], action: 'shortcuts.lineStart' },
      { keys: [['End'], ['Ctrl+E']], action: 'shortcuts.lineEnd' },
      { keys: [['Backspace'], ['Delete']], action: 'shortcuts.deleteChar' },
      { keys: [['Ctrl+W']], action: 'shortcuts.deleteWord' },
      { keys: [['Ctrl+U']], action: 'shortcuts.deleteToStart' },
      { keys: [['Ctrl+K']], action: 'shortcuts.deleteToEnd' },
      { keys: [['Ctrl+C']], action: 'shortcuts.interrupt' },
      { keys: [['Ctrl+L']], action: 'shortcuts.clear' },
      { keys: [['Ctrl+Shift+C']], action: 'shortcuts.copy' },
      { keys: [['Ctrl+V']], action: 'shortcuts.paste' },
      { keys: [['Esc', 'Tab'], ['Shift+Tab']], action: 'shortcuts.leave' },
    ],
  },
  {
    heading: 'shortcuts.group.workspace',
    shortcuts: [
      { keys: [['Alt+P']], action: 'shortcuts.playPause' },
      { keys: [['Alt+N']], action: 'shortcuts.step' },
      { keys: [['Ctrl+S']], action: 'shortcuts.save' },
      { keys: [['Ctrl+Enter']], action: 'shortcuts.verify' },
      { keys: [['Alt+H']], action: 'shortcuts.hint' },
      { keys: [['Ctrl+O']], action: 'shortcuts.open', only: 'desktop' },
      { keys: [['Ctrl+E']], action: 'shortcuts.export', only: 'desktop' },
      { keys: [['←'], ['→'], ['Home'], ['End']], action: 'shortcuts.hostTabs' },
      { keys: [['↑'], ['↓']], action: 'shortcuts.frameList' },
      { keys: [['Enter'], ['Space']], action: 'shortcuts.topologyFrame' },
    ],
  },
  {
    heading: 'shortcuts.group.help',
    shortcuts: [
      { keys: [['?']], action: 'shortcuts.show' },
      { keys: [['F1']], action: 'shortcuts.show', only: 'desktop' },
      { keys: [['Esc']], action: 'shortcuts.close' },
    ],
  },
];

/** The groups as the running build has them. */
export function shortcutGroups(desktop: boolean): ShortcutGroup[] {
  const here = desktop ? 'desktop' : 'browser';
  return SHORTCUT_GROUPS.map((group) => ({ ...group, shortcuts: group.shortcuts.filter((s) => s.only === undefined || s.only === here) }));
}
