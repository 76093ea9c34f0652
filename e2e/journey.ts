// The journey both projects run: terminals on two hosts, ARP and the
// neighbour tables, stepping through frames, a frame's decode and
// explanation, the language switch and reset.
import type { TestInfo } from '@playwright/test';
import { runScenarioWithLab } from '../src-sim/scenario/run.ts';
import { parseScenarioText } from '../src-sim/scenario/validate.ts';
import { expect } from './fixtures.ts';
import type { WorkspacePage } from './pages/workspace-page.ts';

export async function smokeJourney(workspace: WorkspacePage, testInfo: TestInfo): Promise<void> {
  await workspace.selectHost('client');
  await workspace.run('ip addr show dev eth0');
  await expect(workspace.transcript).toContainText('198.51.100.10');

  // Neighbour tables start empty; the ARP exchange below must change one of them
  // (in Linux, the director learns the client from the request it answers).
  await expect(workspace.neighbors('director')).toContainText(/No entries/);
  await workspace.run('arping -c 1 -I eth0 198.51.100.100');
  await expect(workspace.transcript).toContainText(/reply from 198\.51\.100\.100/);
  await expect(workspace.neighbors('director')).toContainText('198.51.100.10');
  await expect(workspace.neighbors('director')).toContainText('client eth0');
  await expect(workspace.neighbors('director').getByText('new', { exact: true })).toBeVisible();

  // A second host's terminal: the director asks rs1, and rs1 learns the director.
  await workspace.selectHost('director');
  await workspace.run('arping -c 1 -I eth0 198.51.100.11');
  await expect(workspace.transcript).toContainText(/reply from 198\.51\.100\.11/);
  await expect(workspace.neighbors('rs1')).toContainText('198.51.100.2');
  // Marked as new for one command only: the director's entry did not change this time.
  await expect(workspace.neighbors('director').getByText('new', { exact: true })).toHaveCount(0);
  await expect(workspace.page.getByTestId('transcript-client')).not.toContainText('198.51.100.11');
  await workspace.setSpeed('instant');
  await expect(workspace.frames).toHaveCount(4);
  await workspace.screenshot(testInfo, 'workspace-after-arping');

  // Step through frames: paused, a ping's frames wait and appear one at a time.
  await workspace.setSpeed('1×');
  await workspace.pause();
  await workspace.run('ping -c 1 198.51.100.12');
  await expect(workspace.page.getByText(/Still to show: 4/)).toBeVisible();
  await workspace.step();
  await expect(workspace.frames).toHaveCount(5);
  await expect(workspace.frames.nth(4)).toHaveAttribute('aria-pressed', 'true');
  await expect(workspace.frames.nth(4)).toContainText('Request who-has 198.51.100.12 tell 198.51.100.2');
  await workspace.step();
  await expect(workspace.frames).toHaveCount(6);
  await expect(workspace.frames.nth(5)).toContainText('Reply 198.51.100.12 is-at 02:00:00:00:00:12');
  await workspace.screenshot(testInfo, 'stepping');

  // A frame's decode and the hosts' decisions about it.
  await workspace.frames.first().click();
  await expect(workspace.frames.first()).toHaveAttribute('aria-pressed', 'true');
  await expect(workspace.decode).toContainText('Target IP');
  await expect(workspace.decode).toContainText('198.51.100.100');
  await expect(workspace.explanation.getByRole('listitem').first()).toBeVisible();
  await workspace.screenshot(testInfo, 'frame-explained');

  await workspace.switchLanguage('zh-CN');
  await expect(workspace.page.getByRole('heading', { level: 1 })).toHaveText('LVS-DR 实验室');
  await expect(workspace.page.getByRole('heading', { name: '解释' })).toBeVisible();
  await expect(workspace.decode).toContainText('目标 IP');
  await workspace.screenshot(testInfo, 'zh-CN');

  // Reset: back to the lab's start, nothing typed, no frames, empty caches.
  await workspace.reset();
  await expect(workspace.frames).toHaveCount(0);
  await expect(workspace.neighbors('director')).toContainText('没有条目');
  await expect(workspace.page.getByTestId('transcript-director')).toHaveText('');
  await workspace.switchLanguage('en');
}

/**
 * File ▸ Save (the Save button; Ctrl+S in the browser build, where the
 * desktop app's File menu has that accelerator): the session becomes a
 * scenario file whose replay ends in the state the workspace shows.
 */
export async function saveSessionJourney(workspace: WorkspacePage, testInfo: TestInfo): Promise<void> {
  await workspace.setSpeed('instant');
  await workspace.selectHost('client');
  await workspace.run('arping -c 1 -I eth0 198.51.100.100');
  await workspace.selectHost('rs1');
  await workspace.run('sysctl -w net.ipv4.conf.all.arp_ignore=0');
  await workspace.selectHost('client');
  await workspace.run('arping -c 1 -I eth0 198.51.100.100');

  const file = await workspace.savedFile(() => workspace.page.getByRole('button', { name: 'Save session' }).click(), testInfo);
  expect(file.suggestedName).toBe('lvs-lab-session.json');
  const parsed = parseScenarioText(file.bytes.toString('utf8'));
  if (!parsed.ok) throw new Error(`the saved session does not validate: ${JSON.stringify(parsed.problems)}`);
  expect(parsed.scenario.name).toBe('Standard LVS-DR lab');
  expect(parsed.scenario.steps).toEqual([
    { host: 'client', run: 'arping -c 1 -I eth0 198.51.100.100' },
    { host: 'rs1', run: 'sysctl -w net.ipv4.conf.all.arp_ignore=0' },
    { host: 'client', run: 'arping -c 1 -I eth0 198.51.100.100' },
  ]);
  await expect(workspace.page.getByTestId('save-status')).toContainText('npx lvs-dr-lab run lvs-lab-session.json');

  // `lvs-dr-lab run` of the file gives the frames and neighbour tables on screen.
  const { observation } = runScenarioWithLab(parsed.scenario);
  // rs1 answers the second request too now that arp_ignore is 0: 2 + 3 frames.
  expect(observation.frames).toHaveLength(5);
  await expect(workspace.frames).toHaveCount(observation.frames.length);
  for (const [host, rows] of Object.entries(observation.neighbors)) {
    if (rows.length === 0) await expect(workspace.neighbors(host)).toContainText('No entries');
    for (const row of rows) {
      const line = workspace.neighbors(host).getByRole('row').filter({ has: workspace.page.getByRole('cell', { name: row.ip, exact: true }) });
      await expect(line).toContainText(row.lladdr ?? '');
      await expect(line).toContainText(row.state);
    }
  }

  if (!workspace.desktop) {
    // Ctrl+S from inside the terminal: the page saves, xterm never sees it.
    await workspace.focusTerminal();
    const again = await workspace.savedFile(() => workspace.page.keyboard.press('Control+s'), testInfo);
    expect(again.bytes.toString('utf8')).toBe(file.bytes.toString('utf8'));
    await expect(workspace.visibleTerminal).toHaveAttribute('data-commands', '2');
  }
}

/**
 * Help ▸ Keyboard shortcuts (the header's button, `?` outside a terminal; F1
 * in the desktop menu): a modal dialog with a heading that takes the focus,
 * lists the app's shortcuts, closes on Esc and gives the focus back.
 */
export async function shortcutsJourney(workspace: WorkspacePage, testInfo: TestInfo): Promise<void> {
  const { page } = workspace;
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  const help = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeHidden();
  await help.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  const row = (action: string) => dialog.getByRole('row').filter({ hasText: action });
  await expect(row('Complete a command, option')).toContainText('Tab');
  await expect(row('Leave the terminal')).toContainText('Esc then Tab or Shift+Tab');
  await expect(row('Play or pause')).toContainText('Alt+P');
  await expect(row('Show the next frame')).toContainText('Alt+N');
  await expect(row('Save the session')).toContainText('Ctrl+S');
  await expect(row('Cancel the line')).toContainText('Ctrl+C');
  await expect(row('Clear the screen')).toContainText('Ctrl+L');
  // Menu accelerators exist only in the desktop app.
  await expect(row('Open a scenario file')).toHaveCount(workspace.desktop ? 1 : 0);
  await expect(dialog.getByText('F1', { exact: true })).toHaveCount(workspace.desktop ? 1 : 0);
  await workspace.screenshot(testInfo, 'shortcuts');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(help).toBeFocused();

  // In a terminal `?` is typed; elsewhere it opens the list.
  await workspace.selectHost('client');
  await workspace.type('echo ?');
  await expect.poll(() => workspace.currentLine()).toBe('echo ?');
  await expect(dialog).toBeHidden();
  await page.keyboard.press('Control+c');
  await workspace.hostTab('client').focus();
  await page.keyboard.press('?');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(workspace.hostTab('client')).toBeFocused();

  await workspace.switchLanguage('zh-CN');
  await page.getByRole('button', { name: '键盘快捷键' }).click();
  const zh = page.getByRole('dialog', { name: '键盘快捷键' });
  await expect(zh.getByRole('table', { name: '在终端中' })).toBeVisible();
  await expect(zh.getByRole('row').filter({ hasText: '播放或暂停' })).toContainText('Alt+P');
  await page.keyboard.press('Escape');
  await expect(zh).toBeHidden();
  await workspace.switchLanguage('en');
}
