// A learner completes a lesson in the browser build: a hint, a wrong attempt
// with the simulator's message, the right fix, the debrief; the progress is
// still there after a reload.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, requireChromium, webTest as test } from './fixtures.ts';
import { LessonsPage } from './pages/lessons-page.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

test.describe('guided lessons', () => {
  requireChromium(test);

  test('arp_ignore lesson from the list to the debrief, progress kept across a reload', async ({ workspace, page }) => {
    const lessons = new LessonsPage(page);
    await lessons.openList();
    await expect(lessons.progress).toHaveText(/^0 of \d+ passed$/);
    await expect(lessons.item('arp-ignore')).toHaveAttribute('data-passed', 'false');

    await lessons.start('arp-ignore');
    await expect(lessons.dock.getByRole('heading', { name: '3. arp_ignore: who answers ARP for the VIP' })).toBeVisible();

    await lessons.showHint();
    await expect(lessons.hints()).toHaveCount(1);
    await expect(lessons.hints().first()).toContainText('arping -c 1 -I eth0 198.51.100.100');

    // The wrong fix many tutorials give: conf.lo only.
    for (const host of ['rs1', 'rs2']) {
      await workspace.selectHost(host);
      await workspace.run('sysctl -w net.ipv4.conf.lo.arp_ignore=1');
    }
    await lessons.verify();
    const arp = lessons.check('only-director-answers-arp');
    await expect(arp).toHaveAttribute('data-pass', 'false');
    await expect(arp).toContainText('rs1, rs2 should not answer');
    await expect(arp).toContainText('198.51.100.100 is on lo; arp_ignore allows it');
    await expect(lessons.dock).toHaveAttribute('data-state', 'working');
    // The results follow a language switch.
    await workspace.switchLanguage('zh-CN');
    await expect(arp).toContainText('rs1、rs2 不应应答');
    await workspace.switchLanguage('en');
    await expect(arp).toContainText('rs1, rs2 should not answer');

    // The fix the kernel honours: conf.all (max of all and eth0).
    for (const host of ['rs1', 'rs2']) {
      await workspace.selectHost(host);
      await workspace.run('sysctl -w net.ipv4.conf.all.arp_ignore=1');
    }
    await lessons.verify();
    await expect(lessons.dock).toHaveAttribute('data-state', 'passed');
    await expect(arp).toHaveAttribute('data-pass', 'true');
    await expect(lessons.results.locator('li[data-pass="false"]')).toHaveCount(0);
    await lessons.openDebrief();
    await expect(page.getByTestId('lesson-debrief')).toContainText('conf.lo.arp_ignore=1');

    await page.reload();
    await workspace.ready();
    await lessons.openList();
    await expect(lessons.item('arp-ignore')).toHaveAttribute('data-passed', 'true');
    await expect(lessons.progress).toHaveText(/^1 of \d+ passed$/);
  });

  test('corrupt saved progress is kept aside and reported, and the list still works', async ({ workspace, page }) => {
    // Half-written progress, as after a crash mid-write in an older version.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('lvs-dr-lab', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('documents');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('documents', 'readwrite');
            tx.objectStore('documents').put('{"version":1,"lessons":{"arp-ignore":{"pass', 'lesson-progress');
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.reload();
    await workspace.ready();
    const lessons = new LessonsPage(page);
    await lessons.openList();
    await expect(page.getByTestId('lesson-notice')).toContainText('was kept aside as lesson-progress.corrupt-1');
    await expect(lessons.progress).toHaveText(/^0 of \d+ passed$/);
    const kept = await page.evaluate(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const open = indexedDB.open('lvs-dr-lab', 1);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const get = open.result.transaction('documents').objectStore('documents').get('lesson-progress.corrupt-1');
            get.onsuccess = () => resolve(get.result);
            get.onerror = () => reject(get.error);
          };
        }),
    );
    expect(kept).toBe('{"version":1,"lessons":{"arp-ignore":{"pass');
  });

  test('show solution types the reference commands into the terminals, and the lab then passes', async ({ workspace, page }) => {
    const lessons = new LessonsPage(page);
    await lessons.openList();
    expect(await seriousViolations(page)).toEqual([]);
    await lessons.start('vip-netmask');
    // The replay (a fresh lab booted in the labs' worker, then one command) lasts well under a
    // second: the page records the dock's states, so a slow poll cannot miss 'replaying'.
    await page.evaluate(() => {
      const dock = document.querySelector('[data-testid="lesson-dock"]')!;
      const seen: string[] = [];
      (window as unknown as { dockStates: string[] }).dockStates = seen;
      new MutationObserver(() => seen.push(dock.getAttribute('data-state') ?? '')).observe(dock, { attributes: true, attributeFilter: ['data-state'] });
    });
    await lessons.showSolution();
    await expect(lessons.dock).toHaveAttribute('data-state', 'working', { timeout: 10_000 });
    await expect.poll(() => page.evaluate(() => (window as unknown as { dockStates: string[] }).dockStates)).toEqual(['replaying', 'working']);
    await expect(lessons.dock).toContainText('You saw the reference solution for this lesson.');
    await workspace.selectHost('rs1');
    await expect(workspace.transcript).toContainText('ifconfig lo:0 198.51.100.100 netmask 255.255.255.255 up');
    await lessons.verify();
    await expect(lessons.dock).toHaveAttribute('data-state', 'passed');
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe('kernel reference', () => {
  requireChromium(test);

  /** The id of a section's heading, as the view makes it: "§9.2" → "ref-s9-2". */
  const anchor = (key: string): string => `#ref-${key.replace('§', 's').replace(/\./g, '-')}`;

  test('reached by keyboard, every section and experiment in en and zh-CN, and a debrief citation opens its section', async ({ workspace, page }) => {
    await page.getByRole('button', { name: 'Kernel reference' }).focus();
    await page.keyboard.press('Enter');
    const reference = page.getByTestId('reference');
    await expect(page.locator('#reference-heading')).toBeFocused();
    const keys = await reference.locator('[data-section]').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-section')));
    const expected = [...Array.from({ length: 10 }, (_, i) => `§${i + 1}`), ...Array.from({ length: 12 }, (_, i) => `E${i + 1}`)];
    expect(keys).toEqual(expect.arrayContaining(expected));

    // The table of contents by keyboard: Enter on an entry moves the focus to that section.
    await reference.getByRole('link', { name: /^E4 / }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator(anchor('E4'))).toBeFocused();
    await expect(page.locator(anchor('E4'))).toBeInViewport();
    expect(await seriousViolations(page)).toEqual([]);

    const english = await page.locator(anchor('§2')).textContent();
    await workspace.switchLanguage('zh-CN');
    await expect(page.getByRole('button', { name: '内核参考' })).toBeVisible();
    await expect(page.locator(anchor('§2'))).toContainText('arp_ignore');
    await expect(page.locator(anchor('§2'))).not.toHaveText(english!);
    await expect(reference.getByRole('navigation', { name: '目录' })).toBeVisible();
    await workspace.switchLanguage('en');

    // A lesson's debrief cites sections; following one opens the reference there.
    const lessons = new LessonsPage(page);
    await lessons.open('vip-netmask');
    await lessons.showSolution();
    await expect(lessons.dock).toHaveAttribute('data-state', 'working', { timeout: 10_000 });
    await lessons.verify();
    await expect(lessons.dock).toHaveAttribute('data-state', 'passed');
    await lessons.openDebrief();
    const citation = page.getByTestId('lesson-citations').getByRole('link').first();
    const cited = (await citation.textContent())!.trim();
    await expect(citation).toHaveAccessibleName(`Open ${cited} in the kernel reference`);
    await citation.focus();
    await page.keyboard.press('Enter');
    await expect(reference).toBeVisible();
    await expect(page.locator(anchor(cited))).toBeFocused();
    await expect(page.locator(anchor(cited))).toBeInViewport();
  });
});
