// Page object for the lab workspace; works on a browser page and on an Electron window.
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export class WorkspacePage {
  readonly commandLine: Locator;
  readonly transcript: Locator;
  readonly frames: Locator;
  readonly explanation: Locator;
  readonly language: Locator;

  constructor(readonly page: Page) {
    // Located by id: the accessible name changes with the host and the language.
    this.commandLine = page.locator('#command-line');
    this.transcript = page.getByTestId('transcript');
    this.frames = page.getByTestId('frames').getByRole('button');
    this.explanation = page.getByTestId('explanation');
    this.language = page.getByRole('combobox');
  }

  /** Waits until the standard lab is on screen. */
  async ready(): Promise<void> {
    await expect(this.page.getByRole('tablist')).toBeVisible();
    await expect(this.hostTab('client')).toBeVisible();
  }

  hostTab(host: string): Locator {
    return this.page.getByRole('tab', { name: host, exact: true });
  }

  neighbors(host: string): Locator {
    return this.page.getByTestId(`neighbors-${host}`);
  }

  async selectHost(host: string): Promise<void> {
    await this.hostTab(host).click();
    await expect(this.hostTab(host)).toHaveAttribute('aria-selected', 'true');
  }

  /** Types one command line into the selected host's terminal and presses Enter. */
  async run(line: string): Promise<void> {
    await this.commandLine.fill(line);
    await this.commandLine.press('Enter');
    await expect(this.commandLine).toHaveValue('');
  }

  async switchLanguage(lang: 'en' | 'zh-CN'): Promise<void> {
    await this.language.selectOption(lang);
  }

  /** Saves a full-page screenshot to test-results/screenshots/ and attaches it to the report. */
  async screenshot(testInfo: TestInfo, name: string): Promise<void> {
    const dir = join('test-results', 'screenshots');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${testInfo.project.name}-${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  }
}
