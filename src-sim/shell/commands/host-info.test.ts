// who -b, date, uname, whoami and id against coreutils 9.1 (who.c's
// print_line, date.c, uname.c, id.c) in the C.UTF-8 locale, and the kernels
// Debian 12 and Rocky 9.4 run (uname -a as each prints it).
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../../test-lab.ts';
import type { Lab } from '../../lab.ts';
import { formatDate } from './date.ts';

const out = (l: Lab, line: string, host = 'rs1'): string => {
  const r = l.run(host, line);
  return `${r.stdout}${r.stderr}`;
};

function lab(): Lab {
  return lanLab([lanHost('rs1', 11), lanHost('rs2', 12, { os: 'rocky-9' })], 1);
}

describe('who -b', () => {
  it('prints the boot time in print_line\'s columns, and the new one after a reboot', () => {
    const l = lab();
    expect(out(l, 'who -b')).toBe('         system boot  2024-01-01 00:00\n');
    expect(out(l, 'who -bH')).toBe('NAME     LINE         TIME                    PID COMMENT\n         system boot  2024-01-01 00:00\n');
    l.sleep(3 * 3600 + 125);
    out(l, 'reboot');
    expect(out(l, 'who -b')).toBe('         system boot  2024-01-01 03:02\n');
    expect(l.run('rs1', 'who').exit).toBe(1);
  });
});

describe('date', () => {
  it('prints the virtual clock in the default form, +FORMAT, -R and -I', () => {
    const l = lab();
    l.sleep(5);
    expect(out(l, 'date')).toBe('Mon Jan  1 00:00:05 UTC 2024\n');
    expect(out(l, 'date -u')).toBe('Mon Jan  1 00:00:05 UTC 2024\n');
    expect(out(l, "date '+%Y-%m-%d %H:%M:%S'")).toBe('2024-01-01 00:00:05\n');
    expect(out(l, 'date +%s')).toBe('1704067205\n');
    expect(out(l, 'date -R')).toBe('Mon, 01 Jan 2024 00:00:05 +0000\n');
    expect(out(l, 'date -I')).toBe('2024-01-01\n');
    expect(out(l, 'date -Iseconds')).toBe('2024-01-01T00:00:05+00:00\n');
    expect(out(l, 'date --iso-8601=bad')).toBe("date: invalid argument ‘bad’ for ‘--iso-8601’\nValid arguments are:\n  - ‘hours’\n  - ‘minutes’\n  - ‘date’\n  - ‘seconds’\n  - ‘ns’\nTry 'date --help' for more information.\n");
    expect(out(l, 'date +%F +%T')).toBe("date: extra operand ‘+%T’\nTry 'date --help' for more information.\n");
    expect(out(l, 'date -R +%F')).toBe('date: multiple output formats specified\n');
    expect(l.run('rs1', 'date -s 10:00').exit).toBe(1);
  });

  it('formats strftime conversions with GNU flags and widths', () => {
    // 2024-02-29 13:07:09.5 UTC: a Thursday, day 60 of a leap year.
    const at = ((31 + 28) * 86_400 + 13 * 3600 + 7 * 60 + 9) * 1_000_000 + 500_000;
    expect(formatDate('%a %A %b %B %d %e %j %H %I %k %l %M %S %p %P %u %w %y %C', at)).toBe('Thu Thursday Feb February 29 29 060 13 01 13  1 07 09 PM pm 4 4 24 20');
    expect(formatDate('%D|%F|%T|%R|%r|%c', at)).toBe('02/29/24|2024-02-29|13:07:09|13:07|01:07:09 PM|Thu Feb 29 13:07:09 2024');
    expect(formatDate('%-d %-H %_m %05d %^a %10B %N %z %:z %Z %% %q', at)).toBe('29 13  2 00029 THU   February 500000000 +0000 +00:00 UTC % %q');
  });
});

describe('uname, whoami and id', () => {
  it('prints each distribution\'s kernel, root, and Rocky\'s SELinux context', () => {
    const l = lab();
    expect(out(l, 'uname')).toBe('Linux\n');
    expect(out(l, 'uname -a')).toBe('Linux rs1 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux\n');
    expect(out(l, 'uname -a', 'rs2')).toBe('Linux rs2 5.14.0-427.13.1.el9_4.x86_64 #1 SMP PREEMPT_DYNAMIC Wed May 1 19:11:28 UTC 2024 x86_64 x86_64 x86_64 GNU/Linux\n');
    expect(out(l, 'uname -rn')).toBe('rs1 6.1.0-18-amd64\n');
    expect(out(l, 'uname -p -s')).toBe('Linux unknown\n');
    expect(out(l, 'uname x')).toBe("uname: extra operand ‘x’\nTry 'uname --help' for more information.\n");
    expect(out(l, 'uname -z')).toBe("uname: invalid option -- 'z'\nTry 'uname --help' for more information.\n");
    expect(out(l, 'whoami')).toBe('root\n');
    expect(out(l, 'id')).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect(out(l, 'id', 'rs2')).toBe('uid=0(root) gid=0(root) groups=0(root) context=unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023\n');
    expect(out(l, 'id root', 'rs2')).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect(out(l, 'id -un')).toBe('root\n');
    expect(out(l, 'id -u')).toBe('0\n');
    expect(out(l, 'id -n')).toBe('id: cannot print only names or real IDs in default format\n');
    expect(out(l, 'id -ug')).toBe('id: cannot print "only" of more than one choice\n');
    const nobody = l.run('rs1', 'id alice');
    expect([nobody.exit, nobody.stderr]).toEqual([1, 'id: ‘alice’: no such user\n']);
  });
});
