import { describe, expect, it } from 'vitest';
import { findSection, loadCurriculum } from '../../../src-sim/session/index.ts';
import { anchorId, referenceDoc, titleParts } from './reference-doc.ts';

describe('the reference the window shows', () => {
  it('has one distinct anchor per section, the same sections in en and zh-CN', () => {
    const en = referenceDoc('en').sections.map((s) => s.key);
    expect(referenceDoc('zh-CN').sections.map((s) => s.key)).toEqual(en);
    expect(new Set(en.map(anchorId)).size).toBe(en.length);
    expect(anchorId('§9.2')).toBe('ref-s9-2');
    expect(anchorId('E1b')).toBe('ref-E1b');
  });

  it('finds the section of every citation the lessons link to, in both languages', () => {
    for (const lesson of loadCurriculum().lessons) {
      for (const ref of lesson.references) {
        expect(findSection(referenceDoc('en'), ref), `${lesson.id}: ${ref}`).toBeDefined();
        expect(findSection(referenceDoc('zh-CN'), ref), `${lesson.id}: ${ref}`).toBeDefined();
      }
    }
  });

  it('marks code in headings', () => {
    expect(titleParts('Only `conf.lo.arp_ignore` here')).toEqual([
      { kind: 'text', text: 'Only ' },
      { kind: 'code', text: 'conf.lo.arp_ignore' },
      { kind: 'text', text: ' here' },
    ]);
  });
});
