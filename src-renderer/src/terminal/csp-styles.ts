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

let cellStylesInstalled = false;

/**
 * xterm's DOM renderer colours selected cells (and 24-bit colours) with
 * `span.setAttribute('style', …)`, which the CSP refuses as an inline style
 * attribute. The same declarations set through CSSOM (`style.cssText`) are
 * allowed, so for <span> elements a style attribute is applied that way.
 */
export function applyXtermCellStylesUnderCsp(): void {
  if (cellStylesInstalled) return;
  cellStylesInstalled = true;
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string): void {
    if (this instanceof HTMLSpanElement && name.toLowerCase() === 'style') this.style.cssText = value;
    else setAttribute.call(this, name, value);
  };
}
