import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_ACTIONS } from './ipc-map.ts';

// menu.ts needs only these names from Electron at import time; the template builder is plain data.
vi.mock('electron', () => ({ app: {}, BrowserWindow: {}, dialog: {}, Menu: {} }));
const { buildMenuTemplate } = await import('./menu.ts');

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

describe('application menu', () => {
  it('has File, Edit, View and Help, with the renderer actions as item ids', () => {
    const template = buildMenuTemplate('en', false);
    expect(template.filter((i) => i.role !== 'appMenu').map((i) => i.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const ids = items(template).flatMap((i) => (i.id ? [i.id] : []));
    expect(ids.filter((id) => id !== 'about').sort()).toEqual([...MENU_ACTIONS].sort());
  });

  it('offers reload and developer tools only under the dev server; zoom always', () => {
    const roles = (dev: boolean): unknown[] => items(buildMenuTemplate('en', dev)).map((i) => i.role);
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(roles(false)).not.toContain(role);
      expect(roles(true)).toContain(role);
    }
    for (const role of ['zoomIn', 'zoomOut', 'resetZoom']) expect(roles(false)).toContain(role);
  });

  it('follows the UI language and marks the current one', () => {
    const zh = buildMenuTemplate('zh-CN', false);
    expect(zh.filter((i) => i.role !== 'appMenu').map((i) => i.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    const checked = items(zh).filter((i) => i.type === 'radio' && i.checked).map((i) => i.id);
    expect(checked).toEqual(['language-zh-CN']);
    expect(items(zh).find((i) => i.id === 'export-capture')?.label).toBe('导出抓包(&E)…');
  });
});
