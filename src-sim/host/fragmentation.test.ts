// IPv4 fragmentation as Linux 6.18 does it (kernel runs 505, 511, 519): a
// packet over the device's MTU leaves as fragments, the receiver reassembles
// it, a frame over the receiving device's MTU is dropped (veth's
// is_skb_forwardable), and ping -M do or a packet over 65535 bytes is refused
// by sendmsg with iputils' "local error".
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';

const icmpFrom = (lab: ReturnType<typeof lanLab>, src: string) => lab.frames.filter((f) => f.kind === 'ipv4' && f.src === src);

describe('IPv4 fragmentation', () => {
  it('sends ping -s 4000 as three fragments each way and gets the echo back whole', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    const result = lab.run('rs1', 'ping -c 1 -s 4000 198.51.100.12');
    expect(result.exit).toBe(0);
    expect(result.stdout).toContain('4008 bytes from 198.51.100.12: icmp_seq=1 ttl=64');
    expect(icmpFrom(lab, '198.51.100.11')).toHaveLength(3);
    expect(icmpFrom(lab, '198.51.100.12')).toHaveLength(3);
  });

  it('loses a reply larger than the receiving NIC\'s MTU and counts it as RX dropped', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    lab.run('rs1', 'ip link set eth0 mtu 1400');
    const result = lab.run('rs1', 'ping -c 1 -W 1 -s 1400 198.51.100.12');
    expect(result.exit).toBe(1);
    expect(icmpFrom(lab, '198.51.100.11')).toHaveLength(2);
    expect(icmpFrom(lab, '198.51.100.12')).toHaveLength(1);
    expect(lab.run('rs1', 'ip -s link show eth0').stdout).toMatch(/RX: {2}bytes packets errors dropped .*\n +\d+ +\d+ +0 +1 /);
  });

  it('refuses -M do over the MTU and anything over 65535 bytes with a local error', () => {
    const lab = lanLab([lanHost('rs1', 11), lanHost('rs2', 12)]);
    const refused = lab.run('rs1', 'ping -c 1 -M do -s 1473 198.51.100.12');
    expect(refused.exit).toBe(1);
    expect(refused.stderr).toBe('ping: local error: message too long, mtu=1500\n');
    expect(refused.stdout).toContain('1 packets transmitted, 0 received, +1 errors, 100% packet loss');
    expect(lab.run('rs1', 'ping -c 1 -s 65508 198.51.100.12').stderr).toBe('ping: local error: message too long, mtu=1500\n');
    expect(lab.run('rs1', 'ping -c 1 -M do -s 1472 198.51.100.12').exit).toBe(0);
    expect(lab.run('rs1', 'ping -c 1 -M maybe 198.51.100.12').stderr).toBe('ping: invalid -M argument: maybe\n');
  });
});
