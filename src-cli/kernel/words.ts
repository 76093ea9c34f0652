// How one parsed shell word (src-sim/shell/script.ts) becomes argument
// strings for the kernel runner once its variables, substitutions and
// arithmetic have values, in bash's order: an unquoted literal word is
// brace-expanded; unquoted values are split on blanks; quoted parts are kept
// whole. (The lab shell does the same inside its synchronous interpreter,
// shell.ts; the kernel runner's is asynchronous, as it waits for real tools.)
import type { Budget } from '../../src-sim/core/budget.ts';
import { braceExpand, type Word, type WordPart } from '../../src-sim/shell/script.ts';

/** A word that is only literal text (no $var, $(…) or `…`). */
export function isLiteral(word: Word): boolean {
  return word.every((part) => part.kind === 'text');
}

/**
 * The fields of `word`; `valueOf` gives each variable or substitution its
 * value, called once per such part, in order. `split` false keeps one
 * field (assignments, redirection targets).
 */
export function wordFields(word: Word, valueOf: (part: Exclude<WordPart, { kind: 'text' }>) => string, budget: Budget, split = true): string[] {
  if (split && word.every((part) => part.kind === 'text' && !part.quoted)) {
    return braceExpand(word.map((part) => (part as { text: string }).text).join(''), budget);
  }
  const fields: string[] = [];
  let current = '';
  let has = false;
  for (const part of word) {
    const value = part.kind === 'text' ? part.text : valueOf(part);
    if (part.kind === 'text' || part.quoted || !split) {
      current += value;
      has = has || part.kind === 'text' || part.quoted || value !== '';
      continue;
    }
    const pieces = value.split(/[ \t\n]+/);
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) {
        if (has) fields.push(current);
        current = '';
        has = false;
      }
      if (pieces[i] !== '') {
        current += pieces[i];
        has = true;
      }
    }
  }
  if (has) fields.push(current);
  return fields;
}
