// Page object for the side panel beside the lab: one per context (lesson,
// challenge or pack exercise, free lab), the confirm dialog they ask with,
// and the keys that act on the context from the terminal.
import { expect, type Locator, type Page } from '@playwright/test';

export type PanelKind = 'lesson' | 'challenge' | 'free';

export class ContextPanels {
  readonly lesson: Locator;
  readonly challenge: Locator;
  readonly free: Locator;
  readonly confirm: Locator;

  constructor(readonly page: Page) {
    this.lesson = page.getByTestId('lesson-dock');
    this.challenge = page.getByTestId('challenge-dock');
    this.free = page.getByTestId('free-lab-dock');
    // The open one: other docks keep their closed dialogs in the page.
    this.confirm = page.getByTestId('confirm').filter({ visible: true });
  }

  /** Exactly one panel is beside the lab, and it is `kind`'s. */
  async expectOnly(kind: PanelKind): Promise<void> {
    const all: Record<PanelKind, Locator> = { lesson: this.lesson, challenge: this.challenge, free: this.free };
    for (const [name, panel] of Object.entries(all)) {
      if (name === kind) await expect(panel).toBeVisible();
      else await expect(panel).toHaveCount(0);
    }
  }

  /** Ctrl+Enter: Verify of the context beside the lab, wherever the focus is in the workspace. */
  async verifyByKey(): Promise<void> {
    await this.page.keyboard.press('Control+Enter');
  }

  /** The text field (xterm's textarea) that has the keyboard, or null. */
  async focusedTerminal(): Promise<string | null> {
    return this.page.evaluate(() => {
      const active = document.activeElement;
      if (!active?.classList.contains('xterm-helper-textarea')) return null;
      return active.closest('[data-testid^="terminal-"]')?.getAttribute('data-testid')?.slice('terminal-'.length) ?? null;
    });
  }
}
