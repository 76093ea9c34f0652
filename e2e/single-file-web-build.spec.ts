// The single-file build (out/web/lvs-dr-lab.html) as a classroom without a web
// server uses it: opened from file:// by double-click. No cross-origin isolation
// there, so Ctrl-C goes through the worker restart; documents in IndexedDB.
import { test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, requireChromium } from './fixtures.ts';
import { LessonsPage } from './pages/lessons-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';

requireChromium(test);

// `npm run build:web` (the web project's server command) writes it before the tests run.
const SINGLE_FILE = pathToFileURL(join(process.cwd(), 'out', 'web', 'lvs-dr-lab.html')).href;

/** Opens the file and collects console errors (CSP refusals among them) and requests other than the file itself. */
async function openSingleFile(page: Page): Promise<{ workspace: WorkspacePage; errors: string[]; requests: string[] }> {
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => void (r.url() !== SINGLE_FILE && !r.url().startsWith('blob:') && !r.url().startsWith('data:') && requests.push(r.url())));
  await page.goto(SINGLE_FILE);
  const workspace = new WorkspacePage(page);
  await workspace.ready();
  return { workspace, errors, requests };
}

test('opened from file://, it runs commands, stops a loop with Ctrl-C, verifies a lesson and keeps progress', async ({ page }) => {
  test.setTimeout(180_000);
  const { workspace, errors, requests } = await openSingleFile(page);
  expect(await page.evaluate(() => ({ origin: location.protocol, isolated: crossOriginIsolated }))).toEqual({ origin: 'file:', isolated: false });

  await workspace.run('hostname');
  await expect(workspace.transcript).toContainText(/hostname\s*client/);

  // Without shared memory, Ctrl-C restarts the inline (blob:) worker and replays the lab.
  await workspace.interruptCurlLoop();

  const lessons = new LessonsPage(page);
  await lessons.open('arp-ignore');
  for (const host of ['rs1', 'rs2']) {
    await workspace.selectHost(host);
    await workspace.run('sysctl -w net.ipv4.conf.all.arp_ignore=1');
  }
  await lessons.verify();
  await expect(lessons.dock).toHaveAttribute('data-state', 'passed');
  await workspace.screenshot(test.info(), 'single-file-lesson-passed');

  // The progress is in the browser's storage for this file.
  await page.reload();
  await workspace.ready();
  await lessons.openList();
  await expect(lessons.item('arp-ignore')).toHaveAttribute('data-passed', 'true');

  expect(errors, 'console errors (a CSP refusal is one)').toEqual([]);
  expect(requests, 'requests for anything but the file').toEqual([]);
});
