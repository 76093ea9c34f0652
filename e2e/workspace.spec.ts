// The workspace in the browser build (system Chromium).
import { expect, requireChromium, webTest as test } from './fixtures.ts';
import { smokeJourney } from './journey.ts';

requireChromium(test);

test('a learner runs commands, watches ARP and reads the explanation', async ({ workspace }, testInfo) => {
  await smokeJourney(workspace, testInfo);
});

test('the terminal keeps a history and Ctrl+L clears the screen', async ({ workspace }) => {
  await workspace.selectHost('director');
  await expect(workspace.page.getByText('root@director:~#').first()).toBeVisible();
  await workspace.run('ip -br addr show');
  await workspace.run('ip neigh show');
  await workspace.commandLine.press('ArrowUp');
  await expect(workspace.commandLine).toHaveValue('ip neigh show');
  await workspace.commandLine.press('ArrowUp');
  await expect(workspace.commandLine).toHaveValue('ip -br addr show');
  await workspace.commandLine.press('ArrowDown');
  await workspace.commandLine.press('ArrowDown');
  await expect(workspace.commandLine).toHaveValue('');
  await workspace.commandLine.press('Control+l');
  await expect(workspace.transcript).toHaveText('');
});

test('host tabs are reachable with the keyboard', async ({ workspace }) => {
  await workspace.hostTab('client').focus();
  await workspace.page.keyboard.press('ArrowRight');
  await expect(workspace.hostTab('director')).toBeFocused();
  await expect(workspace.hostTab('director')).toHaveAttribute('aria-selected', 'true');
  await workspace.page.keyboard.press('End');
  await expect(workspace.hostTab('rs2')).toHaveAttribute('aria-selected', 'true');
});

test('the chosen language is remembered after a reload', async ({ workspace }) => {
  await workspace.switchLanguage('zh-CN');
  await expect(workspace.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await workspace.page.reload();
  await expect(workspace.page.getByRole('heading', { level: 1 })).toHaveText('LVS-DR 实验室');
});
