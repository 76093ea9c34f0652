// zh-CN (issue 14, problem 9): no English outside commands in any Chinese
// view: the welcome and the free lab, the dialogs (fresh lab, reset, keyboard
// shortcuts), the lesson list and every lesson's introduction, a lesson with
// its hints and results, the challenge screen and a challenge, the classroom
// with a pack and one of its exercises, and the kernel reference. Commands, code, terminal output,
// addresses and the names Chinese Linux documentation keeps in English are
// set aside by the same word list the catalogue's zh-CN test uses.
import type { Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { loadCurriculum } from '../src-sim/course/lessons/curriculum/index.ts';
import { englishWords } from '../src-sim/i18n/english-words-test-support.ts';
import { expect, requireChromium, webTest as test } from './fixtures.ts';
import { ChallengePage } from './pages/challenge-page.ts';
import { ClassroomPage } from './pages/classroom-page.ts';
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
  // Eleven lesson introductions, a lesson, a challenge, a pack and the reference on a shared machine.
  test.setTimeout(300_000);
  await workspace.switchLanguage('zh-CN');
  const found: Record<string, string[]> = {};
  const look = async (view: string, shot?: string): Promise<void> => {
    found[view] = await leaks(page);
    if (shot) await workspace.screenshot(testInfo, `zh-CN-${shot}`);
  };
  // The first start: the welcome beside the free lab.
  await look('free lab with the welcome', 'welcome');
  await page.getByRole('button', { name: '先自由实验' }).click();
  await look('free lab', 'free-lab');
  await page.getByRole('button', { name: '全新实验' }).click();
  await look('fresh lab confirm dialog', 'dialog-fresh');
  await page.getByTestId('confirm').filter({ visible: true }).getByRole('button', { name: '取消' }).click();

  await page.getByRole('button', { name: '键盘快捷键' }).click();
  await look('keyboard shortcuts dialog', 'dialog-shortcuts');
  await page.keyboard.press('Escape');

  const lessons = new LessonsPage(page);
  await lessons.openList();
  await look('lesson list', 'lesson-list');
  // Every lesson's introduction: its title and goal.
  for (const lesson of loadCurriculum().lessons) {
    await lessons.item(lesson.id).getByRole('button').click();
    await expect(page.getByTestId('lesson-intro')).toBeVisible();
    await look(`lesson ${lesson.order} introduction`);
    await page.getByRole('button', { name: '全部课程' }).click();
  }
  await lessons.start('arp-ignore');
  await lessons.showHint();
  await lessons.showHint();
  await lessons.showHint();
  await lessons.verify();
  await expect(lessons.results).toBeVisible();
  await look('lesson with its hints and results', 'lesson');
  await lessons.dock.getByRole('button', { name: '重置实验' }).click();
  await look('reset confirm dialog', 'dialog-reset');
  await page.getByTestId('confirm').filter({ visible: true }).getByRole('button', { name: '取消' }).click();

  const challenge = new ChallengePage(page);
  await challenge.open();
  await look('challenge screen', 'challenge-screen');
  await challenge.start(1, 1);
  await challenge.hint();
  await challenge.verify();
  await look('challenge', 'challenge');
  expect(await page.title()).toContain('LVS-DR 实验室');

  const classroom = new ClassroomPage(page);
  await classroom.open();
  await look('classroom', 'classroom');
  const pack = {
    format: 'lvs-dr-lab/pack@1',
    title: { en: 'Homework 1', 'zh-CN': '作业一' },
    instructions: { en: 'Fix both.', 'zh-CN': '两个都修好。' },
    hintsAllowed: true,
    solutionsAllowed: false,
    exercises: [
      { id: 'c1', kind: 'challenge', seed: 21, level: 1, timeLimitSeconds: 900 },
      { id: 'l1', kind: 'lesson', lesson: 'arp-ignore' },
    ],
  };
  const packFile = testInfo.outputPath('homework.json');
  writeFileSync(packFile, JSON.stringify(pack));
  await classroom.learnerImportPack(packFile);
  await look('classroom with a pack', 'classroom-pack');
  await classroom.startExercise(1);
  await expect(challenge.dock).toBeVisible();
  await look('pack exercise', 'pack-exercise');

  await page.getByRole('navigation').getByRole('button', { name: '内核参考' }).click();
  await expect(page.getByTestId('reference')).toBeVisible();
  await look('kernel reference', 'reference');

  for (const [view, texts] of Object.entries(found)) expect(texts, `English in the zh-CN ${view}`).toEqual([]);
});
