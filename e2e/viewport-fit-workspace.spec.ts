// The window is the page (issue 14, part 2): in every view, at 1280x720 and
// 1920x1080, in en and zh-CN, the page as a whole does not scroll; each
// panel scrolls inside. A full-page screenshot is then as tall as the window.
import { expect, requireChromium, webTest as test } from './fixtures.ts';
import { ChallengePage } from './pages/challenge-page.ts';
import { ClassroomPage } from './pages/classroom-page.ts';
import { LayoutPage } from './pages/layout-page.ts';
import { LessonsPage } from './pages/lessons-page.ts';

requireChromium(test);

for (const size of [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1920x1080', width: 1920, height: 1080 },
]) {
  for (const lang of ['en', 'zh-CN'] as const) {
    test.describe(`${size.name} ${lang}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test('no view makes the page scroll: panels scroll inside', async ({ workspace, page }, testInfo) => {
        test.setTimeout(180_000);
        const layout = new LayoutPage(page);
        const lessons = new LessonsPage(page);
        const challenge = new ChallengePage(page);
        const classroom = new ClassroomPage(page);
        if (lang === 'zh-CN') await workspace.switchLanguage('zh-CN');
        const measured: string[] = [];
        const fits = async (view: string): Promise<void> => {
          const m = await layout.pageScroll();
          measured.push(`${view} ${m.scrollWidth}x${m.scrollHeight}`);
          await workspace.screenshot(testInfo, `fit-${size.name}-${lang}-${view}`);
          expect(m.scrollHeight, `${view}: the page's height`).toBeLessThanOrEqual(m.innerHeight);
          expect(m.scrollWidth, `${view}: the page's width`).toBeLessThanOrEqual(m.innerWidth);
        };

        await fits('free-lab');
        await workspace.setSpeed('instant');
        await workspace.selectHost('director');
        await workspace.run('ipvsadm -A -t 198.51.100.100:80 -s rr');
        await workspace.run('ipvsadm -a -t 198.51.100.100:80 -r 198.51.100.11 -g');
        await page.getByTestId('details-director').scrollIntoViewIfNeeded();
        await fits('director-details');
        await workspace.showSecondTerminal('rs1');
        await fits('two-terminals');
        await workspace.showSecondTerminal(null);
        await page.getByRole('button', { name: /^(What if…|如果……)$/ }).click();
        await page.getByTestId('whatif').scrollIntoViewIfNeeded();
        await fits('what-if');

        await lessons.openList();
        await fits('lessons');
        await lessons.start('arp-ignore');
        await fits('lesson-lab');

        await challenge.open();
        await fits('challenge');
        await challenge.start(42, 2);
        await challenge.openLab();
        await fits('challenge-lab');

        await classroom.open();
        await fits('classroom');
        await page.getByRole('navigation').getByRole('button', { name: /^(Kernel reference|内核参考)$/ }).click();
        await fits('reference');
        testInfo.annotations.push({ type: 'measured', description: `${size.name} ${lang}: ${measured.join(', ')}` });
      });
    });
  }
}
