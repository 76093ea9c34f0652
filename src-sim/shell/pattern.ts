// Shell pattern matching (glob(7), fnmatch without FNM_PATHNAME): case
// patterns, [[ x == pattern ]], ${v#pattern} and pathname expansion. A
// pattern arrives with its quoted characters backslash-escaped (the shell
// marks what was quoted), so `"*"` matches only a star.
import { POSIX_CLASSES } from './text/posix-regex.ts';

const cache = new Map<string, RegExp>();

/** Escapes the glob characters of quoted text, so a pattern built from it matches it literally. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** Whether `pattern` has an unescaped glob character. */
export function hasGlob(pattern: string): boolean {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === '*' || pattern[i] === '?' || pattern[i] === '[') return true;
  }
  return false;
}

/** The pattern without its escapes: the text it stands for when nothing matched. */
export function unescapeGlob(pattern: string): string {
  return pattern.replace(/\\(.)/gs, '$1');
}

/** The regular expression source for a pattern (no anchors). */
function patternSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      out += i < pattern.length ? regexEscape(pattern[i]!) : '\\\\';
    } else if (c === '*') out += '[^]*';
    else if (c === '?') out += '[^]';
    else if (c === '[') {
      const end = bracketEnd(pattern, i);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end);
      let negate = false;
      if (body.startsWith('!') || body.startsWith('^')) {
        negate = true;
        body = body.slice(1);
      }
      let cls = '';
      for (let j = 0; j < body.length; j++) {
        const d = body[j]!;
        const named = /^\[:([a-z]+):\]/.exec(body.slice(j));
        if (named) {
          cls += POSIX_CLASSES[named[1]!] ?? '';
          j += named[0].length - 1;
        } else if (d === '\\' && j + 1 < body.length) cls += classEscape(body[++j]!);
        else if (d === '-' && j > 0 && j < body.length - 1) cls += '-';
        else cls += classEscape(d);
      }
      out += `[${negate ? '^' : ''}${cls}]`;
      i = end;
    } else out += regexEscape(c);
  }
  return out;
}

/** The index of the `]` closing a bracket expression at `open`, or -1 (then `[` is literal). */
function bracketEnd(pattern: string, open: number): number {
  let j = open + 1;
  if (pattern[j] === '!' || pattern[j] === '^') j++;
  if (pattern[j] === ']') j++;
  for (; j < pattern.length; j++) {
    if (pattern[j] === '\\') j++;
    else if (pattern[j] === '[' && pattern[j + 1] === ':') {
      const close = pattern.indexOf(':]', j + 2);
      if (close > 0) j = close + 1;
    } else if (pattern[j] === ']') return j;
  }
  return -1;
}

/** One character made literal outside a bracket expression ('u' mode refuses needless escapes). */
function regexEscape(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/** One character made literal inside a bracket expression. */
function classEscape(c: string): string {
  return /[\\^\][-]/.test(c) ? `\\${c}` : c;
}

function compiled(pattern: string, anchors: string): RegExp {
  const key = anchors + pattern;
  let re = cache.get(key);
  if (!re) {
    try {
      re = new RegExp(anchors === 'full' ? `^(?:${patternSource(pattern)})$` : `^(?:${patternSource(pattern)})`, 'u');
    } catch {
      // A bracket expression JavaScript cannot take (a reversed range): match the text literally.
      re = new RegExp(`^${[...unescapeGlob(pattern)].map(regexEscape).join('')}$`, 'u');
    }
    if (cache.size > 1000) cache.clear();
    cache.set(key, re);
  }
  return re;
}

/** Whether the whole of `text` matches `pattern`. */
export function matchPattern(pattern: string, text: string): boolean {
  return compiled(pattern, 'full').test(text);
}

/** ${v#p} ${v##p} ${v%p} ${v%%p}: `text` with the shortest or longest match of `pattern` removed from its start or end. */
export function removeAffix(text: string, pattern: string, end: 'prefix' | 'suffix', longest: boolean): string {
  const re = compiled(pattern, 'full');
  const n = text.length;
  if (end === 'prefix') {
    for (let k = longest ? n : 0; longest ? k >= 0 : k <= n; k += longest ? -1 : 1) if (re.test(text.slice(0, k))) return text.slice(k);
  } else {
    for (let k = longest ? 0 : n; longest ? k <= n : k >= 0; k += longest ? 1 : -1) if (re.test(text.slice(k))) return text.slice(0, k);
  }
  return text;
}

/** ${v/p/r} ${v//p/r} ${v/#p/r} ${v/%p/r}: the longest match replaced, once or everywhere. */
export function replacePattern(text: string, pattern: string, replacement: string, mode: '/' | '//' | '/#' | '/%'): string {
  if (pattern === '') return text;
  const re = compiled(pattern, 'full');
  let out = '';
  let i = 0;
  while (i <= text.length) {
    if (mode === '/%' && i < text.length) {
      // Only a match ending at the end counts.
      if (re.test(text.slice(i))) return out + replacement;
      out += text[i];
      i++;
      continue;
    }
    let matched = -1;
    for (let k = text.length; k > i; k--) {
      if (re.test(text.slice(i, k))) {
        matched = k;
        break;
      }
    }
    if (matched > i) {
      out += replacement;
      i = matched;
      if (mode !== '//') return out + text.slice(i);
      continue;
    }
    if (mode === '/#') return text;
    if (i < text.length) out += text[i];
    i++;
  }
  return out;
}
