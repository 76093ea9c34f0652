// The file commands against what GNU coreutils 9.1 prints (LC_ALL=C, as the kernel runner runs them).
import { describe, expect, it } from 'vitest';
import { rs1Terminal } from '../../test-lab.ts';
import { commandContext } from '../shell.ts';
import { cat } from './cat.ts';

function host() {
  const terminal = rs1Terminal();
  terminal.run('mkdir /tmp/cu');
  terminal.host.shellVariables.set('PWD', '/tmp/cu');
  return terminal;
}

describe('ls', () => {
  it('lists names one per line, directories after files with headers, errors first (exit 2)', () => {
    const { run } = host();
    run('mkdir d; touch d/a; echo hi > f; ln -s f g');
    expect(run('ls')).toEqual({ exit: 0, stdout: 'd\nf\ng\n', stderr: '' });
    expect(run('ls f d g')).toEqual({ exit: 0, stdout: 'f\ng\n\nd:\na\n', stderr: '' });
    expect(run('ls -d d f').stdout).toBe('d\nf\n');
    expect(run('ls nope f')).toEqual({ exit: 2, stdout: 'f\n', stderr: "ls: cannot access 'nope': No such file or directory\n" });
    expect(run('ls d/a nope d')).toEqual({ exit: 2, stdout: 'd/a\n\nd:\na\n', stderr: "ls: cannot access 'nope': No such file or directory\n" });
    expect(run('ls -z')).toEqual({ exit: 2, stdout: '', stderr: "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n" });
    expect(run('ls --bogus').stderr).toBe("ls: unrecognized option '--bogus'\nTry 'ls --help' for more information.\n");
  });

  it('-l prints mode, links, owner, size and the virtual date; -a adds . and ..', () => {
    const { run, lab } = host();
    run('mkdir d; touch d/a; echo hi > f; ln -s f g');
    expect(lab.now).toBeLessThan(60);
    expect(run('ls -l').stdout).toBe(
      'total 8\ndrwxr-xr-x 2 root root 4096 Jan  1 00:00 d\n-rw-r--r-- 1 root root    3 Jan  1 00:00 f\nlrwxrwxrwx 1 root root    1 Jan  1 00:00 g -> f\n',
    );
    expect(run('ls -la d').stdout).toBe('total 8\ndrwxr-xr-x 2 root root 4096 Jan  1 00:00 .\ndrwxr-xr-x 3 root root 4096 Jan  1 00:00 ..\n-rw-r--r-- 1 root root    0 Jan  1 00:00 a\n');
    expect(run('ls -l g d/').stdout).toBe('lrwxrwxrwx 1 root root    1 Jan  1 00:00 g -> f\n\nd/:\ntotal 0\n-rw-r--r-- 1 root root 0 Jan  1 00:00 a\n');
    expect(run('chmod 1777 d; ls -ld d').stdout).toBe('drwxrwxrwt 2 root root 4096 Jan  1 00:00 d\n');
    expect(run('ls -l /dev/null').stdout).toBe('crw-rw-rw- 1 root root 1, 3 Jan  1 00:00 /dev/null\n');
    lab.sleep(200 * 86400);
    run('touch f');
    expect(run('ls -l f g').stdout).toBe('-rw-r--r-- 1 root root 3 Jul 19 00:00 f\nlrwxrwxrwx 1 root root 1 Jan  1  2024 g -> f\n');
  });
});

describe('cat', () => {
  it('numbers lines across files (-n, -b), marks ends (-E), reads standard input for - and directories fail', () => {
    const { run, lab } = host();
    run("echo a > n; echo >> n; echo -n b >> n");
    expect(run('cat -n n').stdout).toBe('     1\ta\n     2\t\n     3\tb');
    expect(run('cat -E n').stdout).toBe('a$\n$\nb');
    expect(run('cat -b n').stdout).toBe('     1\ta\n\n     2\tb');
    expect(run('cat -n n n').stdout).toBe('     1\ta\n     2\t\n     3\tba\n     4\t\n     5\tb');
    expect(run('cat d /etc')).toEqual({ exit: 1, stdout: '', stderr: 'cat: d: No such file or directory\ncat: /etc: Is a directory\n' });
    expect(run('cat -z').stderr).toBe("cat: invalid option -- 'z'\nTry 'cat --help' for more information.\n");
    // Standard input, as a pipe or a here-document feeds it.
    let out = '';
    const ctx = commandContext(lab, lab.host('rs1'), ['cat', '-n', '-', 'n'], lab.budget, { out: (t) => (out += t), err: () => {} }, 'x\ny\n');
    expect(cat(ctx)).toBe(0);
    expect(out).toBe('     1\tx\n     2\ty\n     3\ta\n     4\t\n     5\tb');
  });
});

describe('cp, mv, rm, mkdir, rmdir, touch', () => {
  it('print coreutils\' messages', () => {
    const { run } = host();
    run('mkdir d; echo x > f');
    const cases: Array<[string, string]> = [
      ['cp', "cp: missing file operand\nTry 'cp --help' for more information.\n"],
      ['cp a', "cp: missing destination file operand after 'a'\nTry 'cp --help' for more information.\n"],
      ['cp d e', "cp: -r not specified; omitting directory 'd'\n"],
      ['cp f f', "cp: 'f' and 'f' are the same file\n"],
      ['cp f nodir/x', "cp: cannot create regular file 'nodir/x': No such file or directory\n"],
      ['cp -r d d/e', "cp: cannot copy a directory, 'd', into itself, 'd/e'\n"],
      ['cp f g h', "cp: target 'h': No such file or directory\n"],
      ['cp nope x', "cp: cannot stat 'nope': No such file or directory\n"],
      ['mv', "mv: missing file operand\nTry 'mv --help' for more information.\n"],
      ['mv nope x', "mv: cannot stat 'nope': No such file or directory\n"],
      ['mv f d/f/x', "mv: cannot move 'f' to 'd/f/x': No such file or directory\n"],
      ['rm', "rm: missing operand\nTry 'rm --help' for more information.\n"],
      ['rm nope', "rm: cannot remove 'nope': No such file or directory\n"],
      ['rm d', "rm: cannot remove 'd': Is a directory\n"],
      ['rm -r /', "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n"],
      ['rm -rf .', "rm: refusing to remove '.' or '..' directory: skipping '.'\n"],
      ['rmdir', "rmdir: missing operand\nTry 'rmdir --help' for more information.\n"],
      ['rmdir f', "rmdir: failed to remove 'f': Not a directory\n"],
      ['rmdir nope', "rmdir: failed to remove 'nope': No such file or directory\n"],
      ['mkdir', "mkdir: missing operand\nTry 'mkdir --help' for more information.\n"],
      ['mkdir d', "mkdir: cannot create directory 'd': File exists\n"],
      ['mkdir x/y', "mkdir: cannot create directory 'x/y': No such file or directory\n"],
      ['mkdir -p f', "mkdir: cannot create directory 'f': File exists\n"],
      ['touch', "touch: missing file operand\nTry 'touch --help' for more information.\n"],
      ['touch x/y', "touch: cannot touch 'x/y': No such file or directory\n"],
    ];
    for (const [line, stderr] of cases) expect([line, run(line)]).toEqual([line, { exit: 1, stdout: '', stderr }]);
    expect(run('rm -f nope')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(run('rm -f')).toEqual({ exit: 0, stdout: '', stderr: '' });
  });

  it('copy (-r, -p), move, remove and make directories', () => {
    const { run, fs } = host();
    run('mkdir -p a/b/c; echo 1 > a/b/c/one; chmod 700 a/b/c/one');
    expect(run('cp -r a z && cat z/b/c/one')).toEqual({ exit: 0, stdout: '1\n', stderr: '' });
    const copied = fs.stat('/tmp/cu/z/b/c/one');
    expect(copied.ok && copied.value.mode).toBe(0o700);
    run('mkdir e; touch e/z; echo x > f; mv f e');
    expect(run('ls e').stdout).toBe('f\nz\n');
    expect(run('mv -v e e2').stdout).toBe("renamed 'e' -> 'e2'\n");
    expect(run('mkdir -v q; rm -rv q').stdout).toBe("mkdir: created directory 'q'\nremoved directory 'q'\n");
    run('touch t; mkdir e2/t');
    expect(run('mv t e2').stderr).toBe("mv: cannot overwrite directory 'e2/t' with non-directory\n");
    expect(run('rm -r a z e2; ls')).toEqual({ exit: 0, stdout: 't\n', stderr: '' });
  });
});

describe('chmod', () => {
  it('applies octal and symbolic modes as coreutils does (umask 022 for clauses without who)', () => {
    const { run } = host();
    run('touch f');
    const mode = (): string => run('ls -l f').stdout.slice(0, 10);
    const steps: Array<[string, string]> = [
      ['u+x,go-w', '-rwxr--r--'],
      ['=r', '-r--r--r--'],
      ['+x', '-r-xr-xr-x'],
      ['a=rwx,o-x', '-rwxrwxrw-'],
      ['4755', '-rwsr-xr-x'],
      ['u=rw', '-rw-r-xr-x'],
      ['g+X', '-rw-r-xr-x'],
      ['0', '----------'],
      ['+w', '--w-------'],
    ];
    for (const [spec, expected] of steps) {
      run(`chmod ${spec} f`);
      expect([spec, mode()]).toEqual([spec, expected]);
    }
    run('chmod 0 f; chmod o+rw f');
    expect(run('chmod -w f')).toEqual({ exit: 1, stdout: '', stderr: 'chmod: f: new permissions are ------rw-, not ------r--\n' });
    expect(run('chmod u=g f; ls -l f').stdout.slice(0, 10)).toBe('-------rw-');
    expect(run('chmod -v 755 f').stdout).toBe("mode of 'f' changed from 0006 (------rw-) to 0755 (rwxr-xr-x)\n");
  });

  it('prints its errors', () => {
    const { run } = host();
    run('touch f');
    expect(run('chmod').stderr).toBe("chmod: missing operand\nTry 'chmod --help' for more information.\n");
    expect(run('chmod 755').stderr).toBe("chmod: missing operand after '755'\nTry 'chmod --help' for more information.\n");
    expect(run('chmod 755 nope')).toEqual({ exit: 1, stdout: '', stderr: "chmod: cannot access 'nope': No such file or directory\n" });
    for (const bad of ['zz', 'u+z', '8', '77777']) expect(run(`chmod ${bad} f`).stderr).toBe(`chmod: invalid mode: '${bad}'\nTry 'chmod --help' for more information.\n`);
  });
});

describe('ln, readlink, which', () => {
  it('make symbolic links and read them back', () => {
    const { run } = host();
    run('touch f; ln -s f g');
    expect(run('ln -s f g')).toEqual({ exit: 1, stdout: '', stderr: "ln: failed to create symbolic link 'g': File exists\n" });
    expect(run('ln -sf nope g; readlink g').stdout).toBe('nope\n');
    expect(run('ln -s f').stderr).toBe("ln: failed to create symbolic link './f': File exists\n");
    run('mkdir d; ln -s ../f d');
    expect(run('ls -l d').stdout).toBe('total 0\nlrwxrwxrwx 1 root root 4 Jan  1 00:00 f -> ../f\n');
    expect(run('ln -s a b c').stderr).toBe("ln: target 'c': No such file or directory\n");
    expect(run('ln').stderr).toBe("ln: missing file operand\nTry 'ln --help' for more information.\n");
    expect(run('readlink -f g').stdout).toBe('/tmp/cu/nope\n');
    expect(run('readlink -f d/f').stdout).toBe('/tmp/cu/f\n');
    expect(run('readlink -f /tmp/cu/x/y')).toEqual({ exit: 1, stdout: '', stderr: '' });
    expect(run('readlink -e g').exit).toBe(1);
    expect(run('readlink f').exit).toBe(1);
    expect(run('readlink -f /etc/sysctl.d/99-sysctl.conf').stdout).toBe('/etc/sysctl.conf\n');
  });

  it('which finds the lab\'s programs on root\'s PATH', () => {
    const { run } = host();
    expect(run('which ls ip nope')).toEqual({ exit: 1, stdout: '/usr/bin/ls\n/usr/sbin/ip\n', stderr: '' });
    expect(run('which -a ls').stdout).toBe('/usr/bin/ls\n/bin/ls\n');
    expect(run('which ipvsadm sysctl').stdout).toBe('/usr/sbin/ipvsadm\n/usr/sbin/sysctl\n');
    expect(run('which').exit).toBe(1);
  });
});

describe('vi, vim and nano outside the app', () => {
  it('say that editing needs the app and show the here-document way', () => {
    const { run } = host();
    expect(run('vi /root/x.sh')).toEqual({ exit: 1, stdout: '', stderr: "vi: a full-screen editor needs the lab app's editor panel; here, write the file with a here-document:\n  cat > /root/x.sh <<'EOF'\n  …the file's lines…\n  EOF\n" });
    expect(run('nano').stderr).toContain("cat > FILE <<'EOF'");
  });
});
