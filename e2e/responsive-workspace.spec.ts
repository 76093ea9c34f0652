// Nothing a learner types freezes the window (issue 9, part 4): command lines
// run in the labs' Web Worker, the page stays responsive (no main-thread task
// over 50 ms) and Ctrl-C ends a running line within 100 ms of wall time.
import type { Page } from '@playwright/test';
import { cpus, loadavg } from 'node:os';
import { expect, requireChromium, webTest as test } from './fixtures.ts';

requireChromium(test);
// Playwright's trace snapshots run on the page's main thread and would be measured as its long tasks.
test.use({ trace: 'off', screenshot: 'off' });

/** Starts recording main-thread long tasks (over 50 ms) and the wall time of Ctrl-C and of "^C" reaching the transcript. */
async function observe(page: Page, host: string): Promise<void> {
  await page.evaluate((host) => {
    const w = window as unknown as { longTasks: number[]; ctrlCAt: number | null; caretCAt: number | null };
    w.longTasks = [];
    w.ctrlCAt = null;
    w.caretCAt = null;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
    document.addEventListener('keydown', (event) => {
      if (event.ctrlKey && event.key.toLowerCase() === 'c' && w.ctrlCAt === null) w.ctrlCAt = performance.now();
    }, { capture: true });
    const transcript = document.querySelector(`[data-testid="transcript-${host}"]`)!;
    new MutationObserver(() => {
      if (w.caretCAt === null && w.ctrlCAt !== null && transcript.textContent!.includes('^C')) w.caretCAt = performance.now();
    }).observe(transcript, { subtree: true, childList: true, characterData: true });
  }, host);
}

function measured(page: Page): Promise<{ longTasks: number[]; ctrlCAt: number | null; caretCAt: number | null }> {
  return page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; ctrlCAt: number | null; caretCAt: number | null };
    return { longTasks: w.longTasks, ctrlCAt: w.ctrlCAt, caretCAt: w.caretCAt };
  });
}

test('a 100,000-iteration curl loop keeps the page responsive and Ctrl-C ends it within 100 ms', async ({ workspace }, testInfo) => {
  const page = workspace.page;
  expect(await page.evaluate(() => crossOriginIsolated), 'served with COOP/COEP').toBe(true);
  await workspace.focusTerminal();
  await page.keyboard.type('for i in $(seq 100000); do curl -s 198.51.100.100; done');
  await page.keyboard.press('Enter');
  // Output streams in while the loop runs.
  await expect(workspace.transcript).toContainText('director', { timeout: 30_000 });
  // The page answers while the loop runs: another host's tab opens and back.
  await workspace.selectHost('rs1');
  await workspace.selectHost('client');
  await workspace.focusTerminal();
  // Two seconds of the loop running with the page left alone: no main-thread task over 50 ms.
  await observe(page, 'client');
  await page.waitForTimeout(2000);
  const running = (await measured(page)).longTasks;
  await page.keyboard.press('Control+C');
  await expect(workspace.visibleTerminal).toHaveAttribute('data-commands', '1');
  const { longTasks, ctrlCAt, caretCAt } = await measured(page);
  const latency = caretCAt! - ctrlCAt!;
  const report = `Ctrl-C to ^C on screen: ${latency.toFixed(1)} ms; main-thread long tasks while running: ${JSON.stringify(running)}, after Ctrl-C until the prompt: ${JSON.stringify(longTasks.slice(running.length))}`;
  testInfo.annotations.push({ type: 'measured', description: report });
  console.log(report);
  // Both are wall time: on a machine running several times more threads than it has cores
  // every task is stretched, so the 100 ms and 50 ms rules are asserted only when it is not overloaded.
  const overloaded = loadavg()[0]! > 2 * cpus().length;
  if (overloaded) testInfo.annotations.push({ type: 'not asserted', description: `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores` });
  else {
    expect(latency).toBeLessThan(100);
    expect(running).toEqual([]);
  }
  await workspace.run('echo status $?');
  await expect(workspace.transcript).toContainText('status 130');
});

test('echo {1..1000}{1..1000}{1..1000} ends with bash\'s message and the tab survives', async ({ workspace }) => {
  await workspace.run('echo {1..1000}{1..1000}{1..1000}');
  await expect(workspace.transcript).toContainText(/bash: xmalloc: cannot allocate \d+ bytes/);
  await workspace.run('hostname');
  await expect(workspace.transcript).toContainText(/hostname\s*client/);
});

test('without cross-origin isolation (the packaged app loads file://) Ctrl-C restarts the worker and the lab goes on from where the line got', async ({ workspace }) => {
  const page = workspace.page;
  // The same build served without COOP/COEP: no shared memory between the page and the worker.
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    const headers = { ...response.headers() };
    delete headers['cross-origin-opener-policy'];
    delete headers['cross-origin-embedder-policy'];
    await route.fulfill({ response, headers });
  });
  await page.reload();
  await workspace.ready();
  expect(await page.evaluate(() => crossOriginIsolated), 'served without COOP/COEP').toBe(false);
  await workspace.focusTerminal();
  await page.keyboard.type('for i in $(seq 100000); do curl -s 198.51.100.100; done');
  await page.keyboard.press('Enter');
  await expect(workspace.transcript).toContainText('director', { timeout: 30_000 });
  await page.keyboard.press('Control+C');
  await expect(workspace.transcript).toContainText('^C');
  // The rebuilt worker replays the loop up to where it had got before the prompt returns.
  await expect(workspace.visibleTerminal).toHaveAttribute('data-commands', '1', { timeout: 60_000 });
  await workspace.run('echo status $?');
  await expect(workspace.transcript).toContainText('status 130');
  // The replayed lab is the lab the loop left: the client has resolved the VIP.
  await workspace.run('ip neigh show 198.51.100.100');
  await expect(workspace.transcript).toContainText(/198\.51\.100\.100 dev eth0 lladdr [0-9a-f:]{17} (REACHABLE|STALE|DELAY)/);
});
