// The journeys both projects run (e2e/workspace.spec.ts in the browser build,
// e2e/electron.spec.ts in the desktop app: every exported …Journey). Each
// takes the page object and the test's info; where the builds differ (saving
// a file, menu accelerators) the page object or `workspace.desktop` says how.
// smokeJourney: terminals on two hosts, ARP and the neighbour tables,
// stepping through frames, a frame's decode and explanation, the language
// switch and reset.
import type { TestInfo } from '@playwright/test';
import { runScenarioWithLab } from '../src-sim/scenario/run.ts';
import { parseScenarioText } from '../src-sim/schema/scenario.ts';
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

/**
 * History with the arrow keys, Tab completion of commands, sysctl keys and
 * interfaces, Ctrl+C dropping a half-typed line and Ctrl+L clearing the screen.
 */
export async function terminalEditingJourney(workspace: WorkspacePage, _testInfo: TestInfo): Promise<void> {
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
}

/**
 * The terminal is no keyboard trap: Esc then Tab, or Shift+Tab, moves on.
 */
export async function leaveTerminalJourney(workspace: WorkspacePage, _testInfo: TestInfo): Promise<void> {
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
}

/**
 * Host tabs follow the arrow keys, Home and End.
 */
export async function hostTabsKeyboardJourney(workspace: WorkspacePage, _testInfo: TestInfo): Promise<void> {
  await workspace.hostTab('client').focus();
  await workspace.page.keyboard.press('ArrowRight');
  await expect(workspace.hostTab('director')).toBeFocused();
  await expect(workspace.hostTab('director')).toHaveAttribute('aria-selected', 'true');
  await workspace.page.keyboard.press('End');
  await expect(workspace.hostTab('rs2')).toHaveAttribute('aria-selected', 'true');
}

/**
 * The capture saved as pcapng (a download in the browser, the save dialog on the desktop).
 */
export async function captureExportJourney(workspace: WorkspacePage, testInfo: TestInfo): Promise<void> {
  await workspace.run('arping -c 2 -I eth0 198.51.100.100');
  const file = await workspace.savedFile(() => workspace.page.getByTestId('export-pcapng').click(), testInfo);
  expect(file.suggestedName).toMatch(/\.pcapng$/);
  const bytes = file.bytes;
  // Section Header Block type, then the byte-order magic 0x1a2b3c4d (little-endian).
  expect([...bytes.subarray(0, 4)]).toEqual([0x0a, 0x0d, 0x0d, 0x0a]);
  expect([...bytes.subarray(8, 12)]).toEqual([0x4d, 0x3c, 0x2b, 0x1a]);
  await expect(workspace.page.getByRole('status').filter({ hasText: 'Saved 4 frames' })).toBeVisible();
}

/**
 * Frames moving along the topology are buttons that select the frame; the text twin lists them.
 */
export async function topologyFramesJourney(workspace: WorkspacePage, testInfo: TestInfo): Promise<void> {
  // The line runs in the labs' worker and its frames reach the page when it ends: the
  // playback waits (paused) until the test has seen the line end. At 1× a frame takes most
  // of a second to cross, less than a loaded machine may take between two test steps, so the
  // page itself plays and pauses again as soon as the first frame is on its way: it stays in flight.
  await workspace.pause();
  await workspace.run('arping -c 1 -I eth0 198.51.100.100');
  await workspace.page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const topology = document.querySelector('[data-testid="topology"]')!;
        const playPause = (): HTMLButtonElement => document.querySelector('button[aria-keyshortcuts="Alt+P"]')!;
        const observer = new MutationObserver(() => {
          if (!topology.querySelector('[role="button"], button')) return;
          observer.disconnect();
          playPause().click();
          resolve();
        });
        observer.observe(topology, { subtree: true, childList: true });
        playPause().click();
      }),
  );
  await expect(workspace.page.getByRole('button', { name: /^(Play|播放)$/ })).toBeVisible();
  const marker = workspace.topology.getByRole('button').first();
  await expect(marker).toHaveAccessibleName(/ARP request|ARP reply/);
  await marker.focus();
  await workspace.page.keyboard.press('Enter');
  await expect(workspace.page.locator('[data-testid="frames"] button[aria-pressed="true"]')).toHaveCount(1);
  await workspace.page.getByText('Topology as text').click();
  await expect(workspace.page.getByTestId('recent-frames')).toContainText('client');
  await workspace.screenshot(testInfo, 'topology-text-twin');
}

/**
 * What if: the same commands replayed on a fork with one change; a refused change is explained.
 */
export async function whatIfJourney(workspace: WorkspacePage, testInfo: TestInfo): Promise<void> {
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
}

/**
 * The director's IPVS table and connection chart follow real traffic; rs1's effective arp_ignore.
 */
export async function ipvsViewJourney(workspace: WorkspacePage, testInfo: TestInfo): Promise<void> {
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
}

/**
 * Time controls: the replay plays at first; Alt+P pauses and plays and Alt+N
 * steps one frame, even from inside a terminal (which never sees the keys);
 * 10× plays a new command's frames through; reset goes back to lab time 0.
 */
export async function timeControlsJourney(workspace: WorkspacePage, _testInfo: TestInfo): Promise<void> {
  const { page } = workspace;
  const pauseButton = page.getByRole('button', { name: 'Pause', exact: true });
  const playButton = page.getByRole('button', { name: 'Play', exact: true });
  const stepButton = page.getByRole('button', { name: 'Step', exact: true });
  await expect(pauseButton).toBeVisible();
  await expect(workspace.timeStatus).toHaveText('0 of 0 frames shown · lab time 0.000 s');

  await workspace.focusTerminal();
  await page.keyboard.press('Alt+p');
  await expect(playButton).toBeVisible();
  await expect.poll(() => workspace.currentLine()).toBe('');
  await workspace.run('arping -c 1 -I eth0 198.51.100.100');
  await expect(workspace.timeStatus).toContainText('0 of 2 frames shown');
  await expect(workspace.timeStatus).not.toContainText('lab time 0.000 s');
  await expect(stepButton).toBeEnabled();
  await page.keyboard.press('Alt+n');
  await expect(workspace.timeStatus).toContainText('1 of 2 frames shown');
  await expect(workspace.frames).toHaveCount(1);
  await expect(workspace.frames.first()).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Alt+n');
  await expect(workspace.timeStatus).toContainText('2 of 2 frames shown');
  await expect(workspace.frames.nth(1)).toHaveAttribute('aria-pressed', 'true');
  await expect(stepButton).toBeDisabled();
  await expect.poll(() => workspace.currentLine()).toBe('');

  // Playing at 10×, a ping's ARP and ICMP frames all show without a step.
  await workspace.setSpeed('10×');
  await page.keyboard.press('Alt+p');
  await expect(pauseButton).toBeVisible();
  await workspace.run('ping -c 1 198.51.100.11');
  await expect(workspace.timeStatus).toContainText('6 of 6 frames shown');
  await expect(workspace.frames).toHaveCount(6);

  // Paused again with the button: the next command's frames wait.
  await pauseButton.click();
  await workspace.run('arping -c 1 -I eth0 198.51.100.100');
  await expect(workspace.timeStatus).toContainText('6 of 8 frames shown');
  await stepButton.click();
  await expect(workspace.timeStatus).toContainText('7 of 8 frames shown');

  await workspace.reset();
  await expect(workspace.timeStatus).toHaveText('0 of 0 frames shown · lab time 0.000 s');
  await expect(workspace.frames).toHaveCount(0);
}

/**
 * The CSP (style-src 'self') stays strict around the terminal: xterm colours
 * selected cells through CSSOM without a violation, while a style attribute
 * set on any other span (one on the page, one put inside the terminal) is
 * still refused (terminal/csp-styles.ts).
 */
export async function cspCellStylesJourney(workspace: WorkspacePage, _testInfo: TestInfo): Promise<void> {
  const { page } = workspace;
  await page.evaluate(() => {
    const seen: Array<{ directive: string; policy: string }> = [];
    (window as unknown as { cspViolations: typeof seen }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push({ directive: event.effectiveDirective, policy: event.originalPolicy }));
  });
  // The page is under two identical-but-for-framing policies when served with headers (the header's, with
  // frame-ancestors, and the <meta> one the build keeps for hosts that send none): each reports every
  // violation, so the expectations below hold for each policy in force.
  const violationsByPolicy = (): Promise<string[][]> =>
    page.evaluate(() => {
      const byPolicy = new Map<string, string[]>();
      for (const v of (window as unknown as { cspViolations: Array<{ directive: string; policy: string }> }).cspViolations) byPolicy.set(v.policy, [...(byPolicy.get(v.policy) ?? []), v.directive]);
      return [...byPolicy.values()];
    });

  await workspace.selectHost('client');
  await workspace.run('hostname');
  const box = (await workspace.visibleTerminal.locator('.xterm-screen').boundingBox())!;
  await page.mouse.move(box.x + 2, box.y + 6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 4, box.y + 8, { steps: 5 });
  await page.mouse.up();
  // Selected cells get xterm's selection background (set through CSSOM).
  await expect(workspace.visibleTerminal.locator('.xterm-rows span[style*="background-color"]').first()).toBeAttached();
  expect(await violationsByPolicy()).toEqual([]);

  workspace.expectedConsoleErrors.push(/inline style/i);
  const colours = await page.evaluate(() => {
    const outside = document.createElement('span');
    document.body.append(outside);
    const inside = document.createElement('span');
    document.querySelector('.xterm-rows')!.append(inside);
    const result = [outside, inside].map((span) => {
      span.setAttribute('style', 'color: rgb(255, 0, 0)');
      return getComputedStyle(span).color;
    });
    outside.remove();
    inside.remove();
    return result;
  });
  expect(colours).toHaveLength(2);
  expect(colours).not.toContain('rgb(255, 0, 0)');
  await expect.poll(async () => {
    const lists = await violationsByPolicy();
    return lists.length > 0 && lists.every((directives) => JSON.stringify(directives) === JSON.stringify(['style-src-attr', 'style-src-attr']));
  }).toBe(true);
}

/**
 * `vi FILE` opens the editor panel in place of the terminal (keyboard only):
 * i, type, Esc, :wq saves through the lab; `cat FILE` shows it.
 */
export async function editorJourney(workspace: WorkspacePage, testInfo: TestInfo): Promise<void> {
  await workspace.selectHost('rs1');
  await workspace.run('vi /root/lvs_rs.sh');
  const editor = workspace.page.getByTestId('editor-rs1');
  const text = editor.getByRole('textbox', { name: /lvs_rs\.sh/ });
  await expect(text).toBeFocused();
  await expect(editor.getByTestId('editor-status')).toHaveText('"/root/lvs_rs.sh" [New]');
  // Normal mode: typing is not inserted until i.
  await workspace.page.keyboard.press('x');
  await expect(text).toHaveValue('');
  await workspace.page.keyboard.press('i');
  await expect(editor.getByTestId('editor-status')).toHaveText('-- INSERT --');
  await workspace.page.keyboard.type('VIP=198.51.100.100\necho $VIP\n');
  await workspace.page.keyboard.press('Escape');
  await workspace.page.keyboard.type(':q');
  await workspace.page.keyboard.press('Enter');
  await expect(editor.getByTestId('editor-status')).toHaveText('E37: No write since last change (add ! to override)');
  await workspace.screenshot(testInfo, 'editor-vi');
  await workspace.page.keyboard.type(':wq');
  await workspace.page.keyboard.press('Enter');
  await expect(editor).toHaveCount(0);
  await workspace.run('cat /root/lvs_rs.sh');
  await expect(workspace.transcript).toContainText('VIP=198.51.100.100');
  await expect(workspace.transcript).toContainText('echo $VIP');
}

/** `nano FILE`: typing goes in at once, Ctrl+O writes, Ctrl+X exits; `cat FILE` shows it. */
export async function nanoJourney(workspace: WorkspacePage, _testInfo: TestInfo): Promise<void> {
  await workspace.selectHost('rs1');
  await workspace.run('nano /tmp/notes');
  const editor = workspace.page.getByTestId('editor-rs1');
  await expect(editor.getByRole('textbox', { name: /notes/ })).toBeFocused();
  await workspace.page.keyboard.type('written with nano');
  await workspace.page.keyboard.press('Control+o');
  await expect(editor.getByTestId('editor-status')).toHaveText('[ Wrote 1 line ]');
  await workspace.page.keyboard.press('Control+x');
  await expect(editor).toHaveCount(0);
  await workspace.run('cat /tmp/notes');
  await expect(workspace.transcript).toContainText('written with nano');
}
