// The shell language construct by construct. Every expected output was
// produced by bash 5.2.15 (Debian 12) on the same line; where a line needs a
// command that reads its input, `show` (a shell function reading stdin line by
// line) stands in for cat, so these tests depend on the shell alone.
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab, rs1Terminal } from '../test-lab.ts';

const SHOW = 'show() { while IFS= read -r l; do echo "$l"; done; }; ';

const fresh = () => rs1Terminal().run;

describe('lists, pipelines and compound commands', () => {
  const cases: Array<[string, string]> = [
    ['echo hi | { read x; echo "got $x"; }', 'got hi\n'],
    ['if [ 1 -eq 1 ]; then echo yes; elif false; then echo no; else echo else; fi', 'yes\n'],
    ['if false; then echo a; elif true; then echo b; fi', 'b\n'],
    ['if false; then echo a; else echo c; fi', 'c\n'],
    ['i=0; while [ $i -lt 3 ]; do echo w$i; i=$((i+1)); done', 'w0\nw1\nw2\n'],
    ['i=3; until [ $i -eq 0 ]; do i=$((i-1)); done; echo u$i', 'u0\n'],
    ['for x in a b c; do case $x in a|b) echo ab:$x;; *) echo other:$x;; esac; done', 'ab:a\nab:b\nother:c\n'],
    ['case start in st*) echo glob;; esac; case "x y" in "x y") echo quoted;; esac', 'glob\nquoted\n'],
    ['case a in (a) echo paren;; esac', 'paren\n'],
    ['f() { echo "f:$1:$#:$@"; return 3; }; f one two; echo rc=$?', 'f:one:2:one two\nrc=3\n'],
    ['function g { local v=inner; echo $v; }; v=outer; g; echo $v', 'inner\nouter\n'],
    ['( exit 4 ); echo sub=$?', 'sub=4\n'],
    ['x=1; ( x=2 ); echo $x', '1\n'],
    ['! true; echo neg=$?', 'neg=1\n'],
    ['false | true; echo pipe=$? ${PIPESTATUS[0]} ${PIPESTATUS[1]}', 'pipe=0 1 0\n'],
    ['[[ abc == a* ]] && echo glob; [[ abc =~ ^a(b)c$ ]] && echo re ${BASH_REMATCH[1]}', 'glob\nre b\n'],
    ['[[ -n x && ! -z x || false ]] && echo condok', 'condok\n'],
    ['(( 3 > 2 )) && echo arith; (( 0 )) || echo zero', 'arith\nzero\n'],
    ['{ echo out; echo err >&2; } 2>&1 | { read a; read b; echo "$a+$b"; }', 'out+err\n'],
    ['set -- p q r; echo $# $1 $3; shift; echo $*; shift 5; echo $?', '3 p r\nq r\n1\n'],
    ['[ ! -z "" -o ! -n "a" ]; echo t=$?', 't=1\n'],
    ['echo $(echo sub $(echo nested)) `echo bq`', 'sub nested bq\n'],
    ["x='a  b'; echo $x \"$x\"", 'a b a  b\n'],
    ['for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo L$i; done', 'L1\nL3\n'],
    ['for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done', '1a\n2a\n'],
    ['echo $((7 % 3)) $(( (1+2)*3 ))', '1 9\n'],
    ['a=1 b=2; echo $a$b', '12\n'],
    ['echo ~ ~/x "~"', '/root /root/x ~\n'],
    ['fn() { echo in; }; fn | { read l; echo $l; }', 'in\n'],
    ['for i in 1 2; do echo $i; done | { read a; read b; echo $b$a; }', '21\n'],
    ['set -- a "b c"; echo $#; for a; do echo "[$a]"; done', '2\n[a]\n[b c]\n'],
    ['set -- a "b c"; for a in "$@"; do echo "<$a>"; done; for a in $@; do echo "($a)"; done', '<a>\n<b c>\n(a)\n(b)\n(c)\n'],
    ['echo "${#}" "$0"', '0 bash\n'],
    ['let x=2*3; echo $x', '6\n'],
    ['x=5; x+=1; echo $x', '51\n'],
    ['echo a && { echo b; false; } || echo c', 'a\nb\nc\n'],
  ];
  it.each(cases)('%s', (line, stdout) => {
    const run = fresh();
    expect(run(line)).toEqual({ exit: 0, stdout, stderr: '' });
  });
});

describe('parameter expansion', () => {
  it('defaults, assignment, alternatives, length, affixes, replacement and substrings', () => {
    const run = fresh();
    expect(run('x=hello.tar.gz; echo ${x%.gz} ${x%%.*} ${x#*.} ${x##*.} ${#x} ${x/l/L} ${x//l/L} ${x:1:3} ${y:-def} ${y:=set} $y ${x:+alt}').stdout).toBe('hello.tar hello tar.gz gz 12 heLlo.tar.gz heLLo.tar.gz ell def set set alt\n');
    expect(run('z=5; echo ${z:-x}${unset_var-dflt}').stdout).toBe('5dflt\n');
    expect(run('e=; echo "[${e:-empty}][${e-unset}]"').stdout).toBe('[empty][]\n');
    expect(run('p=/usr/local/bin; echo ${p##*/} ${p%/*} ${p:(-3)} ${p: -3}').stdout).toBe('bin /usr/local bin bin\n');
  });

  it('errors end the line with status 1, as an interactive bash does', () => {
    const run = fresh();
    expect(run('echo ${x:?m}; echo after')).toEqual({ exit: 1, stdout: '', stderr: 'bash: x: m\n' });
    expect(run('echo ${x:?}').stderr).toBe('bash: x: parameter null or not set\n');
    expect(run('set -u; echo $zz; echo after')).toEqual({ exit: 1, stdout: '', stderr: 'bash: zz: unbound variable\n' });
    expect(run('set +u; echo "[$zz]"').stdout).toBe('[]\n');
  });
});

describe('redirections and here-documents', () => {
  it('here-documents expand unless the delimiter is quoted; <<- strips tabs; <<< adds a newline', () => {
    const run = fresh();
    const script = `${SHOW}x=val\nshow <<EOF\nv=$x \\$x $(echo s)\nEOF\nshow <<'EOF'\nv=$x\nEOF\nshow <<-EOF\n\ttabbed\n\tEOF\nshow <<< "here $x"`;
    expect(run(script)).toEqual({ exit: 0, stdout: 'v=val $x s\nv=$x\ntabbed\nhere val\n', stderr: '' });
  });

  it('while read consumes its input one line at a time', () => {
    const run = fresh();
    expect(run('while read a b; do echo "[$a|$b]"; done <<EOF\none two three\nfour\nEOF').stdout).toBe('[one|two three]\n[four|]\n');
  });

  it('descriptors are duplicated in order: 2>&1 >f differs from >f 2>&1', () => {
    const run = fresh();
    expect(run('echo err 1>&2 2>/dev/null')).toEqual({ exit: 0, stdout: '', stderr: 'err\n' });
    expect(run('{ echo o; echo e >&2; } 2>/dev/null')).toEqual({ exit: 0, stdout: 'o\n', stderr: '' });
    expect(run('{ echo o; echo e >&2; } >/dev/null 2>&1')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(run('{ echo o; echo e >&2; } 2>&1 >/dev/null')).toEqual({ exit: 0, stdout: 'e\n', stderr: '' });
    expect(run('{ echo o; echo e >&2; } &>/dev/null; echo $?')).toEqual({ exit: 0, stdout: '0\n', stderr: '' });
    expect(run('echo a >&3')).toEqual({ exit: 1, stdout: '', stderr: 'bash: 3: Bad file descriptor\n' });
  });

  it('a target that cannot be opened fails the command before it runs', () => {
    const run = fresh();
    expect(run('echo x > /x/y; echo $?')).toEqual({ exit: 0, stdout: '1\n', stderr: 'bash: /x/y: No such file or directory\n' });
    expect(run('read l < /nope; echo $?')).toEqual({ exit: 0, stdout: '1\n', stderr: 'bash: /nope: No such file or directory\n' });
    expect(run('for i in 1 2; do echo $i; done > /proc/sys/net/ipv4/conf/all/arp_ignore; cat /proc/sys/net/ipv4/conf/all/arp_ignore').stdout).toBe('1\n');
  });
});

describe('builtins', () => {
  it('cd and pwd keep PWD; cd into a missing directory fails as bash says', () => {
    const run = fresh();
    expect(run('pwd').stdout).toBe('/root\n');
    expect(run('cd /tmp; pwd; cd ..; pwd; cd; pwd').stdout).toBe('/tmp\n/\n/root\n');
    expect(run('cd /nope; echo $?')).toEqual({ exit: 0, stdout: '1\n', stderr: 'bash: cd: /nope: No such file or directory\n' });
    expect(run('cd /proc/sys/net/ipv4/ip_forward').stderr).toBe('bash: cd: /proc/sys/net/ipv4/ip_forward: Not a directory\n');
  });

  it('exit, return, local, break and source outside their place print bash\'s words', () => {
    const run = fresh();
    expect(run('return')).toEqual({ exit: 2, stdout: '', stderr: "bash: return: can only `return' from a function or sourced script\n" });
    expect(run('local x')).toEqual({ exit: 1, stdout: '', stderr: 'bash: local: can only be used in a function\n' });
    expect(run('break')).toEqual({ exit: 0, stdout: '', stderr: "bash: break: only meaningful in a `for', `while', or `until' loop\n" });
    expect(run('source')).toEqual({ exit: 2, stdout: '', stderr: 'bash: source: filename argument required\nsource: usage: source filename [arguments]\n' });
    expect(run('source nofile')).toEqual({ exit: 1, stdout: '', stderr: 'bash: nofile: No such file or directory\n' });
    expect(run('exit 3; echo never')).toEqual({ exit: 3, stdout: '', stderr: '' });
    expect(run('f() { exit 4; }; ( f ); echo $?').stdout).toBe('4\n');
  });

  it('test and [ follow test.c by argument count', () => {
    const run = fresh();
    const status = (line: string) => {
      const r = run(line);
      return [r.exit, r.stderr];
    };
    expect(status('[ 1 = 1')).toEqual([2, "bash: [: missing `]'\n"]);
    expect(status('[ a -eq 1 ]')).toEqual([2, 'bash: [: a: integer expression expected\n']);
    expect(status('[ a b c ]')).toEqual([2, 'bash: [: b: binary operator expected\n']);
    expect(status('[ a b c d e ]')).toEqual([2, 'bash: [: too many arguments\n']);
    expect(status('[ -z ]')).toEqual([0, '']);
    expect(status('[ ]')).toEqual([1, '']);
    expect(status('[ a = ]')).toEqual([2, 'bash: [: a: unary operator expected\n']);
    expect(status('test a -a')).toEqual([2, 'bash: test: a: unary operator expected\n']);
    expect(status('x=; [ $x = a ]')).toEqual([2, 'bash: [: =: unary operator expected\n']);
    expect(status('x="a b"; [ $x = a ]')).toEqual([2, 'bash: [: too many arguments\n']);
    expect(status('[ -d /tmp -a ! -f /tmp ]')).toEqual([0, '']);
    expect(status('[ "" ]')).toEqual([1, '']);
    expect(status('[[ a -eq 1 ]]')).toEqual([1, '']);
  });

  it('set -e stops at a failing command except in conditions; set -x traces', () => {
    const run = fresh();
    expect(run('( set -e; false; echo never ); echo $?').stdout).toBe('1\n');
    expect(run('( set -e; if false; then :; fi; false || true; ! true; echo survived )').stdout).toBe('survived\n');
    expect(run("( set -x; echo a; x=1; [ 1 = 1 ]; echo 'a b' )")).toEqual({ exit: 0, stdout: 'a\na b\n', stderr: "+ echo a\n+ x=1\n+ '[' 1 = 1 ']'\n+ echo 'a b'\n" });
  });

  it('type, help and clear', () => {
    const run = fresh();
    expect(run('type cd if ip foo')).toEqual({ exit: 1, stdout: 'cd is a shell builtin\nif is a shell keyword\nip is /usr/sbin/ip\n', stderr: 'bash: type: foo: not found\n' });
    expect(run('type -t ping').stdout).toBe('file\n');
    expect(run('help').stdout).toContain('if ...; then');
    expect(run('clear').stdout).toBe('\u001b[H\u001b[2J\u001b[3J');
  });

  it('history numbers the lines typed on this host', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    lab.run('rs1', 'echo one');
    lab.run('rs2', 'echo elsewhere');
    lab.run('rs1', 'x=2');
    expect(lab.run('rs1', 'history').stdout).toBe('    1  echo one\n    2  x=2\n    3  history\n');
  });

  it('unknown commands: command not found, or one sentence for tools that are not simulated', () => {
    const run = fresh();
    expect(run('nosuch')).toEqual({ exit: 127, stdout: '', stderr: 'bash: nosuch: command not found\n' });
    expect(run('systemd-analyze').stderr).toMatch(/^systemd-analyze: exists on a Linux host but is not simulated in this lab/);
  });

  it('a background builtin prints its job line, runs to completion, sets $! and is reported Done before the prompt', () => {
    const run = fresh();
    const shell = Number(run('echo $$').stdout);
    const result = run('echo bg & echo $!');
    const pid = Number(result.stdout.split('\n')[1]);
    expect(pid).toBeGreaterThan(shell);
    expect(result).toEqual({ exit: 0, stdout: `bg\n${pid}\n`, stderr: `[1] ${pid}\n[1]+  Done                    echo bg\n` });
  });

  it('bash -c runs a string in a new shell with its own messages', () => {
    const run = fresh();
    expect(run("bash -c 'echo $0 $1' x y")).toEqual({ exit: 0, stdout: 'x y\n', stderr: '' });
    expect(run("bash -c 'nosuch'")).toEqual({ exit: 127, stdout: '', stderr: 'bash: line 1: nosuch: command not found\n' });
    expect(run("sh -c 'nosuch'")).toEqual({ exit: 127, stdout: '', stderr: 'sh: 1: nosuch: not found\n' });
    expect(run("x=1; bash -c 'echo [$x]'; export x; bash -c 'echo [$x]'").stdout).toBe('[]\n[1]\n');
    expect(run('bash nofile.sh')).toEqual({ exit: 127, stdout: '', stderr: 'bash: nofile.sh: No such file or directory\n' });
    expect(run('sh nofile.sh')).toEqual({ exit: 2, stdout: '', stderr: 'sh: 0: cannot open nofile.sh: No such file\n' });
    expect(run('./x.sh')).toEqual({ exit: 127, stdout: '', stderr: 'bash: ./x.sh: No such file or directory\n' });
  });
});
