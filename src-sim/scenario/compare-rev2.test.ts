// Comparison revision 2: one test per row of the contract's table, the
// normalisations that each row allows, what it must still catch, and the
// race rules across kernel runs in different bridge port orders.
import { describe, expect, it } from 'vitest';
import { compareObservations } from './compare.ts';
import { outputClass } from './output-rules.ts';
import type { Observation } from './types.ts';

function obs(run: string, stdout: string, exit = 0, stderr = '', host = 'h'): Observation {
  return { format: 'lvs-dr-lab/observation@1', steps: [{ index: 0, host, run, exit, stdout, stderr }], frames: [], neighbors: {} };
}

function verdict(run: string, sim: { out: string; exit?: number; err?: string }, ...linux: { out: string; exit?: number; err?: string }[]): { equal: boolean; differences: string[]; excluded: string[] } {
  return compareObservations(obs(run, sim.out, sim.exit, sim.err), linux.map((l) => obs(run, l.out, l.exit, l.err)));
}

function rev1(run: string, sim: string, linux: string): boolean {
  return compareObservations(obs(run, sim), [obs(run, linux)], { revision: 1 }).equal;
}

describe('outputClass: which command lines revision 2 reads', () => {
  it('classifies every form of the table', () => {
    expect(outputClass('arping -c 2 -w 1 -I eth0 198.51.100.100')).toBe('arping');
    expect(outputClass('ping -c 1 -W 1 198.51.100.1')).toBe('ping');
    expect(outputClass('ip addr')).toBe('ip-listing');
    expect(outputClass('ip -4 -br a s dev eth0')).toBe('ip-listing');
    expect(outputClass('ip -o address list')).toBe('ip-listing');
    expect(outputClass('ip link show eth0')).toBe('ip-listing');
    expect(outputClass('ip -br l')).toBe('ip-listing');
    expect(outputClass('ifconfig')).toBe('ifconfig');
    expect(outputClass('ifconfig -a')).toBe('ifconfig');
    expect(outputClass('ifconfig lo:0')).toBe('ifconfig');
    expect(outputClass('route -n')).toBe('folded');
    expect(outputClass('ip route get 198.51.100.1')).toBe('folded');
    expect(outputClass('ip r g 198.51.100.1 from 198.51.100.100')).toBe('folded');
    expect(outputClass('arp -n')).toBe('arp-table');
    expect(outputClass('curl -s http://198.51.100.11/')).toBe('curl');
    expect(outputClass('ip -s link show eth0')).toBe('ip-listing');
    expect(outputClass('ip -s -s link')).toBe('ip-listing');
    expect(outputClass('ss -tan')).toBe('socket-table');
    expect(outputClass('ss -lnt')).toBe('socket-table');
    expect(outputClass('ss -t -a')).toBe('socket-table');
    expect(outputClass('netstat -lnt')).toBe('socket-table');
    expect(outputClass('netstat -rn')).toBe('folded');
    expect(outputClass('netstat -i')).toBe('ip-listing');
    expect(outputClass('hostname -I')).toBe('folded');
  });

  it('leaves configuring forms, other options and shell syntax to revision 1', () => {
    expect(outputClass('ss -tanp')).toBeNull();
    expect(outputClass('ss -tan state established')).toBeNull();
    expect(outputClass('netstat -ant')).toBe('socket-table');
    expect(outputClass('netstat -at')).toBeNull();
    expect(outputClass('netstat -rnv')).toBeNull();
    expect(outputClass('hostname')).toBeNull();
    expect(outputClass('ip -d addr show')).toBeNull();
    expect(outputClass('ip -4 link show')).toBeNull();
    expect(outputClass('ip addr add 198.51.100.5/24 dev eth0')).toBeNull();
    expect(outputClass('ip link set eth0 up')).toBeNull();
    expect(outputClass('ifconfig lo:0 198.51.100.100 netmask 255.255.255.255 up')).toBeNull();
    expect(outputClass('ifconfig lo:0 down')).toBeNull();
    expect(outputClass('route add -host 198.51.100.100 dev lo:0')).toBeNull();
    expect(outputClass('ip route get 198.51.100.1 oif eth0')).toBeNull();
    expect(outputClass('ip route show')).toBeNull();
    for (const meta of [';', '&', '|', '`', '$(', '<', '>']) {
      expect(outputClass(`arping -c 1 198.51.100.1 ${meta} true`)).toBeNull();
    }
  });
});

const ARPING_LINUX = 'ARPING 198.51.100.100 from 198.51.100.1 eth0\nUnicast reply from 198.51.100.100 [02:00:00:00:00:03]  0.579ms\nUnicast reply from 198.51.100.100 [02:00:00:00:00:03]  0.601ms\nSent 2 probes (1 broadcast(s))\nReceived 2 response(s)\n';

describe('arping', () => {
  const run = 'arping -c 2 -I eth0 198.51.100.100';
  it('ignores the reply times and white space', () => {
    const sim = ARPING_LINUX.replace('0.579ms', '0.010ms').replace('0.601ms', '1000.123ms').replace(/ {2}/g, ' ');
    expect(verdict(run, { out: sim }, { out: ARPING_LINUX }).equal).toBe(true);
  });
  it('compares the header and the summary exactly', () => {
    expect(verdict(run, { out: ARPING_LINUX.replace('Sent 2 probes (1', 'Sent 2 probes (2') }, { out: ARPING_LINUX }).equal).toBe(false);
    expect(verdict(run, { out: ARPING_LINUX.replace('Received 2', 'Received 1') }, { out: ARPING_LINUX }).equal).toBe(false);
    expect(verdict(run, { out: ARPING_LINUX.replace('from 198.51.100.1 eth0', 'from 198.51.100.2 eth0') }, { out: ARPING_LINUX }).equal).toBe(false);
  });
  it('keeps repetitions of a reply line (revision 1 sees a set and misses it)', () => {
    const once = ARPING_LINUX.replace(/Unicast reply[^\n]*0\.601ms\n/, '');
    expect(verdict(run, { out: once }, { out: ARPING_LINUX }).equal).toBe(false);
    expect(rev1(run, once, ARPING_LINUX)).toBe(true);
  });
  it('keeps UNSOLICITED? in the line but not the time', () => {
    const linux = 'ARPING 198.51.100.100 from 198.51.100.1 eth0\nUnicast reply from 198.51.100.100 [02:00:00:00:00:03] UNSOLICITED?\nSent 1 probes (1 broadcast(s))\nReceived 1 response(s)\n';
    expect(verdict(run, { out: linux.replace('UNSOLICITED?', '0.5ms') }, { out: linux }).equal).toBe(false);
  });
  it('when the kernel runs print the replies in different orders: the set of replies and the other lines', () => {
    const a = 'ARPING 198.51.100.100 from 198.51.100.1 eth0\nUnicast reply from 198.51.100.100 [02:00:00:00:00:03]  0.5ms\nUnicast reply from 198.51.100.100 [02:00:00:00:00:02]  0.6ms\nSent 1 probes (1 broadcast(s))\nReceived 2 response(s)\n';
    const b = 'ARPING 198.51.100.100 from 198.51.100.1 eth0\nUnicast reply from 198.51.100.100 [02:00:00:00:00:02]  0.5ms\nUnicast reply from 198.51.100.100 [02:00:00:00:00:03]  0.6ms\nSent 1 probes (1 broadcast(s))\nReceived 2 response(s)\n';
    const either = verdict('arping -c 1 -w 1 198.51.100.100', { out: b }, { out: a }, { out: b });
    expect(either.equal).toBe(true);
    expect(either.excluded.join('\n')).toMatch(/stdout as a whole/);
    const oneReply = b.replace(/Unicast reply[^\n]*:03\][^\n]*\n/, '');
    expect(verdict('arping -c 1 -w 1 198.51.100.100', { out: oneReply }, { out: a }, { out: b }).equal).toBe(false);
    expect(verdict('arping -c 1 -w 1 198.51.100.100', { out: b.replace('Received 2', 'Received 1') }, { out: a }, { out: b }).equal).toBe(false);
  });
  it('leaves out a part that itself varies: the other lines when the summary differs between runs', () => {
    const a = 'ARPING 198.51.100.100 from 198.51.100.1 eth0\nUnicast reply from 198.51.100.100 [02:00:00:00:00:03]  0.5ms\nSent 2 probes (1 broadcast(s))\nReceived 1 response(s)\n';
    const b = 'ARPING 198.51.100.100 from 198.51.100.1 eth0\nUnicast reply from 198.51.100.100 [02:00:00:00:00:03]  0.5ms\nSent 2 probes (1 broadcast(s))\nReceived 2 response(s)\n';
    const r = verdict('arping -c 2 -w 1 198.51.100.100', { out: a.replace('Received 1', 'Received 7') }, { out: a }, { out: b });
    expect(r.equal).toBe(true);
    expect(r.excluded.join('\n')).toMatch(/lines other than replies/);
  });
});

const PING_LINUX = 'PING 198.51.100.100 (198.51.100.100) 56(84) bytes of data.\n64 bytes from 198.51.100.100: icmp_seq=1 ttl=64 time=0.244 ms\n\n--- 198.51.100.100 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\nrtt min/avg/max/mdev = 0.244/0.244/0.244/0.000 ms\n';

describe('ping', () => {
  const run = 'ping -c 1 -W 1 198.51.100.100';
  it('ignores the rtt line, per-reply times and the total time', () => {
    const sim = PING_LINUX.replace('time=0.244 ms', 'time=0.051 ms').replace('time 0ms', 'time 1001ms').replace(/rtt[^\n]*\n/, 'rtt min/avg/max/mdev = 0.051/0.051/0.051/0.000 ms\n');
    expect(verdict(run, { out: sim }, { out: PING_LINUX }).equal).toBe(true);
  });
  it('compares the header, the reply lines with their ttl and the summary', () => {
    expect(verdict(run, { out: PING_LINUX.replace('ttl=64', 'ttl=63') }, { out: PING_LINUX }).equal).toBe(false);
    expect(verdict(run, { out: PING_LINUX.replace('56(84)', '64(92)') }, { out: PING_LINUX }).equal).toBe(false);
    expect(verdict(run, { out: PING_LINUX.replace('1 received, 0%', '0 received, 100%') }, { out: PING_LINUX }).equal).toBe(false);
    expect(rev1(run, PING_LINUX.replace('ttl=64', 'ttl=63'), PING_LINUX)).toBe(true);
  });
  it('compares Destination Host Unreachable lines and +E errors', () => {
    const linux = 'PING 198.51.100.77 (198.51.100.77) 56(84) bytes of data.\nFrom 198.51.100.1 icmp_seq=1 Destination Host Unreachable\n\n--- 198.51.100.77 ping statistics ---\n1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n\n';
    expect(verdict('ping -c 1 198.51.100.77', { out: linux, exit: 1 }, { out: linux, exit: 1 }).equal).toBe(true);
    expect(verdict('ping -c 1 198.51.100.77', { out: linux.replace(/From[^\n]*\n/, ''), exit: 1 }, { out: linux, exit: 1 }).equal).toBe(false);
    expect(verdict('ping -c 1 198.51.100.77', { out: linux.replace(' +1 errors,', ''), exit: 1 }, { out: linux, exit: 1 }).equal).toBe(false);
  });
  it('compares the header of -I with an address or a device', () => {
    const linux = 'PING 198.51.100.1 (198.51.100.1) from 198.51.100.100 : 56(84) bytes of data.\n\n--- 198.51.100.1 ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n';
    expect(verdict('ping -c 1 -I 198.51.100.100 198.51.100.1', { out: linux.replace(' from 198.51.100.100 :', ''), exit: 1 }, { out: linux, exit: 1 }).equal).toBe(false);
  });
});

const IP_ADDR_LINUX = `3: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000 link-netns ldl17936x113-sw
    link/ether 02:00:00:00:00:11 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    altname enp0s3
    inet 198.51.100.11/24 scope global eth0
       valid_lft 86391sec preferred_lft 86391sec
    inet 198.51.100.12/24 scope global secondary eth0
       valid_lft forever preferred_lft forever
`;
const IP_ADDR_SIM = `2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default
    link/ether 02:00:00:00:00:11 brd ff:ff:ff:ff:ff:ff
    inet 198.51.100.11/24 scope global eth0
       valid_lft forever preferred_lft forever
    inet 198.51.100.12/24 scope global secondary eth0
       valid_lft forever preferred_lft forever
`;

describe('ip addr / ip link', () => {
  const run = 'ip addr show dev eth0';
  it('normalises the index, @ifN, lifetimes, qlen, link-netns, link-netnsid and altname', () => {
    expect(verdict(run, { out: IP_ADDR_SIM }, { out: IP_ADDR_LINUX }).equal).toBe(true);
  });
  it('compares flags, mtu, qdisc, state, the MAC, each address with its scope, secondary and label', () => {
    for (const [from, to] of [['LOWER_UP', 'NO-CARRIER'], ['mtu 1500', 'mtu 1480'], ['noqueue', 'pfifo_fast'], ['state UP', 'state DOWN'], ['00:11 brd', '00:12 brd'], ['/24 scope global eth0', '/24 scope host eth0'], [' secondary', ''], ['.12/24', '.13/24']] as const) {
      expect(verdict(run, { out: IP_ADDR_SIM.replace(from, to) }, { out: IP_ADDR_LINUX }).equal, `${from} → ${to}`).toBe(false);
    }
    expect(rev1(run, IP_ADDR_SIM.replace(' secondary', ''), IP_ADDR_LINUX)).toBe(true);
  });
  it('keeps the order of addresses', () => {
    const swapped = IP_ADDR_SIM.replace('inet 198.51.100.11/24 scope global eth0', 'X').replace('inet 198.51.100.12/24 scope global secondary eth0', 'inet 198.51.100.11/24 scope global eth0').replace('X', 'inet 198.51.100.12/24 scope global secondary eth0');
    expect(verdict(run, { out: swapped }, { out: IP_ADDR_LINUX }).equal).toBe(false);
  });
  it('reads the -br columns after @ifN', () => {
    const linux = 'lo               UNKNOWN        127.0.0.1/8 \neth0@if7         UP             198.51.100.1/24 \n';
    expect(verdict('ip -br addr', { out: 'lo UNKNOWN 127.0.0.1/8\neth0 UP 198.51.100.1/24\n' }, { out: linux }).equal).toBe(true);
    expect(verdict('ip -br addr', { out: 'lo UNKNOWN 127.0.0.1/8\neth0 DOWN 198.51.100.1/24\n' }, { out: linux }).equal).toBe(false);
  });
  it('ip link: the link line and its ether line', () => {
    const linux = '5: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n';
    expect(verdict('ip link show eth0', { out: '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default\n    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff\n' }, { out: linux }).equal).toBe(true);
    expect(verdict('ip link show eth0', { out: '2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default\n    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff\n' }, { out: linux }).equal).toBe(false);
  });
  it('with -s: the counters too', () => {
    const stats = (rxBytes: number): string => `2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\n    link/ether 02:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff\n    RX:  bytes packets errors dropped  missed   mcast           \n    ${String(rxBytes).padStart(10)}       4      0       0       0       0 \n    TX:  bytes packets errors dropped carrier collsns           \n           280       4      0       0       0       0 \n`;
    expect(verdict('ip -s link show eth0', { out: stats(280) }, { out: stats(280).replace('2: eth0', '5: eth0@if6') }).equal).toBe(true);
    expect(verdict('ip -s link show eth0', { out: stats(322) }, { out: stats(280) }).equal).toBe(false);
  });
});

const IFCONFIG_LINUX = `eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500
        inet 198.51.100.11  netmask 255.255.255.0  broadcast 0.0.0.0
        ether 02:00:00:00:00:11  txqueuelen 1000  (Ethernet)
        RX packets 12  bytes 936 (936.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 3  bytes 126 (126.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536
        inet 127.0.0.1  netmask 255.0.0.0
        loop  txqueuelen 1000  (Local Loopback)
        RX packets 0  bytes 0 (0.0 B)
        RX errors 0  dropped 0  overruns 0  frame 0
        TX packets 0  bytes 0 (0.0 B)
        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0

`;

describe('ifconfig', () => {
  it('drops the counter lines and the txqueuelen value', () => {
    const sim = IFCONFIG_LINUX.replace(/RX packets 12 {2}bytes 936 \(936.0 B\)/, 'RX packets 1  bytes 42 (42.0 B)').replace('txqueuelen 1000  (Ethernet)', 'txqueuelen 0  (Ethernet)');
    expect(verdict('ifconfig', { out: sim }, { out: IFCONFIG_LINUX }).equal).toBe(true);
  });
  it('compares flags, addresses, broadcast, MAC and the order of interfaces', () => {
    expect(verdict('ifconfig', { out: IFCONFIG_LINUX.replace('broadcast 0.0.0.0', 'broadcast 198.51.100.255') }, { out: IFCONFIG_LINUX }).equal).toBe(false);
    expect(verdict('ifconfig', { out: IFCONFIG_LINUX.replace('flags=4163', 'flags=4099') }, { out: IFCONFIG_LINUX }).equal).toBe(false);
    const [eth0, lo] = IFCONFIG_LINUX.split('\n\n');
    expect(verdict('ifconfig', { out: `${lo}\n\n${eth0}\n\n` }, { out: IFCONFIG_LINUX }).equal).toBe(false);
  });
});

describe('route -n and ip route get', () => {
  const routeN = 'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n198.51.100.0    0.0.0.0         255.255.255.0   U     0      0        0 eth0\n';
  it('compares the whole stdout folded', () => {
    expect(verdict('route -n', { out: routeN.replace(/ +/g, ' ') }, { out: routeN }).equal).toBe(true);
    expect(verdict('route -n', { out: routeN.replace(' U ', ' UG ') }, { out: routeN }).equal).toBe(false);
    expect(rev1('route -n', routeN.replace(' U ', ' UG '), routeN)).toBe(true);
  });
  it('ip route get includes its cache line', () => {
    const linux = 'local 198.51.100.1 dev lo src 198.51.100.100 uid 0 \n    cache <local> \n';
    expect(verdict('ip route get 198.51.100.1', { out: 'local 198.51.100.1 dev lo src 198.51.100.100 uid 0\n    cache <local>\n' }, { out: linux }).equal).toBe(true);
    expect(verdict('ip route get 198.51.100.1', { out: 'local 198.51.100.1 dev lo src 198.51.100.100 uid 0\n    cache\n' }, { out: linux }).equal).toBe(false);
  });
});

describe('arp -n', () => {
  const header = 'Address                  HWtype  HWaddress           Flags Mask            Iface\n';
  const a = '198.51.100.2             ether   02:00:00:00:00:02   C                     eth0\n';
  const b = '198.51.100.3             ether   02:00:00:00:00:03   C                     eth0\n';
  it('the header, then the entries in any order', () => {
    expect(verdict('arp -n', { out: header + b + a }, { out: header + a + b }).equal).toBe(true);
    expect(verdict('arp -n', { out: b + header + a }, { out: header + a + b }).equal).toBe(false);
    expect(verdict('arp -n', { out: header + a }, { out: header + a + b }).equal).toBe(false);
  });
  it('accepts either winner of a race in the HWaddress column', () => {
    const winnerB = a.replace('00:02', '00:03');
    expect(verdict('arp -n', { out: header + winnerB }, { out: header + a }, { out: header + winnerB }).equal).toBe(true);
  });
});

describe('curl', () => {
  it('drops Date headers (also after "< " of -v) and replaces time_ values', () => {
    const linux = 'HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Mon, 07 Dec 2026 00:00:00 GMT\r\n\r\nrs1\n';
    expect(verdict('curl -s -i http://198.51.100.11/', { out: linux.replace('00:00:00', '11:11:11') }, { out: linux }).equal).toBe(true);
    expect(verdict('curl -s -i http://198.51.100.11/', { out: linux.replace('rs1', 'rs2') }, { out: linux }).equal).toBe(false);
    const w = "curl -s -o /dev/null -w '%{http_code} %{time_total}\\n' http://198.51.100.11/";
    expect(verdict(w, { out: '200 0.001000\n' }, { out: '200 0.004211\n' }).equal).toBe(true);
    expect(verdict(w, { out: '404 0.001000\n' }, { out: '200 0.004211\n' }).equal).toBe(false);
  });
  it('compares the error of a failing curl without the elapsed time, the progress meter or -v counters', () => {
    const meter = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\n';
    const linux = `${meter}curl: (7) Failed to connect to 198.51.100.11 port 81 after 3 ms: Couldn't connect to server\n`;
    const run = 'curl http://198.51.100.11:81/';
    expect(verdict(run, { out: '', exit: 7, err: "curl: (7) Failed to connect to 198.51.100.11 port 81 after 0 ms: Couldn't connect to server\n" }, { out: '', exit: 7, err: linux }).equal).toBe(true);
    expect(verdict(run, { out: '', exit: 7, err: "curl: (7) Failed to connect to 198.51.100.11 port 81 after 0 ms: Connection refused\n" }, { out: '', exit: 7, err: linux }).equal).toBe(false);
    const verbose = '*   Trying 198.51.100.11:81...\n* connect to 198.51.100.11 port 81 failed: Connection refused\n* Failed to connect to 198.51.100.11 port 81 after 1 ms: Couldn\'t connect to server\n* Closing connection 0\ncurl: (7) Failed to connect to 198.51.100.11 port 81 after 1 ms: Couldn\'t connect to server\n';
    expect(verdict('curl -v http://198.51.100.11:81/', { out: '', exit: 7, err: verbose.replace(/after 1 ms/g, 'after 0 ms').replace('Closing connection 0', 'Closing connection 3') }, { out: '', exit: 7, err: verbose }).equal).toBe(true);
    expect(verdict('curl -v http://198.51.100.11:81/', { out: '', exit: 7, err: verbose.replace('failed: Connection refused', 'failed: No route to host') }, { out: '', exit: 7, err: verbose }).equal).toBe(false);
  });
});

describe('stderr of failing steps', () => {
  it('is compared folded for every command, also outside the classes of revision 2', () => {
    const run = 'ip addr add 198.51.100.20/24 dev eth0';
    expect(verdict(run, { out: '', exit: 2, err: 'Error: ipv4: Address already assigned.\n' }, { out: '', exit: 2, err: 'Error:  ipv4: Address already assigned.' }).equal).toBe(true);
    expect(verdict(run, { out: '', exit: 2, err: 'RTNETLINK answers: File exists\n' }, { out: '', exit: 2, err: 'Error: ipv4: Address already assigned.\n' }).equal).toBe(false);
    expect(compareObservations(obs(run, '', 2, 'RTNETLINK answers: File exists\n'), [obs(run, '', 2, 'Error: ipv4: Address already assigned.\n')], { revision: 1 }).equal).toBe(true);
  });
  it('also for a command line with shell syntax', () => {
    const run = 'echo 5 > /proc/sys/net/ipv4/conf/eth0/arp_ignore';
    expect(verdict(run, { out: '', exit: 1, err: 'sh: 1: echo: echo: I/O error\n' }, { out: '', exit: 1, err: 'sh: 1: echo: echo: I/O error\n' }).equal).toBe(true);
    expect(verdict(run, { out: '', exit: 1, err: 'sh: write error: Invalid argument\n' }, { out: '', exit: 1, err: 'sh: 1: echo: echo: I/O error\n' }).equal).toBe(false);
  });
  it('is not compared when the step exits 0, and left out when only some kernel runs fail', () => {
    expect(verdict('ip addr', { out: '', err: 'noise' }, { out: '' }).equal).toBe(true);
    const r = verdict('ping -c 1 -I 198.51.100.100 198.51.100.1', { out: '', exit: 2, err: 'x' }, { out: '', exit: 2, err: 'ping: bind: Cannot assign requested address\n' }, { out: '', exit: 0 });
    expect(r.differences).toEqual([]);
    expect(r.excluded.join('\n')).toMatch(/stderr/);
  });
});

describe('the shell-syntax exclusion', () => {
  it('compares a line with ; | & ` $( < > by exit status and stderr only', () => {
    expect(verdict('arping -c 1 198.51.100.1; true', { out: 'something else' }, { out: ARPING_LINUX }).equal).toBe(true);
    expect(verdict('ping -c 1 198.51.100.1 | cat', { out: 'x' }, { out: PING_LINUX }).equal).toBe(true);
    expect(verdict('ip addr > /dev/null', { out: 'x' }, { out: '' }).equal).toBe(true);
    expect(verdict('ping -c 1 198.51.100.1 | cat', { out: 'x', exit: 1 }, { out: PING_LINUX }).equal).toBe(false);
  });
});

describe('races', () => {
  it('leaves out a stdout that differs between the kernel runs', () => {
    const r = verdict('ping -c 1 -W 1 198.51.100.100', { out: 'anything' }, { out: PING_LINUX }, { out: PING_LINUX.replace('ttl=64', 'ttl=63') });
    expect(r.equal).toBe(true);
    expect(r.excluded).toEqual(['step 0 (h: ping -c 1 -W 1 198.51.100.100): stdout (differs between kernel runs)']);
  });
  it('a difference under revision 1 is one under revision 2', () => {
    const run = 'arping -c 1 -I eth0 198.51.100.100';
    const linux = 'ARPING 198.51.100.100 from 198.51.100.1 eth0\nUnicast reply from 198.51.100.100 [02:00:00:00:00:03]  0.5ms\nSent 1 probes (1 broadcast(s))\nReceived 1 response(s)\n';
    const sim = linux.replace(':03]', ':04]');
    expect(rev1(run, sim, linux)).toBe(false);
    expect(verdict(run, { out: sim }, { out: linux }).equal).toBe(false);
  });
});

describe('ss and netstat socket listings', () => {
  const SS = 'State     Recv-Q Send-Q Local Address:Port   Peer Address:PortProcess\nLISTEN    0      511          0.0.0.0:80          0.0.0.0:*          \nTIME-WAIT 0      0       198.51.100.1:60346 198.51.100.11:80         \n';
  it('the header in order, the sockets as a set with ephemeral ports as *', () => {
    const sim = 'State     Recv-Q Send-Q Local Address:Port   Peer Address:PortProcess\nTIME-WAIT 0      0       198.51.100.1:60107 198.51.100.11:80         \nLISTEN    0      511          0.0.0.0:80          0.0.0.0:*          \n';
    expect(verdict('ss -tan', { out: sim }, { out: SS }).equal).toBe(true);
  });
  it('still catches a state, a queue, a fixed port or a missing socket', () => {
    expect(verdict('ss -tan', { out: SS.replace('TIME-WAIT', 'ESTAB    ') }, { out: SS }).equal).toBe(false);
    expect(verdict('ss -tan', { out: SS.replace('511', '128') }, { out: SS }).equal).toBe(false);
    expect(verdict('ss -tan', { out: SS.replace('0.0.0.0:80 ', '0.0.0.0:81 ') }, { out: SS }).equal).toBe(false);
    expect(verdict('ss -tan', { out: SS.split('\n').slice(0, 2).join('\n') }, { out: SS }).equal).toBe(false);
  });
  it('netstat -ant likewise', () => {
    const linux = 'Active Internet connections (servers and established)\nProto Recv-Q Send-Q Local Address           Foreign Address         State      \ntcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN     \ntcp        0      0 198.51.100.1:60346      198.51.100.11:80        TIME_WAIT  \n';
    expect(verdict('netstat -ant', { out: linux.replace('60346', '41000') }, { out: linux }).equal).toBe(true);
    expect(verdict('netstat -ant', { out: linux.replace('TIME_WAIT', 'FIN_WAIT2') }, { out: linux }).equal).toBe(false);
  });
});
