// journalctl against systemd 252's journalctl.c (v252.31): the short format,
// "-- Boot ID --" only between two boots, "-- No entries --", add_boot's
// error words, --list-boots' table (format-table.c: one space between
// columns, IDX right-aligned, the last column without trailing blanks), -e
// implying -n 1000 and -b, -f following the running boot. Debian 12 keeps its
// journal in /var/log/journal; Rocky 9 has no such directory, so its journal
// is volatile (journald.conf Storage=auto).
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../../test-lab.ts';
import type { Lab } from '../../lab.ts';
import { terminalOf } from '../jobs.ts';

const VIP_UNIT = "printf '[Unit]\\nDescription=LVS VIP\\n[Service]\\nType=oneshot\\nRemainAfterExit=yes\\nExecStart=/usr/sbin/ip addr add 198.51.100.100/32 dev lo\\nExecStart=/usr/bin/echo vip up\\n[Install]\\nWantedBy=multi-user.target\\n' > /etc/systemd/system/vip.service";

function lab(os: 'debian-12' | 'rocky-9' = 'debian-12'): Lab {
  return lanLab([lanHost('rs1', 11, { os }), lanHost('client', 1)], 1);
}

const out = (l: Lab, line: string, host = 'rs1'): string => {
  const r = l.run(host, line);
  return `${r.stdout}${r.stderr}`;
};

const LINE = /^[A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} rs1 [\w.@-]+\[\d+\]: .+$/;

describe('journalctl', () => {
  it('prints a unit\'s lines in the short format and "-- No entries --" when nothing matches', () => {
    const l = lab();
    expect(out(l, 'journalctl -u vip')).toBe('-- No entries --\n');
    out(l, VIP_UNIT);
    l.sleep(65);
    out(l, 'systemctl start vip');
    expect(out(l, 'journalctl -u vip.service')).toBe(
      'Jan 01 00:01:05 rs1 systemd[1]: Starting vip.service - LVS VIP...\n' +
        'Jan 01 00:01:05 rs1 echo[401]: vip up\n' +
        'Jan 01 00:01:05 rs1 systemd[1]: Finished vip.service - LVS VIP.\n',
    );
    // -t matches the identifier without its PID; -u and -t together must both match.
    expect(out(l, 'journalctl -t echo')).toBe('Jan 01 00:01:05 rs1 echo[401]: vip up\n');
    expect(out(l, 'journalctl -u nginx -t echo')).toBe('-- No entries --\n');
    expect(out(l, 'journalctl -q -u nginx')).toBe('');
    expect(out(l, 'journalctl -o cat -u vip')).toBe('Starting vip.service - LVS VIP...\nvip up\nFinished vip.service - LVS VIP.\n');
  });

  it('-n N shows the last N lines, -r newest first, -e the last 1000 of this boot; -n takes the next word when it is a number', () => {
    const l = lab();
    out(l, VIP_UNIT);
    out(l, 'systemctl start vip');
    out(l, 'systemctl stop vip');
    const all = out(l, 'journalctl').split('\n').filter(Boolean);
    expect(all).toHaveLength(6);
    for (const line of all) expect(line).toMatch(LINE);
    expect(out(l, 'journalctl -n 2')).toBe(`${all.slice(-2).join('\n')}\n`);
    expect(out(l, 'journalctl -n2')).toBe(out(l, 'journalctl --lines=2'));
    expect(out(l, 'journalctl -r -n 2')).toBe(`${all.at(-1)}\n${all.at(-2)}\n`);
    expect(out(l, 'journalctl --no-pager -e')).toBe(`${all.join('\n')}\n`);
    expect(out(l, 'journalctl -n all')).toBe(`${all.join('\n')}\n`);
  });

  it('keeps the boots on Debian 12: "-- Boot ID --" between them, -b -1, --list-boots, add_boot\'s error for a boot that is not there', () => {
    const l = lab();
    out(l, VIP_UNIT);
    out(l, 'systemctl enable --now vip');
    out(l, 'reboot');
    const text = out(l, 'journalctl -u vip');
    const [before, after] = text.split(/^-- Boot ([0-9a-f]{32}) --\n/m).filter((_, i) => i !== 1);
    expect(before).toMatch(/Finished vip.service - LVS VIP\.\n.*Stopping vip.service - LVS VIP\.\.\.\n.*vip.service: Deactivated successfully\.\n.*Stopped vip.service - LVS VIP\.\n$/s);
    expect(after).toMatch(/^Jan 01 00:00:06 rs1 systemd\[1\]: Starting vip.service - LVS VIP\.\.\.\n/);
    expect(out(l, 'journalctl -b -u vip')).toBe(after);
    expect(out(l, 'journalctl -b -1 -u vip')).toBe(before);
    expect(out(l, 'journalctl -u vip -b 1')).toBe(before);
    const boots = out(l, 'journalctl --list-boots').split('\n');
    expect(boots[0]).toBe('IDX BOOT ID                          FIRST ENTRY                 LAST ENTRY');
    expect(boots[1]).toMatch(/^ -1 [0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15} Mon 2024-01-01 00:00:00 UTC Mon 2024-01-01 00:00:00 UTC$/);
    expect(boots[2]).toMatch(/^ {2}0 [0-9a-f]{32} Mon 2024-01-01 00:00:06 UTC Mon 2024-01-01 00:00:06 UTC$/);
    expect(boots[2]!.slice(4, 36)).toBe(text.match(/-- Boot ([0-9a-f]{32}) --/)![1]);
    // A boot ID names its boot.
    expect(out(l, `journalctl -u vip -b ${boots[1]!.slice(4, 36)}`)).toBe(before);
    const missing = l.run('rs1', 'journalctl -b -2');
    expect([missing.exit, missing.stdout, missing.stderr]).toEqual([1, '', 'Data from the specified boot (-2) is not available: No such boot ID in journal\n']);
    expect(out(l, 'journalctl -b 3')).toBe('Data from the specified boot (+3) is not available: No such boot ID in journal\n');
  });

  it('loses the earlier boot on Rocky 9 (no /var/log/journal) until the directory exists at boot', () => {
    const l = lab('rocky-9');
    out(l, VIP_UNIT);
    out(l, 'systemctl enable --now vip');
    out(l, 'reboot');
    expect(out(l, 'journalctl -b -1')).toBe('Data from the specified boot (-1) is not available: No such boot ID in journal\n');
    expect(out(l, 'journalctl --list-boots').split('\n').filter(Boolean)).toHaveLength(2);
    // Created now, the running boot still lives in /run: the next reboot loses it; the one after keeps its predecessor.
    out(l, 'mkdir /var/log/journal');
    out(l, 'reboot');
    expect(l.run('rs1', 'journalctl -b -1').exit).toBe(1);
    out(l, 'reboot');
    expect(out(l, 'journalctl -b -1 -u vip')).toMatch(/Starting vip.service - LVS VIP\.\.\.\n.*Stopped vip.service - LVS VIP\.\n$/s);
  });

  it('-f prints the last lines (none yet), then each new line of the running boot as it is logged, until Ctrl-C', () => {
    const l = lab();
    out(l, VIP_UNIT);
    let shown = '';
    terminalOf(l.host('rs1')).watcher = (_stream, text) => (shown += text);
    const started = l.run('rs1', 'journalctl -f -u vip', { live: true });
    expect(started).toMatchObject({ live: true, stdout: '' });
    l.run('client', 'echo elsewhere');
    // The lab has one terminal per host: the unit starts as systemd would start it on its own (a timer, a dependency).
    l.host('rs1').systemd.start('vip.service', (argv) => ({ exit: 0, stdout: argv[0]!.endsWith('echo') ? 'vip up\n' : '', stderr: '' }));
    expect(shown).toBe('');
    l.sleep(1);
    expect(shown).toMatch(/^[^\n]+Starting vip.service - LVS VIP\.\.\.\n[^\n]+echo\[\d+\]: vip up\n[^\n]+Finished vip.service - LVS VIP\.\n$/);
    const stopped = l.interrupt('rs1');
    expect(stopped.exit).toBe(130);
  });

  it('-x prints the catalog entry under each line that has a MESSAGE_ID, with the distribution\'s Support URL', () => {
    const l = lab();
    out(l, VIP_UNIT.replace('/usr/bin/echo vip up', '/usr/sbin/ip link set dev nosuch up'));
    expect(l.run('rs1', 'systemctl start vip').exit).toBe(1);
    const text = out(l, 'journalctl -xeu vip');
    expect(text).toBe(
      'Jan 01 00:00:00 rs1 systemd[1]: Starting vip.service - LVS VIP...\n' +
        '░░ Subject: A start job for unit vip.service has begun execution\n░░ Defined-By: systemd\n░░ Support: https://www.debian.org/support\n░░ \n' +
        '░░ A start job for unit vip.service has begun execution.\n░░ \n░░ The job identifier is 220.\n' +
        // A program's own output has no MESSAGE_ID: nothing under it.
        'Jan 01 00:00:00 rs1 ip[401]: Cannot find device "nosuch"\n' +
        'Jan 01 00:00:00 rs1 systemd[1]: vip.service: Main process exited, code=exited, status=1/FAILURE\n' +
        '░░ Subject: Unit process exited\n░░ Defined-By: systemd\n░░ Support: https://www.debian.org/support\n░░ \n' +
        "░░ An ExecStart= process belonging to unit vip.service has exited.\n░░ \n░░ The process' exit code is 'exited' and its exit status is 1.\n" +
        "Jan 01 00:00:00 rs1 systemd[1]: vip.service: Failed with result 'exit-code'.\n" +
        '░░ Subject: Unit failed\n░░ Defined-By: systemd\n░░ Support: https://www.debian.org/support\n░░ \n' +
        "░░ The unit vip.service has entered the 'failed' state with result 'exit-code'.\n" +
        'Jan 01 00:00:00 rs1 systemd[1]: Failed to start vip.service - LVS VIP.\n' +
        '░░ Subject: A start job for unit vip.service has failed\n░░ Defined-By: systemd\n░░ Support: https://www.debian.org/support\n░░ \n' +
        '░░ A start job for unit vip.service has finished with a failure.\n░░ \n░░ The job identifier is 220 and the job result is failed.\n',
    );
    // A missing program is reported by the forked child under its own PID.
    const rocky = lab('rocky-9');
    out(rocky, VIP_UNIT.replace('/usr/bin/echo vip up', '/opt/missing'));
    rocky.run('rs1', 'systemctl start vip');
    expect(out(rocky, 'journalctl -x -u vip -t systemd -n 2 -o short')).toMatch(
      /^Jan 01 00:00:00 rs1 systemd\[1\]: vip.service: Failed with result 'exit-code'.\n(░░ .*\n){5}Jan 01 00:00:00 rs1 systemd\[1\]: Failed to start vip.service - LVS VIP.\n░░ Subject: A start job for unit vip.service has failed\n░░ Defined-By: systemd\n░░ Support: https:\/\/wiki.rockylinux.org\/rocky\/support\n/,
    );
    expect(out(rocky, 'journalctl -x -u vip')).toContain(
      'rs1 systemd[401]: vip.service: Failed at step EXEC spawning /opt/missing: No such file or directory\n░░ Subject: Process /opt/missing could not be executed\n░░ Defined-By: systemd\n░░ Support: https://wiki.rockylinux.org/rocky/support\n░░ \n░░ The process /opt/missing could not be executed and failed.\n░░ \n░░ The error number returned by this process is 2.\n',
    );
    expect(out(rocky, 'journalctl -x -o cat -u vip -n 1')).toBe('Failed to start vip.service - LVS VIP.\n');
  });

  it('rejects what journalctl rejects, with its words and status 1', () => {
    const l = lab();
    const cases: Array<[string, string]> = [
      ['journalctl -z', "journalctl: invalid option -- 'z'\n"],
      ['journalctl --bogus', "journalctl: unrecognized option '--bogus'\n"],
      ['journalctl -u', "journalctl: option requires an argument -- 'u'\n"],
      ['journalctl -nx', "Failed to parse lines 'x'\n"],
      // -n does not take "x": it is a match, and not FIELD=value.
      ['journalctl -n x', "Failed to add match 'x': Invalid argument\n"],
      ['journalctl -o fancy', "Unknown output format 'fancy'.\n"],
      ['journalctl --since yesterday --until 2023-12-01', '--since= must be before --until=.\n'],
      ['journalctl --since soon', 'Failed to parse timestamp: soon\n'],
      ['journalctl -f -r', 'Please specify either --reverse= or --follow=, not both.\n'],
    ];
    for (const [line, error] of cases) {
      const r = l.run('rs1', line);
      expect([line, r.exit, r.stdout, r.stderr]).toEqual([line, 1, '', error]);
    }
  });

  it('--since and --until take the forms learners type', () => {
    const l = lab();
    out(l, VIP_UNIT);
    out(l, 'systemctl start vip');
    l.sleep(3600);
    out(l, 'systemctl stop vip');
    expect(out(l, 'journalctl --since "-10min"').split('\n').filter(Boolean).map((s) => s.slice(0, 15))).toEqual(['Jan 01 01:00:00', 'Jan 01 01:00:00', 'Jan 01 01:00:00']);
    expect(out(l, 'journalctl --until "30 min ago"').split('\n').filter(Boolean)).toHaveLength(3);
    expect(out(l, "journalctl -S '2024-01-01 00:30' -U 01:01").split('\n').filter(Boolean)).toHaveLength(3);
    expect(out(l, 'journalctl -S today -U now').split('\n').filter(Boolean)).toHaveLength(6);
    expect(out(l, 'journalctl -S tomorrow')).toBe('-- No entries --\n');
  });
});
