// xterm writes its theme colours and cell sizes into <style> elements it
// creates at run time. The app's CSP (style-src 'self', src-main/csp.ts)
// refuses inline <style>, which would leave the terminal unstyled and log a
// violation. Instead of loosening the policy, xterm gets an inert element
// whose text is applied as a constructable stylesheet (CSSOM, which the CSP
// does not govern). Only `style` elements are affected; xterm only sets their
// textContent and removes them. xterm creates all three of its <style>
// elements inside Terminal.open(), so the substitution is limited to that call
// and nothing else on the page (e.g. Vite's dev-server styles) is affected.

export function withXtermStylesUnderCsp<T>(open: () => T, doc: Document = document): T {
  const original = Object.getOwnPropertyDescriptor(doc, 'createElement');
  const create = doc.createElement.bind(doc);
  doc.createElement = ((tagName: string, options?: ElementCreationOptions) =>
    tagName.toLowerCase() === 'style' ? sheetBackedStyle(doc, create) : create(tagName, options)) as Document['createElement'];
  try {
    return open();
  } finally {
    if (original) Object.defineProperty(doc, 'createElement', original);
    else delete (doc as { createElement?: unknown }).createElement;
  }
}

function sheetBackedStyle(doc: Document, create: (tag: string) => HTMLElement): HTMLElement {
  // A <template> is never rendered and its text is never parsed as CSS.
  const holder = create('template');
  const sheet = new CSSStyleSheet();
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  let text = '';
  Object.defineProperty(holder, 'textContent', {
    get: () => text,
    set: (value: string | null) => {
      text = value ?? '';
      sheet.replaceSync(text);
    },
  });
  const remove = holder.remove.bind(holder);
  holder.remove = () => {
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    remove();
  };
  return holder;
}

/** The private parts of xterm 6.0's DOM renderer that the cell-style fix reaches (see below). */
interface XtermInternals {
  _core?: { _renderService?: { _renderer?: { value?: { _rowFactory?: object } } } };
}

interface RowFactoryPrototype {
  _addStyle?: (element: HTMLElement, style: string) => void;
  [CELL_STYLES_PATCHED]?: true;
}

const CELL_STYLES_PATCHED = Symbol('lvs-lab.cellStylesUnderCsp');

/**
 * xterm's DOM renderer colours selected cells and 24-bit colours in one
 * place: `DomRendererRowFactory._addStyle(span, 'background-color:#…')`,
 * which calls `span.setAttribute('style', …)` on the <span> cells the row
 * factory has just created (not yet in the document). The CSP refuses
 * inline style attributes; the same declarations set through CSSOM
 * (`style.cssText`) are allowed. So that one method of xterm's row factory
 * class (found through the opened terminal, since xterm does not export it)
 * applies them through CSSOM. Nothing else changes: any other
 * `setAttribute('style', …)` on the page, on a span inside the terminal
 * included, is still refused by the CSP (e2e: cspCellStylesJourney).
 *
 * Call after `terminal.open()`, which creates the renderer. Returns false
 * when xterm's internals are not where xterm 6.0 keeps them (an upgraded
 * xterm): then selected text would trip the CSP, and the caller says so.
 */
export function applyXtermCellStylesUnderCsp(terminal: object): boolean {
  const factory = (terminal as XtermInternals)._core?._renderService?._renderer?.value?._rowFactory;
  if (!factory) return false;
  const prototype = Object.getPrototypeOf(factory) as RowFactoryPrototype | null;
  if (!prototype || typeof prototype._addStyle !== 'function') return false;
  if (prototype[CELL_STYLES_PATCHED]) return true;
  // Same result as xterm's own: the declarations appended to what the cell already has.
  prototype._addStyle = (element: HTMLElement, style: string): void => {
    element.style.cssText = `${element.style.cssText}${style};`;
  };
  prototype[CELL_STYLES_PATCHED] = true;
  return true;
}
