// The first hour (issue 14, item 1): on the first start the panel beside the
// free lab welcomes the learner with the DR packet path (an inline picture and
// its five steps in words) and offers the first lesson; the choice is
// remembered across a reload. Keyboard only, at 1280x720 and 1920x1080, en and zh-CN.
import { seriousViolations } from './axe.ts';
import { expect, requireChromium, webTest as test } from './fixtures.ts';
import { LessonsPage } from './pages/lessons-page.ts';
import { WelcomePage } from './pages/welcome-page.ts';

requireChromium(test);

const SIZES = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1920x1080', width: 1920, height: 1080 },
] as const;

const WORDS = {
  en: { start: /^Start with lesson 1: /, step3: 'only the MAC is rewritten', step4: 'not through the director', intro: '1. ' },
  'zh-CN': { start: /^从第 1 课开始：/, step3: '只改写 MAC', step4: '不经过 director', intro: '1. ' },
} as const;

for (const size of SIZES) {
  for (const lang of ['en', 'zh-CN'] as const) {
    test.describe(`${size.name} ${lang}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test('first start: the DR path and lesson 1 first, by keyboard; not offered again after a reload', async ({ workspace, page }, testInfo) => {
        test.setTimeout(120_000);
        const welcome = new WelcomePage(page);
        const lessons = new LessonsPage(page);
        const words = WORDS[lang];
        if (lang === 'zh-CN') await workspace.switchLanguage('zh-CN');

        await welcome.expectShown();
        await expect(welcome.steps.nth(2)).toContainText(words.step3);
        await expect(welcome.steps.nth(3)).toContainText(words.step4);
        await expect(welcome.startFirst).toHaveText(words.start);
        await expect(welcome.startFirst).toBeInViewport();
        await workspace.screenshot(testInfo, `welcome-${size.name}-${lang}`);
        expect(await seriousViolations(page)).toEqual([]);

        // Keyboard only: Tab to "Start with lesson 1", Enter, then Enter on "Start the lab".
        const presses = await welcome.tabTo(welcome.startFirst);
        testInfo.annotations.push({ type: 'tab presses to the first lesson', description: String(presses) });
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('lesson-intro')).toBeVisible();
        await expect(page.getByTestId('lesson-intro').getByRole('heading', { level: 2 })).toContainText(words.intro);
        const start = page.getByRole('button', { name: /^(Start the lab|开始实验)$/ });
        await welcome.tabTo(start);
        await page.keyboard.press('Enter');
        await expect(lessons.dock).toHaveAttribute('data-state', 'working');

        // Remembered: after a reload the free lab's panel no longer welcomes.
        await page.reload();
        await workspace.ready();
        await expect(page.getByTestId('free-lab-dock')).toBeVisible();
        await expect(welcome.section).toHaveCount(0);
      });
    });
  }
}

test('"Explore the free lab" puts the welcome away for good', async ({ workspace, page }) => {
  const welcome = new WelcomePage(page);
  await welcome.expectShown();
  await welcome.tabTo(welcome.dismiss);
  await page.keyboard.press('Enter');
  await expect(welcome.section).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Free lab' })).toBeVisible();
  await page.reload();
  await workspace.ready();
  await expect(page.getByTestId('free-lab-dock')).toBeVisible();
  await expect(welcome.section).toHaveCount(0);
});
