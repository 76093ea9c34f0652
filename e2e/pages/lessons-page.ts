// Page object for the guided lessons: the Lessons view and the dock beside the workspace.
import { expect, type Locator, type Page } from '@playwright/test';

export class LessonsPage {
  readonly dock: Locator;
  readonly results: Locator;
  readonly progress: Locator;
  /** Says the results on screen are from before the learner's latest commands, and lists them. */
  readonly stale: Locator;

  constructor(readonly page: Page) {
    this.dock = page.getByTestId('lesson-dock');
    this.results = page.getByTestId('lesson-results');
    this.progress = page.getByTestId('lesson-progress');
    this.stale = page.getByTestId('lesson-stale');
  }

  async openList(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('button', { name: /^(Lessons|课程)$/ }).click();
    await expect(this.page.getByRole('heading', { name: /Guided lessons|引导式课程/ })).toBeVisible();
  }

  item(id: string): Locator {
    return this.page.locator(`li[data-lesson="${id}"]`);
  }

  /** From any view: the list, the lesson's introduction, then its lab (the way every spec opens a lesson). */
  async open(id: string): Promise<void> {
    await this.openList();
    await this.start(id);
  }

  /** From the list: opens the lesson's introduction and starts its lab. */
  async start(id: string): Promise<void> {
    await this.item(id).getByRole('button').click();
    await expect(this.page.getByTestId('lesson-intro')).toBeVisible();
    await this.page.getByRole('button', { name: /^(Start the lab|开始实验)$/ }).click();
    await expect(this.dock).toHaveAttribute('data-state', 'working');
  }

  async showHint(): Promise<void> {
    await this.dock.getByRole('button', { name: /^(Show a hint|显示提示)$/ }).click();
  }

  hints(): Locator {
    return this.page.getByTestId('lesson-hints').getByRole('listitem');
  }

  /** Show solution, answering the confirm dialog with yes. */
  async showSolution(): Promise<void> {
    await this.dock.getByRole('button', { name: /^(Show solution|查看参考答案)$/ }).click();
    await this.page.getByTestId('confirm').filter({ visible: true }).getByRole('button', { name: /^(Show the solution|显示答案)$/ }).click();
  }

  async verify(): Promise<void> {
    await this.dock.getByRole('button', { name: /^(Verify|验证)$/ }).click();
  }

  check(id: string): Locator {
    return this.results.locator(`li[data-check="${id}"]`);
  }

  /** A failing check's "Wanted" (the check's title). */
  wanted(id: string): Locator {
    return this.check(id).getByTestId('check-wanted');
  }

  /** A failing check's "Found" (what the lab showed). */
  found(id: string): Locator {
    return this.check(id).getByTestId('check-found');
  }

  /** What state the check read, and when. */
  reads(id: string): Locator {
    return this.check(id).getByTestId('check-reads');
  }

  async openDebrief(): Promise<void> {
    await this.dock.getByRole('button', { name: /^(Read the debrief|阅读讲解)$/ }).click();
    await expect(this.page.getByTestId('lesson-debrief')).toBeVisible();
  }
}
