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
