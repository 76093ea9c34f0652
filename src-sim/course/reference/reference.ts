// The in-app reference: docs/reference/en.md and zh-CN.md, cut into the
// sections the lessons cite ("§2", "§5.2", "§9.8", "E1", "E1b") and parsed
// into a few block kinds a view can render without HTML. The Markdown files are
// the one source: they read well on their own and the app shows the same text.
//
// Only the Markdown the reference uses is understood: headings `##`/`###`,
// paragraphs, `- ` lists, pipe tables, `code` and **bold**. Anything else
// stays plain text, never markup.

export type Inline = { kind: 'text' | 'code' | 'strong'; text: string };
export type Block =
  | { kind: 'paragraph'; inline: Inline[] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'table'; header: Inline[][]; rows: Inline[][][] };

export interface ReferenceSection {
  /** What lessons cite: "§2", "§5.2", "E1b". */
  key: string;
  title: string;
  /** 2 for a numbered section, 3 for a subsection or an experiment. */
  level: 2 | 3;
  blocks: Block[];
}

export interface Reference {
  title: string;
  /** Text before the first section. */
  intro: Block[];
  sections: ReferenceSection[];
}

/** `## 2. arp_ignore…` → §2, `### 5.2 Updating…` → §5.2, `### E1b — …` → E1b. */
const SECTION_HEADING = /^(##|###) (?:(\d+(?:\.\d+)?)\.? |(E\d+[a-z]?) — )(.+)$/;

export function parseReference(markdown: string): Reference {
  const lines = markdown.split(/\r?\n/);
  let title = '';
  const intro: string[] = [];
  const sections: Array<{ key: string; title: string; level: 2 | 3; lines: string[] }> = [];
  for (const line of lines) {
    if (line.startsWith('# ') && title === '') {
      title = line.slice(2).trim();
      continue;
    }
    const heading = SECTION_HEADING.exec(line);
    if (heading) {
      const number = heading[2];
      sections.push({
        key: number !== undefined ? `§${number}` : heading[3]!,
        title: heading[4]!.trim(),
        level: heading[1] === '##' ? 2 : 3,
        lines: [],
      });
      continue;
    }
    (sections.at(-1)?.lines ?? intro).push(line);
  }
  return {
    title,
    intro: parseBlocks(intro),
    sections: sections.map(({ lines: body, ...rest }) => ({ ...rest, blocks: parseBlocks(body) })),
  };
}

/** The section a citation names, or undefined. "§9.2" and "9.2" both work. */
export function findSection(reference: Reference, citation: string): ReferenceSection | undefined {
  const key = /^\d/.test(citation) ? `§${citation}` : citation;
  return reference.sections.find((s) => s.key === key);
}

/** Every citation in a text: "§2", "§9.2", "E1", "E1b" (as lesson texts write them). */
export function citationsIn(text: string): string[] {
  return [...text.matchAll(/§\d+(?:\.\d+)?|\bE\d+[a-z]?\b/g)].map((m) => m[0]);
}

function parseBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', inline: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') {
      flush();
    } else if (line.startsWith('- ')) {
      flush();
      const items: Inline[][] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('- ')) items.push(parseInline(lines[i++]!.trim().slice(2)));
      i--;
      blocks.push({ kind: 'list', items });
    } else if (line.startsWith('|')) {
      flush();
      const rows: Inline[][][] = [];
      while (i < lines.length && lines[i]!.trim().startsWith('|')) {
        const cells = splitRow(lines[i++]!.trim());
        if (!cells.every((c) => /^:?-+:?$/.test(c))) rows.push(cells.map(parseInline));
      }
      i--;
      const [header = [], ...body] = rows;
      blocks.push({ kind: 'table', header, rows: body });
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** `| a | b |` → ["a", "b"]; a `|` inside `code` does not split. */
function splitRow(row: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let inCode = false;
  for (const c of row.slice(1, row.endsWith('|') ? -1 : undefined)) {
    if (c === '`') inCode = !inCode;
    if (c === '|' && !inCode) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  const pattern = /`([^`]*)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) });
    out.push(m[1] !== undefined ? { kind: 'code', text: m[1] } : { kind: 'strong', text: m[2]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) });
  return out;
}
