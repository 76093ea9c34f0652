// Reboot and boot (issue 12): what comes back is what the files say, in the
// distributions' boot order. Sources: systemd 252 sysctl.d(5) and
// src/sysctl/sysctl.c (file order, same-name override, /dev/null mask, later
// assignment wins, '-' prefix); ifupdown 0.8.41 interfaces(5) (auto,
// allow-hotplug, source); NetworkManager's ifcfg-rh reader (aliases merged
// into the parent, ifcfg-lo ignored, ONBOOT); Debian's ipvsadm package
// (/etc/default/ipvsadm AUTO, /etc/ipvsadm.rules) and Rocky 9's
// ipvsadm.service (restore at start, save at stop); systemd's rc-local.service
// (ConditionFileIsExecutable) and multi-user.target.wants.
import { describe, expect, it } from 'vitest';
import { textbookLab } from '../../scenario/textbook.ts';
import { createLab, forkLab } from '../../lab.ts';
import type { Lab } from '../../lab.ts';
import type { Scenario } from '../../scenario/types.ts';
import { SCENARIO_FORMAT } from '../../scenario/types.ts';

const run = (lab: Lab, host: string, line: string): string => {
  const r = lab.run(host, line);
  return `${r.stdout}${r.stderr}`;
};

function twoHosts(os: 'debian-12' | 'rocky-9'): Lab {
  const scenario: Scenario = {
    format: SCENARIO_FORMAT,
    hosts: [
      { name: 'a', os, interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:01', addresses: ['198.51.100.1/24'] }] },
      { name: 'b', os, interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:02', addresses: ['198.51.100.2/24'] }] },
    ],
    steps: [],
  };
  return createLab(scenario);
}

describe('systemd-sysctl at boot', () => {
  it('reads sysctl.d by file name, /etc hiding /usr/lib, a /dev/null link masking, the last assignment winning, sysctl.conf last through 99-sysctl.conf', () => {
    const lab = twoHosts('debian-12');
    run(lab, 'a', 'mkdir -p /usr/lib/sysctl.d /run/sysctl.d');
    run(lab, 'a', "printf 'net.ipv4.conf.all.arp_ignore = 2\\nnet.ipv4.conf.all.arp_announce = 1\\n' > /usr/lib/sysctl.d/50-vendor.conf");
    // Same name in /etc: the vendor file is not read at all (arp_announce stays 0).
    run(lab, 'a', "printf 'net/ipv4/conf/all/arp_ignore = 1\\n' > /etc/sysctl.d/50-vendor.conf");
    run(lab, 'a', "printf 'net.ipv4.conf.eth0.rp_filter = 2\\n-net.ipv4.conf.eth9.rp_filter = 1\\n' > /etc/sysctl.d/70-rp.conf");
    run(lab, 'a', "printf 'net.ipv4.conf.eth0.rp_filter = 1\\n' > /etc/sysctl.d/80-rp.conf");
    run(lab, 'a', "printf 'net.ipv4.ip_forward = 1\\n' > /usr/lib/sysctl.d/90-forward.conf");
    run(lab, 'a', 'ln -s /dev/null /etc/sysctl.d/90-forward.conf');
    run(lab, 'a', "echo 'net.ipv4.conf.all.arp_ignore = 8' >> /etc/sysctl.conf");
    run(lab, 'a', 'sysctl -w net.ipv4.conf.default.arp_notify=1');
    run(lab, 'a', 'reboot');
    expect(run(lab, 'a', 'sysctl -n net.ipv4.conf.all.arp_ignore net.ipv4.conf.all.arp_announce net.ipv4.conf.eth0.rp_filter net.ipv4.ip_forward net.ipv4.conf.default.arp_notify')).toBe('8\n0\n1\n0\n0\n');
  });
});

describe('the network at boot', () => {
  it('Debian: ifup -a and allow-hotplug bring back the stanzas, sourced files included; runtime addresses are gone', () => {
    const lab = twoHosts('debian-12');
    run(lab, 'a', "printf 'auto lo:0\\niface lo:0 inet static\\n\\taddress 198.51.100.100\\n\\tnetmask 255.255.255.255\\n' > /etc/network/interfaces.d/vip");
    run(lab, 'a', 'ip addr add 198.51.100.200/32 dev lo');
    run(lab, 'a', 'reboot');
    expect(run(lab, 'a', 'ip -br addr')).toBe('lo               UNKNOWN        127.0.0.1/8 198.51.100.100/32 \neth0             UP             198.51.100.1/24 \n');
    expect(run(lab, 'a', 'ip addr show dev lo')).toContain('inet 198.51.100.100/32 brd 198.51.100.100 scope global lo:0');
    expect(run(lab, 'b', 'ping -c 1 -W 1 198.51.100.1')).toContain('1 received');
  });

  it('Rocky: NetworkManager brings up ifcfg-eth0 with its alias ifcfg-eth0:0, ignores ifcfg-lo:0 and ONBOOT=no', () => {
    const lab = twoHosts('rocky-9');
    run(lab, 'a', "printf 'DEVICE=eth0:0\\nIPADDR=198.51.100.150\\nNETMASK=255.255.255.255\\nONBOOT=yes\\n' > /etc/sysconfig/network-scripts/ifcfg-eth0:0");
    run(lab, 'a', "printf 'DEVICE=lo:0\\nIPADDR=198.51.100.100\\nNETMASK=255.255.255.255\\nONBOOT=yes\\n' > /etc/sysconfig/network-scripts/ifcfg-lo:0");
    run(lab, 'a', 'reboot');
    expect(run(lab, 'a', 'ip -br addr')).toBe('lo               UNKNOWN        127.0.0.1/8 \neth0             UP             198.51.100.1/24 198.51.100.150/32 \n');
    expect(run(lab, 'a', 'ip addr show dev eth0')).toContain('scope global eth0:0');
    run(lab, 'b', "sed -i 's/ONBOOT=yes/ONBOOT=no/' /etc/sysconfig/network-scripts/ifcfg-eth0");
    run(lab, 'b', 'reboot');
    expect(run(lab, 'b', 'ip -br addr')).toBe('lo               UNKNOWN        127.0.0.1/8 \neth0             DOWN           \n');
  });

  it('a peer sees nothing from the host while it is down, and reaches it again once it is up', () => {
    const lab = twoHosts('debian-12');
    run(lab, 'a', 'ping -c 1 198.51.100.2');
    lab.power('b', 'off');
    expect(run(lab, 'a', 'ping -c 1 -W 1 198.51.100.2')).toContain('0 received');
    expect(lab.power('b', 'off').exit).toBe(1);
    lab.power('b', 'on');
    expect(run(lab, 'a', 'ping -c 1 -W 1 198.51.100.2')).toContain('1 received');
  });
});

describe('units at boot', () => {
  const unit = (after = ''): string => `[Unit]\nDescription=LVS VIP\n${after}\n[Service]\nType=oneshot\nRemainAfterExit=yes\nExecStart=/usr/sbin/ip addr add 198.51.100.100/32 dev lo\n\n[Install]\nWantedBy=multi-user.target\n`;

  it('starts an enabled unit and not one that is only written', () => {
    const lab = twoHosts('debian-12');
    lab.writeFile('a', '/etc/systemd/system/vip.service', unit());
    lab.writeFile('b', '/etc/systemd/system/vip.service', unit());
    run(lab, 'a', 'systemctl enable vip');
    run(lab, 'a', 'reboot');
    run(lab, 'b', 'reboot');
    expect(run(lab, 'a', 'ip -br addr show dev lo; systemctl is-active vip')).toBe('lo               UNKNOWN        127.0.0.1/8 198.51.100.100/32 \nactive\n');
    expect(run(lab, 'b', 'ip -br addr show dev lo; systemctl is-active vip')).toBe('lo               UNKNOWN        127.0.0.1/8 \ninactive\n');
  });

  it('runs rc.local only when it is executable', () => {
    const lab = twoHosts('debian-12');
    for (const host of ['a', 'b']) lab.writeFile(host, '/etc/rc.local', '#!/bin/sh\nip addr add 198.51.100.100/32 dev lo\nexit 0\n');
    run(lab, 'a', 'chmod +x /etc/rc.local');
    run(lab, 'a', 'reboot');
    run(lab, 'b', 'reboot');
    expect(run(lab, 'a', 'ip -br addr show dev lo')).toBe('lo               UNKNOWN        127.0.0.1/8 198.51.100.100/32 \n');
    expect(run(lab, 'b', 'ip -br addr show dev lo')).toBe('lo               UNKNOWN        127.0.0.1/8 \n');
  });
});

describe('/run at boot (systemd-tmpfiles-setup: tmpfiles.d/var.conf and legacy.conf)', () => {
  it("Rocky: the stock rc.local's `touch /var/lock/subsys/local` succeeds after every boot; /run is emptied and made again", () => {
    const lab = twoHosts('rocky-9');
    run(lab, 'a', 'echo 198.51.100.100 > /tmp/x; touch /run/lock/mine; chmod +x /etc/rc.d/rc.local');
    run(lab, 'a', 'reboot');
    expect(run(lab, 'a', 'journalctl -b -u rc-local --no-pager -o cat')).not.toContain('cannot touch');
    // ls lists its operands sorted, as GNU ls does; /tmp/x stays on Rocky (no `D /tmp` rule), /run/lock/mine is gone.
    expect(run(lab, 'a', 'ls /var/lock/subsys /run/lock; cat /tmp/x')).toBe('/run/lock:\nsubsys\n\n/var/lock/subsys:\nlocal\n198.51.100.100\n');
    expect(run(lab, 'a', 'ls -ld /var/run')).toBe('lrwxrwxrwx 1 root root 6 Jan  1 00:00 /var/run -> ../run\n');
  });

  it('Debian: /run/lock is its own world-writable tmpfs (run-lock.mount), /run/lock/subsys is there', () => {
    const lab = twoHosts('debian-12');
    expect(run(lab, 'a', 'ls -ld /run/lock /run/lock/subsys')).toMatch(/^drwxrwxrwt .*\/run\/lock\ndrwxr-xr-x .*\/run\/lock\/subsys\n$/);
  });
});

describe('the IPVS table at boot', () => {
  const rules = '-A -t 198.51.100.100:80 -s rr\n-a -t 198.51.100.100:80 -r 198.51.100.11:80 -g -w 1\n-a -t 198.51.100.100:80 -r 198.51.100.12:80 -g -w 1\n';

  it('Debian: restored from /etc/ipvsadm.rules only with AUTO="true" in /etc/default/ipvsadm', () => {
    const lab = textbookLab();
    expect(run(lab, 'director', 'ipvsadm-save -n')).toBe(rules);
    run(lab, 'director', 'ipvsadm-save -n > /etc/ipvsadm.rules');
    run(lab, 'director', 'reboot');
    expect(run(lab, 'director', 'ipvsadm-save -n')).toBe('');
    run(lab, 'director', "sed -i 's/AUTO=\"false\"/AUTO=\"true\"/' /etc/default/ipvsadm");
    run(lab, 'director', 'reboot');
    expect(run(lab, 'director', 'ipvsadm-save -n')).toBe(rules);
  });

  it('Rocky: ipvsadm.service restores /etc/sysconfig/ipvsadm when enabled, and saves the table there when a clean shutdown stops it', () => {
    const rocky = twoHosts('rocky-9');
    run(rocky, 'a', 'ipvsadm -A -t 198.51.100.100:80 -s rr');
    run(rocky, 'a', 'ipvsadm -a -t 198.51.100.100:80 -r 198.51.100.2:80 -g');
    run(rocky, 'a', 'reboot');
    expect(run(rocky, 'a', 'ipvsadm-save -n')).toBe('');
    run(rocky, 'a', 'ipvsadm -A -t 198.51.100.100:80 -s rr');
    run(rocky, 'a', 'ipvsadm-save -n > /etc/sysconfig/ipvsadm');
    // Its start restores the file: a service that already exists would make it fail.
    run(rocky, 'a', 'ipvsadm -C');
    expect(run(rocky, 'a', 'systemctl enable --now ipvsadm')).toBe('Created symlink /etc/systemd/system/multi-user.target.wants/ipvsadm.service → /usr/lib/systemd/system/ipvsadm.service.\n');
    expect(run(rocky, 'a', 'systemctl is-active ipvsadm')).toBe('active\n');
    run(rocky, 'a', 'ipvsadm -a -t 198.51.100.100:80 -r 198.51.100.2:80 -g');
    // A clean reboot runs ExecStop=: the table as it is now is saved, then restored at boot.
    run(rocky, 'a', 'reboot');
    expect(run(rocky, 'a', 'ipvsadm-save -n')).toBe('-A -t 198.51.100.100:80 -s rr\n-a -t 198.51.100.100:80 -r 198.51.100.2:80 -g -w 1\n');
    // The power button stops nothing: what was added since is not saved.
    run(rocky, 'a', 'ipvsadm -D -t 198.51.100.100:80');
    rocky.power('a', 'cycle');
    expect(run(rocky, 'a', 'ipvsadm-save -n')).toBe('-A -t 198.51.100.100:80 -s rr\n-a -t 198.51.100.100:80 -r 198.51.100.2:80 -g -w 1\n');
  });
});

describe('power steps', () => {
  it('are journaled, so a fork replays the reboot and ends in the same state', () => {
    const lab = twoHosts('debian-12');
    run(lab, 'a', 'ip addr add 198.51.100.200/32 dev lo');
    lab.power('a', 'cycle');
    expect(lab.learnerSteps.at(-1)).toEqual({ host: 'a', power: 'cycle' });
    const fork = forkLab(lab);
    expect(run(fork, 'a', 'ip -br addr show dev lo')).toBe(run(lab, 'a', 'ip -br addr show dev lo'));
    expect(run(fork, 'a', 'ip -br addr show dev lo')).toBe('lo               UNKNOWN        127.0.0.1/8 \n');
  });
});

describe('uptime counts from the kernel start', () => {
  it('procps-ng 4.0.2 forms before and after a reboot', () => {
    const lab = twoHosts('debian-12');
    lab.sleep(3725);
    expect(run(lab, 'a', 'uptime')).toBe(' 01:02:05 up  1:02,  1 user,  load average: 0.00, 0.00, 0.00\n');
    expect(run(lab, 'a', 'uptime -p')).toBe('up 1 hour, 2 minutes\n');
    run(lab, 'a', 'reboot');
    // The reset (1 s), then the kernel starts; the command returns 5 s later, once the network and units are up.
    expect(run(lab, 'a', 'uptime -s')).toBe('2024-01-01 01:02:06\n');
    expect(run(lab, 'a', 'uptime')).toBe(' 01:02:11 up 0 min,  1 user,  load average: 0.00, 0.00, 0.00\n');
    expect(run(lab, 'a', 'uptime -p')).toBe('up 0 minutes\n');
    expect(run(lab, 'b', 'uptime -s')).toBe('2024-01-01 00:00:00\n');
  });
});

describe('routes that are not the default route, at boot (issue 12)', () => {
  it("Debian: an interfaces stanza's up and post-up lines add their routes at every boot; a route added at the prompt is gone", () => {
    const lab = twoHosts('debian-12');
    run(lab, 'a', "printf 'auto eth0\\niface eth0 inet static\\n\\taddress 198.51.100.1/24\\n\\tup ip route add 192.0.2.0/24 via 198.51.100.2\\n\\tpost-up ip route add 203.0.113.7 via 198.51.100.2 dev eth0\\n' > /etc/network/interfaces");
    run(lab, 'a', 'ip route add 203.0.113.0/24 via 198.51.100.2');
    run(lab, 'a', 'reboot');
    expect(run(lab, 'a', 'ip route')).toBe('192.0.2.0/24 via 198.51.100.2 dev eth0 \n198.51.100.0/24 dev eth0 proto kernel scope link src 198.51.100.1 \n203.0.113.7 via 198.51.100.2 dev eth0 \n');
  });

  it('Rocky: route-eth0 in the key form (ADDRESS0/NETMASK0/GATEWAY0, METRIC) and in the ip-route form come back; a default route in it and an unreadable line are skipped', () => {
    const lab = twoHosts('rocky-9');
    const scripts = '/etc/sysconfig/network-scripts';
    run(lab, 'a', `printf 'DEVICE=eth0\\nBOOTPROTO=none\\nONBOOT=yes\\nIPADDR=198.51.100.1\\nPREFIX=24\\n' > ${scripts}/ifcfg-eth0`);
    run(lab, 'a', `printf 'ADDRESS0=192.0.2.0\\nNETMASK0=255.255.255.0\\nGATEWAY0=198.51.100.2\\nADDRESS1=203.0.113.0\\nNETMASK1=255.255.255.128\\nGATEWAY1=198.51.100.2\\nMETRIC1=50\\n' > ${scripts}/route-eth0`);
    run(lab, 'a', 'ip route add 203.0.113.200/32 via 198.51.100.2');
    run(lab, 'a', 'reboot');
    expect(run(lab, 'a', 'ip route')).toBe('192.0.2.0/24 via 198.51.100.2 dev eth0 \n198.51.100.0/24 dev eth0 proto kernel scope link src 198.51.100.1 \n203.0.113.0/25 via 198.51.100.2 dev eth0 metric 50 \n');
    run(lab, 'a', `printf '# LVS\\n192.0.2.0/24 via 198.51.100.2 dev eth0\\n203.0.113.9 via 198.51.100.2\\ndefault via 198.51.100.2\\n203.0.113.0/24 via 198.51.100.2 bogus\\n' > ${scripts}/route-eth0`);
    run(lab, 'a', 'reboot');
    expect(run(lab, 'a', 'ip route')).toBe('192.0.2.0/24 via 198.51.100.2 dev eth0 \n198.51.100.0/24 dev eth0 proto kernel scope link src 198.51.100.1 \n203.0.113.9 via 198.51.100.2 dev eth0 \n');
  });

  it('Rocky: a key-form route file NetworkManager cannot read (NETMASK0 missing) keeps the whole connection down', () => {
    const lab = twoHosts('rocky-9');
    const scripts = '/etc/sysconfig/network-scripts';
    run(lab, 'a', `printf 'DEVICE=eth0\\nBOOTPROTO=none\\nIPADDR=198.51.100.1\\nPREFIX=24\\n' > ${scripts}/ifcfg-eth0`);
    run(lab, 'a', `printf 'ADDRESS0=192.0.2.0\\nGATEWAY0=198.51.100.2\\n' > ${scripts}/route-eth0`);
    run(lab, 'a', 'reboot');
    expect(run(lab, 'a', 'ip -br addr show dev eth0')).toBe('eth0             DOWN           \n');
  });
});
