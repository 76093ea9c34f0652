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

test('a scenario file can be opened, and a broken one is explained', async ({ workspace }) => {
  const { page } = workspace;
  const fileInput = page.locator('input[type="file"]');
  const broken = JSON.stringify({ format: 'lvs-dr-lab/scenario@1', hosts: [{ name: 'Bad Name', interfaces: [] }], steps: [] });
  await fileInput.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await expect(page.getByRole('status')).toContainText('$.hosts[0].name');

  const twoHosts = {
    format: 'lvs-dr-lab/scenario@1',
    name: 'Two hosts',
    hosts: ['alpha', 'beta'].map((name, i) => ({
      name,
      interfaces: [{ name: 'eth0', segment: 'lan', mac: `02:00:00:00:01:0${i + 1}`, addresses: [`192.0.2.${i + 1}/24`] }],
    })),
    steps: [],
  };
  await fileInput.setInputFiles({ name: 'two.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(twoHosts)) });
  await expect(page.getByRole('status')).toContainText('Two hosts');
  await expect(workspace.hostTab('alpha')).toHaveAttribute('aria-selected', 'true');
  await expect(workspace.hostTab('client')).toHaveCount(0);
});
