// The shortcuts list against the code that implements the keys: every
// accelerator of the desktop menu is listed, and every menu action main
// sends has a handler in the renderer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MENU_ACTIONS } from '../../src-main/ipc-map.ts';
import { SHORTCUT_GROUPS, shortcutGroups } from './shortcuts.ts';

const keysOf = (desktop: boolean, groups = shortcutGroups(desktop)): string[] => groups.flatMap((g) => g.shortcuts.flatMap((s) => s.keys.flat()));
/** Outside the terminal, whose own keys (Ctrl+E: end of line) are not the menu's. */
const appKeys = (desktop: boolean): string[] => keysOf(desktop, shortcutGroups(desktop).filter((g) => g.heading !== 'shortcuts.group.terminal'));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(svelte|ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('keyboard shortcuts', () => {
  it('lists every accelerator of the desktop menu, in the desktop app only where the browser lacks it', () => {
    const menu = readFileSync('src-main/menu.ts', 'utf8');
    const accelerators = [...menu.matchAll(/accelerator: '([^']+)'/g)].map((m) => m[1]!.replace('CmdOrCtrl+', 'Ctrl+'));
    expect(accelerators).toEqual(['Ctrl+O', 'Ctrl+S', 'Ctrl+E', 'F1']);
    for (const key of accelerators) expect(appKeys(true)).toContain(key);
    // The browser build has no menu: only Ctrl+S (WorkspaceView) of these works there.
    expect(accelerators.filter((key) => appKeys(false).includes(key))).toEqual(['Ctrl+S']);
  });

  it('lists the keys the workspace and terminal announce with aria-keyshortcuts', () => {
    const announced = sourceFiles('src-renderer/src')
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/aria-keyshortcuts="([^"]+)"/g)].map((m) => m[1]!))
      .map((key) => key.replace('Control+', 'Ctrl+'));
    expect(announced).toEqual(expect.arrayContaining(['Alt+P', 'Alt+N', 'Ctrl+S', '?']));
    for (const key of announced) expect(keysOf(false)).toContain(key);
  });

  it('every action has a key and no group is empty', () => {
    for (const group of SHORTCUT_GROUPS) {
      expect(group.shortcuts.length).toBeGreaterThan(0);
      for (const shortcut of group.shortcuts) expect(shortcut.keys.flat().length).toBeGreaterThan(0);
    }
  });
});

describe('menu actions', () => {
  it('every action main sends is handled somewhere in the renderer', () => {
    const source = sourceFiles('src-renderer/src').map((file) => readFileSync(file, 'utf8')).join('\n');
    const unhandled = MENU_ACTIONS.filter((action) => !source.includes(`onMenu('${action}'`));
    expect(unhandled).toEqual([]);
  });
});
