// The classroom by keyboard only (issue 15), at 1280x720 and 1920x1080, in
// English and Chinese: a teacher makes a pack in the editor (a bad value
// first, answered in the pack format's words), previews it, saves the teacher
// pack and exports the learners' pack; a learner imports it, takes a hint,
// fixes the challenge and exports results; the teacher imports the teacher
// pack and the results, sees the grade, the same status word in the CSV, and
// the learner's transcript with the hint. axe on each classroom view. And an
// exam made in the editor: previewed as its first learner, another learner
// opens their own variant with their code, and is graded on it.
// (Named *challenge.spec.ts so the web project's testMatch picks it up.)
import { readFileSync, writeFileSync } from 'node:fs';
import { seriousViolations } from './axe.ts';
import { variantChallenge } from '../src-sim/course/challenge/exam.ts';
import { generateChallenge } from '../src-sim/course/challenge/generate.ts';
import type { Pack } from '../src-sim/course/challenge/pack.ts';
import { expect, requireChromium, webTest as test } from './fixtures.ts';
import { ChallengePage } from './pages/challenge-page.ts';
import { ClassroomPage } from './pages/classroom-page.ts';

requireChromium(test);

const SIZES = [
  { name: '1280x720', width: 1280, height: 720 },
  { name: '1920x1080', width: 1920, height: 1080 },
] as const;

const SEED = 21;
const WORDS = {
  en: { addChallenge: 'Add challenge', check: 'Check pack', valid: 'The pack is valid', preview: 'Preview as a learner', saveTeacher: /^Save teacher pack…$/, exportLearner: /^Export learner pack…$/, importPack: /^Import pack…$/, importResults: /^Import results files…$/, start: /^Start$/, name: /^Your name$/, exportResults: /^Export results$/, exportCsv: /^Export CSV$/, show: /^Show/, hint: 'hint revealed', confirmed: 'confirmed' },
  'zh-CN': { addChallenge: '添加挑战', check: '检查练习包', valid: '练习包有效', preview: '以学员身份预览', saveTeacher: /^保存教师包…$/, exportLearner: /^导出学员练习包…$/, importPack: /^导入练习包…$/, importResults: /^导入成绩文件…$/, start: /^开始$/, name: /^你的姓名$/, exportResults: /^导出成绩$/, exportCsv: /^导出 CSV$/, show: /^查看/, hint: '查看了提示', confirmed: '已确认' },
} as const;

for (const size of SIZES) {
  for (const lang of ['en', 'zh-CN'] as const) {
    test.describe(`${size.name} ${lang}`, () => {
      test.use({ viewport: { width: size.width, height: size.height } });

      test('teacher makes and exports a pack, a learner does it, the teacher grades it and reads the transcript', async ({ workspace, page }, testInfo) => {
        // A lab booted, a challenge typed, four axe runs and five screenshots on a shared machine.
        test.setTimeout(240_000);
        const w = WORDS[lang];
        const classroom = new ClassroomPage(page);
        const challenge = new ChallengePage(page);
        const shot = (name: string) => workspace.screenshot(testInfo, `classroom-${size.name}-${lang}-${name}`);
        if (lang === 'zh-CN') await workspace.switchLanguage('zh-CN');
        await classroom.openByKeyboard();

        // Teacher: the editor, field after field with Tab.
        const editor = classroom.editor;
        await editor.getByRole('textbox').first().focus();
        await page.keyboard.type('Week 5');
        await page.keyboard.press('Tab');
        await page.keyboard.type('第五周');
        // Instructions (2), the checked "Practice" radio, hints, solutions: then "Add lesson", "Add challenge".
        for (let i = 0; i < 7; i++) await page.keyboard.press('Tab');
        await expect(editor.getByRole('button', { name: w.addChallenge })).toBeFocused();
        await page.keyboard.press('Enter');
        // The new row's id has the keyboard; then level, seed, time limit.
        await expect(editor.getByRole('textbox', { name: /^(Id|编号)$/ })).toBeFocused();
        await page.keyboard.press('Tab');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Control+a');
        await page.keyboard.type(String(SEED));
        await page.keyboard.press('Tab');
        // A bad time limit first: the pack format's own words, at its JSON path.
        await page.keyboard.type('5');
        await page.keyboard.press('Enter');
        const problems = page.getByTestId('editor-problems');
        await expect(problems).toContainText('$.exercises[0].timeLimitSeconds');
        await expect(problems).toContainText('5 is out of range (expected 10 to 86400)');
        await problems.scrollIntoViewIfNeeded();
        await shot('editor-problem');
        expect(await seriousViolations(page)).toEqual([]);
        await page.keyboard.press('Backspace');
        await page.keyboard.type('900');
        await page.keyboard.press('Enter');
        await expect(page.getByTestId('editor-valid')).toContainText(w.valid);

        // Preview as a learner: the learner's part of the view shows the pack.
        await editor.getByRole('button', { name: w.preview }).press('Enter');
        await expect(page.getByTestId('pack-title')).toHaveText(lang === 'en' ? 'Week 5' : '第五周');
        await shot('preview');

        const teacherPack = testInfo.outputPath('teacher-pack.json');
        writeFileSync(teacherPack, readFileSync(await (await classroom.downloadByKey(w.saveTeacher, editor)).path()));
        const learnerPack = testInfo.outputPath('learner-pack.json');
        writeFileSync(learnerPack, readFileSync(await (await classroom.downloadByKey(w.exportLearner, editor)).path()));
        expect(JSON.parse(readFileSync(teacherPack, 'utf8'))).toMatchObject({ exercises: [{ id: 'ticket-1', kind: 'challenge', seed: SEED, level: 1, timeLimitSeconds: 900 }] });

        // Learner: import, start, a hint (Alt+H), the fix typed, Verify (Ctrl+Enter), export.
        // One Import pack… in the classroom (there were two, the learner's and the gradebook's).
        await expect(page.getByRole('button', { name: w.importPack })).toHaveCount(1);
        await classroom.chooseByKey(page.getByRole('button', { name: w.importPack }), learnerPack);
        await expect(page.getByTestId('pack-title')).toBeVisible();
        await shot('learner-pack');
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByRole('button', { name: w.start }).first().press('Enter');
        await expect(challenge.dock).toBeVisible();
        await workspace.focusTerminal();
        await page.keyboard.press('Alt+h');
        await expect(challenge.hints()).toHaveCount(1);
        const fix = generateChallenge(SEED, 1).faults.flatMap((f) => f.fix);
        for (const line of fix) {
          const host = line.slice(0, line.indexOf('$'));
          await workspace.hostTab(host).press('Enter');
          await expect(workspace.hostTab(host)).toHaveAttribute('aria-selected', 'true');
          await workspace.run(line.slice(line.indexOf('$') + 2));
        }
        await page.keyboard.press('Control+Enter');
        await expect(challenge.result).toBeVisible();
        await classroom.openByKeyboard();
        await page.getByRole('textbox', { name: w.name }).focus();
        await page.keyboard.type('Mei Ling');
        const results = testInfo.outputPath('results-mei.json');
        writeFileSync(results, readFileSync(await (await classroom.downloadByKey(w.exportResults)).path()));

        // Teacher: the teacher pack into the gradebook, then the results.
        await classroom.chooseByKey(page.getByRole('button', { name: w.importPack }), teacherPack);
        await expect(page.getByTestId('gradebook-pack')).toBeVisible();
        await classroom.chooseByKey(page.getByRole('button', { name: w.importResults }), results);
        const row = classroom.row('results-mei.json');
        await expect(row).toContainText('Mei Ling');
        const status = (await row.locator('td').nth(2).textContent())?.trim();
        expect(status).toBe(w.confirmed);
        const csv = readFileSync(await (await classroom.downloadByKey(w.exportCsv)).path(), 'utf8').split('\r\n');
        expect(csv[1]!.split(',').slice(0, 3)).toEqual(['results-mei.json', 'Mei Ling', status]);

        // The transcript: opened from the row, the heading takes the keyboard; the hint and every command are there.
        await row.getByRole('button', { name: w.show }).press('Enter');
        await expect(classroom.transcript).toBeVisible();
        await expect(classroom.transcript.getByRole('heading').first()).toBeFocused();
        await expect(classroom.transcript).toContainText(w.hint);
        for (const line of fix) await expect(classroom.transcript).toContainText(line.slice(line.indexOf('$') + 2));
        await classroom.transcript.scrollIntoViewIfNeeded();
        await shot('gradebook-transcript');
        expect(await seriousViolations(page)).toEqual([]);
      });
    });
  }
}

test.describe('1280x720 en exam', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('an exam made in the editor: each learner their own variant, opened with their code, graded on it', async ({ workspace, page }, testInfo) => {
    test.setTimeout(240_000);
    const classroom = new ClassroomPage(page);
    const challenge = new ChallengePage(page);
    const shot = (name: string) => workspace.screenshot(testInfo, `classroom-exam-1280x720-en-${name}`);
    await classroom.openByKeyboard();

    // Teacher: title, Exam (arrow key in the radio group), the roster, one level-1 challenge.
    const editor = classroom.editor;
    await editor.getByRole('textbox').first().focus();
    await page.keyboard.type('Final');
    await editor.getByRole('radio', { name: /^Practice/ }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(editor.getByRole('radio', { name: /^Exam/ })).toBeChecked();
    await editor.getByRole('textbox', { name: /^Learners/ }).focus();
    await page.keyboard.type('ana\nbo');
    await editor.getByRole('button', { name: 'Add challenge' }).press('Enter');
    // An exam names no seed: the row has none to type.
    await expect(editor.getByRole('textbox', { name: /^Seed/ })).toHaveCount(0);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('editor-valid')).toBeVisible();
    await editor.getByRole('button', { name: 'Preview as a learner' }).press('Enter');
    await expect(page.getByTestId('exam-learner')).toHaveText('Exam opened for ana.');
    await shot('preview');

    const teacherPack = testInfo.outputPath('final-teacher.json');
    writeFileSync(teacherPack, readFileSync(await (await classroom.downloadByKey(/^Save teacher pack…$/, editor)).path()));
    // The learners' pack, then the codes: two files from one key press.
    const saved: Array<Promise<string>> = [];
    page.on('download', (d) => saved.push(d.path().then((p) => readFileSync(p, 'utf8'))));
    await editor.getByRole('button', { name: /^Export learner pack…$/ }).press('Enter');
    await expect.poll(() => saved.length).toBe(2);
    const [learnersText, codesText] = await Promise.all(saved);
    const teacher = JSON.parse(readFileSync(teacherPack, 'utf8')) as Pack & { exam: { secret: string; learners: string[] } };
    expect(teacher.exam.learners).toEqual(['ana', 'bo']);
    expect(learnersText).not.toContain(teacher.exam.secret);
    const learnersPack = testInfo.outputPath('final-learners.json');
    writeFileSync(learnersPack, learnersText!);
    const code = codesText!.split('\r\n').find((line) => line.startsWith('bo,'))!.slice(3);

    // Each learner's variant is their own.
    const exercise = { id: 'ticket-1', level: 1 as const };
    const bo = variantChallenge(teacher.exam, 'bo', exercise);
    expect(bo.seed).not.toBe(variantChallenge(teacher.exam, 'ana', exercise).seed);

    // Learner bo: the learners' pack, their name and code, the ticket fixed.
    await classroom.chooseByKey(page.getByRole('button', { name: /^Import pack…$/ }), learnersPack);
    await page.getByRole('combobox', { name: /^Your name$/ }).press('ArrowDown');
    await expect(page.getByRole('combobox', { name: /^Your name$/ })).toHaveValue('bo');
    await page.getByRole('textbox', { name: /^Your code$/ }).focus();
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('exam-learner')).toHaveText('Exam opened for bo.');
    await page.getByRole('button', { name: /^Start$/ }).first().press('Enter');
    await page.getByRole('navigation').getByRole('button', { name: /^Workspace$/ }).press('Enter');
    await expect(challenge.dock).toBeVisible();
    // No hint and no solution in an exam.
    await expect(challenge.dock.getByRole('button', { name: /^(Hint|Show solution)/ })).toHaveCount(0);
    const fix = bo.faults.flatMap((f) => f.fix);
    for (const line of fix) {
      const host = line.slice(0, line.indexOf('$'));
      await workspace.hostTab(host).press('Enter');
      await workspace.run(line.slice(line.indexOf('$') + 2));
    }
    await page.keyboard.press('Control+Enter');
    await expect(challenge.result).toBeVisible();
    await classroom.openByKeyboard();
    const results = testInfo.outputPath('results-bo.json');
    writeFileSync(results, readFileSync(await (await classroom.downloadByKey(/^Export results$/)).path()));

    // Teacher: graded on bo's own variant, confirmed; the transcript shows bo's commands.
    await classroom.chooseByKey(page.getByRole('button', { name: /^Import pack…$/ }), teacherPack);
    await classroom.chooseByKey(page.getByRole('button', { name: /^Import results files…$/ }), results);
    const row = classroom.row('results-bo.json');
    await expect(row.locator('td').nth(2)).toHaveText('confirmed');
    // The teacher page says how long the last grading run took.
    await expect(page.getByTestId('grading-time')).toHaveText(/^The last grading run replayed 1 results files in \d+\.\d\d s\.$/);
    await row.getByRole('button', { name: /^Show/ }).press('Enter');
    for (const line of fix) await expect(classroom.transcript).toContainText(line.slice(line.indexOf('$') + 2));
    await classroom.transcript.scrollIntoViewIfNeeded();
    await shot('graded');
    expect(await seriousViolations(page)).toEqual([]);

    // Kept across a reload: the grade and the transcript, with nothing imported again.
    await page.reload();
    await classroom.openByKeyboard();
    await expect(classroom.row('results-bo.json').locator('td').nth(2)).toHaveText('confirmed');
    await classroom.row('results-bo.json').getByRole('button', { name: /^Show/ }).press('Enter');
    for (const line of fix) await expect(classroom.transcript).toContainText(line.slice(line.indexOf('$') + 2));

    // Another machine: a browser with nothing kept opens the saved gradebook file alone, and the transcript is in it.
    const gradebookFile = testInfo.outputPath('gradebook.json');
    writeFileSync(gradebookFile, readFileSync(await (await classroom.downloadByKey(/^Save gradebook…$/)).path()));
    await expect(page.getByRole('status').filter({ hasText: 'the grades and every learner\'s transcript' })).toBeVisible();
    const elsewhere = await page.context().browser()!.newPage({ viewport: page.viewportSize()! });
    try {
      await elsewhere.goto(page.url());
      const other = new ClassroomPage(elsewhere);
      await other.openByKeyboard();
      await expect(other.gradebook).toHaveCount(0);
      await other.chooseByKey(elsewhere.getByRole('button', { name: /^Open gradebook…$/ }), gradebookFile);
      await expect(other.row('results-bo.json').locator('td').nth(2)).toHaveText('confirmed');
      await other.row('results-bo.json').getByRole('button', { name: /^Show/ }).press('Enter');
      for (const line of fix) await expect(other.transcript).toContainText(line.slice(line.indexOf('$') + 2));
    } finally {
      await elsewhere.close();
    }
  });
});
