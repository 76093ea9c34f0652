// sysctl -p and --system against procps-ng 4.0.2 (src/sysctl.c, tag v4.0.2):
// the expected texts were recorded with Debian 12's sysctl (procps-ng 4.0.2)
// on Linux 6.18 inside `unshare -n` with a veth pair, so only the new
// namespace's net.ipv4.conf keys were written.
import { describe, expect, it } from 'vitest';
import { rs1Terminal } from '../../test-lab.ts';
import { parseProcInt } from '../../host/sysctl.ts';

const A_CONF = `# comment
; other comment
net.ipv4.conf.all.arp_ignore = 1
  net.ipv4.conf.lo.arp_announce=2   
net/ipv4/conf/all/arp_announce = 2
net.ipv4.conf.all.nosuch = 1
-net.ipv4.conf.all.nosuch2 = 1
garbage line
x
net.ipv4.conf.all.arp_filter = abc
net.ipv4.conf.all.mc_forwarding = 0
-net.ipv4.conf.all.mc_forwarding = 0
net.ipv4.conf.*.rp_filter = 2
-net.ipv4.conf.lo.rp_filter
net.ipv4.conf.default.rp_filter = 1
`;

const B_CONF = 'net.ipv4.conf.all.arp_ignore =\nnet.ipv4.conf = 1\nnet.ipv4.conf.lo.arp_ignore = 1 2\nnet.ipv4.conf.all.arp_announce = 2\r\n=1\n net.ipv4.conf.all.arp_notify   =   1   # trailing\nnet.ipv4.conf.all.arp_accept = 0x1\nnet.ipv4.conf.all.arp_filter = +1\nnet.ipv4.conf.all.log_martians = 1';

function lab(os?: 'rocky-9') {
  const terminal = rs1Terminal(os ? { os } : {});
  terminal.fs.write('/root/a.conf', A_CONF);
  terminal.fs.write('/root/b.conf', B_CONF);
  return terminal;
}

describe('sysctl -p FILE (procps-ng 4.0.2 Preload, parse_setting_line, write_setting_list)', () => {
  it('parses every file first, then writes in order: comments, white space, slashes, globs with exclusions and overrides, errors', () => {
    const { run } = lab();
    const r = run('sysctl -p a.conf b.conf');
    expect(r.stdout).toBe(
      'net.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.conf.lo.arp_announce = 2\nnet.ipv4.conf.all.arp_announce = 2\n' +
        // the glob reaches all and eth0; lo is excluded by "-key", default is named on its own line
        'net.ipv4.conf.all.rp_filter = 2\nnet.ipv4.conf.eth0.rp_filter = 2\nnet.ipv4.conf.default.rp_filter = 1\n' +
        'net.ipv4.conf.lo.arp_ignore = 1 2\nnet.ipv4.conf.all.arp_announce = 2\nnet.ipv4.conf.all.arp_notify = 1   # trailing\nnet.ipv4.conf.all.arp_accept = 0x1\nnet.ipv4.conf.all.log_martians = 1\n',
    );
    expect(r.stderr).toBe(
      [
        'sysctl: a.conf(8): invalid syntax, continuing...',
        'sysctl: a.conf(9): invalid syntax, continuing...',
        // "-key = value" does not quiet a key that is not there (WriteSetting's stat comes first)
        'sysctl: cannot stat /proc/sys/net/ipv4/conf/all/nosuch: No such file or directory',
        'sysctl: cannot stat /proc/sys/net/ipv4/conf/all/nosuch2: No such file or directory',
        'sysctl: setting key "net.ipv4.conf.all.arp_filter": Invalid argument',
        // mode 0444: warned with the errno procps had left, and not a failure
        'sysctl: setting key "net.ipv4.conf.all.mc_forwarding": Invalid argument',
        'sysctl: setting key "net.ipv4.conf.all.mc_forwarding": Invalid argument',
        'sysctl: setting key "net.ipv4.conf.all.arp_ignore": Invalid argument',
        'sysctl: setting key "net.ipv4.conf": Invalid argument',
        'sysctl: Path is not under /proc/sys/: /proc/sys/',
        'sysctl: setting key "net.ipv4.conf.all.arp_filter": Invalid argument',
        '',
      ].join('\n'),
    );
    expect(r.exit).toBe(1);
    expect(run('sysctl -n net.ipv4.conf.eth0.rp_filter net.ipv4.conf.default.rp_filter net.ipv4.conf.all.arp_accept net.ipv4.conf.lo.arp_ignore').stdout).toBe('2\n1\n1\n1\n');
  });

  it('a file that cannot be opened is named and fails, the others still apply; a directory reads as empty', () => {
    const { run, fs } = lab();
    fs.write('/root/ok.conf', 'net.ipv4.conf.all.arp_ignore = 1\n');
    expect(run('sysctl -p nosuch.conf ok.conf')).toEqual({ exit: 1, stdout: 'net.ipv4.conf.all.arp_ignore = 1\n', stderr: 'sysctl: cannot open "nosuch.conf": No such file or directory\n' });
    expect(run('sysctl -p /tmp')).toEqual({ exit: 0, stdout: '', stderr: '' });
  });

  it('-q, -e, -n, -r, -pFILE and - for standard input', () => {
    const { run, fs } = lab();
    fs.write('/root/ok.conf', 'net.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.conf.all.arp_notify = 1\nnet.ipv4.nope = 1\n');
    expect(run('sysctl -q -p ok.conf')).toEqual({ exit: 1, stdout: '', stderr: 'sysctl: cannot stat /proc/sys/net/ipv4/nope: No such file or directory\n' });
    expect(run('sysctl -e -p ok.conf')).toEqual({ exit: 0, stdout: 'net.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.conf.all.arp_notify = 1\n', stderr: '' });
    expect(run('sysctl -e -n -p ok.conf').stdout).toBe('1\n1\n');
    expect(run('sysctl -pok.conf -r "arp_(ignore|x)"')).toEqual({ exit: 0, stdout: 'net.ipv4.conf.all.arp_ignore = 1\n', stderr: '' });
    expect(run('echo net.ipv4.conf.lo.arp_ignore=2 | sysctl -p -')).toEqual({ exit: 0, stdout: 'net.ipv4.conf.lo.arp_ignore = 2\n', stderr: '' });
  });

  it('a bare -p loads /etc/sysctl.conf (Debian 12 ships it all comments)', () => {
    const { run, fs } = lab();
    expect(run('sysctl -p')).toEqual({ exit: 0, stdout: '', stderr: '' });
    fs.write('/etc/sysctl.conf', 'net.ipv4.ip_forward=1\n', { append: true });
    expect(run('sysctl -p')).toEqual({ exit: 0, stdout: 'net.ipv4.ip_forward = 1\n', stderr: '' });
  });
});

describe('sysctl --system (PreloadSystem)', () => {
  it('applies *.conf of /etc, /run, /usr/local/lib, /usr/lib and /lib sysctl.d by name, the first directory hiding the others, then /etc/sysctl.conf', () => {
    const { run, fs } = lab();
    fs.mkdir('/usr/lib/sysctl.d', { parents: true });
    fs.mkdir('/run/sysctl.d', { parents: true });
    fs.write('/usr/lib/sysctl.d/50-lvs.conf', 'net.ipv4.conf.all.arp_ignore = 2\n');
    fs.write('/usr/lib/sysctl.d/10-early.conf', 'net.ipv4.conf.all.arp_announce = 1\n');
    fs.write('/run/sysctl.d/50-lvs.conf', 'net.ipv4.conf.all.arp_ignore = 1\n');
    fs.write('/etc/sysctl.d/60-vip.conf', 'net.ipv4.conf.lo.arp_announce = 2\nnet.ipv4.nope = 1\n');
    fs.write('/etc/sysctl.d/README', 'not a .conf\n');
    expect(run('sysctl --system')).toEqual({
      exit: 0,
      stdout:
        '* Applying /usr/lib/sysctl.d/10-early.conf ...\n* Applying /run/sysctl.d/50-lvs.conf ...\n* Applying /etc/sysctl.d/60-vip.conf ...\n* Applying /etc/sysctl.d/99-sysctl.conf ...\n* Applying /etc/sysctl.conf ...\n' +
        'net.ipv4.conf.all.arp_announce = 1\nnet.ipv4.conf.all.arp_ignore = 1\nnet.ipv4.conf.lo.arp_announce = 2\n',
      stderr: '',
    });
    expect(run('sysctl -q --system')).toEqual({ exit: 0, stdout: '', stderr: '' });
    // getopt_long's loop returns at --system: a bad option after it is never seen
    expect(run('sysctl --system --bogus').exit).toBe(0);
  });

  it('a value the kernel refuses still fails, a dangling link cannot be opened', () => {
    const { run, fs } = lab('rocky-9');
    fs.write('/etc/sysctl.d/bad.conf', 'net.ipv4.conf.all.arp_ignore = x\n');
    fs.symlink('/nowhere', '/etc/sysctl.d/gone.conf');
    const r = run('sysctl --system');
    expect(r.stdout).toBe('* Applying /etc/sysctl.d/99-sysctl.conf ...\n* Applying /etc/sysctl.d/bad.conf ...\n* Applying /etc/sysctl.d/gone.conf ...\n* Applying /etc/sysctl.conf ...\n');
    expect(r.stderr).toBe('sysctl: cannot open "/etc/sysctl.d/gone.conf": No such file or directory\nsysctl: setting key "net.ipv4.conf.all.arp_ignore": Invalid argument\n');
    expect(r.exit).toBe(1);
  });
});

describe('sysctl -w on the command line goes through the same parser (recorded the same way)', () => {
  it('spaces around = and the value, -e, a read-only key, -w without =', () => {
    const { run } = lab();
    expect(run('sysctl -w "net.ipv4.conf.all.arp_ignore = 2 "')).toEqual({ exit: 0, stdout: 'net.ipv4.conf.all.arp_ignore = 2\n', stderr: '' });
    expect(run('sysctl -e -w net.ipv4.nope=1')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(run('sysctl -w net.ipv4.conf.all.mc_forwarding=0')).toEqual({ exit: 0, stdout: '', stderr: 'sysctl: setting key "net.ipv4.conf.all.mc_forwarding": Invalid argument\n' });
    expect(run('sysctl -w net.ipv4.conf.all.arp_ignore')).toEqual({ exit: 1, stdout: '', stderr: 'sysctl: command line(0): invalid syntax, continuing...\n' });
    expect(run('sysctl -w "net.ipv4.conf.*.arp_ignore=1"')).toEqual({ exit: 1, stdout: '', stderr: 'sysctl: cannot stat /proc/sys/net/ipv4/conf/*/arp_ignore: No such file or directory\n' });
  });
});

describe('parseProcInt (kernel/sysctl.c proc_get_long, strtoul base 0)', () => {
  it('reads the first integer and ignores what follows white space', () => {
    expect(parseProcInt('1 2')).toBe(1);
    expect(parseProcInt('  1   # trailing\n')).toBe(1);
    expect(parseProcInt('0x1')).toBe(1);
    // echo 010 > /proc/sys/net/ipv4/conf/all/arp_ignore reads back 8
    expect(parseProcInt('010\n')).toBe(8);
    expect(parseProcInt('-5')).toBe(-5);
    for (const bad of ['', ' ', '+1', '08', 'abc', '1x', '0x', '-', '2147483648', '99999999999999999999999']) expect(parseProcInt(bad)).toBeNull();
  });
});
