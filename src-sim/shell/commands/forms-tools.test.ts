// The option forms learners type to ip neigh, net-tools, ping and sysctl
// beyond the textbook ones (conformance 421-424 recorded them on the kernel).
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../../test-lab.ts';

describe('ip neigh', () => {
  it('gets one entry, and says when there is none or no device', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    lab.run('rs1', 'ip neigh add 198.51.100.50 lladdr 02:00:00:00:00:50 dev eth0');
    expect(lab.run('rs1', 'ip neigh get 198.51.100.50 dev eth0').stdout).toBe('198.51.100.50 dev eth0 lladdr 02:00:00:00:00:50 PERMANENT \n');
    expect(lab.run('rs1', 'ip neigh get 198.51.100.99 dev eth0')).toMatchObject({ exit: 2, stderr: 'Error: Neighbour entry not found.\n' });
    expect(lab.run('rs1', 'ip neigh get 198.51.100.50')).toMatchObject({ exit: 1, stderr: 'Device and address are required arguments.\n' });
  });

  it('leaves a NONE entry behind a refused add, which a flush takes and a plain show hides', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    expect(lab.run('rs1', 'ip neigh add 198.51.100.55 dev eth0')).toMatchObject({ exit: 2, stderr: 'Error: No link layer address given.\n' });
    expect(lab.run('rs1', 'ip neigh').stdout).toBe('');
    expect(lab.run('rs1', 'ip neigh show nud all').stdout).toBe('198.51.100.55 dev eth0 \n');
    expect(lab.run('rs1', 'ip neigh flush nud none').exit).toBe(0);
    expect(lab.run('rs1', 'ip neigh show nud all').stdout).toBe('');
    expect(lab.run('rs1', 'ip neigh flush')).toMatchObject({ exit: 1, stderr: 'Flush requires arguments.\n' });
  });
});

describe('net-tools', () => {
  it('lists arp entries BSD style with -a and per device with -i', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    lab.run('rs1', 'arp -s 198.51.100.50 02:00:00:00:00:50');
    expect(lab.run('rs1', 'arp -an').stdout).toBe('? (198.51.100.50) at 02:00:00:00:00:50 [ether] PERM on eth0\n');
    expect(lab.run('rs1', 'arp -n -i eth0').stdout).toContain('198.51.100.50            ether   02:00:00:00:00:50   CM                    eth0\n');
    expect(lab.run('rs1', 'arp -n -i lo').stdout).toBe('arp: in 1 entries no match found.\n');
    expect(lab.run('rs1', 'arp -s 198.51.100.60 02:00:00:00:00:60 pub')).toMatchObject({ exit: 255, stderr: 'SIOCSARP: No such device\n' });
  });

  it('swaps route and netstat -r columns with -e and reads a CIDR target', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    expect(lab.run('rs1', 'route add -net 192.0.2.0/24 gw 198.51.100.12').exit).toBe(0);
    expect(lab.run('rs1', 'route -n -e').stdout).toContain('Flags   MSS Window  irtt Iface\n192.0.2.0       198.51.100.12   255.255.255.0   UG        0 0          0 eth0\n');
    expect(lab.run('rs1', 'netstat -rn -e').stdout).toContain('Flags Metric Ref    Use Iface\n192.0.2.0       198.51.100.12   255.255.255.0   UG    0      0        0 eth0\n');
    expect(lab.run('rs1', 'netstat -ie').stdout).toBe(`Kernel Interface table\n${lab.run('rs1', 'ifconfig').stdout}`);
  });
});

describe('ping', () => {
  it('sends -s bytes of data and prints no time below a timeval', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    const big = lab.run('rs1', 'ping -c 1 -s 1472 198.51.100.12');
    expect(big.stdout).toMatch(/^PING 198\.51\.100\.12 \(198\.51\.100\.12\) 1472\(1500\) bytes of data\.\n1480 bytes from 198\.51\.100\.12: icmp_seq=1 ttl=64 time=/);
    const small = lab.run('rs1', 'ping -c 1 -s 8 198.51.100.12');
    expect(small.stdout).toBe('PING 198.51.100.12 (198.51.100.12) 8(36) bytes of data.\n16 bytes from 198.51.100.12: icmp_seq=1 ttl=64\n\n--- 198.51.100.12 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\n\n');
    expect(lab.run('rs1', 'ping -s abc 198.51.100.12')).toMatchObject({ exit: 1, stderr: "ping: invalid argument: 'abc'\n" });
  });

  it('only warns about garbage after a -W or -i number, and refuses a negative -W', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    const garbage = lab.run('rs1', 'ping -c 1 -W x 198.51.100.12');
    expect(garbage.exit).toBe(0);
    expect(garbage.stderr).toBe('ping: option argument contains garbage: x\nping: this will become fatal error in the future\n');
    expect(lab.run('rs1', 'ping -c 1 -W -1 198.51.100.12')).toMatchObject({ exit: 2, stderr: 'ping: bad linger time: -1\n' });
  });
});

describe('sysctl', () => {
  it('ignores unknown keys with -e, prints its usage without arguments, keeps ip_forward as written', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    expect(lab.run('rs1', 'sysctl -e net.ipv4.conf.all.arp_ignor')).toMatchObject({ exit: 0, stdout: '', stderr: '' });
    const bare = lab.run('rs1', 'sysctl');
    expect(bare.exit).toBe(1);
    expect(bare.stderr).toMatch(/^\nUsage:\n sysctl \[options\] \[variable\[=value\] \.\.\.\]\n/);
    lab.run('rs1', 'sysctl -w net.ipv4.ip_forward=2');
    expect(lab.run('rs1', 'sysctl -n net.ipv4.ip_forward net.ipv4.conf.eth0.forwarding').stdout).toBe('2\n2\n');
  });
});
