// ipvsadm's listings after real traffic through the standard DR lab: ten
// curls (rr: rs3 ×4, rs2 ×3, rs1 ×3), then a second of quiet.
//
// Each curl is 6 client → VIP packets the director sees: SYN (60 bytes with
// its options), ACK, the 78-byte request (130-byte packet: a 32-byte TCP
// header with the timestamp), the quick ACK of the response, FIN and the ACK
// of the server's FIN (52 bytes each) = 398 bytes. The server's packets never pass the director (DR), so OutPkts
// and OutBytes stay 0. Client FIN takes the entry to FIN_WAIT (INPUT-ONLY
// table), whose 120 s timer every later packet restarts.
import { describe, expect, test } from 'vitest';
import { textbookLab } from '../scenario/textbook.ts';

function labAfterTenCurls() {
  const lab = textbookLab({ realServers: 3 });
  const r = lab.run('client', 'for i in {1..10}; do curl -s 198.51.100.100; done');
  expect(r.stdout).toBe('rs3\nrs2\nrs1\nrs3\nrs2\nrs1\nrs3\nrs2\nrs1\nrs3\n');
  lab.sleep(1);
  return lab;
}

describe('ipvsadm after ten curls', () => {
  test('-Ln: every connection is inactive (FIN_WAIT), per server', () => {
    expect(labAfterTenCurls().run('director', 'ipvsadm -Ln').stdout).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port Scheduler Flags',
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
        'TCP  198.51.100.100:80 rr',
        '  -> 198.51.100.11:80             Route   1      0          3         ',
        '  -> 198.51.100.12:80             Route   1      0          3         ',
        '  -> 198.51.100.13:80             Route   1      0          4         ',
        '',
      ].join('\n'),
    );
  });

  test('-Lnc: ten FIN_WAIT entries in creation order, 118 s left', () => {
    const out = labAfterTenCurls().run('director', 'ipvsadm -Lnc').stdout;
    const lines = out.split('\n');
    expect(lines.slice(0, 2)).toEqual(['IPVS connection entries', 'pro expire state       source             virtual            destination']);
    expect(lines[2]).toBe('TCP 01:58  FIN_WAIT    203.0.113.10:44166 198.51.100.100:80  198.51.100.13:80');
    const rows = lines.slice(2, -1);
    expect(rows).toHaveLength(10);
    expect(rows.map((l) => l.split(/\s+/)[5])).toEqual(['198.51.100.13:80', '198.51.100.12:80', '198.51.100.11:80', '198.51.100.13:80', '198.51.100.12:80', '198.51.100.11:80', '198.51.100.13:80', '198.51.100.12:80', '198.51.100.11:80', '198.51.100.13:80']);
    for (const row of rows) expect(row).toMatch(/^TCP 01:58 {2}FIN_WAIT {4}203\.0\.113\.10:\d{5} 198\.51\.100\.100:80 {2}198\.51\.100\.1[123]:80$/);
  });

  test('--stats: 6 packets and 398 bytes in per connection (SYN, ACK, GET, the quick ACK of the response, FIN, last ACK, as Linux sends them), nothing out (DR)', () => {
    expect(labAfterTenCurls().run('director', 'ipvsadm -Ln --stats').stdout).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes',
        '  -> RemoteAddress:Port',
        'TCP  198.51.100.100:80                  10       60        0     3980        0',
        '  -> 198.51.100.11:80                    3       18        0     1194        0',
        '  -> 198.51.100.12:80                    3       18        0     1194        0',
        '  -> 198.51.100.13:80                    4       24        0     1592        0',
        '',
      ].join('\n'),
    );
  });

  test('--rate: zero before the first 2 s estimator tick, then a quarter of the 2 s average', () => {
    const lab = labAfterTenCurls();
    expect(lab.run('director', 'ipvsadm -Ln --rate').stdout).toContain('TCP  198.51.100.100:80                   0        0        0        0        0\n');
    lab.sleep(1);
    // 10 conns, 60 packets, 3980 bytes in the first 2 s: 5 cps, 30 pps, 1990 Bps; a quarter of each.
    expect(lab.run('director', 'ipvsadm -Ln --rate').stdout).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS',
        '  -> RemoteAddress:Port',
        'TCP  198.51.100.100:80                   1        7        0      497        0',
        '  -> 198.51.100.11:80                    0        2        0      149        0',
        '  -> 198.51.100.12:80                    0        2        0      149        0',
        '  -> 198.51.100.13:80                    0        3        0      199        0',
        '',
      ].join('\n'),
    );
  });

  test('NAT: --stats counts the replies the director un-NATs as OutPkts/OutBytes; -Lnc shows the full state machine', () => {
    const lab = textbookLab({ method: '-m', realServers: 1 });
    expect(lab.run('client', 'curl -s 198.51.100.100').stdout).toBe('rs1\n');
    lab.sleep(1);
    const row = lab.run('director', 'ipvsadm -Ln --stats').stdout.split('\n')[3]!;
    // Server → client: SYN-ACK, the quick ACK of the request, the response, and a FIN-ACK that also acknowledges the client's FIN.
    const [, , conns, inPkts, outPkts] = row.split(/\s+/);
    expect([conns, inPkts]).toEqual(['1', '6']);
    expect(Number(outPkts)).toBe(4);
    // NAT entries use the INPUT and OUTPUT tables: client FIN → CLOSE_WAIT, server FIN → TIME_WAIT.
    expect(lab.run('director', 'ipvsadm -Lnc').stdout.split('\n')[2]).toMatch(/^TCP 01:58 {2}TIME_WAIT {3}203\.0\.113\.10:\d{5} 198\.51\.100\.100:80 {2}198\.51\.100\.11:80$/);
    const states = lab.trace.filter((e) => e.key === 'ipvs.conn.state.nat').map((e) => `${e.params.from}>${e.params.to}`);
    expect(states).toEqual(['NONE>SYN_RECV', 'SYN_RECV>ESTABLISHED', 'ESTABLISHED>CLOSE_WAIT', 'CLOSE_WAIT>TIME_WAIT']);
  });
});

describe('ab through the director', () => {
  test('ab -n 20 -c 2: ab\'s summary, every request answered, spread by rr', () => {
    const lab = textbookLab({ realServers: 3 });
    const r = lab.run('client', 'ab -n 20 -c 2 http://198.51.100.100/');
    expect(r.exit).toBe(0);
    expect(r.stdout).toContain('Benchmarking 198.51.100.100 (be patient).....done\n\n\nServer Software:        nginx/1.22.1\nServer Hostname:        198.51.100.100\nServer Port:            80\n\nDocument Path:          /\nDocument Length:        4 bytes\n\nConcurrency Level:      2\n');
    expect(r.stdout).toContain('Complete requests:      20\nFailed requests:        0\n');
    expect(r.stdout).toMatch(/\nRequests per second: {4}\d+\.\d\d \[#\/sec\] \(mean\)\n/);
    expect(r.stdout).toContain('\nPercentage of the requests served within a certain time (ms)\n  50%');
    const counts = ['rs1', 'rs2', 'rs3'].map((h) => lab.host(h).nginx.requests);
    expect(counts).toEqual([6, 7, 7]); // rr from the list head: rs3, rs2, rs1, rs3, …
  });

  test('ab errors: a URL without a path, and a refused connection', () => {
    const lab = textbookLab({ realServers: 3 });
    const bad = lab.run('client', 'ab -n 5 http://198.51.100.100');
    expect(bad.exit).toBe(22);
    expect(bad.stderr.startsWith('ab: invalid URL\nUsage: ab [options] [http[s]://]hostname[:port]/path\n')).toBe(true);
    const refused = lab.run('client', 'ab -n 5 http://198.51.100.11:81/');
    expect(refused).toMatchObject({ exit: 1, stderr: 'apr_socket_recv: Connection refused (111)\n' });
  });
});

describe('/proc/net/ip_vs and /proc/net/ip_vs_conn', () => {
  test('hexadecimal addresses and ports, as ip_vs_info_seq_show and ip_vs_conn_seq_show print them', () => {
    const lab = textbookLab({ realServers: 1 });
    lab.run('client', 'curl -s 198.51.100.100');
    lab.sleep(1);
    expect(lab.run('director', 'cat /proc/net/ip_vs').stdout).toBe(
      'IP Virtual Server version 1.2.1 (size=4096)\nProt LocalAddress:Port Scheduler Flags\n  -> RemoteAddress:Port Forward Weight ActiveConn InActConn\n' +
        'TCP  C6336464:0050 rr  \n  -> C633640B:0050      Route   1      0          1         \n',
    );
    const conn = lab.run('director', 'cat /proc/net/ip_vs_conn').stdout.split('\n');
    expect(conn[0]).toBe('Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData');
    expect(conn[1]).toMatch(/^TCP CB00710A [0-9A-F]{4} C6336464 0050 C633640B 0050 FIN_WAIT {8}118$/);
  });
});

