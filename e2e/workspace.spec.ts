// The workspace in the browser build (system Chromium).
import { readFileSync } from 'node:fs';
import { expect, requireChromium, webTest as test } from './fixtures.ts';
import { saveSessionJourney, shortcutsJourney, smokeJourney } from './journey.ts';

requireChromium(test);

test('a learner runs commands, watches ARP and reads the explanation', async ({ workspace }, testInfo) => {
  await smokeJourney(workspace, testInfo);
});

test('File ▸ Save writes the session as a scenario that replays to the same state', async ({ workspace }, testInfo) => {
  await saveSessionJourney(workspace, testInfo);
});

test('Help ▸ Keyboard shortcuts lists the shortcuts in a dialog (button, ?), Esc closes it', async ({ workspace }, testInfo) => {
  await shortcutsJourney(workspace, testInfo);
});

test('the terminal keeps a history, completes with Tab, and Ctrl+C / Ctrl+L work', async ({ workspace }) => {
  await workspace.selectHost('director');
  await expect(workspace.terminal('director')).toContainText('root@director:~#');
  await workspace.run('ip -br addr show');
  await workspace.run('ip neigh show');
  await workspace.focusTerminal();
  await workspace.page.keyboard.press('ArrowUp');
  await expect.poll(() => workspace.currentLine()).toBe('ip neigh show');
  await workspace.page.keyboard.press('ArrowUp');
  await expect.poll(() => workspace.currentLine()).toBe('ip -br addr show');
  await workspace.page.keyboard.press('ArrowDown');
  await workspace.page.keyboard.press('ArrowDown');
  await expect.poll(() => workspace.currentLine()).toBe('');

  // Tab completes commands, sysctl keys part by part, and interface names.
  await workspace.type('sysc');
  await workspace.page.keyboard.press('Tab');
  await workspace.page.keyboard.type('net.ipv4.conf.e');
  await workspace.page.keyboard.press('Tab');
  await workspace.page.keyboard.type('arp_ig');
  await workspace.page.keyboard.press('Tab');
  await expect.poll(() => workspace.currentLine()).toBe('sysctl net.ipv4.conf.eth0.arp_ignore');
  await workspace.page.keyboard.press('Enter');
  await expect(workspace.transcript).toContainText('net.ipv4.conf.eth0.arp_ignore = 0');

  // Ctrl+C drops a half-typed line without running it.
  await workspace.type('arping -c 1 198.51.100.11');
  await workspace.page.keyboard.press('Control+c');
  await expect(workspace.terminal('director')).toContainText('^C');
  await expect(workspace.terminal('director')).toHaveAttribute('data-commands', '3');

  await workspace.page.keyboard.press('Control+l');
  await expect(workspace.transcript).toHaveText('');
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

test('the keyboard can leave the terminal: Esc then Tab, or Shift+Tab', async ({ workspace }) => {
  const textarea = workspace.terminal('client').locator('.xterm-helper-textarea');
  await workspace.focusTerminal();
  await workspace.page.keyboard.press('Tab');
  await expect(textarea).toBeFocused();
  await workspace.page.keyboard.press('Escape');
  await workspace.page.keyboard.press('Tab');
  await expect(textarea).not.toBeFocused();
  await workspace.focusTerminal();
  await workspace.page.keyboard.press('Shift+Tab');
  await expect(textarea).not.toBeFocused();
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
  await expect(workspace.page.getByRole('button', { name: '单步' })).toBeVisible();
});

test('the capture downloads as a pcapng file', async ({ workspace }, testInfo) => {
  await workspace.run('arping -c 2 -I eth0 198.51.100.100');
  const download = workspace.page.waitForEvent('download');
  await workspace.page.getByTestId('export-pcapng').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pcapng$/);
  const path = testInfo.outputPath('capture.pcapng');
  await file.saveAs(path);
  const bytes = readFileSync(path);
  // Section Header Block type, then the byte-order magic 0x1a2b3c4d (little-endian).
  expect([...bytes.subarray(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
  expect([...bytes.subarray(8, 12)]).toEqual([0x4d, 0x3c, 0x2b, 0x1a]);
  await expect(workspace.page.getByRole('status').filter({ hasText: 'Saved 4 frames' })).toBeVisible();
});

test('frames on the topology are buttons that select the frame', async ({ workspace }, testInfo) => {
  await workspace.run('arping -c 1 -I eth0 198.51.100.100');
  // At 1× a frame takes most of a second to cross; catch the first one in flight.
  const marker = workspace.topology.getByRole('button').first();
  await expect(marker).toHaveAccessibleName(/ARP request|ARP reply/);
  await marker.focus();
  await workspace.page.keyboard.press('Enter');
  await expect(workspace.page.locator('[data-testid="frames"] button[aria-pressed="true"]')).toHaveCount(1);
  await workspace.page.getByText('Topology as text').click();
  await expect(workspace.page.getByTestId('recent-frames')).toContainText('client');
  await workspace.screenshot(testInfo, 'topology-text-twin');
});

test('the what-if view replays the same commands with one change', async ({ workspace }, testInfo) => {
  await workspace.setSpeed('instant');
  await workspace.run('arping -c 1 -I eth0 198.51.100.100');
  await workspace.page.getByRole('button', { name: 'What if…' }).click();
  const whatIf = workspace.page.getByTestId('whatif');
  await whatIf.getByLabel('On host').selectOption('rs1');
  await whatIf.getByLabel('Change (a command)').fill('sysctl -w net.ipv4.conf.all.arp_ignore=0');
  await whatIf.getByRole('button', { name: 'Fork and replay' }).click();
  // Without arp_ignore, rs1 answers for the VIP on its lo too: one more reply on the wire.
  await expect(whatIf.getByTestId('whatif-actual')).toContainText('Frames: 2');
  await expect(whatIf.getByTestId('whatif-forked')).toContainText('Frames: 3');
  await expect(whatIf.getByTestId('whatif-forked')).toContainText('Reply 198.51.100.100 is-at 02:00:00:00:00:11');
  // The learner's lab is untouched.
  await expect(workspace.frames).toHaveCount(2);
  await whatIf.scrollIntoViewIfNeeded();
  await workspace.screenshot(testInfo, 'what-if');

  await whatIf.getByLabel('Change (a command)').fill('sysctl -w net.ipv4.conf.all.arp_ignor=0');
  await whatIf.getByRole('button', { name: 'Fork and replay' }).click();
  await expect(whatIf.getByRole('alert')).toContainText('arp_ignor');
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
  await workspace.setSpeed('instant');
  await workspace.selectHost('director');
  await workspace.run('ipvsadm -A -t 198.51.100.100:80 -s rr');
  await workspace.run('ipvsadm -a -t 198.51.100.100:80 -r 198.51.100.11 -g');
  await workspace.run('ipvsadm -a -t 198.51.100.100:80 -r 198.51.100.12 -g');
  const ipvs = workspace.page.getByTestId('ipvs-director');
  await expect(ipvs).toContainText('198.51.100.11:80 (rs1)');
  await workspace.selectHost('client');
  for (let i = 0; i < 3; i++) await workspace.run('curl -s http://198.51.100.100/');
  await workspace.selectHost('director');
  // Round robin over two servers: 2 + 1 connections, in the table and on the chart.
  await expect(ipvs.getByRole('img')).toHaveAccessibleName(/Connections per real server/);
  const totals = await ipvs.locator('tbody tr td:last-child').allTextContents();
  expect(totals.map(Number).sort()).toEqual([1, 2]);
  await expect(workspace.page.getByTestId('sysctls-rs1')).toHaveCount(0);
  await workspace.selectHost('rs1');
  await expect(workspace.page.getByTestId('sysctls-rs1')).toContainText('1 = max(all=1, eth0=0)');
  await workspace.selectHost('director');
  await workspace.page.getByTestId('details-director').scrollIntoViewIfNeeded();
  await workspace.screenshot(testInfo, 'ipvs-director');
});

test('a lab behind a router: two buses, the router between them, frames on both', async ({ workspace }, testInfo) => {
  const { page } = workspace;
  const scenario = readFileSync('src-sim/lessons/curriculum/base-lab.json');
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
