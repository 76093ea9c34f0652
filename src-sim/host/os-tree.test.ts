import { describe, expect, it } from 'vitest';
import { createLab } from '../lab.ts';
import { lanHost } from '../test-lab.ts';
import { parseScenarioText } from '../schema/scenario.ts';
import type { ScenarioHost } from '../scenario/types.ts';

function lab(extra: Partial<ScenarioHost> = {}) {
  const rs1 = { ...lanHost('rs1', 11), routes: ['default via 198.51.100.1'], ...extra };
  rs1.interfaces = [...rs1.interfaces, { name: 'lo', addresses: ['192.0.2.100/32'] }];
  return createLab({ format: 'lvs-dr-lab/scenario@1', hosts: [rs1, lanHost('client', 10)], steps: [] });
}

const read = (l: ReturnType<typeof lab>, path: string): string => {
  const result = l.host('rs1').fs.read(path);
  if (!result.ok) throw new Error(`${path}: ${result.errno}`);
  return result.value;
};

describe('the Debian 12 tree', () => {
  it('has /etc/hostname, /etc/hosts and sysctl.conf with sysctl.d/99-sysctl.conf linking to it, as Debian ships them', () => {
    const l = lab();
    expect(read(l, '/etc/hostname')).toBe('rs1\n');
    expect(read(l, '/etc/hosts')).toContain('127.0.1.1\trs1\n');
    expect(read(l, '/etc/sysctl.conf')).toContain('#net.ipv4.ip_forward=1\n');
    expect(l.host('rs1').fs.readlink('/etc/sysctl.d/99-sysctl.conf')).toEqual({ ok: true, value: '../sysctl.conf' });
    expect(read(l, '/etc/sysctl.d/99-sysctl.conf')).toBe(read(l, '/etc/sysctl.conf'));
    expect(l.host('rs1').fs.list('/etc/sysctl.d')).toEqual({ ok: true, value: ['99-sysctl.conf', 'README.sysctl'] });
    expect(l.host('rs1').fs.stat('/etc/rc.local').ok).toBe(false);
    expect(l.host('rs1').fs.stat('/etc/ipvsadm.rules').ok).toBe(false);
  });

  it('writes /etc/network/interfaces for the configured addresses and gateway', () => {
    expect(read(lab(), '/etc/network/interfaces')).toBe(
      '# This file describes the network interfaces available on your system\n# and how to activate them. For more information, see interfaces(5).\n\nsource /etc/network/interfaces.d/*\n\n# The loopback network interface\nauto lo\niface lo inet loopback\n\n# The primary network interface\nallow-hotplug eth0\niface eth0 inet static\n\taddress 198.51.100.11/24\n\tgateway 198.51.100.1\n\niface lo inet static\n\taddress 192.0.2.100/32\n',
    );
  });

  it('has nginx configuration, and programs in /usr/bin and /usr/sbin reachable through /bin and /sbin', () => {
    const l = lab();
    expect(read(l, '/etc/nginx/sites-enabled/default')).toContain('root /var/www/html;');
    expect(read(l, '/etc/nginx/nginx.conf')).toContain('user www-data;');
    const fs = l.host('rs1').fs;
    const ipvsadm = fs.stat('/sbin/ipvsadm');
    expect(ipvsadm.ok && ipvsadm.value.mode).toBe(0o755);
    expect(fs.stat('/usr/bin/cat').ok).toBe(true);
    expect(fs.stat('/usr/bin/sysctl').ok).toBe(false);
    expect(fs.readlink('/bin')).toEqual({ ok: true, value: 'usr/bin' });
  });
});

describe('the Rocky Linux 9 tree', () => {
  it('has ifcfg files, rc.local and redhat-release, and nginx serves its own document root', () => {
    const l = lab({ os: 'rocky-9' });
    expect(read(l, '/etc/redhat-release')).toBe('Rocky Linux release 9.4 (Blue Onyx)\n');
    expect(read(l, '/etc/sysconfig/network-scripts/ifcfg-eth0')).toBe('TYPE=Ethernet\nBOOTPROTO=none\nNAME=eth0\nDEVICE=eth0\nONBOOT=yes\nIPADDR=198.51.100.11\nPREFIX=24\nGATEWAY=198.51.100.1\n');
    expect(read(l, '/etc/rc.local')).toContain("chmod +x /etc/rc.d/rc.local");
    const rcLocal = l.host('rs1').fs.stat('/etc/rc.d/rc.local');
    expect(rcLocal.ok && rcLocal.value.mode).toBe(0o644);
    expect(l.host('rs1').fs.stat('/etc/network/interfaces').ok).toBe(false);
    l.run('rs1', 'echo rocky > /usr/share/nginx/html/index.html');
    expect(l.run('client', 'curl -s http://198.51.100.11/').stdout).toBe('rocky\n');
  });

  it('is chosen by the scenario\'s per-host "os", which is validated', () => {
    const host = (os: unknown) => JSON.stringify({ format: 'lvs-dr-lab/scenario@1', hosts: [{ ...lanHost('rs1', 11), os }], steps: [] });
    expect(parseScenarioText(host('rocky-9')).ok).toBe(true);
    const bad = parseScenarioText(host('centos'));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.problems.map((p) => p.message)).toEqual(['expected "debian-12" or "rocky-9", got the string "centos"']);
  });
});
