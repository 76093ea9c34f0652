// The standard LVS-DR lab end to end: client behind a router, a director,
// three real servers with the textbook configuration.
import { describe, expect, test } from 'vitest';
import type { LabFrame } from '../api.ts';
import { describeEvent } from '../i18n/trace.ts';
import { COMMAND_GAP_US } from '../lab.ts';
import { textbookLab, TEXTBOOK_CLIENT_IP, TEXTBOOK_VIP } from '../scenario/textbook.ts';
import { terminalOf } from '../shell/jobs.ts';

type IpFrame = LabFrame & { proto: string; src: string; dst: string; sport?: number; dport?: number };
const ipFrames = (frames: LabFrame[]): IpFrame[] => frames.filter((f) => f.kind === 'ipv4') as IpFrame[];
const tcpFrames = (frames: LabFrame[]): IpFrame[] => ipFrames(frames).filter((f) => f.proto === 'tcp');

describe('standard DR lab', () => {
  test('ten curls are answered in rr order: newest real server first, round the list', () => {
    const lab = textbookLab({ realServers: 3 });
    const answers: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = lab.run('client', `curl -s ${TEXTBOOK_VIP}`);
      expect(r.exit).toBe(0);
      answers.push(r.stdout.trim());
    }
    expect(answers).toEqual(['rs3', 'rs2', 'rs1', 'rs3', 'rs2', 'rs1', 'rs3', 'rs2', 'rs1', 'rs3']);
  });

  test('a for loop of curls prints each answer on its own line', () => {
    const lab = textbookLab({ realServers: 3, scheduler: 'wrr' });
    lab.run('director', `ipvsadm -e -t ${TEXTBOOK_VIP}:80 -r 198.51.100.11:80 -g -w 3`);
    const r = lab.run('client', `for i in {1..6}; do curl -s ${TEXTBOOK_VIP}; done`);
    expect(r.exit).toBe(0);
    // wrr, list order rs3, rs2, rs1 with weights 1, 1, 3. ip_vs_wrr_dest_changed
    // keeps the current weight cw = 1 (it is neither 0 nor above the new
    // maximum), so one pass at cw 1 comes first, then cw 3, 2, 1.
    expect(r.stdout).toBe('rs3\nrs2\nrs1\nrs1\nrs1\nrs3\n');
  });

  test('the director rewrites only the MAC: IP destination stays the VIP, TTL − 1, frame to the RS MAC', () => {
    const lab = textbookLab({ realServers: 3 });
    lab.run('client', `curl -s ${TEXTBOOK_VIP}`);
    const syns = tcpFrames(lab.frames).filter((f) => f.dport === 80 && f.segment === 'lan');
    const fromRouter = syns.find((f) => f.ethSrc === '02:00:00:00:00:fe')!;
    const fromDirector = syns.find((f) => f.ethSrc === '02:00:00:00:00:02')!;
    expect(fromRouter).toMatchObject({ ethDst: '02:00:00:00:00:02', src: TEXTBOOK_CLIENT_IP, dst: TEXTBOOK_VIP });
    expect(fromDirector).toMatchObject({ ethDst: '02:00:00:00:00:13', src: TEXTBOOK_CLIENT_IP, dst: TEXTBOOK_VIP, sport: fromRouter.sport, dport: 80 });
    // TTL: client 64, router 63, director 62.
    const captured = textbookLab({ realServers: 3, capture: true });
    captured.run('client', `curl -s ${TEXTBOOK_VIP}`);
    const ttls = captured.captured
      .filter((c) => c.frame.payload.type === 'ipv4' && c.frame.payload.ip.proto === 'tcp' && c.frame.payload.ip.dport === 80 && c.frame.payload.ip.tcp!.flags.syn)
      .map((c) => `${c.segment}:${c.frame.src}:${c.frame.payload.type === 'ipv4' ? c.frame.payload.ip.ttl : 0}`);
    expect(ttls).toEqual(['wan:02:00:00:00:01:10:64', 'lan:02:00:00:00:00:fe:63', 'lan:02:00:00:00:00:02:62']);
  });

  test('replies go real server → router → client, from the VIP, never through the director', () => {
    const lab = textbookLab({ realServers: 3 });
    lab.run('client', `curl -s ${TEXTBOOK_VIP}`);
    const replies = tcpFrames(lab.frames).filter((f) => f.src === TEXTBOOK_VIP);
    expect(replies.length).toBeGreaterThan(0);
    for (const f of replies) {
      if (f.segment === 'lan') expect([f.ethSrc, f.ethDst]).toEqual(['02:00:00:00:00:13', '02:00:00:00:00:fe']);
      else expect([f.ethSrc, f.ethDst]).toEqual(['02:00:00:00:01:fe', '02:00:00:00:01:10']);
    }
    expect(tcpFrames(lab.frames).some((f) => f.ethSrc === '02:00:00:00:00:02' && f.src === TEXTBOOK_VIP)).toBe(false);
  });

  test('explanations say why the server was picked, that the packet went unchanged, and how the reply leaves', () => {
    const lab = textbookLab({ realServers: 3 });
    lab.run('client', `curl -s ${TEXTBOOK_VIP}`);
    const text = (key: string, host: string) => {
      const event = lab.trace.find((e) => e.key === key && e.host === host);
      expect(event, key).toBeDefined();
      return [describeEvent(event!, 'en'), describeEvent(event!, 'zh-CN')];
    };
    expect(text('ipvs.schedule', 'director')[0]).toContain('chose real server 198.51.100.13:80');
    const [dr, drZh] = text('ipvs.xmit.dr', 'director');
    expect(dr).toContain('IP destination still 198.51.100.100; TTL now 62');
    expect(drZh).toContain('TTL 变为 62');
    expect(text('tcp.accept', 'rs3')[0]).toContain('198.51.100.100 is a local address (on lo');
    expect(text('tcp.reply-route.gateway', 'rs3')[0]).toContain('to the gateway 198.51.100.254');
  });
});

describe('curl', () => {
  test('connection refused: exit 7 with curl 7.88\'s message; -s hides it, -sS shows it', () => {
    const lab = textbookLab({ realServers: 3 });
    expect(lab.run('client', 'curl 198.51.100.11:81')).toEqual({ exit: 7, stdout: '', stderr: 'curl: (7) Failed to connect to 198.51.100.11 port 81 after 0 ms: Couldn\'t connect to server\n' });
    expect(lab.run('client', 'curl -s 198.51.100.11:81')).toEqual({ exit: 7, stdout: '', stderr: '' });
    expect(lab.run('client', 'curl -sS 198.51.100.11:81').stderr).toContain('curl: (7)');
  });

  test('systemctl stop nginx makes port 80 refuse; start brings it back', () => {
    const lab = textbookLab({ realServers: 3 });
    expect(lab.run('rs1', 'systemctl stop nginx').exit).toBe(0);
    expect(lab.run('rs1', 'systemctl is-active nginx')).toEqual({ exit: 3, stdout: 'inactive\n', stderr: '' });
    expect(lab.run('client', 'curl -s 198.51.100.11').exit).toBe(7);
    lab.run('rs1', 'systemctl start nginx');
    expect(lab.run('client', 'curl -s 198.51.100.11')).toEqual({ exit: 0, stdout: 'rs1\n', stderr: '' });
    expect(lab.run('rs1', 'systemctl status nginx').stdout).toMatch(/^● nginx\.service - .*\n.*\n {5}Active: active \(running\) since Mon 2024-01-01 00:00:00 UTC; 0s ago\n/);
  });

  test('-m on an address nobody answers: SYNs retransmitted, exit 28 after the deadline', () => {
    const lab = textbookLab({ realServers: 3 });
    const start = lab.now + COMMAND_GAP_US / 1e6;
    const r = lab.run('client', 'curl -m 2 198.51.100.99');
    expect(r).toEqual({ exit: 28, stdout: '', stderr: 'curl: (28) Connection timed out after 2001 milliseconds\n' });
    expect(lab.now - start).toBeCloseTo(2, 3);
    const syns = ipFrames(lab.frames).filter((f) => f.dst === '198.51.100.99' && f.segment === 'wan');
    // tcp_syn_linear_timeouts=4 (Linux 6.5+): the RTO stays 1 s for the first
    // retransmissions, each fired by the timer wheel up to 32 ms late; the
    // second retransmission falls after curl's 2 s deadline (Linux 6.18,
    // scenario 80: 1.017, 2.045, 3.065 s after the first SYN).
    expect(syns.map((f) => Math.round(f.t))).toEqual([0, 1]);
  });

  test('bad URLs and names: exit 3 and 6; an unknown option: exit 2', () => {
    const lab = textbookLab({ realServers: 3 });
    expect(lab.run('client', 'curl http://:80/')).toEqual({ exit: 3, stdout: '', stderr: 'curl: (3) URL using bad/illegal format or missing URL\n' });
    expect(lab.run('client', 'curl http://rs1/')).toEqual({ exit: 6, stdout: '', stderr: 'curl: (6) Could not resolve host: rs1\n' });
    expect(lab.run('client', 'curl --bogus x').exit).toBe(2);
    expect(lab.run('client', 'curl -m').stderr).toBe("curl: option -m: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
  });

  test('-v shows the exchange as curl 7.88 does; -I shows only the head', () => {
    const lab = textbookLab({ realServers: 3 });
    const r = lab.run('client', `curl -v http://${TEXTBOOK_VIP}/`);
    expect(r.stdout).toBe('rs3\n');
    expect(r.stderr).toBe(
      [
        '*   Trying 198.51.100.100:80...\n',
        '* Connected to 198.51.100.100 (198.51.100.100) port 80 (#0)\n',
        '> GET / HTTP/1.1\r\n> Host: 198.51.100.100\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n',
        '< HTTP/1.1 200 OK\r\n< Server: nginx/1.22.1\r\n< Date: Mon, 01 Jan 2024 00:00:00 GMT\r\n< Content-Type: text/html\r\n< Content-Length: 4\r\n',
        '< Last-Modified: Mon, 01 Jan 2024 00:00:00 GMT\r\n< Connection: keep-alive\r\n< ETag: "65920080-4"\r\n< Accept-Ranges: bytes\r\n< \r\n',
        '* Connection #0 to host 198.51.100.100 left intact\n',
      ].join(''),
    );
    const head = lab.run('client', `curl -sI ${TEXTBOOK_VIP}`);
    expect(head.stdout.startsWith('HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\n')).toBe(true);
    expect(head.stdout.endsWith('Accept-Ranges: bytes\r\n\r\n')).toBe(true);
  });

  test('-H: a custom Host takes the Host line\'s place, "Name:" removes a header, others come last', () => {
    const lab = textbookLab({ realServers: 1 });
    const r = lab.run('client', `curl -sv -H 'Host: www.example.com' -H 'User-Agent:' -H 'X-Lab: 1' ${TEXTBOOK_VIP}`);
    expect(r.stderr).toContain('> GET / HTTP/1.1\r\n> Host: www.example.com\r\n> Accept: */*\r\n> X-Lab: 1\r\n> \r\n');
  });

  test('-v on a refused port and on a timeout', () => {
    const lab = textbookLab({ realServers: 3 });
    expect(lab.run('client', 'curl -v 198.51.100.11:81').stderr).toBe(
      '*   Trying 198.51.100.11:81...\n* connect to 198.51.100.11 port 81 failed: Connection refused\n* Failed to connect to 198.51.100.11 port 81 after 0 ms: Couldn\'t connect to server\n* Closing connection 0\ncurl: (7) Failed to connect to 198.51.100.11 port 81 after 0 ms: Couldn\'t connect to server\n',
    );
    // curl 7.88.1 on Linux 6.18 (conformance 80): --connect-timeout has its own messages.
    expect(lab.run('client', 'curl -v --connect-timeout 1 198.51.100.99').stderr).toBe(
      "*   Trying 198.51.100.99:80...\n* ipv4 connect timeout after 1000ms, move on!\n* Failed to connect to 198.51.100.99 port 80 after 1001 ms: Timeout was reached\n* Closing connection 0\ncurl: (28) Failed to connect to 198.51.100.99 port 80 after 1001 ms: Timeout was reached\n",
    );
  });

  test('-o /dev/null -w prints the write-out variables', () => {
    const lab = textbookLab({ realServers: 3 });
    const r = lab.run('client', `curl -s -o /dev/null -w '%{http_code} %{remote_ip}:%{remote_port} %{size_download}\\n' http://${TEXTBOOK_VIP}/`);
    expect(r).toEqual({ exit: 0, stdout: `200 ${TEXTBOOK_VIP}:80 4\n`, stderr: '' });
    expect(lab.run('client', `curl -s -w '%{http_code}\\n' http://${TEXTBOOK_VIP}/missing`).stdout).toMatch(/404 Not Found[\s\S]*\n404\n$/);
  });
});

describe('the director with real traffic', () => {
  test('a real server that is the director itself: the packet goes to its own stack and its nginx answers', () => {
    const lab = textbookLab({ realServers: 1 });
    lab.run('director', `ipvsadm -a -t ${TEXTBOOK_VIP}:80 -r 198.51.100.2:80 -g`);
    const r = lab.run('client', `for i in 1 2 3; do curl -s ${TEXTBOOK_VIP}; done`);
    expect(r.stdout).toBe('director\nrs1\ndirector\n');
    expect(lab.trace.some((e) => e.key === 'ipvs.xmit.local')).toBe(true);
  });

  test('persistence (-p): every connection of one client goes to the server its template names; the template is ASSURED once one is established', () => {
    const lab = textbookLab({ realServers: 3 });
    lab.run('director', `ipvsadm -E -t ${TEXTBOOK_VIP}:80 -s rr -p 300`);
    expect(lab.run('client', `for i in {1..4}; do curl -s ${TEXTBOOK_VIP}; done`).stdout).toBe('rs3\nrs3\nrs3\nrs3\n');
    expect(lab.run('director', 'ipvsadm -Lnc').stdout).toMatch(/\nTCP 04:59 {2}ASSURED {5}203\.0\.113\.10:0 {5}198\.51\.100\.100:80 {2}198\.51\.100\.13:80\n/);
  });

  test('sh: the client address decides; the same client always reaches the same server', () => {
    const lab = textbookLab({ realServers: 3, scheduler: 'sh' });
    const answers = lab.run('client', `for i in {1..5}; do curl -s ${TEXTBOOK_VIP}; done`).stdout.trim().split('\n');
    expect(new Set(answers).size).toBe(1);
  });

  test('the real server\'s nginx logs the real client address (DR keeps it), readable with cat and tail', () => {
    const lab = textbookLab({ realServers: 1 });
    lab.run('client', `for i in 1 2; do curl -s ${TEXTBOOK_VIP}; done`);
    lab.run('client', `ab -n 1 http://${TEXTBOOK_VIP}/`);
    const log = lab.run('rs1', 'cat /var/log/nginx/access.log').stdout;
    expect(log).toBe(
      '203.0.113.10 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 4 "-" "curl/7.88.1"\n'.repeat(2) + '203.0.113.10 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.0" 200 4 "-" "ApacheBench/2.3"\n',
    );
    expect(lab.run('rs1', 'tail -n 1 /var/log/nginx/access.log').stdout).toContain('"ApacheBench/2.3"');
    expect(lab.run('rs1', 'cat /var/www/html/index.html').stdout).toBe('rs1\n');
    // tail -f at a live terminal follows the log: the next request's line shows up within tail's 1 s poll; Ctrl-C ends it.
    const followed = lab.run('rs1', 'tail -f -n 0 /var/log/nginx/access.log', { live: true });
    expect(followed).toMatchObject({ live: true, stdout: '' });
    const shown: string[] = [];
    terminalOf(lab.host('rs1')).watcher = (_stream, text) => shown.push(text);
    lab.run('client', `curl -s ${TEXTBOOK_VIP}`);
    lab.sleep(1);
    terminalOf(lab.host('rs1')).watcher = null;
    expect(shown).toEqual(['203.0.113.10 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 4 "-" "curl/7.88.1"\n']);
    expect(lab.interrupt('rs1')).toEqual({ exit: 130, stdout: '^C\n', stderr: '' });
    // nginx opens its error log at start: it is there, empty while nothing went wrong.
    expect(lab.run('rs1', 'tail /var/log/nginx/error.log')).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(lab.run('rs1', 'tail /var/log/nginx/nope.log')).toEqual({ exit: 1, stdout: '', stderr: "tail: cannot open '/var/log/nginx/nope.log' for reading: No such file or directory\n" });
  });
});
