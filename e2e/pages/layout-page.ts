// Page object for the workspace's layout: pane sizes, the terminal's width in
// columns, the smallest text on screen, and the splitters.
import type { Locator, Page } from '@playwright/test';

export interface Box {
  name: string;
  area: number;
}

export class LayoutPage {
  readonly columnSplitter: Locator;
  readonly topologySplitter: Locator;

  constructor(readonly page: Page) {
    this.columnSplitter = page.getByRole('separator', { name: /terminal column|终端列/ });
    this.topologySplitter = page.getByRole('separator', { name: /topology and the terminal|拓扑图与终端/ });
  }

  /** Columns of the terminal on screen: xterm's screen width over one cell's width. */
  terminalColumns(): Promise<number> {
    return this.page.evaluate(() => {
      const panel = document.querySelector('#panel-host > .selected')!;
      const screen = panel.querySelector('.xterm-screen')!.getBoundingClientRect().width;
      const measure = panel.querySelector('.xterm-char-measure-element')!;
      const cell = measure.getBoundingClientRect().width / (measure.textContent ?? 'W').length;
      return Math.floor(screen / cell + 0.01);
    });
  }

  /** Each terminal on screen (the selected host's first): its host, and its size in columns and rows as xterm laid it out. */
  terminalSizes(): Promise<Array<{ host: string; columns: number; rows: number }>> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll('#panel-host > .selected, #panel-host > .second:not([hidden])')].map((panel) => {
        const screen = panel.querySelector('.xterm-screen')!.getBoundingClientRect().width;
        const measure = panel.querySelector('.xterm-char-measure-element')!;
        const cell = measure.getBoundingClientRect().width / (measure.textContent ?? 'W').length;
        return {
          host: panel.querySelector('[data-testid^="terminal-"]')!.getAttribute('data-testid')!.slice('terminal-'.length),
          columns: Math.floor(screen / cell + 0.01),
          rows: panel.querySelectorAll('.xterm-rows > div').length,
        };
      }),
    );
  }

  /** How far the page as a whole scrolls (it must not: panels scroll inside): the document's size beside the window's. */
  pageScroll(): Promise<{ scrollHeight: number; innerHeight: number; scrollWidth: number; innerWidth: number }> {
    return this.page.evaluate(() => {
      const root = document.scrollingElement!;
      return { scrollHeight: root.scrollHeight, innerHeight, scrollWidth: root.scrollWidth, innerWidth };
    });
  }

  /** Visible area of the workspace's parts, largest first. */
  areas(): Promise<Box[]> {
    return this.page.evaluate(() => {
      const parts: Record<string, string> = {
        terminal: '#panel-host > .selected .xterm-screen',
        topology: '#pane-topology',
        'frames and caches': '.workspace .right',
        panel: '.workspace-row > .dock',
      };
      const visible = (el: Element): number => {
        const r = el.getBoundingClientRect();
        const w = Math.max(0, Math.min(r.right, innerWidth) - Math.max(r.left, 0));
        const h = Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0));
        return Math.round(w * h);
      };
      return Object.entries(parts)
        .map(([name, selector]) => ({ name, area: document.querySelector(selector) ? visible(document.querySelector(selector)!) : 0 }))
        .sort((a, b) => b.area - a.area);
    });
  }

  /** The smallest computed font size (CSS px) of any visible text in the window, with where it is. */
  smallestText(): Promise<{ size: number; where: string }> {
    return this.page.evaluate(() => {
      let smallest = { size: Infinity, where: '' };
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.textContent?.trim()) continue;
        const el = node.parentElement!;
        // Screen-reader-only copies (xterm's accessibility tree, visually hidden labels) are not drawn;
        // aria-hidden icons (a frame kind's letter in its marker) repeat the label drawn beside them.
        if (el.closest('.xterm-accessibility, .visually-hidden, [hidden], dialog:not([open]), [aria-hidden="true"]')) continue;
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < smallest.size) smallest = { size, where: `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} "${node.textContent.trim().slice(0, 30)}"` };
      }
      return smallest;
    });
  }
}
