// vi, vim and nano. A full-screen editor needs the app's editor panel (the app
// opens it for `vi FILE` before the line reaches the shell, and saves through
// a write step); anywhere else (the command-line tool, a lesson's commands,
// a script) the command says so and shows the here-document way to write a file.
import type { Command } from '../context.ts';

export function editorCommand(name: 'vi' | 'vim' | 'nano'): Command {
  return (ctx) => {
    const file = ctx.argv.slice(1).find((a) => !a.startsWith('-') && !a.startsWith('+')) ?? 'FILE';
    ctx.err(`${name}: a full-screen editor needs the lab app's editor panel; here, write the file with a here-document:\n  cat > ${file} <<'EOF'\n  …the file's lines…\n  EOF\n`);
    return 1;
  };
}
