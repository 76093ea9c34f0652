// Page object for the Classroom view: the instructor's gradebook.
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export class ClassroomPage {
  readonly gradebook: Locator;

  constructor(readonly page: Page) {
    this.gradebook = page.getByTestId('gradebook');
  }

  /** The pack editor's form (teacher). */
  get editor(): Locator {
    return this.page.getByRole('form', { name: /^(Make a pack \(teacher\)|制作练习包（教师）)$/ });
  }

  /** The transcript opened from a gradebook row. */
  get transcript(): Locator {
    return this.page.getByTestId('transcript');
  }

  /** Keyboard only: focuses the view's navigation button and presses Enter. */
  async openByKeyboard(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('button', { name: /^(Classroom|课堂)$/ }).press('Enter');
    await expect(this.page.getByRole('heading', { name: /^(Classroom|课堂)$/ })).toBeVisible();
  }

  /** Presses Enter on a button (found by its name in either language) and returns the file it saves. */
  async downloadByKey(name: RegExp, scope: Locator | Page = this.page): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await scope.getByRole('button', { name }).press('Enter');
    return download;
  }

  /** Presses Enter on a button that opens a file picker and gives it `files`. */
  async chooseByKey(button: Locator, files: string | string[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await button.press('Enter');
    await (await chooser).setFiles(files);
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('button', { name: /^(Classroom|课堂)$/ }).click();
    await expect(this.page.getByRole('heading', { name: /^(Classroom|课堂)$/ })).toBeVisible();
  }

  /** The classroom's one "Import pack…": the pack's kind says where it opens. */
  get importPackButton(): Locator {
    return this.page.getByTestId('import-pack');
  }

  /** A pack a learner works through (a practice pack or a learners' exam pack). */
  async learnerImportPack(file: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.importPackButton.click();
    await (await chooser).setFiles(file);
    await expect(this.page.getByTestId('pack-title').or(this.page.getByTestId('exam-title'))).toBeVisible();
  }

  /** Starts exercise `n` (1-based) of the learner's pack; the Challenge view opens. */
  async startExercise(n: number): Promise<void> {
    await this.page.getByRole('button', { name: /^(Start|开始)$/ }).nth(n - 1).click();
  }

  async exportResults(learner: string): Promise<Download> {
    await this.page.getByRole('textbox', { name: /Your name|你的姓名/ }).fill(learner);
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: /^(Export results|导出成绩)$/ }).click();
    return download;
  }

  /** A pack into the gradebook (a practice pack, or a teacher's exam pack). */
  async importPack(file: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.importPackButton.click();
    await (await chooser).setFiles(file);
    await expect(this.page.getByTestId('gradebook-pack')).toBeVisible();
  }

  async importResults(files: string[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: /^(Import results files…|导入成绩文件…)$/ }).click();
    await (await chooser).setFiles(files);
    await expect(this.gradebook.locator('tbody tr')).toHaveCount(files.length);
  }

  async sortBy(column: string): Promise<void> {
    await this.gradebook.getByRole('button', { name: new RegExp(`^${column}`) }).click();
  }

  row(file: string): Locator {
    return this.gradebook.locator('tbody tr', { hasText: file });
  }

  /** A line of the class statistics table, as its cells. */
  statsRow(exercise: string): Locator {
    return this.page.getByTestId('class-stats').locator('tbody tr', { hasText: exercise }).locator('td');
  }

  async exportStats(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: /^(Export class statistics \(CSV\)|导出班级统计（CSV）)$/ }).click();
    return download;
  }

  async exportCsv(): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: /^(Export CSV|导出 CSV)$/ }).click();
    return download;
  }
}
