// Page object for the Challenge view: pick a seed and level, start, hints, verify, leaderboard.
import { expect, type Locator, type Page } from '@playwright/test';

export class ChallengePage {
  readonly ticket: Locator;
  readonly score: Locator;
  readonly result: Locator;
  readonly leaderboard: Locator;
  readonly chart: Locator;

  constructor(readonly page: Page) {
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
    await expect(this.ticket).toBeVisible();
  }

  async openLab(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Open the lab|打开实验环境)$/ }).click();
  }

  async hint(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Hint|提示)/ }).click();
  }

  hints(): Locator {
    return this.page.locator('.hints li');
  }

  async verify(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Verify|验证)$/ }).click();
    await expect(this.result).toBeVisible();
  }

  /** Leaderboard rows as [rank, score, seed, time, hints, date]. */
  async leaderboardRows(): Promise<string[][]> {
    return this.leaderboard.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
  }
}
