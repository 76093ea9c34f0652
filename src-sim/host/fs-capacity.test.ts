// Issue 16: the lab's disk is bounded. A learner who fills it gets what a
// full disk gives (each tool's words as they print them on /dev/full here,
// exit 1, the file filled to the last byte) and the lab goes on working.
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';
import { FS_CAPACITY } from './fs.ts';

function smallDisk(capacity: number) {
  const lab = lanLab([lanHost('rs1', 11)]);
  const fs = lab.hosts.get('rs1')!.fs;
  fs.capacity = fs.used() + capacity;
  return { lab, fs };
}

describe('a full disk', () => {
  it('stops seq >> f with "No space left on device" once the disk is full, the file filled to the last byte', () => {
    const { lab, fs } = smallDisk(100_000);
    const results = Array.from({ length: 4 }, () => lab.run('rs1', 'seq 10000 >> /tmp/f'));
    // seq 10000 is 48,894 bytes: two fit, the third fills the disk.
    expect(results.map((r) => r.exit)).toEqual([0, 0, 1, 1]);
    expect(results[2]!.stderr).toBe('seq: write error: No space left on device\n');
    expect(fs.used()).toBe(fs.capacity);
    expect(lab.run('rs1', 'wc -c < /tmp/f').stdout).toBe(`${100_000}\n`);
  });

  it('gives each tool its own words, as on /dev/full', () => {
    const { lab } = smallDisk(10);
    lab.run('rs1', 'echo 0123456789 > /tmp/full');
    expect(lab.run('rs1', 'echo x > /tmp/a')).toEqual({ exit: 1, stdout: '', stderr: 'bash: echo: write error: No space left on device\n' });
    expect(lab.run('rs1', 'printf "%s\\n" a > /tmp/a')).toEqual({ exit: 1, stdout: '', stderr: 'bash: printf: write error: No space left on device\n' });
    expect(lab.run('rs1', 'cat /etc/hostname > /tmp/a')).toEqual({ exit: 1, stdout: '', stderr: 'cat: write error: No space left on device\n' });
    expect(lab.run('rs1', 'cp /etc/hostname /tmp/b')).toEqual({ exit: 1, stdout: '', stderr: "cp: error writing '/tmp/b': No space left on device\n" });
    expect(lab.run('rs1', 'echo x | tee /tmp/c')).toEqual({ exit: 1, stdout: 'x\n', stderr: 'tee: /tmp/c: No space left on device\n' });
    expect(lab.run('rs1', 'mkdir /tmp/d')).toEqual({ exit: 1, stdout: '', stderr: "mkdir: cannot create directory '/tmp/d': No space left on device\n" });
    // Opening (and truncating) still works on a full disk: the files are there, empty.
    expect(lab.run('rs1', 'ls /tmp').stdout).toBe('a\nb\nc\nfull\n');
  });

  it('stops a huge here-document at the disk, and removing the file frees the space', () => {
    const { lab, fs } = smallDisk(50_000);
    const before = fs.used();
    // 100,000 bytes of here-document on a disk with room for half of them.
    const result = lab.run('rs1', `cat > /tmp/big <<EOF\n${`${'y'.repeat(99)}\n`.repeat(1_000)}EOF`);
    expect(result).toEqual({ exit: 1, stdout: '', stderr: 'cat: write error: No space left on device\n' });
    expect(lab.run('rs1', 'rm /tmp/big; echo ok > /tmp/small; cat /tmp/small')).toEqual({ exit: 0, stdout: 'ok\n', stderr: '' });
    expect(fs.used()).toBe(before + 3);
  });

  it('counts a file overwritten in place, renamed over another or removed with its directory', () => {
    const { lab, fs } = smallDisk(1_000_000);
    const before = fs.used();
    lab.run('rs1', 'mkdir -p /tmp/d/e; seq 1000 > /tmp/d/e/f; seq 100 > /tmp/g');
    expect(fs.used()).toBe(before + 2 * 4096 + 3893 + 292);
    lab.run('rs1', 'seq 10 > /tmp/d/e/f');
    expect(fs.used()).toBe(before + 2 * 4096 + 21 + 292);
    lab.run('rs1', 'mv /tmp/g /tmp/d/e/f');
    expect(fs.used()).toBe(before + 2 * 4096 + 292);
    lab.run('rs1', 'rm -r /tmp/d');
    expect(fs.used()).toBe(before);
  });

  it('is 16 MiB a host by default: more than one line may write (the output budget), far from the app\'s memory', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    expect(lab.hosts.get('rs1')!.fs.capacity).toBe(FS_CAPACITY);
    expect(FS_CAPACITY).toBe(16 * 1024 * 1024);
    expect(FS_CAPACITY).toBeGreaterThan(lab.budgetLimits.output);
  });
});
