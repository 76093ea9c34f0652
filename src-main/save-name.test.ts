import { describe, expect, it } from 'vitest';
import { safeSaveName, saveNameProblem } from './save-name.ts';
import { checkSaveFile } from './validate.ts';

describe('save names (issue 16, finding 6)', () => {
  it('refuses Windows device names, with or without an extension, in any case', () => {
    for (const name of ['CON', 'con.json', 'NUL', 'nul.txt', 'PRN.csv', 'AUX', 'COM1', 'com9.pcapng', 'LPT1.json', 'lpt3', 'COM¹.txt', 'CONIN$', 'NUL .txt', 'CON.tar.gz']) {
      expect(saveNameProblem(name), name).toBe('is a Windows device name (CON, PRN, AUX, NUL, COM1…, LPT1…)');
      expect(() => checkSaveFile([{ suggestedName: name, data: '' }]), name).toThrow(/Windows device name/);
    }
    for (const name of ['CONSOLE.json', 'results-CON.json', 'com10.txt', 'nullable.csv', 'lpt.txt', 'auxiliary']) expect(saveNameProblem(name), name).toBeNull();
  });

  it('refuses bidirectional overrides and control characters', () => {
    for (const name of ['results-\u202Egpj.exe', 'a\u202Db.csv', 'a\u2066b.csv', 'a\u200Fb.csv', 'a\u061Cb.csv']) {
      expect(saveNameProblem(name), JSON.stringify(name)).toBe('must not contain bidirectional formatting characters (such as U+202E)');
    }
    for (const name of ['a\u0000b', 'a\tb.csv', 'a\u001b[31mred.csv', 'a\u007fb', 'a\u009bb.csv']) {
      expect(saveNameProblem(name), JSON.stringify(name)).toBe('must not contain control characters');
    }
  });

  it('refuses names Windows would change: a trailing dot or space', () => {
    expect(saveNameProblem('results.')).toBe('must not end with a dot or a space (Windows drops them)');
    expect(saveNameProblem('results ')).toBe('must not end with a dot or a space (Windows drops them)');
  });

  it('keeps ordinary names in any script', () => {
    for (const name of ['gradebook.csv', '成绩 results.csv', 'lvs-lab-session.json', 'Ülkü’s pack (week 3).json']) expect(saveNameProblem(name), name).toBeNull();
  });

  it('makes a safe name from any text, and every name it makes passes', () => {
    expect(safeSaveName('week3.json', 'pack.json')).toBe('week3.json');
    expect(safeSaveName('CON.json', 'pack.json')).toBe('_CON.json');
    expect(safeSaveName('nul', 'pack.json')).toBe('_nul');
    expect(safeSaveName('evil\u202Enosj.exe', 'pack.json')).toBe('evil-nosj.exe');
    expect(safeSaveName('a\u001b[2Jb.json', 'pack.json')).toBe('a-[2Jb.json');
    expect(safeSaveName('../../etc/passwd', 'pack.json')).toBe('-..-etc-passwd');
    expect(safeSaveName('...', 'pack.json')).toBe('pack.json');
    expect(safeSaveName('', 'pack.json')).toBe('pack.json');
    expect(safeSaveName('x'.repeat(500), 'pack.json')).toHaveLength(200);
    for (const text of ['CON', ' .hidden. ', 'a\u0085b', 'ＣＯＮ.json', 'COM¹', 'lpt1 .txt', '\u202E', 'a'.repeat(199) + '.']) {
      expect(saveNameProblem(safeSaveName(text, 'fallback.json')), JSON.stringify(text)).toBeNull();
    }
  });
});
