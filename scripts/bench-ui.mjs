#!/usr/bin/env node
// `npm run bench:ui`: the workspace in Debian's Chromium, built for the web.
// Prints (does not assert):
//   - time from navigation to an interactive workspace (the first terminal
//     accepts input), median of several cold loads (goal < 1 s);
//   - the longest main-thread task (PerformanceObserver 'longtask') while
//     100 frames are animated on the topology (goal < 50 ms), and separately
//     the task that ran the command (the simulator runs it synchronously).
// Builds into out/web-bench so it never races with other builds of out/web.
// Functions passed to page.evaluate and addInitScript run in the page.
/* global window, document, MutationObserver, requestAnimationFrame */
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'web-bench');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const LOADS = 7;

if (!existsSync(CHROMIUM)) {
  console.error(`bench:ui needs Chromium at ${CHROMIUM} (apt-get install chromium)`);
  process.exit(1);
}

const build = spawnSync('npx', ['vite', 'build', '--config', 'vite.web.config.ts', '--outDir', outDir, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };
const server = createServer((req, res) => {
  const path = normalize(join(outDir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
  const file = path.endsWith(sep) ? join(path, 'index.html') : path;
  if (!file.startsWith(outDir) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

// Records when the first terminal's input appears, and every long task.
const INIT = () => {
  window.__bench = { interactiveAt: null, longtasks: [], frameGaps: [] };
  // Gaps between painted frames: the long-task figure's visible counterpart.
  let last = null;
  const tick = (t) => {
    if (last !== null) window.__bench.frameGaps.push({ at: t, gap: t - last });
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const check = () => {
    if (window.__bench.interactiveAt === null && document.querySelector('.xterm-helper-textarea') && document.querySelector('[role="tablist"]')) {
      window.__bench.interactiveAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
};

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
try {
  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.addInitScript(INIT);
    await page.goto(url);
    await page.waitForFunction(() => window.__bench.interactiveAt !== null);
    loads.push(await page.evaluate(() => window.__bench.interactiveAt));
    await context.close();
  }
  loads.sort((a, b) => a - b);
  const median = loads[Math.floor(loads.length / 2)];
  console.log(`navigation → interactive workspace: median ${median.toFixed(0)} ms, min ${loads[0].toFixed(0)} ms, max ${loads[loads.length - 1].toFixed(0)} ms over ${LOADS} cold loads (goal < 1000 ms)`);

  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(INIT);
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.interactiveAt !== null);
  // 10×: arping -c 50 puts 100 frames on the wire, one per 100 ms of display time.
  await page.getByRole('radio', { name: '10×' }).locator('xpath=..').click();
  await page.locator('[data-testid="terminal-client"] .xterm-helper-textarea').focus();
  await page.keyboard.type('arping -c 50 -I eth0 198.51.100.100');
  const commandStart = await page.evaluate(() => performance.now());
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="terminal-client"]')?.getAttribute('data-commands') === '1');
  const animationStart = await page.evaluate(() => performance.now());
  const frames = await page.evaluate(() => document.querySelector('[data-testid="time-status"]')?.textContent ?? '');
  await page.waitForFunction(() => /^(\d+) of \1 frames/.test(document.querySelector('[data-testid="time-status"]')?.textContent ?? ''), null, { timeout: 60_000 });
  // Let the last frame land.
  await page.waitForTimeout(300);
  const { tasks, end, gaps } = await page.evaluate(() => ({ tasks: window.__bench.longtasks, end: performance.now(), gaps: window.__bench.frameGaps }));
  const during = tasks.filter((t) => t.start >= animationStart);
  const command = tasks.filter((t) => t.start >= commandStart && t.start < animationStart);
  const longest = during.reduce((m, t) => Math.max(m, t.duration), 0);
  console.log(`frames the command put on the wire: ${/of (\d+) frames/.exec(frames)?.[1] ?? '?'}; their animation took ${((end - animationStart) / 1000).toFixed(1)} s at 10×`);
  console.log(
    `longest main-thread task while 100 frames were animated: ${during.length === 0 ? 'none over 50 ms (no long task)' : `${longest.toFixed(0)} ms (${during.length} long tasks)`} (goal < 50 ms)`,
  );
  const animationGaps = gaps.filter((g) => g.at >= animationStart).map((g) => g.gap).sort((a, b) => a - b);
  const p = (q) => animationGaps[Math.min(animationGaps.length - 1, Math.floor(q * animationGaps.length))] ?? 0;
  console.log(`animation frames: ${animationGaps.length}, gap median ${p(0.5).toFixed(1)} ms, p99 ${p(0.99).toFixed(1)} ms, longest ${p(1).toFixed(1)} ms`);
  console.log(`running the command itself (simulator, synchronous): ${command.length === 0 ? 'no long task' : `${Math.max(...command.map((t) => t.duration)).toFixed(0)} ms`}`);
  await context.close();
} finally {
  await browser.close();
  server.close();
}
