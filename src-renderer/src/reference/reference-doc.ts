// The kernel reference the lessons cite, as the app ships it: docs/reference/
// en.md and zh-CN.md bundled as text and parsed once per language.
import { parseReference, type Inline, type Lang, type Reference } from '../../../src-sim/session/index.ts';
import enMarkdown from '../../../docs/reference/en.md?raw';
import zhMarkdown from '../../../docs/reference/zh-CN.md?raw';

const MARKDOWN: Record<Lang, string> = { en: enMarkdown, 'zh-CN': zhMarkdown };
const parsed = new Map<Lang, Reference>();

export function referenceDoc(lang: Lang): Reference {
  let reference = parsed.get(lang);
  if (!reference) parsed.set(lang, (reference = parseReference(MARKDOWN[lang])));
  return reference;
}

/** The element id of a section: "§9.2" → "ref-s9-2", "E1b" → "ref-E1b" (ids without § or dots work in every selector). */
export function anchorId(key: string): string {
  return `ref-${key.replace('§', 's').replace(/\./g, '-')}`;
}


/** A heading's words with its `code` spans marked, as the sections' text is. */
export function titleParts(title: string): Inline[] {
  return title.split('`').map((text, i) => ({ kind: i % 2 === 1 ? 'code' : 'text', text }));
}
