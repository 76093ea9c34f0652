import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';

function fsOf() {
  const lab = lanLab([lanHost('rs1', 11)]);
  return { lab, host: lab.host('rs1'), fs: lab.host('rs1').fs };
}

describe('host.fs', () => {
  it('resolves paths against a directory, removing ., .. and repeated slashes', () => {
    const { fs } = fsOf();
    expect(fs.resolve('/root', 'x.sh')).toBe('/root/x.sh');
    expect(fs.resolve('/root', '../etc//./hosts')).toBe('/etc/hosts');
    expect(fs.resolve('/tmp', '/../../etc/')).toBe('/etc');
    expect(fs.resolve('/', '.')).toBe('/');
  });

  it('writes, appends and reads files; a new file is 0644 and dated by the virtual clock', () => {
    const { fs, lab } = fsOf();
    lab.sleep(90);
    expect(fs.write('/tmp/a', 'one\n')).toEqual({ ok: true, value: undefined });
    expect(fs.write('/tmp/a', 'two\n', { append: true }).ok).toBe(true);
    expect(fs.read('/tmp/a')).toEqual({ ok: true, value: 'one\ntwo\n' });
    const stat = fs.stat('/tmp/a');
    expect(stat.ok && stat.value).toEqual({ type: 'file', mode: 0o644, size: 8, mtimeUs: lab.now * 1e6, nlink: 1 });
    expect(lab.now).toBeGreaterThanOrEqual(90);
  });

  it('keeps bytes that are not UTF-8 (a capture file): size, copy, append, and what cat shows', () => {
    const { fs, lab } = fsOf();
    const bytes = Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1, 0x00, 0xff, 0x41);
    expect(fs.writeBytes('/tmp/b', bytes).ok).toBe(true);
    expect(fs.stat('/tmp/b')).toMatchObject({ ok: true, value: { size: 7 } });
    const used = fs.used();
    expect(fs.writeBytes('/tmp/b', Uint8Array.of(0x80), { append: true }).ok).toBe(true);
    expect(fs.used()).toBe(used + 1);
    expect(fs.copy('/tmp/b', '/tmp/c').ok).toBe(true);
    expect(fs.readBytes('/tmp/c')).toEqual({ ok: true, value: Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1, 0x00, 0xff, 0x41, 0x80) });
    // Text appended to it is its UTF-8 bytes; the terminal shows bytes that are not UTF-8 as U+FFFD.
    expect(fs.write('/tmp/c', 'é', { append: true }).ok).toBe(true);
    expect(fs.stat('/tmp/c')).toMatchObject({ ok: true, value: { size: 10 } });
    expect(fs.read('/tmp/c')).toEqual({ ok: true, value: '\ufffdò\ufffd\0\ufffdA\ufffdé' });
    expect(lab.run('rs1', 'ls -l /tmp/c').stdout).toMatch(/^-rw-r--r-- 1 root root 10 /);
    // Written anew as text, it is text again.
    expect(fs.write('/tmp/c', 'é').ok).toBe(true);
    expect(fs.readBytes('/tmp/c')).toEqual({ ok: true, value: Uint8Array.of(0xc3, 0xa9) });
    fs.capacity = fs.used() + 2;
    expect(fs.writeBytes('/tmp/d', new Uint8Array(3))).toEqual({ ok: false, errno: 'ENOSPC' });
  });

  it('reports errno as the kernel does', () => {
    const { fs } = fsOf();
    expect(fs.read('/nope')).toEqual({ ok: false, errno: 'ENOENT' });
    expect(fs.read('/etc')).toEqual({ ok: false, errno: 'EISDIR' });
    expect(fs.write('/nonexist/a', 'x')).toEqual({ ok: false, errno: 'ENOENT' });
    expect(fs.write('/etc/hostname/x', 'x')).toEqual({ ok: false, errno: 'ENOTDIR' });
    expect(fs.mkdir('/etc')).toEqual({ ok: false, errno: 'EEXIST' });
    expect(fs.mkdir('/a/b')).toEqual({ ok: false, errno: 'ENOENT' });
    expect(fs.remove('/etc')).toEqual({ ok: false, errno: 'EISDIR' });
    expect(fs.remove('/etc', { dir: true })).toEqual({ ok: false, errno: 'ENOTEMPTY' });
    expect(fs.readlink('/etc/hostname')).toEqual({ ok: false, errno: 'EINVAL' });
    expect(fs.list('/etc/hostname')).toEqual({ ok: false, errno: 'ENOTDIR' });
  });

  it('makes directories (with parents), lists them sorted as ls in the C locale, and removes trees', () => {
    const { fs } = fsOf();
    expect(fs.mkdir('/tmp/a/b/c', { parents: true }).ok).toBe(true);
    fs.write('/tmp/a/Z', '');
    fs.write('/tmp/a/_x', '');
    fs.write('/tmp/a/a', '');
    expect(fs.list('/tmp/a')).toEqual({ ok: true, value: ['Z', '_x', 'a', 'b'] });
    const stat = fs.stat('/tmp/a');
    expect(stat.ok && [stat.value.type, stat.value.mode, stat.value.size, stat.value.nlink]).toEqual(['dir', 0o755, 4096, 3]);
    expect(fs.remove('/tmp/a', { recursive: true }).ok).toBe(true);
    expect(fs.stat('/tmp/a')).toEqual({ ok: false, errno: 'ENOENT' });
  });

  it('renames, copies and changes modes', () => {
    const { fs } = fsOf();
    fs.write('/root/x.sh', 'echo hi\n');
    expect(fs.chmod('/root/x.sh', 0o755).ok).toBe(true);
    expect(fs.copy('/root/x.sh', '/tmp/y.sh').ok).toBe(true);
    const copied = fs.stat('/tmp/y.sh');
    expect(copied.ok && copied.value.mode).toBe(0o755);
    expect(fs.rename('/tmp/y.sh', '/tmp/z.sh').ok).toBe(true);
    expect(fs.read('/tmp/z.sh')).toEqual({ ok: true, value: 'echo hi\n' });
    expect(fs.stat('/tmp/y.sh').ok).toBe(false);
    fs.mkdir('/tmp/d');
    expect(fs.rename('/tmp/d', '/tmp/d/e')).toEqual({ ok: false, errno: 'EINVAL' });
    expect(fs.rename('/tmp/z.sh', '/tmp/d')).toEqual({ ok: false, errno: 'EISDIR' });
  });

  it('follows symbolic links, relative and absolute, and stops at loops', () => {
    const { fs } = fsOf();
    fs.mkdir('/tmp/sysctl.d');
    fs.write('/tmp/sysctl.conf', 'net.ipv4.ip_forward = 1\n');
    expect(fs.symlink('../sysctl.conf', '/tmp/sysctl.d/99-sysctl.conf').ok).toBe(true);
    expect(fs.read('/tmp/sysctl.d/99-sysctl.conf')).toEqual({ ok: true, value: 'net.ipv4.ip_forward = 1\n' });
    expect(fs.readlink('/tmp/sysctl.d/99-sysctl.conf')).toEqual({ ok: true, value: '../sysctl.conf' });
    const link = fs.stat('/tmp/sysctl.d/99-sysctl.conf', { follow: false });
    expect(link.ok && [link.value.type, link.value.mode, link.value.size]).toEqual(['symlink', 0o777, 14]);
    fs.symlink('/etc', '/root/etc');
    expect(fs.read('/root/etc/hostname')).toEqual({ ok: true, value: 'rs1\n' });
    fs.symlink('/tmp/l2', '/tmp/l1');
    fs.symlink('/tmp/l1', '/tmp/l2');
    expect(fs.read('/tmp/l1')).toEqual({ ok: false, errno: 'ELOOP' });
    expect(fs.symlink('x', '/tmp/l1')).toEqual({ ok: false, errno: 'EEXIST' });
    // Writing through a dangling link creates the file it names.
    fs.symlink('/tmp/target', '/tmp/dangling');
    expect(fs.write('/tmp/dangling', 'x').ok).toBe(true);
    expect(fs.read('/tmp/target')).toEqual({ ok: true, value: 'x' });
  });

  it('/proc/sys reads and writes the sysctl tree with its errors', () => {
    const { fs, host } = fsOf();
    expect(fs.write('/proc/sys/net/ipv4/conf/all/arp_ignore', '1\n').ok).toBe(true);
    expect(host.sysctl.read('net.ipv4.conf.all.arp_ignore')).toBe('1');
    expect(fs.read('/proc/sys/net/ipv4/conf/all/arp_ignore')).toEqual({ ok: true, value: '1\n' });
    expect(fs.write('/proc/sys/net/ipv4/conf/all/arp_ignore', 'abc\n')).toEqual({ ok: false, errno: 'EINVAL' });
    expect(fs.write('/proc/sys/net/foo', '1')).toEqual({ ok: false, errno: 'ENOENT' });
    expect(fs.write('/proc/sys/net/ipv4', '1')).toEqual({ ok: false, errno: 'EISDIR' });
    expect(fs.write('/proc/sys/net/ipv4/conf/all/mc_forwarding', '1')).toEqual({ ok: false, errno: 'EACCES' });
    expect(fs.write('/proc/net/arp', 'x')).toEqual({ ok: false, errno: 'EACCES' });
    expect(fs.read('/proc/sys/net')).toEqual({ ok: false, errno: 'EISDIR' });
    const conf = fs.list('/proc/sys/net/ipv4/conf');
    expect(conf.ok && conf.value).toEqual(['all', 'default', 'eth0', 'lo']);
    const stat = fs.stat('/proc/sys/net/ipv4/ip_forward');
    expect(stat.ok && [stat.value.type, stat.value.mode, stat.value.size]).toEqual(['file', 0o644, 0]);
  });

  it('/proc/net and /sys/class/net are generated from the host', () => {
    const { fs, lab } = fsOf();
    expect(fs.read('/proc/net/arp')).toEqual({ ok: true, value: 'IP address       HW type     Flags       HW address            Mask     Device\n' });
    expect(fs.read('/proc/net/ip_vs').ok).toBe(true);
    expect(fs.read('/sys/class/net/eth0/address')).toEqual({ ok: true, value: '02:00:00:00:00:11\n' });
    expect(fs.read('/sys/class/net/lo/operstate')).toEqual({ ok: true, value: 'unknown\n' });
    expect(fs.read('/sys/class/net/eth0/operstate')).toEqual({ ok: true, value: 'up\n' });
    expect(fs.read('/sys/class/net/lo/mtu')).toEqual({ ok: true, value: '65536\n' });
    lab.run('rs1', 'ip link set eth0 down');
    expect(fs.read('/sys/class/net/eth0/operstate')).toEqual({ ok: true, value: 'down\n' });
    expect(fs.list('/sys/class/net')).toEqual({ ok: true, value: ['eth0', 'lo'] });
    expect(fs.write('/sys/class/net/lo/address', 'x')).toEqual({ ok: false, errno: 'EACCES' });
    expect(fs.write('/sys/class/net/lo/foo', 'x')).toEqual({ ok: false, errno: 'EACCES' });
    expect(fs.write('/proc/foo', 'x')).toEqual({ ok: false, errno: 'ENOENT' });
    expect(fs.list('/')).toMatchObject({ ok: true, value: expect.arrayContaining(['etc', 'proc', 'root', 'sys', 'tmp']) });
  });

  it('the shell opens redirection targets through it: files, /proc/sys, errors', () => {
    const { lab, fs } = fsOf();
    expect(lab.run('rs1', 'echo hello > /tmp/f; echo more >> /tmp/f; cat /tmp/f')).toEqual({ exit: 0, stdout: 'hello\nmore\n', stderr: '' });
    expect(lab.run('rs1', 'echo x > /nonexist/a')).toEqual({ exit: 1, stdout: '', stderr: 'bash: /nonexist/a: No such file or directory\n' });
    expect(lab.run('rs1', 'echo x > /etc')).toEqual({ exit: 1, stdout: '', stderr: 'bash: /etc: Is a directory\n' });
    expect(lab.run('rs1', 'echo 1 > /proc/sys/net/ipv4/conf/all/mc_forwarding')).toEqual({ exit: 1, stdout: '', stderr: 'bash: /proc/sys/net/ipv4/conf/all/mc_forwarding: Permission denied\n' });
    expect(lab.run('rs1', 'echo x > /proc/net/arp').stderr).toBe('bash: /proc/net/arp: Permission denied\n');
    // Relative targets resolve against the working directory (root's home).
    lab.run('rs1', 'echo r > notes.txt');
    expect(fs.read('/root/notes.txt')).toEqual({ ok: true, value: 'r\n' });
    expect(lab.run('rs1', 'cat notes.txt /nope')).toEqual({ exit: 1, stdout: 'r\n', stderr: 'cat: /nope: No such file or directory\n' });
  });

  it('nginx serves /var/www/html/index.html from the file system', () => {
    const lab = lanLab([lanHost('client', 10), lanHost('rs1', 11)]);
    expect(lab.run('client', 'curl -s http://198.51.100.11/').stdout).toBe('rs1\n');
    lab.run('rs1', 'echo hello from rs1 > /var/www/html/index.html');
    expect(lab.run('client', 'curl -s http://198.51.100.11/').stdout).toBe('hello from rs1\n');
    expect(lab.run('rs1', 'tail -n 1 /var/log/nginx/access.log').stdout).toMatch(/^198\.51\.100\.10 - - \[.*\] "GET \/ HTTP\/1\.1" 200 15 "-" "curl\//);
  });
});

describe('host.fs names', () => {
  it('any name is just a name (__proto__, constructor)', () => {
    const { fs } = fsOf();
    expect(fs.stat('/tmp/constructor')).toEqual({ ok: false, errno: 'ENOENT' });
    expect(fs.write('/tmp/__proto__', 'p').ok).toBe(true);
    expect(fs.mkdir('/tmp/constructor').ok).toBe(true);
    expect(fs.list('/tmp')).toEqual({ ok: true, value: ['__proto__', 'constructor'] });
    expect(fs.read('/tmp/__proto__')).toEqual({ ok: true, value: 'p' });
  });
});
