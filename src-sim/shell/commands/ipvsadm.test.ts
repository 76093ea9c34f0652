import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../../test-lab.ts';
import { parseIp4 } from '../../net/addr.ts';
import { largeNum } from '../../ipvs/format.ts';
import type { IpvsPacket, TcpFlags } from '../../ipvs/types.ts';
import { COMMAND_GAP_US, type Lab } from '../../lab.ts';

const VIP = '198.51.100.100';

/** Two services, three real servers, added out of address order. */
function configured(): Lab {
  const lab = lanLab([lanHost('director', 10)]);
  for (const line of [
    `ipvsadm -A -t ${VIP}:80 -s rr`,
    `ipvsadm -a -t ${VIP}:80 -r 198.51.100.12 -g -w 1`,
    `ipvsadm -a -t ${VIP}:80 -r 198.51.100.11:80 -w 1`,
    `ipvsadm -A -t ${VIP}:443 -p 600 -M 255.255.255.0`,
    `ipvsadm -a -t ${VIP}:443 -r 198.51.100.13 -w 0`,
  ]) {
    expect(lab.run('director', line)).toEqual({ exit: 0, stdout: '', stderr: '' });
  }
  return lab;
}

/** What the packet path will do for one client → VIP packet. */
function send(lab: Lab, sport: number, flags: TcpFlags, dport = 80): void {
  const ipvs = lab.host('director').ipvs;
  const packet: IpvsPacket = { proto: 'tcp', src: parseIp4('203.0.113.10')!, sport, dst: parseIp4(VIP)!, dport, length: 60, tcpFlags: flags };
  const r = ipvs.schedule(packet);
  if (r && 'isNew' in r) ipvs.onPacket(r.conn, packet);
}

describe('ipvsadm listings', () => {
  it('-Ln: sorted services and servers, padded columns with trailing spaces', () => {
    expect(configured().run('director', 'ipvsadm -Ln').stdout).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port Scheduler Flags',
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
        'TCP  198.51.100.100:80 rr',
        '  -> 198.51.100.11:80             Route   1      0          0         ',
        '  -> 198.51.100.12:80             Route   1      0          0         ',
        'TCP  198.51.100.100:443 wlc persistent 600 mask 255.255.255.0',
        '  -> 198.51.100.13:443            Route   0      0          0         ',
        '',
      ].join('\n'),
    );
  });

  it('without -n, ports print as service names (the lab has no DNS, so addresses stay numeric)', () => {
    const out = configured().run('director', 'ipvsadm -L').stdout;
    expect(out).toContain('TCP  198.51.100.100:http rr\n  -> 198.51.100.11:http           Route   1      0          0         \n');
    expect(out).toContain('TCP  198.51.100.100:https wlc persistent 600 mask 255.255.255.0\n');
  });

  it('--nosort keeps kernel order: the server added last first', () => {
    const out = configured().run('director', `ipvsadm -Ln --nosort -t ${VIP}:80`).stdout;
    expect(out.split('\n').slice(2, 5)).toEqual(['TCP  198.51.100.100:80 rr', '  -> 198.51.100.11:80             Route   1      0          0         ', '  -> 198.51.100.12:80             Route   1      0          0         ']);
  });

  it('-S and -S -n print rules; -R reads them back from standard input (< FILE, a pipe; the terminal gives none)', () => {
    const lab = configured();
    const rules = ['-A -t 198.51.100.100:80 -s rr', '-a -t 198.51.100.100:80 -r 198.51.100.11:80 -g -w 1', '-a -t 198.51.100.100:80 -r 198.51.100.12:80 -g -w 1', '-A -t 198.51.100.100:443 -s wlc -p 600 -M 255.255.255.0', '-a -t 198.51.100.100:443 -r 198.51.100.13:443 -g -w 0', ''].join('\n');
    expect(lab.run('director', 'ipvsadm -S -n').stdout).toBe(rules);
    expect(lab.run('director', 'ipvsadm -S').stdout).toContain('-A -t 198.51.100.100:http -s rr\n');
    expect(lab.run('director', 'ipvsadm -Sn > /etc/ipvsadm.rules && ipvsadm -C && ipvsadm -Ln').stdout).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n',
    );
    expect(lab.run('director', 'ipvsadm -R')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(lab.run('director', 'ipvsadm -Sn').stdout).toBe('');
    expect(lab.run('director', 'ipvsadm -R < /etc/ipvsadm.rules')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(lab.run('director', 'ipvsadm -Sn').stdout).toBe(rules);
    expect(lab.run('director', 'cat /etc/ipvsadm.rules').stdout).toBe(rules);
    expect(lab.run('director', 'ipvsadm-save -n > saved && ipvsadm -C && ipvsadm-restore < saved && ipvsadm-save -n').stdout).toBe(rules);
    expect(lab.run('director', 'ipvsadm -C; ipvsadm -S -n < /dev/null; cat /etc/ipvsadm.rules | ipvsadm -R; ipvsadm -Sn').stdout).toBe(rules);
  });

  it('-Lnc lists entries with MM:SS; they expire on the virtual clock', () => {
    const lab = configured();
    lab.run('director', `ipvsadm -e -t ${VIP}:443 -r 198.51.100.13 -w 1`);
    send(lab, 41666, { syn: true }); // rr from the list head: .11, added last
    send(lab, 41666, { ack: true });
    send(lab, 41667, { syn: true }, 443);
    // ipvsadm starts COMMAND_GAP_US after the sleep: one second after the packets in all.
    lab.sleep(1 - COMMAND_GAP_US / 1e6);
    expect(lab.run('director', 'ipvsadm -Lnc').stdout).toBe(
      [
        'IPVS connection entries',
        'pro expire state       source             virtual            destination',
        'TCP 14:59  ESTABLISHED 203.0.113.10:41666 198.51.100.100:80  198.51.100.11:80',
        'TCP 09:59  NONE        203.0.113.0:0      198.51.100.100:443 198.51.100.13:443',
        'TCP 00:59  SYN_RECV    203.0.113.10:41667 198.51.100.100:443 198.51.100.13:443',
        '',
      ].join('\n'),
    );
    expect(lab.run('director', 'ipvsadm -Ln').stdout).toContain('  -> 198.51.100.11:80             Route   1      1          0         \n');
    lab.sleep(60);
    expect(lab.run('director', 'ipvsadm -Lnc').stdout.split('\n')).toHaveLength(5);
    lab.sleep(900);
    expect(lab.run('director', 'ipvsadm -Lnc').stdout).toBe('IPVS connection entries\npro expire state       source             virtual            destination\n');
  });

  it('--stats counts conns, packets and bytes in; OutPkts stay 0 in DR; -Z zeroes', () => {
    const lab = configured();
    send(lab, 1000, { syn: true });
    send(lab, 1000, { ack: true });
    send(lab, 1001, { syn: true });
    expect(lab.run('director', 'ipvsadm -Ln --stats').stdout).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes',
        '  -> RemoteAddress:Port',
        'TCP  198.51.100.100:80                   2        3        0      180        0',
        '  -> 198.51.100.11:80                    1        2        0      120        0',
        '  -> 198.51.100.12:80                    1        1        0       60        0',
        'TCP  198.51.100.100:443                  0        0        0        0        0',
        '  -> 198.51.100.13:443                   0        0        0        0        0',
        '',
      ].join('\n'),
    );
    lab.run('director', `ipvsadm -Z -t ${VIP}:80`);
    expect(lab.run('director', 'ipvsadm -Ln --stats').stdout).toContain('TCP  198.51.100.100:80                   0        0        0        0        0\n');
  });

  it('--rate shows the 2-second estimator', () => {
    const lab = configured();
    for (let i = 0; i < 10; i++) send(lab, 2000 + i, { syn: true });
    lab.sleep(2);
    // Service: 10 conns × 2^9 / 4 = 1280 → (1280 + 511) >> 10 = 1; 600 B × 2^4 / 4 = 2400 → (2400 + 15) >> 5 = 75.
    // Each server: 5 × 2^9 / 4 = 640 → 1; 300 × 2^4 / 4 = 1200 → 37.
    expect(lab.run('director', 'ipvsadm -Ln --rate').stdout.split('\n').slice(1, 6)).toEqual([
      'Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS',
      '  -> RemoteAddress:Port',
      'TCP  198.51.100.100:80                   1        1        0       75        0',
      '  -> 198.51.100.11:80                    1        1        0       37        0',
      '  -> 198.51.100.12:80                    1        1        0       37        0',
    ]);
  });

  it('large numbers: K/M/G above 10^8, or --exact', () => {
    expect(largeNum(99999999, false)).toBe(' 99999999');
    expect(largeNum(100000000, false)).toBe('  100000K');
    expect(largeNum(1234567890, false)).toBe('    1234M');
    expect(largeNum(123456789012, false)).toBe('     123G');
    expect(largeNum(1234567890, true)).toBe(' 1234567890');
    expect(largeNum(7, true)).toBe('        7');
  });

  it('--timeout, and --set with 0 keeping a value', () => {
    const lab = configured();
    expect(lab.run('director', 'ipvsadm --set 600 0 60 && ipvsadm -L --timeout').stdout).toBe('Timeout (tcp tcpfin udp): 600 120 60\n');
  });
});

describe('ipvsadm errors as ipvsadm.c and libipvs report them', () => {
  const cases: Array<[string, number, string]> = [
    [`ipvsadm -A -t ${VIP}:80`, 255, 'Service already exists\n'],
    ['ipvsadm -A -t 198.51.100.1:80 -s fastest', 255, 'Scheduler not found\n'],
    ['ipvsadm -E -t 198.51.100.1:80', 255, 'No such service\n'],
    ['ipvsadm -D -u 198.51.100.100:80', 255, 'No such service\n'],
    ['ipvsadm -a -t 198.51.100.1:80 -r 198.51.100.11', 255, 'Service not defined\n'],
    [`ipvsadm -a -t ${VIP}:80 -r 198.51.100.11`, 255, 'Destination already exists\n'],
    [`ipvsadm -e -t ${VIP}:80 -r 198.51.100.99`, 255, 'No such destination\n'],
    [`ipvsadm -d -t ${VIP}:80 -r 198.51.100.99`, 255, 'No such destination\n'],
    [`ipvsadm -a -t ${VIP}:80 -r 198.51.100.14 -y 5`, 255, 'Numerical result out of range\n'],
    [`ipvsadm -a -t ${VIP}:80 -r 224.0.0.1`, 255, 'Invalid operation.  Possibly wrong module version, address not unicast, ...\n'],
    // The director's own subnet broadcast: inet_addr_type says RTN_BROADCAST, so ip_vs_new_dest refuses it.
    [`ipvsadm -a -t ${VIP}:80 -r 198.51.100.255`, 255, 'Invalid operation.  Possibly wrong module version, address not unicast, ...\n'],
    ['ipvsadm -L -t 198.51.100.1:80', 1, 'No such service\n'],
    ['ipvsadm -A -t 198.51.100.1', 2, 'Zero port specified for non-persistent service\n'],
    ['ipvsadm -A -t 80', 2, 'illegal virtual server address[:port] specified\n'],
    [`ipvsadm -a -t ${VIP}:80 -r host.example`, 2, 'illegal real server address[:port] specified\n'],
    [`ipvsadm -a -t ${VIP}:80 -r 198.51.100.14 -w 70000`, 2, 'illegal weight specified\n'],
    ['ipvsadm -A -t 198.51.100.1:80 -p 0', 2, "invalid timeout value `0' specified\n"],
    ['ipvsadm -A', 2, "You need to supply the 'service-address' option for the 'add-service' command\n"],
    [`ipvsadm -A -t ${VIP}:81 -r 198.51.100.11`, 2, "Illegal 'real-server' option with the 'add-service' command\n"],
    [`ipvsadm -L -c -t ${VIP}:80`, 2, "The option 'service-address' conflicts with the 'connection' option in the 'list' command\n"],
    ['ipvsadm -L -n -n', 2, "multiple 'numeric' options specified\n"],
    ['ipvsadm -Lc --stats', 2, 'options conflicts in the list command\n'],
    ['ipvsadm -A -L', 2, "invalid option `-L'\n"],
    ['ipvsadm -L foo', 2, 'unexpected argument foo\n'],
    ['ipvsadm --set 1 2', 2, '--set option requires 3 timeout values\n'],
    ['ipvsadm -n -L', 255, "Try `ipvsadm -h' or 'ipvsadm --help' for more information.\n"],
    ['ipvsadm -L --bogus', 255, '--bogus: unknown option\n'],
    ['ipvsadm -A -t', 255, '-t: missing argument\n'],
  ];
  for (const [line, exit, stderr] of cases) {
    it(line, () => {
      expect(configured().run('director', line)).toEqual({ exit, stdout: '', stderr });
    });
  }

  it('DR forces the service port on the real server; long options work', () => {
    const lab = lanLab([lanHost('director', 10)]);
    lab.run('director', `ipvsadm --add-service --tcp-service ${VIP}:80 --scheduler wrr --persistent`);
    lab.run('director', `ipvsadm --add-server --tcp-service=${VIP}:80 --real-server 198.51.100.11:8080 --gatewaying --weight 3`);
    lab.run('director', `ipvsadm -a -t ${VIP}:80 -r 198.51.100.12:8080 --masquerading`);
    expect(lab.run('director', 'ipvsadm --list --numeric').stdout.split('\n').slice(3)).toEqual([
      'TCP  198.51.100.100:80 wrr persistent 300',
      '  -> 198.51.100.11:80             Route   3      0          0         ',
      '  -> 198.51.100.12:8080           Masq    1      0          0         ',
      '',
    ]);
  });

  it('-E replaces every setting: without -p the service stops being persistent', () => {
    const lab = configured();
    lab.run('director', `ipvsadm -E -t ${VIP}:443 -s sh`);
    expect(lab.run('director', 'ipvsadm -Ln').stdout).toContain('TCP  198.51.100.100:443 sh\n');
  });
});

describe('weight 0 and persistence through the shell', () => {
  it('a client with a template keeps reaching a quiesced server until expire_quiescent_template = 1', () => {
    const lab = lanLab([lanHost('director', 10)]);
    lab.run('director', `ipvsadm -A -t ${VIP}:80 -p 300`);
    lab.run('director', `ipvsadm -a -t ${VIP}:80 -r 198.51.100.11`);
    lab.run('director', `ipvsadm -a -t ${VIP}:80 -r 198.51.100.12`);
    send(lab, 5000, { syn: true }); // wlc on an idle list: .12 (added last, so first)
    lab.run('director', `ipvsadm -e -t ${VIP}:80 -r 198.51.100.12 -w 0`);
    send(lab, 5001, { syn: true });
    expect(lab.run('director', 'ipvsadm -Ln').stdout).toContain('  -> 198.51.100.12:80             Route   0      0          2         \n');
    expect(lab.run('director', 'sysctl -w net.ipv4.vs.expire_quiescent_template=1').exit).toBe(0);
    send(lab, 5002, { syn: true });
    expect(lab.run('director', 'ipvsadm -Ln').stdout).toContain('  -> 198.51.100.11:80             Route   1      0          1         \n');
  });
});
