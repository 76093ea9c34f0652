// keepalived's checker process on the textbook lab's director: the IPVS
// table it programs and the checks that drain and restore real servers.
// Times follow check_tcp.c / check_http.c: first check 1 s + a random part
// of delay_loop after the start, a failure retried delay_before_retry later
// `retry` times, then the server removed (or weighted 0 under
// inhibit_on_failure).
import { describe, expect, it } from 'vitest';
import { textbookLab, TEXTBOOK_VIP } from '../scenario/textbook.ts';
import type { Lab } from '../lab.ts';
import { md5Hex } from '../core/md5.ts';
import { keepalivedOf } from './daemon.ts';

function virtualServer(check: string, extra = '', rsExtra = ''): string {
  const rs = (ip: string) => `    real_server ${ip} 80 {
        weight 1
${rsExtra}        ${check.replaceAll('\n', '\n        ')}
    }
`;
  return `virtual_server ${TEXTBOOK_VIP} 80 {
    delay_loop 6
    lb_algo rr
    lb_kind DR
    protocol TCP
${extra}${rs('198.51.100.11')}${rs('198.51.100.12')}}
`;
}

const TCP_CHECK = `TCP_CHECK {
    connect_timeout 3
    retry 2
    delay_before_retry 2
}`;

function director(conf: string): Lab {
  const lab = textbookLab({ realServers: 2, service: false });
  lab.writeFile('director', '/etc/keepalived/keepalived.conf', conf);
  return lab;
}

const logText = (lab: Lab): string[] => keepalivedOf(lab.host('director')).log.filter((l) => l.ident === 'Keepalived_healthcheckers').map((l) => l.text);
const table = (lab: Lab): string => lab.run('director', 'ipvsadm -Ln').stdout;

describe('keepalived virtual_server and its checkers', () => {
  it('programs the service and both real servers at start, as ipvsadm -Ln shows, and curl is balanced', () => {
    const lab = director(virtualServer(TCP_CHECK));
    expect(table(lab)).not.toContain('TCP');
    lab.run('director', 'systemctl start keepalived');
    lab.sleep(0.1);
    expect(table(lab)).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port Scheduler Flags',
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
        `TCP  ${TEXTBOOK_VIP}:80 rr`,
        '  -> 198.51.100.11:80             Route   1      0          0         ',
        '  -> 198.51.100.12:80             Route   1      0          0         ',
        '',
      ].join('\n'),
    );
    const daemon = keepalivedOf(lab.host('director'));
    expect(daemon.checkerPid).toBe(daemon.mainPid + 1);
    expect(daemon.vrrpPid).toBe(0);
    expect(logText(lab)).toEqual([
      'Initializing ipvs',
      `Activating healthchecker for service [198.51.100.11]:tcp:80 for VS [${TEXTBOOK_VIP}]:tcp:80`,
      `Activating healthchecker for service [198.51.100.12]:tcp:80 for VS [${TEXTBOOK_VIP}]:tcp:80`,
    ]);
    lab.sleep(8);
    expect(logText(lab).slice(3).sort()).toEqual([`TCP connection to [198.51.100.11]:tcp:80 success.`, `TCP connection to [198.51.100.12]:tcp:80 success.`]);
    const answers = [lab.run('client', `curl -s ${TEXTBOOK_VIP}`).stdout, lab.run('client', `curl -s ${TEXTBOOK_VIP}`).stdout].sort();
    expect(answers).toEqual(['rs1\n', 'rs2\n']);
  });

  it('removes a real server whose nginx stopped after 1 + retry failed connects, and adds it back when it answers', () => {
    const lab = director(virtualServer(TCP_CHECK));
    lab.run('director', 'systemctl start keepalived');
    lab.sleep(10);
    lab.run('rs1', 'systemctl stop nginx');
    const stopped = lab.now;
    let removedAt = 0;
    while (lab.now - stopped < 30 && removedAt === 0) {
      lab.sleep(0.1);
      if (!table(lab).includes('198.51.100.11')) removedAt = lab.now;
    }
    // The next check comes within delay_loop (6 s); two retries 2 s apart follow it.
    expect(removedAt - stopped).toBeGreaterThan(4);
    expect(removedAt - stopped).toBeLessThan(6 + 2 + 2 + 0.5);
    expect(logText(lab)).toContain(`TCP_CHECK on service [198.51.100.11]:tcp:80 failed after 2 retries.`);
    expect(logText(lab)).toContain(`Removing service [198.51.100.11]:tcp:80 from VS [${TEXTBOOK_VIP}]:tcp:80`);
    for (let i = 0; i < 4; i++) expect(lab.run('client', `curl -s ${TEXTBOOK_VIP}`).stdout).toBe('rs2\n');
    lab.run('rs1', 'systemctl start nginx');
    lab.sleep(8);
    expect(table(lab)).toContain('198.51.100.11:80');
    expect(logText(lab).slice(-2)).toEqual([`TCP connection to [198.51.100.11]:tcp:80 success.`, `Adding service [198.51.100.11]:tcp:80 to VS [${TEXTBOOK_VIP}]:tcp:80`]);
  });

  it('inhibit_on_failure keeps the dead server with weight 0; a link down fails by connect_timeout', () => {
    const lab = director(virtualServer(TCP_CHECK, '', '        inhibit_on_failure\n'));
    lab.run('director', 'systemctl start keepalived');
    lab.sleep(10);
    lab.run('rs2', 'ip link set eth0 down');
    lab.sleep(6 + 3 * 3 + 2 * 2 + 1);
    expect(logText(lab)).toContain(`Disabling service [198.51.100.12]:tcp:80 of VS [${TEXTBOOK_VIP}]:tcp:80`);
    expect(table(lab)).toMatch(/198\.51\.100\.12:80 {13}Route {3}0 /);
    expect(table(lab)).toMatch(/198\.51\.100\.11:80 {13}Route {3}1 /);
  });

  it('the sorry server takes over when no real server is left, and leaves when one comes back', () => {
    const lab = director(virtualServer(TCP_CHECK, '    sorry_server 198.51.100.2 80\n'));
    lab.run('director', 'systemctl start keepalived');
    lab.sleep(10);
    lab.run('rs1', 'systemctl stop nginx');
    lab.run('rs2', 'systemctl stop nginx');
    lab.sleep(15);
    const log = logText(lab);
    expect(log).toContain(`Lost quorum 1-0=1 > 0 for VS [${TEXTBOOK_VIP}]:tcp:80`);
    expect(log).toContain(`Adding sorry server [198.51.100.2]:tcp:80 to VS [${TEXTBOOK_VIP}]:tcp:80`);
    expect(table(lab)).toContain('198.51.100.2:80');
    expect(table(lab)).not.toContain('198.51.100.11');
    lab.run('rs1', 'systemctl start nginx');
    lab.sleep(8);
    expect(logText(lab)).toContain(`Removing sorry server [198.51.100.2]:tcp:80 from VS [${TEXTBOOK_VIP}]:tcp:80`);
    expect(table(lab)).not.toContain('198.51.100.2:80');
    expect(table(lab)).toContain('198.51.100.11:80');
  });

  it('a check on a port nobody listens on drains every real server', () => {
    const lab = director(virtualServer(TCP_CHECK.replace('connect_timeout 3', 'connect_timeout 3\n    connect_port 8080')));
    lab.run('director', 'systemctl start keepalived');
    lab.sleep(16);
    expect(table(lab)).not.toContain('->  198');
    expect(table(lab)).not.toMatch(/198\.51\.100\.1[12]/);
    expect(lab.run('client', `curl -sS -m 2 ${TEXTBOOK_VIP}`).exit).not.toBe(0);
  });

  it('HTTP_GET checks the status code and the digest of the page', () => {
    const page = lab0Page();
    const conf = virtualServer(`HTTP_GET {
    url {
        path /
        digest ${md5Hex(page)}
    }
    connect_timeout 3
    retry 1
    delay_before_retry 1
}`);
    const lab = director(conf);
    lab.run('director', 'systemctl start keepalived');
    lab.sleep(20);
    // rs1's page matches the digest; rs2's page differs, so rs2 is removed.
    expect(logText(lab)).toContain('Remote Web server [198.51.100.11]:tcp:80 succeed on service.');
    expect(logText(lab)).toContain('HTTP_CHECK on service [198.51.100.12]:tcp:80 failed after 1 retries.');
    expect(table(lab)).toContain('198.51.100.11:80');
    expect(table(lab)).not.toContain('198.51.100.12:80');
    const wrongPath = director(virtualServer('HTTP_GET {\n    url {\n        path /health\n        status_code 200\n    }\n    retry 0\n}'));
    wrongPath.run('director', 'systemctl start keepalived');
    wrongPath.sleep(15);
    expect(logText(wrongPath)).toContain('HTTP_CHECK on service [198.51.100.11]:tcp:80 failed.');
    expect(table(wrongPath)).not.toMatch(/198\.51\.100\.1[12]/);
  });

  it('systemctl reload diffs the virtual servers: a removed real server leaves, a new weight is edited in, checks keep their state', () => {
    const lab = director(virtualServer(TCP_CHECK));
    lab.run('director', 'systemctl start keepalived');
    lab.sleep(10);
    lab.run('rs2', 'systemctl stop nginx');
    lab.sleep(12);
    expect(table(lab)).not.toContain('198.51.100.12');
    const edited = virtualServer(TCP_CHECK).replace(/ {4}real_server 198\.51\.100\.11 80 \{\n {8}weight 1\n/, '    real_server 198.51.100.11 80 {\n        weight 3\n');
    lab.writeFile('director', '/etc/keepalived/keepalived.conf', edited.replace('lb_algo rr', 'lb_algo wrr'));
    const before = logText(lab).length;
    expect(lab.run('director', 'systemctl reload keepalived')).toEqual({ exit: 0, stdout: '', stderr: '' });
    lab.sleep(0.1);
    expect(logText(lab).slice(before)).toEqual([
      'Reloading',
      `Changing weight from 1 to 3 for active service [198.51.100.11]:tcp:80 of VS [${TEXTBOOK_VIP}]:tcp:80`,
      `Activating healthchecker for service [198.51.100.11]:tcp:80 for VS [${TEXTBOOK_VIP}]:tcp:80`,
      `Activating healthchecker for service [198.51.100.12]:tcp:80 for VS [${TEXTBOOK_VIP}]:tcp:80`,
    ]);
    expect(table(lab)).toContain(`TCP  ${TEXTBOOK_VIP}:80 wrr`);
    expect(table(lab)).toMatch(/198\.51\.100\.11:80 {13}Route {3}3 /);
    // rs2's checker kept "down": it is not added back while nginx is still stopped.
    lab.sleep(12);
    expect(table(lab)).not.toContain('198.51.100.12');
    const withoutRs1 = edited.replace(/ {4}real_server 198\.51\.100\.11 80 \{[\s\S]*?\n {4}\}\n/, '');
    lab.writeFile('director', '/etc/keepalived/keepalived.conf', withoutRs1);
    lab.run('director', 'systemctl reload keepalived');
    lab.sleep(0.1);
    expect(logText(lab)).toContain('service [198.51.100.11]:tcp:80 no longer exist');
    expect(logText(lab)).toContain(`Removing service [198.51.100.11]:tcp:80 from VS [${TEXTBOOK_VIP}]:tcp:80`);
    expect(table(lab)).not.toContain('198.51.100.11');
  });

  it('a reload that changes a failed check (migrate_checkers: another port is another check) puts the real servers back at once', () => {
    const wrongPort = virtualServer(TCP_CHECK.replace('connect_timeout 3', 'connect_timeout 3\n    connect_port 8080'));
    const lab = director(wrongPort);
    lab.run('director', 'systemctl start keepalived');
    lab.sleep(16);
    expect(table(lab)).not.toMatch(/198\.51\.100\.1[12]/);
    lab.writeFile('director', '/etc/keepalived/keepalived.conf', virtualServer(TCP_CHECK));
    const before = logText(lab).length;
    lab.run('director', 'systemctl reload keepalived');
    lab.sleep(0.1);
    // No check of the new configuration has failed: each real server must be up, so it is added
    // before its new checker has even run (ipwrapper.c migrate_checkers → perform_svr_state).
    expect(logText(lab).slice(before, before + 4)).toEqual([
      'Reloading',
      `Adding service [198.51.100.11]:tcp:80 to VS [${TEXTBOOK_VIP}]:tcp:80`,
      `Gained quorum 1+0=1 <= 1 for VS [${TEXTBOOK_VIP}]:tcp:80`,
      `Adding service [198.51.100.12]:tcp:80 to VS [${TEXTBOOK_VIP}]:tcp:80`,
    ]);
    expect(table(lab)).toMatch(/198\.51\.100\.11:80 {13}Route {3}1 /);
    expect(table(lab)).toMatch(/198\.51\.100\.12:80 {13}Route {3}1 /);
    expect(lab.run('client', `curl -sS -m 2 ${TEXTBOOK_VIP}`).exit).toBe(0);
  });

  it('a reload that changes lb_kind edits the forwarding method of the real servers kept (clear_diff_rs)', () => {
    const lab = director(virtualServer(TCP_CHECK));
    lab.run('director', 'systemctl start keepalived');
    lab.sleep(10);
    lab.writeFile('director', '/etc/keepalived/keepalived.conf', virtualServer(TCP_CHECK).replace('lb_kind DR', 'lb_kind NAT'));
    lab.run('director', 'systemctl reload keepalived');
    lab.sleep(0.1);
    expect(table(lab)).toMatch(/198\.51\.100\.11:80 {13}Masq {4}1 /);
    expect(table(lab)).toMatch(/198\.51\.100\.12:80 {13}Masq {4}1 /);
  });

  it('systemctl stop removes what keepalived added', () => {
    const lab = director(virtualServer(TCP_CHECK));
    lab.run('director', 'systemctl start keepalived');
    lab.sleep(3);
    lab.run('director', 'systemctl stop keepalived');
    expect(table(lab)).not.toContain('TCP');
    expect(logText(lab)).toContain(`Shutting down service [198.51.100.11]:tcp:80 from VS [${TEXTBOOK_VIP}]:tcp:80`);
  });
});

/** What rs1's nginx serves at / (fetched through the lab, so the test follows the page). */
function lab0Page(): string {
  const lab = textbookLab({ realServers: 2, service: false });
  return lab.run('director', 'curl -s 198.51.100.11').stdout;
}

describe('the two-director keepalived lab', () => {
  it('serves the client through the MASTER and, when it stops, through the backup', () => {
    const lab = textbookLab({ realServers: 2, directors: 2, keepalived: true });
    expect(lab.run('client', `curl -sS -m 1 ${TEXTBOOK_VIP}`).exit).not.toBe(0);
    lab.run('director', 'systemctl start keepalived');
    lab.run('director2', 'systemctl start keepalived');
    lab.sleep(5);
    expect(lab.run('director', 'ip -br addr show dev eth0').stdout).toContain(`${TEXTBOOK_VIP}/24`);
    expect(lab.run('director2', 'ipvsadm -Ln').stdout).toContain('198.51.100.12:80');
    const before = lab.frames.length;
    expect([lab.run('client', `curl -s ${TEXTBOOK_VIP}`).stdout, lab.run('client', `curl -s ${TEXTBOOK_VIP}`).stdout].sort()).toEqual(['rs1\n', 'rs2\n']);
    expect(lab.frames.slice(before).some((f) => f.ethSrc === '02:00:00:00:00:02' && f.kind === 'ipv4' && f.dport === 80)).toBe(true);
    lab.run('director', 'systemctl stop keepalived');
    lab.sleep(1);
    expect(lab.run('director2', 'ip -br addr show dev eth0').stdout).toContain(`${TEXTBOOK_VIP}/24`);
    const after = lab.frames.length;
    expect(lab.run('client', `curl -s ${TEXTBOOK_VIP}`).exit).toBe(0);
    expect(lab.frames.slice(after).some((f) => f.ethSrc === '02:00:00:00:00:03' && f.kind === 'ipv4' && f.dport === 80)).toBe(true);
  });
});
