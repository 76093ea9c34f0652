// Page object for the lab workspace; works on a browser page and on an Electron window.
import { expect, type ElectronApplication, type Locator, type Page, type TestInfo } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Speed = '1×' | '10×' | 'instant';

/** A file the app saved: the name it suggested and the bytes written. */
export interface SavedFile {
  suggestedName: string;
  bytes: Buffer;
}

export class WorkspacePage {
  readonly frames: Locator;
  readonly explanation: Locator;
  readonly decode: Locator;
  readonly language: Locator;
  readonly topology: Locator;
  readonly timeStatus: Locator;
  /** The terminal on screen: the selected host's (a lesson may select another host itself). */
  readonly visibleTerminal: Locator;
  /** Console errors a test provokes on purpose (a CSP refusal it checks); the fixtures let only these pass. */
  readonly expectedConsoleErrors: RegExp[] = [];

  /** `electronApp` only for the desktop app's window: it has menus and native file dialogs. */
  constructor(
    readonly page: Page,
    readonly electronApp?: ElectronApplication,
  ) {
    this.frames = page.getByTestId('frames').getByRole('button');
    this.explanation = page.getByTestId('explanation');
    this.decode = page.getByTestId('decode');
    this.language = page.getByRole('combobox', { name: /Language|语言/ });
    this.topology = page.getByTestId('topology');
    this.timeStatus = page.getByTestId('time-status');
    this.visibleTerminal = page.locator('#panel-host > .selected > [data-testid^="terminal-"]');
  }

  /** Waits until the standard lab is on screen with a terminal ready for input. */
  async ready(): Promise<void> {
    await expect(this.page.getByRole('tablist')).toBeVisible();
    await expect(this.hostTab('client')).toBeVisible();
    await expect(this.visibleTerminal.locator('.xterm-helper-textarea')).toBeAttached();
  }

  hostTab(host: string): Locator {
    return this.page.getByRole('tab', { name: host, exact: true });
  }

  terminal(host: string): Locator {
    return this.page.getByTestId(`terminal-${host}`);
  }

  /** The selected host's terminal output as plain text (the transcript beside xterm). */
  get transcript(): Locator {
    return this.visibleTerminal.locator('[data-testid^="transcript-"]');
  }

  neighbors(host: string): Locator {
    return this.page.getByTestId(`neighbors-${host}`).first();
  }

  async selectHost(host: string): Promise<void> {
    await this.hostTab(host).click();
    await expect(this.hostTab(host)).toHaveAttribute('aria-selected', 'true');
  }

  async selectedHost(): Promise<string> {
    return (await this.page.getByRole('tablist', { name: /^(Hosts|主机)$/ }).getByRole('tab', { selected: true }).textContent())?.trim() ?? '';
  }

  /** Puts the keyboard in the selected host's terminal. */
  async focusTerminal(): Promise<void> {
    await this.visibleTerminal.locator('.xterm-helper-textarea').focus();
  }

  /** Types one command line into the selected host's terminal, presses Enter and waits until it has run. */
  async run(line: string): Promise<void> {
    const terminal = this.visibleTerminal;
    const before = Number(await terminal.getAttribute('data-commands'));
    await this.focusTerminal();
    await this.page.keyboard.type(line);
    await this.page.keyboard.press('Enter');
    await expect(terminal).toHaveAttribute('data-commands', String(before + 1));
  }

  /**
   * On the client: starts a curl loop far too long to finish, waits for its
   * first answers, presses Ctrl-C and waits until the line has ended with
   * status 130. Without cross-origin isolation the worker is restarted and
   * replays the lab up to where the loop had got, which can take a while.
   */
  async interruptCurlLoop(): Promise<void> {
    const terminal = this.visibleTerminal;
    const before = Number(await terminal.getAttribute('data-commands'));
    await this.focusTerminal();
    await this.page.keyboard.type('for i in $(seq 100000); do curl -s 198.51.100.100; done');
    await this.page.keyboard.press('Enter');
    await expect(this.transcript).toContainText('director', { timeout: 30_000 });
    await this.page.keyboard.press('Control+C');
    await expect(this.transcript).toContainText('^C');
    await expect(terminal).toHaveAttribute('data-commands', String(before + 1), { timeout: 60_000 });
    await this.run('echo status $?');
    await expect(this.transcript).toContainText('status 130');
  }

  /**
   * The colours `text` is drawn in on `host`'s xterm screen (each cell's
   * computed colour on the row that shows it) and the contrast of each with
   * the terminal's background (WCAG relative luminance).
   */
  async screenTextColours(host: string, text: string): Promise<Array<{ colour: string; contrast: number }>> {
    await this.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    return this.terminal(host).evaluate((section, wanted) => {
      const rgb = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const luminance = (css: string): number => {
        const [r, g, b] = rgb(css).map((c) => {
          const s = c / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const background = getComputedStyle(section.querySelector('.xterm-viewport') ?? section.querySelector('.screen')!).backgroundColor;
      const rows = [...section.querySelectorAll('.xterm-rows > div')].filter((row) => (row.textContent ?? '').replace(/\u00a0/g, ' ').includes(wanted));
      const colours = new Set(rows.flatMap((row) => [...row.querySelectorAll('span')].filter((span) => (span.textContent ?? '').trim() !== '').map((span) => getComputedStyle(span).color)));
      return [...colours].map((colour) => {
        const [a, b] = [luminance(colour), luminance(background)].sort((x, y) => y - x);
        return { colour, contrast: (a! + 0.05) / (b! + 0.05) };
      });
    }, text);
  }

  /** Shows `host`'s terminal beside (or below) the selected host's; null shows one terminal again. */
  async showSecondTerminal(host: string | null): Promise<void> {
    await this.page.getByTestId('second-terminal').selectOption(host === null ? { index: 0 } : { label: host });
    if (host !== null) await expect(this.terminal(host)).toBeVisible();
  }

  /** Types `line` and Enter into `host`'s terminal (on screen as the selected or the second one), without waiting for it to finish. */
  async start(host: string, line: string): Promise<void> {
    await this.terminal(host).locator('.xterm-helper-textarea').focus();
    await this.page.keyboard.type(line);
    await this.page.keyboard.press('Enter');
  }

  /** Types without pressing Enter (then e.g. Tab). */
  async type(text: string): Promise<void> {
    await this.focusTerminal();
    await this.page.keyboard.type(text);
  }

  /**
   * The line being edited, read from xterm's screen-reader rows: the last row
   * that starts with the prompt, without the prompt.
   */
  async currentLine(): Promise<string> {
    const prompt = `root@${await this.selectedHost()}:~# `;
    const rows = await this.visibleTerminal.locator('.xterm-accessibility-tree > div').allTextContents();
    const line = rows.map((r) => r.replace(/\u00a0/g, ' ')).filter((r) => r.startsWith(prompt)).pop() ?? '';
    return line.slice(prompt.length).trimEnd();
  }

  async setSpeed(speed: Speed): Promise<void> {
    // The radio itself is visually hidden; its label is what a pointer clicks.
    const radio = this.page.getByRole('radio', { name: speed === 'instant' ? /Instant|立即/ : speed });
    await radio.locator('xpath=..').click();
    await expect(radio).toBeChecked();
  }

  async pause(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Pause|暂停)$/ }).click();
  }

  async play(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Play|播放)$/ }).click();
  }

  async step(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Step|单步)$/ }).click();
  }

  async reset(): Promise<void> {
    await this.page.getByRole('button', { name: /^(Reset lab|重置实验)$/ }).click();
  }

  async switchLanguage(lang: 'en' | 'zh-CN'): Promise<void> {
    await this.language.selectOption(lang);
  }

  /** The desktop app (Electron) rather than the browser build. */
  get desktop(): boolean {
    return this.electronApp !== undefined;
  }

  /**
   * Runs `trigger` (a click or key that saves a file) and returns what was
   * saved. Browser build: the download. Desktop app: main's save dialog is
   * answered with a path in the test's output folder, then the file is read.
   */
  async savedFile(trigger: () => Promise<void>, testInfo: TestInfo): Promise<SavedFile> {
    const dir = testInfo.outputPath('saved-files');
    mkdirSync(dir, { recursive: true });
    if (!this.electronApp) {
      const download = this.page.waitForEvent('download');
      await trigger();
      const file = await download;
      const path = join(dir, file.suggestedFilename());
      await file.saveAs(path);
      return { suggestedName: file.suggestedFilename(), bytes: readFileSync(path) };
    }
    const answered = await this.electronApp.evaluate(({ dialog }, folder) => {
      const seen = globalThis as { savedAs?: string[] };
      seen.savedAs = [];
      const answer = async (...args: unknown[]): Promise<{ canceled: boolean; filePath: string }> => {
        const options = args[args.length - 1] as { defaultPath?: string };
        const name = (options.defaultPath ?? 'unnamed').split(/[\\/]/).pop() ?? 'unnamed';
        seen.savedAs!.push(name);
        return { canceled: false, filePath: `${folder}/${name}` };
      };
      dialog.showSaveDialog = answer as unknown as typeof dialog.showSaveDialog;
      return true;
    }, dir);
    expect(answered).toBe(true);
    await trigger();
    let name = '';
    await expect
      .poll(async () => {
        name = (await this.electronApp!.evaluate(() => (globalThis as { savedAs?: string[] }).savedAs?.[0] ?? '')) ?? '';
        return name !== '' && existsSync(join(dir, name));
      })
      .toBe(true);
    return { suggestedName: name, bytes: readFileSync(join(dir, name)) };
  }

  /** Saves a full-page screenshot to test-results/screenshots/ and attaches it to the report. */
  async screenshot(testInfo: TestInfo, name: string): Promise<void> {
    const dir = join('test-results', 'screenshots');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${testInfo.project.name}-${name}.png`);
    // xterm parses writes and paints rows on animation frames: let it finish first.
    await this.page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
    await this.page.screenshot({ path, fullPage: true });
    await testInfo.attach(name, { path, contentType: 'image/png' });
  }
}
