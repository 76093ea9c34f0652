// The in-app reference (docs/reference/*.md): both languages have the same
// sections, every citation a lesson makes resolves in both, and the parser
// keeps the structure the view renders.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCurriculum } from '../lessons/curriculum/index.ts';
import { citationsIn, findSection, parseReference, type Block } from './reference.ts';

const root = join(import.meta.dirname, '../../..');
const en = parseReference(readFileSync(join(root, 'docs/reference/en.md'), 'utf8'));
const zh = parseReference(readFileSync(join(root, 'docs/reference/zh-CN.md'), 'utf8'));

describe('the in-app reference', () => {
  it('has the same sections, in the same order, in en and zh-CN', () => {
    expect(en.sections.length).toBeGreaterThan(40);
    expect(zh.sections.map((s) => s.key)).toEqual(en.sections.map((s) => s.key));
    expect(new Set(en.sections.map((s) => s.key)).size).toBe(en.sections.length);
  });

  it('has a body in every section, and tables of the same shape in both languages', () => {
    for (const [i, section] of en.sections.entries()) {
      const other = zh.sections[i]!;
      // A section may be only a heading over its subsections (§5 over §5.1…).
      const headsSubsections = section.level === 2 && en.sections[i + 1]?.level === 3;
      if (!headsSubsections) expect(section.blocks.length, section.key).toBeGreaterThan(0);
      const shape = (blocks: Block[]): string[] =>
        blocks.filter((b) => b.kind === 'table').map((t) => `${t.header.length}x${t.rows.length}:${t.rows.map((r) => r.length).join(',')}`);
      expect(shape(other.blocks), section.key).toEqual(shape(section.blocks));
    }
  });

  it('resolves every citation of every lesson in both languages', () => {
    const { lessons } = loadCurriculum();
    expect(lessons.length).toBeGreaterThan(5);
    let checked = 0;
    for (const lesson of lessons) {
      const cited = new Set([...lesson.references, ...citationsIn(JSON.stringify(lesson))]);
      for (const citation of cited) {
        expect(findSection(en, citation), `${lesson.id}: ${citation} (en)`).toBeDefined();
        expect(findSection(zh, citation), `${lesson.id}: ${citation} (zh-CN)`).toBeDefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });
});

describe('parseReference', () => {
  const sample = [
    '# Title',
    'Intro `x`.',
    '',
    '## 2. arp_ignore',
    'A **bold** word and `conf.all`.',
    '',
    '| value | rule |',
    '|---|---|',
    '| 0 | `a|b` answers |',
    '',
    '### 5.2 Updating',
    '- one',
    '- two `c`',
    '### E1b — crafted',
    'text',
  ].join('\n');
  const ref = parseReference(sample);

  it('keys sections as lessons cite them', () => {
    expect(ref.title).toBe('Title');
    expect(ref.sections.map((s) => [s.key, s.level, s.title])).toEqual([
      ['§2', 2, 'arp_ignore'],
      ['§5.2', 3, 'Updating'],
      ['E1b', 3, 'crafted'],
    ]);
    expect(findSection(ref, '5.2')?.key).toBe('§5.2');
    expect(findSection(ref, '§7')).toBeUndefined();
  });

  it('parses paragraphs, tables (a | inside code does not split) and lists', () => {
    expect(ref.intro).toEqual([{ kind: 'paragraph', inline: [{ kind: 'text', text: 'Intro ' }, { kind: 'code', text: 'x' }, { kind: 'text', text: '.' }] }]);
    const [para, table] = ref.sections[0]!.blocks;
    expect(para).toEqual({
      kind: 'paragraph',
      inline: [
        { kind: 'text', text: 'A ' },
        { kind: 'strong', text: 'bold' },
        { kind: 'text', text: ' word and ' },
        { kind: 'code', text: 'conf.all' },
        { kind: 'text', text: '.' },
      ],
    });
    expect(table).toEqual({
      kind: 'table',
      header: [[{ kind: 'text', text: 'value' }], [{ kind: 'text', text: 'rule' }]],
      rows: [[[{ kind: 'text', text: '0' }], [{ kind: 'code', text: 'a|b' }, { kind: 'text', text: ' answers' }]]],
    });
    expect(ref.sections[1]!.blocks).toEqual([{ kind: 'list', items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two ' }, { kind: 'code', text: 'c' }]] }]);
  });

  it('finds citations the way lesson texts write them', () => {
    expect(citationsIn('max(all, eth0) (§2, E1); see §9.2 and E1b, not EXAMPLE or E.')).toEqual(['§2', 'E1', '§9.2', 'E1b']);
  });
});
