// One context at a time (issue 14, item 3): a lesson, a challenge and a free
// lab each own the panel beside the lab; switching changes the panel, and
// Verify, Reset and Show solution act only on their own context's lab. Also
// the keyboard path (focus to the terminal, Ctrl+Enter), the confirm dialog,
// and that `_` shows in the terminal at 1x and 2x.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { generateChallenge } from '../src-sim/course/challenge/generate.ts';
import { expect, requireChromium, webTest as test } from './fixtures.ts';
import { ChallengePage } from './pages/challenge-page.ts';
import { ContextPanels } from './pages/context-panels.ts';
import { LessonsPage } from './pages/lessons-page.ts';
import { WorkspacePage } from './pages/workspace-page.ts';

requireChromium(test);

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

/** Types a line into the focused terminal and presses Enter; waits until it has run. */
async function typeLine(workspace: WorkspacePage, line: string): Promise<void> {
  const before = Number(await workspace.visibleTerminal.getAttribute('data-commands'));
  await workspace.page.keyboard.type(line);
  await workspace.page.keyboard.press('Enter');
  await expect(workspace.visibleTerminal).toHaveAttribute('data-commands', String(before + 1));
}

const SIZES = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1920x1080', width: 1920, height: 1080 },
] as const;

for (const size of SIZES) {
  for (const lang of ['en', 'zh-CN'] as const) {
    test.describe(`${size.name} ${lang}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test('lesson → challenge → free lab: each owns the panel and nothing acts on another\'s lab', async ({ workspace, page }, testInfo) => {
        // Three labs booted, four axe runs, eight screenshots on a shared machine.
        test.setTimeout(180_000);
        const panels = new ContextPanels(page);
        const lessons = new LessonsPage(page);
        const challenge = new ChallengePage(page);
        if (lang === 'zh-CN') await workspace.switchLanguage('zh-CN');
        const shot = (name: string) => workspace.screenshot(testInfo, `context-${size.name}-${lang}-${name}`);

        // At launch: a free lab, its panel offering the guided path.
        await panels.expectOnly('free');
        await shot('free-at-launch');
        expect(await seriousViolations(page)).toEqual([]);

        // A lesson: its panel, and the keyboard already in the terminal.
        await lessons.open('arp-ignore');
        await panels.expectOnly('lesson');
        await expect.poll(() => panels.focusedTerminal()).toBe('client');
        // Keyboard only: Alt+H shows a hint, then the fix typed on rs1 and rs2, then Ctrl+Enter (1 key after the last Enter).
        await page.keyboard.press('Alt+h');
        await expect(lessons.hints()).toHaveCount(1);
        for (const host of ['rs1', 'rs2']) {
          await workspace.selectHost(host);
          await workspace.focusTerminal();
          await typeLine(workspace, 'sysctl -w net.ipv4.conf.all.arp_ignore=1');
        }
        await panels.verifyByKey();
        await expect(lessons.dock).toHaveAttribute('data-state', 'passed');
        // Verify's outcome is in view beside the terminal, at this size too.
        await expect(page.getByTestId('lesson-summary')).toBeInViewport();
        await expect(lessons.dock.getByRole('button', { name: /^(Verify|验证)$/ })).toBeInViewport();
        // Hints stay readable after solving.
        await expect(lessons.hints()).toHaveCount(1);
        await shot('lesson-passed');
        expect(await seriousViolations(page)).toEqual([]);

        // A challenge replaces the lesson: its panel, its own lab (nothing the lesson typed), its Verify.
        const expected = generateChallenge(1, 1);
        await challenge.open();
        await challenge.start(1, 1);
        await panels.expectOnly('challenge');
        await expect(challenge.ticket).toContainText(expected.ticket[lang].replace(/`/g, ''));
        await expect(challenge.timer).toBeVisible();
        await workspace.selectHost('rs1');
        await expect(workspace.transcript).not.toContainText('arp_ignore=1');
        await panels.verifyByKey();
        await expect(challenge.result).toContainText(lang === 'en' ? 'Fault 1: not fixed' : '故障 1');
        await expect(challenge.result).toBeInViewport();
        // The lesson was left: the lesson list offers no "continue" into a lab it no longer owns.
        await shot('challenge');
        expect(await seriousViolations(page)).toEqual([]);
        await lessons.openList();
        await expect(lessons.item('arp-ignore')).toHaveAttribute('data-passed', 'true');
        await expect(page.getByRole('button', { name: /^(Back to lesson|回到第)/ })).toHaveCount(0);

        // Abandon: the lab stays, as a free lab; Ctrl+Enter there verifies nothing.
        await challenge.openLab();
        await challenge.dock.getByRole('button', { name: /^(Abandon|放弃)$/ }).click();
        await panels.expectOnly('free');
        await workspace.focusTerminal();
        await panels.verifyByKey();
        await expect(challenge.result).toHaveCount(0);
        await expect(lessons.results).toHaveCount(0);
        await shot('free-after-challenge');
      });
    });
  }
}

test.describe('confirm before throwing work away', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('Show solution asks first (keyboard: Esc keeps the work), then lists the commands it typed', async ({ workspace, page }, testInfo) => {
    const panels = new ContextPanels(page);
    const lessons = new LessonsPage(page);
    await lessons.open('vip-netmask');
    await typeLine(workspace, 'echo mine');
    const solution = lessons.dock.getByRole('button', { name: 'Show solution' });
    await solution.focus();
    await page.keyboard.press('Enter');
    await expect(panels.confirm).toBeVisible();
    // The safe answer has the focus; Esc closes and nothing happens.
    await expect(panels.confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await workspace.screenshot(testInfo, 'context-confirm-solution');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(panels.confirm).not.toBeVisible();
    await expect(solution).toBeFocused();
    await expect(lessons.dock).toHaveAttribute('data-state', 'working');
    await expect(workspace.transcript).toContainText('echo mine');

    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(lessons.dock).toHaveAttribute('data-state', 'working', { timeout: 10_000 });
    const listed = page.getByTestId('lesson-solution');
    await expect(listed).toContainText('ifconfig lo:0 198.51.100.100 netmask 255.255.255.255 up');
    await panels.verifyByKey();
    await expect(lessons.dock).toHaveAttribute('data-state', 'passed');
  });
});

test.describe('the terminal glyph', () => {
  for (const scale of [1, 2]) {
    test.describe(`at ${scale}x`, () => {
      test.use({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: scale });

      test(`an underscore is drawn at ${scale}x`, async ({ workspace, page }, testInfo) => {
        await workspace.run('echo ________________');
        // The output row: xterm's rendered row holding only underscores.
        const row = workspace.visibleTerminal.locator('.xterm-rows > div', { hasText: /^_{16}\s*$/ });
        await expect(row).toHaveCount(1);
        await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
        const png = await row.screenshot({ path: testInfo.outputPath(`underscore-row-${scale}x.png`) });
        const box = (await row.boundingBox())!;
        const glyphs = await row.evaluate((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          const rect = range.getBoundingClientRect();
          return rect.width;
        });
        // Decode in a blank page (no CSP there): the brightest pixel row's lit width.
        const decoder = await page.context().newPage();
        const lit = await decoder.evaluate(async (b64) => {
          const img = new Image();
          img.src = `data:image/png;base64,${b64}`;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = img.width;
          canvas.height = img.height;
          const ctx = canvas.getContext('2d')!;
          ctx.drawImage(img, 0, 0);
          const { data } = ctx.getImageData(0, 0, img.width, img.height);
          let best = 0;
          for (let y = 0; y < img.height; y++) {
            let count = 0;
            for (let x = 0; x < img.width; x++) {
              const i = (y * img.width + x) * 4;
              // Text (#e6e6e6) against the background (#1e1e1e).
              if (data[i]! > 128 && data[i + 1]! > 128 && data[i + 2]! > 128) count++;
            }
            best = Math.max(best, count);
          }
          return best;
        }, png.toString('base64'));
        await decoder.close();
        testInfo.annotations.push({ type: 'measured', description: `${scale}x: row ${box.height.toFixed(1)} css px high, underscores ${glyphs.toFixed(1)} css px wide, ${lit} device pixels lit in the brightest pixel row` });
        // 16 underscores make one line at least 90 % as wide as the text.
        expect(lit).toBeGreaterThanOrEqual(Math.floor(glyphs * scale * 0.9));
      });
    });
  }
});
