// systemd 252 for units a learner writes, on Debian 12 and Rocky 9. The
// enable/disable/is-enabled texts and streams were recorded with Debian 12's
// systemctl 252.38 (`systemctl --root=DIR`, the offline path, whose words for
// these verbs are the bus path's); the job, journal and status words are the
// strings of libsystemd-core-252.so and libsystemd-shared-252.so.
import { describe, expect, it } from 'vitest';
import { rs1Terminal } from '../../test-lab.ts';
import { parseUnitFile, splitCommand } from './unit-file.ts';

const VIP_UNIT = `[Unit]
Description=LVS VIP
After=network.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/sbin/ip addr add 192.0.2.10/32 dev lo
ExecStop=/sbin/ip addr del 192.0.2.10/32 dev lo

[Install]
WantedBy=multi-user.target
`;

const lab = (os: 'debian-12' | 'rocky-9') => rs1Terminal({ os });

describe.each(['debian-12', 'rocky-9'] as const)('a oneshot unit on %s', (os) => {
  it('enable --now makes the symlink, runs ExecStart and stays active (exited); stop runs ExecStop', () => {
    const { run, fs } = lab(os);
    fs.write('/etc/systemd/system/vip.service', VIP_UNIT);
    expect(run('systemctl is-enabled vip')).toEqual({ exit: 1, stdout: 'disabled\n', stderr: '' });
    expect(run('systemctl enable --now vip')).toEqual({
      exit: 0,
      stdout: '',
      stderr: 'Created symlink /etc/systemd/system/multi-user.target.wants/vip.service → /etc/systemd/system/vip.service.\n',
    });
    expect(fs.readlink('/etc/systemd/system/multi-user.target.wants/vip.service')).toEqual({ ok: true, value: '/etc/systemd/system/vip.service' });
    expect(run('ip -4 -o addr show dev lo').stdout).toContain('inet 192.0.2.10/32 scope global lo');
    expect(run('systemctl is-active vip')).toEqual({ exit: 0, stdout: 'active\n', stderr: '' });
    expect(run('systemctl is-enabled vip')).toEqual({ exit: 0, stdout: 'enabled\n', stderr: '' });
    const preset = os === 'debian-12' ? 'enabled' : 'disabled';
    expect(run('systemctl status vip')).toEqual({
      exit: 0,
      stdout:
        '● vip.service - LVS VIP\n' +
        `     Loaded: loaded (/etc/systemd/system/vip.service; enabled; preset: ${preset})\n` +
        '     Active: active (exited) since Mon 2024-01-01 00:00:00 UTC; 0s ago\n' +
        '    Process: 400 ExecStart=/sbin/ip addr add 192.0.2.10/32 dev lo (code=exited, status=0/SUCCESS)\n' +
        '   Main PID: 400 (code=exited, status=0/SUCCESS)\n\n' +
        'Jan 01 00:00:00 rs1 systemd[1]: Starting vip.service - LVS VIP...\n' +
        'Jan 01 00:00:00 rs1 systemd[1]: Finished vip.service - LVS VIP.\n',
      stderr: '',
    });
    expect(run('systemctl stop vip')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(run('ip -4 -o addr show dev lo').stdout).not.toContain('192.0.2.10');
    expect(run('systemctl is-active vip')).toEqual({ exit: 3, stdout: 'inactive\n', stderr: '' });
    expect(run('systemctl disable vip')).toEqual({ exit: 0, stdout: '', stderr: 'Removed "/etc/systemd/system/multi-user.target.wants/vip.service".\n' });
    expect(run('systemctl disable vip')).toEqual({ exit: 0, stdout: '', stderr: '' });
  });

  it('a failing ExecStart fails the job (exit 1) and the unit (×, Result: exit-code); a script through /bin/sh logs under its name', () => {
    const { run, fs } = lab(os);
    fs.write('/etc/systemd/system/bad.service', '[Service]\nType=oneshot\nExecStart=/bin/sh -c "echo boom; exit 3"\n');
    expect(run('systemctl start bad')).toEqual({
      exit: 1,
      stdout: '',
      stderr: 'Job for bad.service failed because the control process exited with error code.\nSee "systemctl status bad.service" and "journalctl -xeu bad.service" for details.\n',
    });
    const status = run('systemctl status bad');
    expect(status.exit).toBe(3);
    expect(status.stdout).toContain('× bad.service\n     Loaded: loaded (/etc/systemd/system/bad.service; static)\n     Active: failed (Result: exit-code) since');
    expect(status.stdout).toContain('rs1 sh[400]: boom\n');
    expect(status.stdout).toContain("rs1 systemd[1]: bad.service: Main process exited, code=exited, status=3/NOTIMPLEMENTED\nJan 01 00:00:00 rs1 systemd[1]: bad.service: Failed with result 'exit-code'.\nJan 01 00:00:00 rs1 systemd[1]: Failed to start bad.service.\n");
    expect(run('systemctl is-failed bad')).toEqual({ exit: 0, stdout: 'failed\n', stderr: '' });
    expect(run('systemctl is-enabled bad')).toEqual({ exit: 0, stdout: 'static\n', stderr: '' });
    const enable = run('systemctl enable bad');
    expect(enable.exit).toBe(0);
    expect(enable.stderr.startsWith('The unit files have no installation config (WantedBy=, RequiredBy=, Also=,\n')).toBe(true);
  });

  it('a program that is not there fails at EXEC (203) before anything runs', () => {
    const { run, fs } = lab(os);
    fs.write('/etc/systemd/system/gone.service', '[Service]\nType=oneshot\nExecStart=/usr/local/bin/vip.sh\n');
    expect(run('systemctl start gone').exit).toBe(1);
    expect(run('systemctl status gone').stdout).toContain('gone.service: Failed to locate executable /usr/local/bin/vip.sh: No such file or directory\n');
    run('mkdir -p /usr/local/bin');
    fs.write('/usr/local/bin/vip.sh', '#!/bin/sh\nip addr add 192.0.2.10/32 dev lo label lo:0\n');
    expect(run('systemctl start gone').exit).toBe(1);
    expect(run('systemctl status gone').stdout).toContain('(code=exited, status=203/EXEC)');
    run('chmod +x /usr/local/bin/vip.sh');
    expect(run('systemctl start gone')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(run('ip -4 -o addr show dev lo').stdout).toContain('192.0.2.10/32 scope global lo:0');
    // Without RemainAfterExit the oneshot is inactive again once its command is done.
    expect(run('systemctl is-active gone')).toEqual({ exit: 3, stdout: 'inactive\n', stderr: '' });
  });

  it('a unit edited after it was loaded: the loaded version acts, with the warning, until daemon-reload', () => {
    const { run, fs } = lab(os);
    fs.write('/etc/systemd/system/vip.service', VIP_UNIT);
    run('systemctl start vip');
    fs.write('/etc/systemd/system/vip.service', VIP_UNIT.replace(/192\.0\.2\.10/g, '192.0.2.20'));
    const restart = run('systemctl restart vip');
    expect(restart.stderr).toBe("Warning: The unit file, source configuration file or drop-ins of vip.service changed on disk. Run 'systemctl daemon-reload' to reload units.\n");
    expect(run('ip -4 -o addr show dev lo').stdout).toContain('192.0.2.10/32');
    expect(run('systemctl daemon-reload')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(run('systemctl restart vip')).toEqual({ exit: 0, stdout: '', stderr: '' });
    // The restart stopped with the new ExecStop (192.0.2.20, not there yet): the old address stays.
    expect(run('ip -4 -o addr show dev lo').stdout).toMatch(/192\.0\.2\.10\/32[^]*192\.0\.2\.20\/32/);
  });

  it("service NAME start|stop|status is systemctl's", () => {
    const { run, fs } = lab(os);
    fs.write('/etc/systemd/system/vip.service', VIP_UNIT);
    expect(run('service vip start')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(run('service vip status').stdout.startsWith('● vip.service - LVS VIP\n')).toBe(true);
    expect(run('service vip stop')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(run('service vip status').exit).toBe(3);
  });
});

describe('units that are not there, or not usable', () => {
  it('speaks as systemd 252 does, with its exit statuses', () => {
    const { run, fs } = lab('debian-12');
    expect(run('systemctl start nope')).toEqual({ exit: 5, stdout: '', stderr: 'Failed to start nope.service: Unit nope.service not found.\n' });
    expect(run('systemctl stop nope')).toEqual({ exit: 5, stdout: '', stderr: 'Failed to stop nope.service: Unit nope.service not loaded.\n' });
    expect(run('systemctl status nope')).toEqual({ exit: 4, stdout: '', stderr: 'Unit nope.service could not be found.\n' });
    expect(run('systemctl is-active nope')).toEqual({ exit: 3, stdout: 'inactive\n', stderr: '' });
    expect(run('systemctl is-enabled nope')).toEqual({ exit: 1, stdout: '', stderr: 'Failed to get unit file state for nope.service: No such file or directory\n' });
    expect(run('systemctl enable nope')).toEqual({ exit: 1, stdout: '', stderr: 'Failed to enable unit: Unit file nope.service does not exist.\n' });
    expect(run('systemctl cat nope')).toEqual({ exit: 1, stdout: '', stderr: 'No files found for nope.service.\n' });
    fs.write('/etc/systemd/system/empty.service', '[Unit]\nDescription=nothing to run\n');
    expect(run('systemctl start empty')).toEqual({ exit: 1, stdout: '', stderr: "Failed to start empty.service: Unit empty.service has a bad unit file setting.\nSee system logs and 'systemctl status empty.service' for details.\n" });
    fs.write('/etc/systemd/system/vip.service', VIP_UNIT);
    run('systemctl start vip');
    expect(run('systemctl reload vip')).toEqual({ exit: 1, stdout: '', stderr: 'Failed to reload vip.service: Job type reload is not applicable for unit vip.service.\n' });
    expect(run('systemctl cat vip')).toEqual({ exit: 0, stdout: `# /etc/systemd/system/vip.service\n${VIP_UNIT}`, stderr: '' });
  });

  it('nginx is the package unit, enabled, driven by the built-in daemon', () => {
    const debian = lab('debian-12');
    expect(debian.run('systemctl is-enabled nginx')).toEqual({ exit: 0, stdout: 'enabled\n', stderr: '' });
    expect(debian.run('systemctl cat nginx').stdout.startsWith('# /lib/systemd/system/nginx.service\n# Stop dance for nginx\n')).toBe(true);
    expect(debian.run('systemctl disable nginx')).toEqual({ exit: 0, stdout: '', stderr: 'Removed "/etc/systemd/system/multi-user.target.wants/nginx.service".\n' });
    expect(debian.run('systemctl enable nginx').stderr).toBe('Created symlink /etc/systemd/system/multi-user.target.wants/nginx.service → /lib/systemd/system/nginx.service.\n');
    const rocky = lab('rocky-9');
    expect(rocky.run('systemctl status nginx').stdout).toBe(
      '● nginx.service - The nginx HTTP and reverse proxy server\n     Loaded: loaded (/usr/lib/systemd/system/nginx.service; enabled; preset: disabled)\n     Active: active (running) since Mon 2024-01-01 00:00:00 UTC; 0s ago\n',
    );
    rocky.run('systemctl stop nginx');
    expect(rocky.host.nginx.running).toBe(false);
  });
});

describe('unit file syntax (conf-parser.c, load-fragment.c)', () => {
  it('comments, continuation lines, an empty ExecStart= resetting the list, prefixes and quoting', () => {
    const unit = parseUnitFile('[Service]\n# comment\n; comment\nExecStart=/bin/false\nExecStart=\nExecStart=-/bin/sh -c \\\n  "echo a b"\nRemainAfterExit=on\nType=oneshot\n[Install]\nWantedBy=multi-user.target graphical.target\n');
    expect(unit.execStart).toEqual([{ argv: ['/bin/sh', '-c', 'echo a b'], ignoreFailure: true, text: '/bin/sh -c  "echo a b"' }]);
    expect(unit.remainAfterExit).toBe(true);
    expect(unit.wantedBy).toEqual(['multi-user.target', 'graphical.target']);
    expect(unit.badSetting).toBeNull();
    expect(parseUnitFile('[Service]\nExecStart=/bin/a\nExecStart=/bin/b\n').badSetting).toBe('Service has more than one ExecStart= setting, which is only allowed for Type=oneshot services. Refusing.');
    expect(splitCommand(`/bin/sh -c 'echo "x"; exit 1' a\\ b`)).toEqual(['/bin/sh', '-c', 'echo "x"; exit 1', 'a b']);
  });
});
