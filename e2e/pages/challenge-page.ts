// Page object for challenges: the Challenge view (pick a seed and level, start,
// leaderboard) and the dock beside the lab (ticket, timer, hints, verify).
import { expect, type Locator, type Page } from '@playwright/test';

export class ChallengePage {
  readonly ticket: Locator;
  readonly score: Locator;
  readonly result: Locator;
  readonly leaderboard: Locator;
  readonly chart: Locator;
  readonly dock: Locator;
  readonly timer: Locator;
  /** Says the result on screen is from before the learner's latest commands, and lists them. */
  readonly stale: Locator;

  constructor(readonly page: Page) {
    this.dock = page.getByTestId('challenge-dock');
    this.timer = page.getByTestId('timer');
    this.stale = page.getByTestId('challenge-stale');
    this.ticket = page.getByTestId('ticket');
    this.score = page.getByTestId('score');
    this.result = page.getByTestId('result');
    this.leaderboard = page.getByTestId('leaderboard');
    this.chart = page.getByTestId('score-chart');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('button', { name: /^(Challenge|挑战)$/ }).click();
    await expect(this.page.getByRole('heading', { name: /^(Challenge|挑战)$/ })).toBeVisible();
  }

  async start(seed: number, level: number): Promise<void> {
    await this.page.getByRole('textbox', { name: /Seed|种子/ }).fill(String(seed));
    await this.page.getByRole('combobox', { name: /Level|级别/ }).selectOption(String(level));
    await this.page.getByRole('button', { name: /^(Start challenge|开始挑战)$/ }).click();
    // The lab opens with the ticket beside it.
    await expect(this.ticket).toBeVisible();
  }

  /** Back to the lab (and the dock beside it) from another view. */
  async openLab(): Promise<void> {
    await this.page.getByRole('navigation').getByRole('button', { name: /^(Workspace|工作区)$/ }).click();
    await expect(this.dock).toBeVisible();
  }

  async hint(): Promise<void> {
    await this.dock.getByRole('button', { name: /^(Hint|提示)/ }).click();
  }

  hints(): Locator {
    return this.dock.locator('.hints li');
  }

  /** Verify in the dock beside the lab. */
  async verify(): Promise<void> {
    if (!(await this.dock.isVisible())) await this.openLab();
    await this.dock.getByRole('button', { name: /^(Verify|验证)$/ }).click();
    await expect(this.result).toBeVisible();
  }

  /** Leaderboard rows as [rank, score, seed, time, hints, date]. */
  async leaderboardRows(): Promise<string[][]> {
    return this.leaderboard.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
  }
}
