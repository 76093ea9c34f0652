// Every command a lesson's goal, hints or debrief suggests (its `code` spans
// that start with a command the lab knows or a word that is meant as one)
// runs in the lab: never "command not found", "not supported" or an internal
// error. Placeholders (VIP, …) may make a command fail with its usage; that
// is fine, only a missing command or option is not. A line the lab shell
// refuses for its syntax (pipes, `<`) is the shell's to support and is
// checked here once it runs.
import { describe, expect, it } from 'vitest';
import { textbookLab } from '../../scenario/textbook.ts';
import { COMMANDS } from '../../shell/commands/index.ts';
import { loadCurriculum } from './curriculum/index.ts';

/** Words a learner types that the shell itself provides (a span starting with one is a command line). */
const SHELL_WORDS = new Set(['echo', 'cd', 'export', 'for', 'while', 'if', 'true', 'false', 'source', 'test', 'history', 'help']);

function suggestedCommands(texts: string[]): string[] {
  const lines = new Set<string>();
  for (const text of texts) {
    for (const [, span] of text.matchAll(/`([^`]+)`/g)) {
      const first = span!.split(/\s+/)[0]!;
      if (COMMANDS.has(first) || SHELL_WORDS.has(first)) lines.add(span!);
    }
  }
  return [...lines];
}

const SHELL_SYNTAX_REFUSED = /^bash: (pipes|input redirections|background jobs|subshells) are not supported/;

describe('the commands lessons suggest run in the lab', () => {
  for (const lesson of loadCurriculum().lessons) {
    const lines = suggestedCommands([lesson.goal.en, ...lesson.hints.map((h) => h.en), lesson.debrief.en]);
    it(`${lesson.id}: ${lines.length} commands`, () => {
      const lab = textbookLab();
      // A command that runs until Ctrl-C (ping, tcpdump without -c) ends at a small budget.
      lab.budgetLimits = { ...lab.budgetLimits, work: 50_000 };
      for (const line of lines) {
        const r = lab.run('director', line);
        if (SHELL_SYNTAX_REFUSED.test(r.stderr)) continue;
        expect(r.stderr, line).not.toMatch(/command not found|not supported|internal simulator error/);
      }
    });
  }
  it('finds the commands of every lesson (the extraction itself works)', () => {
    const all = loadCurriculum().lessons.flatMap((l) => suggestedCommands([l.goal.en, ...l.hints.map((h) => h.en), l.debrief.en]));
    expect(all).toContain('sysctl -a | grep arp_ignore');
    expect(all).toContain('ipvsadm -R < /etc/ipvsadm.rules');
    expect(all.length).toBeGreaterThan(30);
  });
});
