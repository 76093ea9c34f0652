// Splits a command line the way a POSIX shell does for the forms learners
// type: words, quotes, backslashes, redirections and ; && || between commands.

export interface SimpleCommand {
  words: string[];
  /** `> file` / `>> file` for stdout, and 2> for stderr. */
  redirects: Array<{ fd: 1 | 2; target: string; append: boolean } | { fd: 2; toStdout: true }>;
}

export interface Pipeline {
  command: SimpleCommand;
  /** How this command joins the previous one. */
  join: ';' | '&&' | '||' | null;
}

export type ParseResult = { ok: true; commands: Pipeline[] } | { ok: false; error: string };

export function tokenize(line: string): ParseResult {
  const commands: Pipeline[] = [];
  let words: string[] = [];
  let redirects: SimpleCommand['redirects'] = [];
  let join: Pipeline['join'] = null;
  let word = '';
  let inWord = false;
  let pendingRedirect: { fd: 1 | 2; append: boolean } | null = null;

  const endWord = (): string | null => {
    if (!inWord) return null;
    const w = word;
    word = '';
    inWord = false;
    if (pendingRedirect) {
      redirects.push({ ...pendingRedirect, target: w });
      pendingRedirect = null;
      return null;
    }
    words.push(w);
    return w;
  };
  const endCommand = (next: Pipeline['join']): string | null => {
    endWord();
    if (pendingRedirect) return 'syntax error near unexpected token `newline\'';
    if (words.length === 0 && redirects.length === 0) {
      if (next === null) return null;
      return `syntax error near unexpected token \`${next}'`;
    }
    commands.push({ command: { words, redirects }, join });
    words = [];
    redirects = [];
    join = next;
    return null;
  };

  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: "unexpected EOF while looking for matching `''" };
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1]!)) j++;
        text += line[j];
        j++;
      }
      if (j >= line.length) return { ok: false, error: 'unexpected EOF while looking for matching `"\'' };
      word += text;
      inWord = true;
      i = j;
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '#' && !inWord) {
      break;
    } else if (c === ';') {
      const e = endCommand(';');
      if (e) return { ok: false, error: e };
    } else if (c === '&' && line[i + 1] === '&') {
      i++;
      const e = endCommand('&&');
      if (e) return { ok: false, error: e };
    } else if (c === '|' && line[i + 1] === '|') {
      i++;
      const e = endCommand('||');
      if (e) return { ok: false, error: e };
    } else if (c === '|' || c === '&' || c === '<') {
      return { ok: false, error: `${c === '|' ? 'pipes' : c === '&' ? 'background jobs' : 'input redirections'} are not supported in this lab shell` };
    } else if (c === '>' || (c === '2' && !inWord && line[i + 1] === '>')) {
      let fd: 1 | 2 = 1;
      if (c === '2') {
        fd = 2;
        i++;
      } else {
        endWord();
      }
      if (line[i + 1] === '&' && line[i + 2] === '1' && fd === 2) {
        redirects.push({ fd: 2, toStdout: true });
        i += 2;
        continue;
      }
      const append = line[i + 1] === '>';
      if (append) i++;
      pendingRedirect = { fd, append };
    } else {
      word += c;
      inWord = true;
    }
  }
  const e = endCommand(null);
  if (e) return { ok: false, error: e };
  return { ok: true, commands };
}
