// The iproute2 forms learners type beyond the textbook ones (conformance 420
// recorded them on the kernel): -j/-p JSON, -c colours, mtu, verb order,
// exit statuses of unknown verbs, and what removing the last address does.
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../../test-lab.ts';

describe('ip -j', () => {
  it('prints ip addr as iproute2 6.1 does, compact and pretty', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const compact = lab.run('rs1', 'ip -j -4 addr show eth0');
    expect(compact.stdout).toBe('[{"ifindex":2,"ifname":"eth0","flags":["BROADCAST","MULTICAST","UP","LOWER_UP"],"mtu":1500,"qdisc":"noqueue","operstate":"UP","group":"default","txqlen":1000,"addr_info":[{"family":"inet","local":"198.51.100.11","prefixlen":24,"scope":"global","label":"eth0","valid_life_time":4294967295,"preferred_life_time":4294967295}]}]\n');
    const pretty = lab.run('rs1', 'ip -j -p route');
    expect(pretty.stdout).toBe('[ {\n        "dst": "198.51.100.0/24",\n        "dev": "eth0",\n        "protocol": "kernel",\n        "scope": "link",\n        "prefsrc": "198.51.100.11",\n        "flags": [ ]\n    } ]\n');
  });

  it('lists no neighbour as an empty array and a neighbour with its state as a list', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    expect(lab.run('rs1', 'ip -j neigh').stdout).toBe('[]\n');
    lab.run('rs1', 'ip neigh add 198.51.100.50 lladdr 02:00:00:00:00:50 dev eth0');
    expect(lab.run('rs1', 'ip -j -p n').stdout).toBe('[ {\n        "dst": "198.51.100.50",\n        "dev": "eth0",\n        "lladdr": "02:00:00:00:00:50",\n        "state": [ "PERMANENT" ]\n    } ]\n');
  });

  it('answers ip route get with the cache flags as a list', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    expect(lab.run('rs1', 'ip -j r g 198.51.100.12').stdout).toBe('[{"dst":"198.51.100.12","dev":"eth0","prefsrc":"198.51.100.11","flags":[],"uid":0,"cache":[]}]\n');
  });
});

describe('ip -c', () => {
  it('paints names, addresses and the state even into a pipe', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    const text = lab.run('rs1', 'ip -c -4 a s eth0').stdout;
    expect(text).toContain('2: \x1b[36meth0: \x1b[0m<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state \x1b[32mUP \x1b[0mgroup default qlen 1000\n');
    expect(text).toContain('    inet \x1b[35m198.51.100.11\x1b[0m/24 scope global eth0\n');
    expect(lab.run('rs1', 'ip -c r').stdout).toBe('\x1b[35m198.51.100.0/24 \x1b[0mdev \x1b[36meth0 \x1b[0mproto kernel scope link src \x1b[35m198.51.100.11 \x1b[0m\n');
  });

  it('changes nothing without -c', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    expect(lab.run('rs1', 'ip r').stdout).toBe('198.51.100.0/24 dev eth0 proto kernel scope link src 198.51.100.11 \n');
  });
});

describe('ip link set … mtu', () => {
  it('sets the mtu within the device range and refuses values outside it as the kernel does', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    expect(lab.run('rs1', 'ip link set eth0 mtu 1400').exit).toBe(0);
    expect(lab.run('rs1', 'ip l s eth0').stdout).toBe('');
    expect(lab.run('rs1', 'ip link show eth0').stdout).toContain(' mtu 1400 ');
    expect(lab.run('rs1', 'ip link set eth0 mtu 50')).toMatchObject({ exit: 2, stderr: 'Error: mtu less than device minimum.\n' });
    expect(lab.run('rs1', 'ip link set eth0 mtu 70000')).toMatchObject({ exit: 2, stderr: 'Error: mtu greater than device maximum.\n' });
    expect(lab.run('rs1', 'ip link set eth0 mtu abc')).toMatchObject({ exit: 255, stderr: 'Error: argument "abc" is wrong: Invalid "mtu" value\n\n' });
  });
});

describe('ip errors', () => {
  it('exits 255 on an unknown verb and names the family only after -4', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    expect(lab.run('rs1', 'ip neigh shwo')).toMatchObject({ exit: 255, stderr: 'Command "shwo" is unknown, try "ip neigh help".\n' });
    expect(lab.run('rs1', 'ip addr add 198.51.100.7/33 dev eth0').stderr).toBe('Error: any valid prefix is expected rather than "198.51.100.7/33".\n');
    expect(lab.run('rs1', 'ip -4 addr add 198.51.100.7/33 dev eth0').stderr).toBe('Error: inet prefix is expected rather than "198.51.100.7/33".\n');
  });
});

describe('the last address removed', () => {
  it('takes every route and neighbour of the device with it (fib_disable_ip)', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    lab.run('rs1', 'ip route add 203.0.113.0/24 via 198.51.100.12');
    lab.run('rs1', 'ping -c 1 198.51.100.12');
    expect(lab.run('rs1', 'ip n').stdout).toContain('198.51.100.12 dev eth0');
    lab.run('rs1', 'ip addr flush dev eth0');
    expect(lab.run('rs1', 'ip r').stdout).toBe('');
    expect(lab.run('rs1', 'ip n').stdout).toBe('');
  });

  it('leaves routes alone while another address remains', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    lab.run('rs1', 'ip addr add 192.0.2.1/24 dev eth0');
    lab.run('rs1', 'ip route add 203.0.113.0/24 via 198.51.100.12');
    lab.run('rs1', 'ip addr del 192.0.2.1/24 dev eth0');
    expect(lab.run('rs1', 'ip r').stdout).toContain('203.0.113.0/24 via 198.51.100.12 dev eth0');
  });
});
