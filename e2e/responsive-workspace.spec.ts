// Nothing a learner types freezes the window (issue 9, part 4): command lines
// run in the labs' Web Worker, the page stays responsive (no main-thread task
// over 50 ms) and Ctrl-C ends a running line within 100 ms of wall time.
import type { Browser, Page } from '@playwright/test';
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

/**
 * The page's main-thread tasks while `during` runs, from Chromium's trace:
 * `thread` is the CPU time each task took on that thread (ms). Unlike wall
 * time it does not grow when other processes share the cores.
 */
async function mainThreadTasks(browser: Browser, page: Page, during: () => Promise<void>): Promise<Array<{ wall: number; thread: number }>> {
  await browser.startTracing(page, { categories: ['disabled-by-default-devtools.timeline', 'toplevel'] });
  await during();
  const trace = JSON.parse((await browser.stopTracing()).toString()) as {
    traceEvents: Array<{ name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } }>;
  };
  const threadNames = new Map<string, string>();
  for (const e of trace.traceEvents) if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  return trace.traceEvents
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain')
    .map((e) => ({ wall: (e.dur ?? 0) / 1000, thread: (e.tdur ?? 0) / 1000 }));
}

function measured(page: Page): Promise<{ longTasks: number[]; ctrlCAt: number | null; caretCAt: number | null }> {
  return page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; ctrlCAt: number | null; caretCAt: number | null };
    return { longTasks: w.longTasks, ctrlCAt: w.ctrlCAt, caretCAt: w.caretCAt };
  });
}

test('a 100,000-iteration curl loop keeps the page responsive and Ctrl-C ends it within 100 ms', async ({ workspace, browser }, testInfo) => {
  test.setTimeout(180_000);
  const page = workspace.page;
  expect(await page.evaluate(() => crossOriginIsolated), 'served with COOP/COEP').toBe(true);
  await workspace.focusTerminal();
  // -i makes each answer about 250 bytes, so the output pushes the command line out of the
  // transcript's 200,000 characters long before the line's budget (src-sim/core/budget.ts) stops
  // the loop after about 19,000 curls.
  const loop = 'for i in $(seq 100000); do curl -s -i 198.51.100.100; done';
  await page.keyboard.type(loop);
  await page.keyboard.press('Enter');
  // Output streams in while the loop runs.
  await expect(workspace.transcript).toContainText('director', { timeout: 30_000 });
  // The page answers while the loop runs: another host's tab opens and back.
  await workspace.selectHost('rs1');
  await workspace.selectHost('client');
  await workspace.focusTerminal();
  // Two seconds of the loop running with the page left alone: no main-thread task over 50 ms
  // (observed from here: switching tabs above is the learner's own action, not the loop's).
  await observe(page, 'client');
  const tasks = await mainThreadTasks(browser, page, () => page.waitForTimeout(2000));
  const running = (await measured(page)).longTasks;
  // The budget ends the first loop with bash-like words; by then its output has pushed the command
  // line out of the transcript, and the terminal must still count the line and end it (this once
  // left data-commands at 0).
  await expect(workspace.visibleTerminal).toHaveAttribute('data-commands', '1', { timeout: 120_000 });
  await expect(workspace.transcript).toContainText("the lab shell's budget");
  await expect(workspace.transcript).not.toContainText(loop);
  // The same loop again, stopped by Ctrl-C a second into it (the budget needs several seconds).
  await page.keyboard.type(loop);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1000);
  const before = (await measured(page)).longTasks.length;
  const ending = await mainThreadTasks(browser, page, async () => {
    await page.keyboard.press('Control+C');
    await expect(workspace.visibleTerminal).toHaveAttribute('data-commands', '2');
  });
  const { longTasks, ctrlCAt, caretCAt } = await measured(page);
  const latency = caretCAt! - ctrlCAt!;
  const longestThread = Math.max(...tasks.map((t) => t.thread));
  const longestWall = Math.max(...tasks.map((t) => t.wall));
  const endingThread = Math.max(...ending.map((t) => t.thread));
  const load = `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
  const report = `Ctrl-C to ^C on screen: ${latency.toFixed(1)} ms; main-thread tasks over 2 s of the loop: ${tasks.length}, longest ${longestThread.toFixed(1)} ms of thread time (${longestWall.toFixed(1)} ms wall); long tasks (wall) while running: ${JSON.stringify(running)}, after Ctrl-C until the prompt: ${JSON.stringify(longTasks.slice(before))}, longest ${endingThread.toFixed(1)} ms of thread time; ${load}`;
  testInfo.annotations.push({ type: 'measured', description: report });
  console.log(report);
  expect(tasks.length, 'the trace saw the page\'s main thread').toBeGreaterThan(0);
  // The work the page does per task while the loop runs, whatever else runs on the machine.
  expect(longestThread).toBeLessThan(50);
  // Wall time (Ctrl-C's latency, a task's duration) also counts the time other processes held
  // the cores: on a machine running several times more threads than it has cores (this one
  // has run at a load of 30 on 2 cores) it is the machine's, not the page's, so it is asserted
  // only below that. The report above gives the figures either way.
  const overloaded = loadavg()[0]! > 2 * cpus().length;
  if (overloaded) testInfo.annotations.push({ type: 'wall-time rules not asserted', description: load });
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

test('without cross-origin isolation (a web server without COOP/COEP) Ctrl-C restarts the worker and the lab goes on from where the line got', async ({ workspace }) => {
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
  // The rebuilt worker replays the loop up to where it had got before the prompt returns.
  await workspace.interruptCurlLoop();
  // The replayed lab is the lab the loop left: the client has resolved the VIP.
  await workspace.run('ip neigh show 198.51.100.100');
  await expect(workspace.transcript).toContainText(/198\.51\.100\.100 dev eth0 lladdr [0-9a-f:]{17} (REACHABLE|STALE|DELAY)/);
});
