// ifup and ifdown against Debian 12's ifupdown 0.8.41, run in `unshare -n`
// with `-i FILE --state-dir DIR --no-scripts` on the same stanzas: the
// commands its inet.defn runs (seen with -v), what they leave, its messages
// and exit statuses.
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab, rs1Terminal } from '../test-lab.ts';

const STANZAS = `
auto lo:0
iface lo:0 inet static
	address 192.0.2.10
	netmask 255.255.255.255
	post-up echo posted
	pre-down echo predown
`;

const lab = () => rs1Terminal({ routes: ['default via 198.51.100.1'] });

describe('ifup / ifdown (ifupdown 0.8.41)', () => {
  it('brings up an alias stanza from interfaces.d (source), runs post-up, records it; a second ifup says it is configured', () => {
    const { run, fs } = lab();
    fs.write('/etc/network/interfaces.d/vip', STANZAS);
    expect(run('ifup lo:0')).toEqual({ exit: 0, stdout: 'posted\n', stderr: '' });
    expect(run('ip -4 -o addr show dev lo').stdout).toContain('inet 192.0.2.10/32 brd 192.0.2.10 scope global lo:0');
    expect(run('ifup lo:0')).toEqual({ exit: 0, stdout: '', stderr: 'ifup: interface lo:0 already configured\n' });
    expect(run('cat /run/network/ifstate').stdout).toBe('lo=lo\neth0=eth0\nlo:0=lo:0\n');
    expect(run('ifdown lo:0')).toEqual({ exit: 0, stdout: 'predown\n', stderr: '' });
    expect(run('ip -4 -o addr show dev lo').stdout).not.toContain('192.0.2.10');
    // the alias's device stays up
    expect(run('ip -o link show lo').stdout).toContain('state UNKNOWN');
    expect(run('ifdown lo:0')).toEqual({ exit: 0, stdout: '', stderr: 'ifdown: interface lo:0 not configured\n' });
  });

  it('an unknown interface fails; an address already there fails the interface and leaves it unrecorded', () => {
    const { run, fs } = lab();
    fs.write('/etc/network/interfaces.d/vip', STANZAS);
    expect(run('ifup lo:1')).toEqual({ exit: 1, stdout: '', stderr: 'ifup: unknown interface lo:1\n' });
    run('ip addr add 192.0.2.10/32 dev lo');
    expect(run('ifup lo:0')).toEqual({ exit: 1, stdout: '', stderr: 'Error: ipv4: Address already assigned.\nifup: failed to bring up lo:0\n' });
    expect(run('cat /run/network/ifstate').stdout).toBe('lo=lo\neth0=eth0\n');
  });

  it("ifup -a brings up the auto interfaces not yet up; the installer's eth0 is already configured at boot", () => {
    const { run, fs } = lab();
    fs.write('/etc/network/interfaces', `${fs.read('/etc/network/interfaces').ok ? (fs.read('/etc/network/interfaces') as { value: string }).value : ''}${STANZAS}`);
    expect(run('ifup -a')).toEqual({ exit: 0, stdout: 'posted\n', stderr: '' });
    expect(run('ifup eth0')).toEqual({ exit: 0, stdout: '', stderr: 'ifup: interface eth0 already configured\n' });
  });

  it("ifdown then ifup of the installer's eth0 stanza: addresses, link and the gateway (onlink) as inet static sets them", () => {
    const { run } = lab();
    expect(run('ifdown eth0')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(run('ip -4 -o addr show dev eth0').stdout).toBe('');
    expect(run('ip route').stdout).toBe('');
    expect(run('ifup eth0')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(run('ip route').stdout).toBe('default via 198.51.100.1 dev eth0 onlink \n198.51.100.0/24 dev eth0 proto kernel scope link src 198.51.100.11 \n');
  });

  it('on Rocky 9 it says what the lab does not model', () => {
    const l = lanLab([lanHost('rs1', 11, { os: 'rocky-9' })]);
    expect(l.run('rs1', 'ifup lo:0').exit).toBe(1);
  });
});
