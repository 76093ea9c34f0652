// Fuzzing the shell with scripts generated from its grammar: lists,
// pipelines, compound commands, functions (recursive ones too), redirections,
// here-documents and expansions, plus the same text cut at random places.
// Every script must end (within the line's budget) with bash's words:
// no exception, no "internal simulator error", no stack overflow.
//
// 10,000 scripts here; SHELL_FUZZ_RUNS=100000 for the long run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';
import { parseScript } from './script.ts';

const RUNS = Number(process.env.SHELL_FUZZ_RUNS ?? 10_000);

const name = fc.constantFrom('x', 'y', 'i', 'VIP', 'f', 'g');
const literal = fc.constantFrom('a', 'b c', '1', '0', '-n', '*', '198.51.100.100', '', '{1..3}', 'a{b,c}', '~', '/tmp/*', '"q"', "'s'", '\\$x');
const expansion = fc.oneof(
  name.map((n) => `$${n}`),
  name.map((n) => `"$${n}"`),
  fc.constantFrom('$1', '$#', '$@', '"$@"', '$?', '$$', '$0', '${x:-d}', '${x:=z}', '${#y}', '${VIP%.*}', '${VIP##*.}', '${y/a/b}', '$((i+1))', '$((1/0))', '`echo bq`', '$(echo s)', '${x:?}', '${PIPESTATUS[0]}'),
);
const word = fc.oneof(literal, expansion, fc.tuple(literal, expansion).map(([a, b]) => `${a}${b}`));
const words = fc.array(word, { maxLength: 4 }).map((ws) => ws.join(' '));
const redirect = fc.constantFrom('', '', '', ' > /tmp/out', ' >> /tmp/out', ' 2>/dev/null', ' 2>&1', ' >&2', ' < /tmp/out', ' < /nope', ' > /proc/sys/net/ipv4/conf/all/arp_ignore', ' <<< "in $x"', ' &>/dev/null', ' >&3', ' > /etc');
const simple = fc.oneof(
  fc.tuple(fc.constantFrom('echo', 'echo -n', 'true', 'false', ':', 'read', 'shift', 'set --', 'local', 'return', 'exit', 'export', 'unset', 'test', '[', 'cd', 'pwd', 'type', 'eval', 'let', 'f', 'g', 'seq', 'nosuch', 'source', 'break', 'continue', 'bash -c', 'sh -c'), words, redirect).map(([c, w, r]) => `${c} ${w}${r}`),
  fc.tuple(name, word).map(([n, w]) => `${n}=${w}`),
  fc.tuple(word, fc.constantFrom('=', '!=', '-eq', '-lt', '-z', '-f'), word).map(([a, op, b]) => `[ ${a} ${op} ${b} ]`),
  fc.tuple(word, fc.constantFrom('==', '!=', '=~', '<', '-gt', '&& -n', '|| -z'), word).map(([a, op, b]) => `[[ ${a} ${op} ${b} ]]`),
  fc.constantFrom('(( i++ ))', '(( i < 3 ))', '(( 1/0 ))', 'i=$((i+1))', 'set -e', 'set +e', 'set -x', 'set +x', 'set -u', 'set +u'),
);

const { script } = fc.letrec<{ script: string; command: string; list: string }>((tie) => ({
  script: fc.array(tie('list'), { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n')),
  list: fc.tuple(tie('command'), fc.array(fc.tuple(fc.constantFrom(' ; ', ' && ', ' || ', ' | ', ' |& ', ' & '), tie('command')), { maxLength: 2 })).map(([first, rest]) => first + rest.map(([op, c]) => op + c).join('')),
  command: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    simple,
    simple.map((c) => `! ${c}`),
    tie('list').map((l) => `{ ${l}; }`),
    tie('list').map((l) => `( ${l} )`),
    fc.tuple(tie('list'), tie('list'), tie('list')).map(([c, t, e]) => `if ${c}; then ${t}; else ${e}; fi`),
    fc.tuple(tie('list'), tie('list')).map(([c, b]) => `while ${c}; do ${b}; done`),
    fc.tuple(tie('list'), tie('list')).map(([c, b]) => `until ${c}; do ${b}; done`),
    fc.tuple(name, words, tie('list')).map(([n, w, b]) => `for ${n} in ${w}; do ${b}; done`),
    tie('list').map((b) => `for ((i=0; i<3; i++)); do ${b}; done`),
    fc.tuple(word, tie('list'), tie('list')).map(([w, a, b]) => `case ${w} in a|b*) ${a};; *) ${b};; esac`),
    fc.tuple(fc.constantFrom('f', 'g'), tie('list')).map(([n, b]) => `${n}() { ${b}; }`),
    fc.constantFrom('f() { f; }', 'g() { g | g; }', 'f() { local x=1; echo $x; return 2; }'),
    tie('list').map((b) => `read a b <<EOF\n${b}\nEOF`),
    tie('list').map((b) => `x=$(${b})`),
  ),
}));

/** A generated script, or the same script cut at a random place (unterminated quotes, half a loop). */
const scriptOrCut = fc.oneof(
  script,
  fc.tuple(script, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))),
);

describe('generated scripts', () => {
  it(`${RUNS} scripts from the grammar end within the budget with bash's words`, () => {
    const newLab = () => {
      const lab = lanLab([lanHost('rs1', 11)]);
      // A small budget keeps infinite loops and recursion short; each line still gets a fresh one.
      lab.budgetLimits = { ...lab.budgetLimits, work: 1_000, depth: 30 };
      return lab;
    };
    let lab = newLab();
    let runs = 0;
    let slowest = 0;
    fc.assert(
      fc.property(scriptOrCut, (text) => {
        expect(() => parseScript(text)).not.toThrow();
        // A new lab now and then, so files and the journal the scripts grow stay small.
        if (++runs % 100 === 0) lab = newLab();
        const started = performance.now();
        const result = lab.run('rs1', text);
        slowest = Math.max(slowest, performance.now() - started);
        expect(result.stderr).not.toMatch(/internal simulator error|RangeError|TypeError|undefined/);
        expect(typeof result.exit).toBe('number');
      }),
      { numRuns: RUNS, seed: 11 },
    );
    // No run went past its budget into wall time.
    expect(slowest).toBeLessThan(2_000);
  }, 600_000);
});
