// keepalived 2.2.7's reader (lib/parser.c read_line): comments, `include`
// and braces. What it hands the keyword parser is a list of logical lines,
// each split into words (alloc_strvec_r), with the file and line it came from.

/** One line as the keyword parser sees it: its words, and where it came from. */
export interface ConfigLine {
  words: string[];
  file: string;
  line: number;
  /** True for a line of the main file (pass 1 names only included files in its messages). */
  mainFile: boolean;
  /** An `include` that matched nothing: reported where it stands, by the first pass only. */
  problem?: string;
}

/** What the reader needs of a file system: read a file, and expand a glob in `include`. */
export interface ConfigSource {
  read(path: string): string | null;
  /** The paths a glob pattern matches, sorted (glob(3)); a plain path matches itself if it exists. */
  glob(pattern: string): string[];
}

/** Includes nest at most this deep (keepalived stops following a loop the same way: by depth). */
const MAX_INCLUDE_DEPTH = 32;

/**
 * decomment: `#` or `!` outside double quotes ends the line; a backslash
 * protects the next character.
 */
function decomment(text: string): string {
  let quote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"') quote = !quote;
    else if (!quote && (c === '#' || c === '!')) return text.slice(0, i);
  }
  return text;
}

/** alloc_strvec_r: words split at blanks, a "quoted string" one word without its quotes. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (i >= text.length) break;
    if (text[i] === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) break;
      words.push(text.slice(i + 1, end));
      i = end + 1;
    } else {
      let end = i;
      while (end < text.length && text[end] !== ' ' && text[end] !== '\t' && text[end] !== '"') end++;
      words.push(text.slice(i, end));
      i = end;
    }
  }
  return words;
}

/**
 * read_line's brace rule: a `{` or `}` outside quotes starts a new line, and
 * one at the start of a line is a line by itself; so `vrrp_instance VI_1 {`
 * reads as `vrrp_instance VI_1` then `{`.
 */
function splitBraces(text: string): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest) {
    if (rest[0] === '{' || rest[0] === '}') {
      parts.push(rest[0]);
      rest = rest.slice(1).trim();
      continue;
    }
    let quote = false;
    let at = -1;
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '"') quote = !quote;
      else if (!quote && (rest[i] === '{' || rest[i] === '}')) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      parts.push(rest);
      break;
    }
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at);
  }
  return parts;
}

/**
 * Reads `file` and what it includes, in order. `include PATTERN` may be a
 * glob; one that matches nothing gives "Config files missing 'PATTERN'."
 */
export function readConfigLines(source: ConfigSource, file: string): ConfigLine[] {
  const lines: ConfigLine[] = [];
  const readFile = (path: string, mainFile: boolean, depth: number): void => {
    const text = source.read(path);
    if (text === null) return;
    text.split('\n').forEach((raw, index) => {
      const content = decomment(raw).trim();
      if (!content) return;
      const words = splitWords(content);
      if (words[0] === 'include') {
        const pattern = words[1] ?? '';
        // keepalived chdirs to the including file's directory: a relative pattern is relative to it.
        const resolved = pattern.startsWith('/') ? pattern : `${path.slice(0, path.lastIndexOf('/') + 1)}${pattern}`;
        const matches = pattern ? source.glob(resolved) : [];
        if (matches.length === 0) lines.push({ words: [], file: path, line: index + 1, mainFile, problem: `Config files missing '${pattern}'.` });
        if (depth < MAX_INCLUDE_DEPTH) for (const match of matches) readFile(match, false, depth + 1);
        return;
      }
      for (const part of splitBraces(content)) {
        const partWords = splitWords(part);
        if (partWords.length > 0) lines.push({ words: partWords, file: path, line: index + 1, mainFile });
      }
    });
  };
  readFile(file, true, 0);
  return lines;
}
