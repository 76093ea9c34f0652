// Page object for the welcome beside the free lab on the first start: the DR
// packet path and the way to the first lesson.
import { expect, type Locator, type Page } from '@playwright/test';

export class WelcomePage {
  readonly section: Locator;
  readonly picture: Locator;
  readonly steps: Locator;
  readonly startFirst: Locator;
  readonly dismiss: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByTestId('welcome');
    this.picture = page.getByRole('img', { name: /How a request travels in LVS Direct Routing|LVS 直接路由中请求的传输路径/ });
    this.steps = page.getByTestId('dr-path-steps').getByRole('listitem');
    this.startFirst = this.section.getByRole('button', { name: /^(Start with lesson|从第)/ });
    this.dismiss = this.section.getByRole('button', { name: /^(Explore the free lab|先自由实验)$/ });
  }

  /**
   * Tabs from the top of the page to `target` as a keyboard user would: in a
   * terminal, Esc then Tab leaves it (Tab alone completes). Returns the Tab presses.
   */
  async tabTo(target: Locator, limit = 60): Promise<number> {
    await this.page.locator('body').focus();
    for (let presses = 1; presses <= limit; presses++) {
      const inTerminal = await this.page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea') ?? false);
      if (inTerminal) await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement)) return presses;
    }
    throw new Error(`not reached with ${limit} Tab presses`);
  }

  async expectShown(): Promise<void> {
    await expect(this.section).toBeVisible();
    await expect(this.picture).toBeVisible();
    await expect(this.steps).toHaveCount(5);
  }
}
