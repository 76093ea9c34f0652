// zh-CN (issue 14, problem 9): no English outside commands in the Chinese
// views: the free lab, a lesson beside its lab, a challenge beside its lab,
// the lesson list and the challenge screen. Commands, code, terminal output,
// addresses and the names Chinese Linux documentation keeps in English are
// set aside by the same word list the catalogue's zh-CN test uses.
import type { Page } from '@playwright/test';
import { englishWords } from '../src-sim/i18n/english-words-test-support.ts';
import { expect, requireChromium, webTest as test } from './fixtures.ts';
import { ChallengePage } from './pages/challenge-page.ts';
import { LessonsPage } from './pages/lessons-page.ts';

requireChromium(test);
test.use({ viewport: { width: 1280, height: 720 } });

/** Visible text of the page outside code, commands, terminals and data cells, one string per element. */
function visibleProse(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (!text) continue;
      const el = node.parentElement!;
      // What stays as the tools print it: code, commands, terminals, the topology's addresses, table cells of lab data, option lists.
      if (el.closest('code, pre, kbd, samp, .xterm, [data-testid^="terminal-"], svg, td, option, [hidden], dialog:not([open]), .visually-hidden')) continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      texts.push(text);
    }
    return texts;
  });
}

async function leaks(page: Page): Promise<string[]> {
  return (await visibleProse(page)).filter((text) => englishWords(text).length > 0);
}

test('every view in zh-CN: no English outside commands', async ({ workspace, page }, testInfo) => {
  test.setTimeout(120_000);
  await workspace.switchLanguage('zh-CN');
  const found: Record<string, string[]> = {};
  found['free lab'] = await leaks(page);
  await workspace.screenshot(testInfo, 'zh-CN-free-lab');

  const lessons = new LessonsPage(page);
  await lessons.openList();
  found['lesson list'] = await leaks(page);
  await lessons.start('arp-ignore');
  await lessons.showHint();
  found['lesson'] = await leaks(page);
  await workspace.screenshot(testInfo, 'zh-CN-lesson');

  const challenge = new ChallengePage(page);
  await challenge.open();
  found['challenge screen'] = await leaks(page);
  await challenge.start(1, 1);
  await challenge.hint();
  await challenge.verify();
  found['challenge'] = await leaks(page);
  await workspace.screenshot(testInfo, 'zh-CN-challenge');
  expect(await page.title()).toContain('LVS-DR 实验室');

  for (const [view, texts] of Object.entries(found)) expect(texts, `English in the zh-CN ${view}`).toEqual([]);
});
