// The workspace in the browser build (system Chromium). Journeys shared with
// the desktop app live in journey.ts (electron.spec.ts runs them all); the
// tests written here use what only the browser build has: its file input,
// clipboard permissions and page reloads.
import { textbookScenario } from '../src-sim/scenario/textbook.ts';
import { expect, requireChromium, webTest as test } from './fixtures.ts';
import {
  captureExportJourney,
  cspCellStylesJourney,
  editorJourney,
  nanoJourney,
  hostTabsKeyboardJourney,
  ipvsViewJourney,
  leaveTerminalJourney,
  saveSessionJourney,
  shortcutsJourney,
  smokeJourney,
  terminalEditingJourney,
  timeControlsJourney,
  topologyFramesJourney,
  whatIfJourney,
} from './journey.ts';

requireChromium(test);

test('a learner runs commands, watches ARP and reads the explanation', async ({ workspace }, testInfo) => {
  await smokeJourney(workspace, testInfo);
});

test('vi FILE opens the editor: i, type, Esc, :wq saves, and cat shows the file', async ({ workspace }, testInfo) => {
  await editorJourney(workspace, testInfo);
});

test('nano FILE: type, Ctrl+O writes, Ctrl+X exits, and cat shows the file', async ({ workspace }, testInfo) => {
  await nanoJourney(workspace, testInfo);
});

test('File ▸ Save writes the session as a scenario that replays to the same state', async ({ workspace }, testInfo) => {
  await saveSessionJourney(workspace, testInfo);
});

test('Help ▸ Keyboard shortcuts lists the shortcuts in a dialog (button, ?), Esc closes it', async ({ workspace }, testInfo) => {
  await shortcutsJourney(workspace, testInfo);
});

test('the terminal keeps a history, completes with Tab, and Ctrl+C / Ctrl+L work', async ({ workspace }, testInfo) => {
  await terminalEditingJourney(workspace, testInfo);
});

test('pasted lines run one after another; Ctrl+Shift+C copies the selection', async ({ workspace }) => {
  await workspace.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const textarea = workspace.terminal('client').locator('.xterm-helper-textarea');
  await workspace.focusTerminal();
  await textarea.evaluate((element) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'hostname\nip -br link show dev eth0\n');
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(workspace.terminal('client')).toHaveAttribute('data-commands', '2');
  await expect(workspace.transcript).toContainText('client');
  await expect(workspace.transcript).toContainText('02:00:00:00:00:10');

  // Drag across the first line (the prompt and `hostname`) and copy it.
  const box = (await workspace.terminal('client').locator('.xterm-screen').boundingBox())!;
  await workspace.page.mouse.move(box.x + 2, box.y + 6);
  await workspace.page.mouse.down();
  await workspace.page.mouse.move(box.x + box.width - 4, box.y + 8, { steps: 5 });
  await workspace.page.mouse.up();
  await workspace.page.keyboard.press('Control+Shift+C');
  await expect.poll(() => workspace.page.evaluate(() => navigator.clipboard.readText())).toContain('root@client:~# hostname');
});

test('selected terminal text is coloured without a CSP violation; any other style attribute is still refused', async ({ workspace }, testInfo) => {
  await cspCellStylesJourney(workspace, testInfo);
});

test('Alt+P / Alt+N and the buttons pause, play and step the replay; reset goes back to time 0', async ({ workspace }, testInfo) => {
  await timeControlsJourney(workspace, testInfo);
});

test('the keyboard can leave the terminal: Esc then Tab, or Shift+Tab', async ({ workspace }, testInfo) => {
  await leaveTerminalJourney(workspace, testInfo);
});

test('host tabs are reachable with the keyboard', async ({ workspace }, testInfo) => {
  await hostTabsKeyboardJourney(workspace, testInfo);
});

test('the chosen language is remembered after a reload', async ({ workspace }) => {
  await workspace.switchLanguage('zh-CN');
  await expect(workspace.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await workspace.page.reload();
  await expect(workspace.page.getByRole('heading', { level: 1 })).toHaveText('LVS-DR 实验室');
  await expect(workspace.page.getByRole('button', { name: '单步' })).toBeVisible();
});

test('the capture downloads as a pcapng file', async ({ workspace }, testInfo) => {
  await captureExportJourney(workspace, testInfo);
});

test('frames on the topology are buttons that select the frame', async ({ workspace }, testInfo) => {
  await topologyFramesJourney(workspace, testInfo);
});

test('the what-if view replays the same commands with one change', async ({ workspace }, testInfo) => {
  await whatIfJourney(workspace, testInfo);
});

test('a scenario file can be opened, and a broken one is explained', async ({ workspace }) => {
  const { page } = workspace;
  const fileInput = page.locator('input[type="file"]');
  const broken = JSON.stringify({ format: 'lvs-dr-lab/scenario@1', hosts: [{ name: 'Bad Name', interfaces: [] }], steps: [] });
  await fileInput.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
  await expect(page.getByTestId('scenario-status')).toContainText('$.hosts[0].name');

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
  await expect(page.getByTestId('scenario-status')).toContainText('Two hosts');
  await expect(workspace.hostTab('alpha')).toHaveAttribute('aria-selected', 'true');
  await expect(workspace.hostTab('client')).toHaveCount(0);
});

test("the director's IPVS table and chart show where connections went", async ({ workspace }, testInfo) => {
  await ipvsViewJourney(workspace, testInfo);
});

test('a lab behind a router: two buses, the router between them, frames on both', async ({ workspace }, testInfo) => {
  const { page } = workspace;
  const scenario = Buffer.from(JSON.stringify(textbookScenario({ name: 'LVS-DR behind a router' })));
  await page.locator('input[type="file"]').setInputFiles({ name: 'base-lab.json', mimeType: 'application/json', buffer: scenario });
  await expect(page.getByTestId('scenario-status')).toContainText('LVS-DR behind a router');
  await expect(workspace.topology).toContainText('segment wan');
  await expect(workspace.topology).toContainText('segment lan');
  await expect(workspace.topology).toContainText('router (router)');
  await workspace.setSpeed('instant');
  await workspace.run('ping -c 1 198.51.100.100');
  await expect(workspace.transcript).toContainText('1 received');
  // The client's echo request crosses wan to the router, then lan to the director.
  const lines = await workspace.frames.allTextContents();
  const echo = /203\.0\.113\.10 > 198\.51\.100\.100: ICMP echo request/;
  expect(lines.filter((l) => l.includes('Segment wan') && echo.test(l))).toHaveLength(1);
  expect(lines.filter((l) => l.includes('Segment lan') && echo.test(l))).toHaveLength(1);
  await workspace.frames.filter({ hasText: 'Segment lan' }).filter({ hasText: echo }).click();
  await workspace.screenshot(testInfo, 'topology-router');
});
