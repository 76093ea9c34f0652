import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab, rs1Terminal } from '../test-lab.ts';
import { arith } from './arith.ts';
import { braceExpand, literalWords, parseScript } from './script.ts';

describe('loops and expansions as tutorials write them', () => {
  const { lab, run } = rs1Terminal();

  it('for over brace expansion, $(seq N), backquotes and a word list', () => {
    expect(run('for i in {1..3}; do echo $i; done')).toEqual({ exit: 0, stdout: '1\n2\n3\n', stderr: '' });
    expect(run('for i in $(seq 3); do echo "n=$i"; done').stdout).toBe('n=1\nn=2\nn=3\n');
    expect(run('for i in `seq 2 3`; do echo ${i}x; done').stdout).toBe('2x\n3x\n');
    expect(run('for h in rs1 rs2; do echo $h; done').stdout).toBe('rs1\nrs2\n');
  });

  it('C-style for, arithmetic expansion and nested loops', () => {
    expect(run('for ((i=1; i<=3; i++)); do echo $i; done').stdout).toBe('1\n2\n3\n');
    expect(run('for ((i=0;i<2;i++)); do for j in a b; do echo $i$j; done; done').stdout).toBe('0a\n0b\n1a\n1b\n');
    expect(run('echo $((2 * (3 + 4)))').stdout).toBe('14\n');
  });

  it('variables persist between lines of one host, and $? is the last exit status', () => {
    expect(run('VIP=198.51.100.100').exit).toBe(0);
    expect(run('echo $VIP').stdout).toBe('198.51.100.100\n');
    run('false_command_here');
    expect(run('echo $?').stdout).toBe('127\n');
    expect(lab.run('rs1', 'echo "$HOSTNAME"').stdout).toBe('rs1\n');
  });

  it('quoting: single quotes keep $ and braces, double quotes expand variables but not braces', () => {
    run('X=5');
    expect(run("echo '$X {1..2}'").stdout).toBe('$X {1..2}\n');
    expect(run('echo "$X {1..2}"').stdout).toBe('5 {1..2}\n');
    expect(run('echo a{1..2}b').stdout).toBe('a1b a2b\n');
  });

  it('seq prints what coreutils prints', () => {
    expect(run('seq 3').stdout).toBe('1\n2\n3\n');
    expect(run('seq 5 -2 1').stdout).toBe('5\n3\n1\n');
    expect(run('seq -s , 3').stdout).toBe('1,2,3\n');
    expect(run('seq -w 8 10').stdout).toBe('08\n09\n10\n');
    expect(run('seq')).toEqual({ exit: 1, stdout: '', stderr: "seq: missing operand\nTry 'seq --help' for more information.\n" });
    expect(run('seq x').stderr).toBe("seq: invalid floating point argument: 'x'\nTry 'seq --help' for more information.\n");
  });

  it('syntax errors read as bash writes them', () => {
    expect(run('for i in 1 2; do echo $i')).toEqual({ exit: 2, stdout: '', stderr: 'bash: syntax error: unexpected end of file\n' });
    expect(run('done').stderr).toBe("bash: syntax error near unexpected token `done'\n");
    expect(run('for i in 1; do; done').stderr).toBe("bash: syntax error near unexpected token `;'\n");
    expect(run('for 1x in a; do echo; done').stderr).toBe("bash: `1x': not a valid identifier\n");
    expect(run('echo $(seq 2').stderr).toBe("bash: unexpected EOF while looking for matching `)'\n");
    expect(run('echo a |')).toEqual({ exit: 2, stdout: '', stderr: 'bash: syntax error: unexpected end of file\n' });
    expect(run('while true do echo; done').stderr).toBe("bash: syntax error near unexpected token `done'\n");
    expect(run('f() echo').stderr).toBe("bash: syntax error near unexpected token `echo'\n");
    expect(run('( )').stderr).toBe("bash: syntax error near unexpected token `)'\n");
    expect(run('echo a | | b').stderr).toBe("bash: syntax error near unexpected token `|'\n");
    expect(run('echo a;;').stderr).toBe("bash: syntax error near unexpected token `;;'\n");
    expect(run('echo "unterminated').stderr).toBe('bash: unexpected EOF while looking for matching `"\'\n');
    expect(run('echo while if done').stdout).toBe('while if done\n');
  });

  it('&& and || skip as bash does inside loops', () => {
    expect(run('for i in 1 2; do nope_cmd 2>/dev/null || echo fail$i; done').stdout).toBe('fail1\nfail2\n');
    expect(run('echo a && echo b || echo c').stdout).toBe('a\nb\n');
  });
});

describe('parser never throws', () => {
  const odd = ['', ' ', ';', ';;', '&&', '||', 'for', 'for i', 'for i in', 'for i in; do done', 'do', 'done done', '$(', '$((', '$((1+)))', '${', '${}', '${1x}', '`', '"$(', "'", '\\', '{', '{1..}', '{..}', '{a,}', 'for ((;;', 'for ((a;b))', '((', '))', '>', '2>', 'a >', 'x=', '=x', 'for i in $(for); do :; done', '$((1/0))', 'for ((i=0; i<3; j++)); do; done', '\n\n', 'echo ${a'];
  it.each(odd)('%j gives a tree or a syntax error', (line) => {
    const result = parseScript(line);
    expect(typeof result.ok).toBe('boolean');
    if (!result.ok) expect(result.error.length).toBeGreaterThan(0);
  });

  it('random lines made of shell characters neither throw nor report an internal error', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const alphabet = fc.constantFrom(...'for i in do done ; && || $ ( ) { } .. , ` " \' \\ > 2 1 x = seq echo # \n'.split(' '), ' ');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 24 }), (pieces) => {
        const line = pieces.join('');
        expect(() => parseScript(line)).not.toThrow();
        const r = lab.run('rs1', line);
        expect(r.stderr).not.toContain('internal simulator error');
      }),
      { numRuns: 400, seed: 7 },
    );
  });

  it('brace expansion and arithmetic on their own', () => {
    expect(braceExpand('{3..1}')).toEqual(['3', '2', '1']);
    expect(braceExpand('rs{1,2}.lab')).toEqual(['rs1.lab', 'rs2.lab']);
    expect(braceExpand('{01..03}')).toEqual(['01', '02', '03']);
    expect(braceExpand('{a..c}')).toEqual(['a', 'b', 'c']);
    expect(braceExpand('{x}')).toEqual(['{x}']);
    const vars = new Map<string, string>();
    expect(arith('i=2', vars)).toBe(2);
    expect(arith('i++ + 10', vars)).toBe(12);
    expect(vars.get('i')).toBe('3');
    expect(arith('i <= 3 && i > 1', vars)).toBe(1);
  });
});

describe('literalWords (ipvsadm -R reads its rules file with it)', () => {
  it('removes quotes, expands nothing and stops at the first operator', () => {
    expect(literalWords('-A -t 198.51.100.100:80 -s "r r"  \'w\\lc\'')).toEqual(['-A', '-t', '198.51.100.100:80', '-s', 'r r', 'w\\lc']);
    expect(literalWords('-a $VIP $(seq 2) ; -C')).toEqual(['-a', '$VIP', '$(seq 2)']);
    expect(literalWords('# a comment')).toEqual([]);
    expect(literalWords('-A "unterminated')).toEqual([]);
  });
});
