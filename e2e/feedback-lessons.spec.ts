// Feedback that teaches (issue 14, item 4): each check says what state it
// read and when, a failing check says what it wanted and what it found, and
// results checked before the learner's latest commands say so and list them.
// Keyboard only (Ctrl+Enter from the terminal), at 1280x720 and 1920x1080, en and zh-CN.
import { seriousViolations } from './axe.ts';
import { expect, requireChromium, webTest as test } from './fixtures.ts';
import { LessonsPage } from './pages/lessons-page.ts';

requireChromium(test);

const SIZES = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1920x1080', width: 1920, height: 1080 },
] as const;

const WORDS = {
  en: {
    wanted: "Only the director answers the router's ARP request for the VIP",
    found: 'rs1, rs2 should not answer',
    stale: 'These results are from before your last command.',
    reads: 'router runs arping -c 1 -w 1 -I eth0 198.51.100.100',
    how: 'How:',
  },
  'zh-CN': {
    wanted: '只有 director 应答路由器对 VIP 的 ARP 请求',
    found: 'rs1、rs2 不应应答',
    stale: '这些结果是在你执行最后一条命令之前得出的。',
    reads: 'router 执行 arping -c 1 -w 1 -I eth0 198.51.100.100',
    how: '检查方式：',
  },
} as const;

for (const size of SIZES) {
  for (const lang of ['en', 'zh-CN'] as const) {
    test.describe(`${size.name} ${lang}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test('a failing check: wanted, found, what it read; results from before the latest command say so', async ({ workspace, page }, testInfo) => {
        test.setTimeout(120_000);
        const words = WORDS[lang];
        const lessons = new LessonsPage(page);
        if (lang === 'zh-CN') await workspace.switchLanguage('zh-CN');
        await lessons.open('arp-ignore');

        // The tutorials' wrong fix on both real servers, then Verify from the keyboard.
        for (const host of ['rs1', 'rs2']) {
          await workspace.selectHost(host);
          await workspace.run('sysctl -w net.ipv4.conf.lo.arp_ignore=1');
        }
        await page.keyboard.press('Control+Enter');
        const arp = lessons.check('only-director-answers-arp');
        await expect(arp).toHaveAttribute('data-pass', 'false');
        await expect(lessons.wanted('only-director-answers-arp')).toHaveText(words.wanted);
        await expect(lessons.found('only-director-answers-arp')).toContainText(words.found);
        await expect(lessons.reads('only-director-answers-arp')).toContainText(words.how);
        await expect(lessons.reads('only-director-answers-arp')).toContainText(words.reads);
        // A passing check shows what held, not "wanted/found".
        await expect(lessons.check('rs1-rip-answers-arp')).toHaveAttribute('data-pass', 'true');
        await expect(lessons.check('rs1-rip-answers-arp').getByTestId('check-found')).toHaveCount(0);
        await expect(lessons.stale).toHaveCount(0);
        await expect(arp).toBeInViewport();
        await workspace.screenshot(testInfo, `feedback-${size.name}-${lang}-failing`);
        expect(await seriousViolations(page)).toEqual([]);

        // The right fix on rs1 only: the results on screen are now from before it.
        await workspace.selectHost('rs1');
        await workspace.run('sysctl -w net.ipv4.conf.all.arp_ignore=1');
        await expect(lessons.stale).toBeVisible();
        await expect(lessons.stale).toContainText(words.stale);
        await expect(lessons.stale.locator('code')).toHaveText(['rs1$ sysctl -w net.ipv4.conf.all.arp_ignore=1']);
        await expect(lessons.stale).toBeInViewport();
        await workspace.screenshot(testInfo, `feedback-${size.name}-${lang}-stale`);
        expect(await seriousViolations(page)).toEqual([]);

        // Verify again (keyboard, still in the terminal): the notice goes, the results are new.
        await workspace.focusTerminal();
        await page.keyboard.press('Control+Enter');
        await expect(lessons.stale).toHaveCount(0);
        await expect(lessons.found('only-director-answers-arp')).not.toContainText(words.found);
        await expect(lessons.found('only-director-answers-arp')).toContainText(lang === 'en' ? 'rs2 should not answer' : 'rs2 不应应答');
      });
    });
  }
}

