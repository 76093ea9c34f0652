// The workspace at 1280x720 first (issue 14, item 2), and at 1920x1080 and
// 200 % zoom: the task panel with Verify and its result always in view, the
// terminal the largest element and at least 80 columns, no text under 12 px,
// host tabs that wrap, and splitters whose sizes are remembered.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, requireChromium, webTest as test } from './fixtures.ts';
import { LayoutPage } from './pages/layout-page.ts';
import { LessonsPage } from './pages/lessons-page.ts';

requireChromium(test);

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

for (const size of [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1920x1080', width: 1920, height: 1080 },
]) {
  for (const lang of ['en', 'zh-CN'] as const) {
    test.describe(`${size.name} ${lang}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test('a lesson: Verify and its result in view while typing, the terminal largest and >= 80 columns, no text under 12 px', async ({ workspace, page }, testInfo) => {
        test.setTimeout(120_000);
        const layout = new LayoutPage(page);
        const lessons = new LessonsPage(page);
        if (lang === 'zh-CN') await workspace.switchLanguage('zh-CN');
        // The routed lab of the ARP lessons: six hosts' tabs (client, router, director, rs1, rs2).
        await lessons.open('arp-ignore');
        const verify = lessons.dock.getByRole('button', { name: /^(Verify|验证)$/ });
        const columns = await layout.terminalColumns();
        const areas = await layout.areas();
        testInfo.annotations.push({ type: 'measured', description: `${size.name} ${lang}: terminal ${columns} columns; visible areas ${areas.map((a) => `${a.name} ${a.area}`).join(', ')}` });
        expect(columns).toBeGreaterThanOrEqual(80);
        expect(areas[0]!.name).toBe('terminal');
        await expect(verify).toBeInViewport();
        // Host tabs stay in their column.
        const tabs = await page.getByRole('tablist', { name: /^(Hosts|主机)$/ }).boundingBox();
        const column = await page.locator('#pane-left').boundingBox();
        expect(tabs!.x + tabs!.width).toBeLessThanOrEqual(column!.x + column!.width + 1);

        for (const host of ['rs1', 'rs2']) {
          await workspace.selectHost(host);
          await workspace.run('sysctl -w net.ipv4.conf.all.arp_ignore=1');
          await expect(verify).toBeInViewport();
        }
        await verify.click();
        await expect(lessons.dock).toHaveAttribute('data-state', 'passed');
        await expect(page.getByTestId('lesson-summary')).toBeInViewport();
        const smallest = await layout.smallestText();
        testInfo.annotations.push({ type: 'measured', description: `smallest text ${smallest.size} px: ${smallest.where}` });
        expect(smallest.size, smallest.where).toBeGreaterThanOrEqual(12);
        await workspace.screenshot(testInfo, `layout-${size.name}-${lang}-lesson`);
        expect(await seriousViolations(page)).toEqual([]);
      });
    });
  }
}

test.describe('splitters', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the keyboard resizes the panes and the sizes are remembered after a reload', async ({ workspace, page }) => {
    const layout = new LayoutPage(page);
    const before = Number(await layout.columnSplitter.getAttribute('aria-valuenow'));
    await layout.columnSplitter.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(layout.columnSplitter).toHaveAttribute('aria-valuenow', String(before - 32));
    const top = Number(await layout.topologySplitter.getAttribute('aria-valuenow'));
    await layout.topologySplitter.focus();
    await page.keyboard.press('Shift+ArrowDown');
    await expect(layout.topologySplitter).toHaveAttribute('aria-valuenow', String(top + 64));
    const width = (await page.locator('#pane-left').boundingBox())!.width;
    await page.reload();
    await workspace.ready();
    await expect(layout.columnSplitter).toHaveAttribute('aria-valuenow', String(before - 32));
    await expect(layout.topologySplitter).toHaveAttribute('aria-valuenow', String(top + 64));
    expect((await page.locator('#pane-left').boundingBox())!.width).toBeCloseTo(width, 0);
  });
});

test.describe('200 % zoom at 1280x720', () => {
  // 1280x720 device pixels at a zoom of 2: 640x360 CSS pixels.
  test.use({ viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 });

  test('the lesson panel and its Verify are on screen above the lab, the terminal below', async ({ workspace, page }, testInfo) => {
    const lessons = new LessonsPage(page);
    await lessons.open('vip-netmask');
    await expect(lessons.dock.getByRole('button', { name: 'Verify' })).toBeInViewport();
    await workspace.screenshot(testInfo, 'layout-zoom200-lesson');
    await workspace.run('echo typed');
    await expect(workspace.transcript).toContainText('typed');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
