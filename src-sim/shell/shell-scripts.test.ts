// Scripts: run by path after chmod +x, as `bash x.sh` and `sh x.sh` (dash's
// words), and with `source`; messages checked against bash 5.2 and dash 0.5.12.
// Then the tutorial scripts: a real-server script (lvs_rs.sh start|stop|status)
// and a director script, run unmodified, build a lab that serves the client.
import { describe, expect, it } from 'vitest';
import { lanHost, lanLab } from '../test-lab.ts';
import { textbookLab, TEXTBOOK_VIP } from '../scenario/textbook.ts';
import type { Lab } from '../lab.ts';
import { COMMANDS } from './commands/index.ts';

function writeScript(lab: Lab, host: string, path: string, text: string, mode = 0o755): void {
  const fs = lab.host(host).fs;
  expect(fs.write(path, text).ok).toBe(true);
  expect(fs.chmod(path, mode).ok).toBe(true);
}

describe('running scripts', () => {
  it('by path needs the execute bit; bash x.sh does not; $0 is the path as given', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    writeScript(lab, 'rs1', '/root/a.sh', 'echo $0 $1 $#\nexit 3\n', 0o644);
    expect(lab.run('rs1', 'bash ./a.sh x')).toEqual({ exit: 3, stdout: './a.sh x 1\n', stderr: '' });
    expect(lab.run('rs1', './a.sh')).toEqual({ exit: 126, stdout: '', stderr: 'bash: ./a.sh: Permission denied\n' });
    lab.host('rs1').fs.chmod('/root/a.sh', 0o755);
    expect(lab.run('rs1', './a.sh q')).toEqual({ exit: 3, stdout: './a.sh q 1\n', stderr: '' });
    expect(lab.run('rs1', '/root/a.sh q r')).toEqual({ exit: 3, stdout: '/root/a.sh q 2\n', stderr: '' });
    expect(lab.run('rs1', './nope.sh')).toEqual({ exit: 127, stdout: '', stderr: 'bash: ./nope.sh: No such file or directory\n' });
  });

  it('commands before a syntax error run; bash and dash report it in their own words', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    writeScript(lab, 'rs1', '/root/bad.sh', 'echo one\nif then\n');
    expect(lab.run('rs1', 'bash bad.sh')).toEqual({ exit: 2, stdout: 'one\n', stderr: "bad.sh: line 2: syntax error near unexpected token `then'\nbad.sh: line 2: `if then'\n" });
    expect(lab.run('rs1', 'sh bad.sh')).toEqual({ exit: 2, stdout: 'one\n', stderr: 'bad.sh: 2: Syntax error: "then" unexpected\n' });
    writeScript(lab, 'rs1', '/root/b2.sh', 'echo one\nnosuch\necho > /x/y\n');
    expect(lab.run('rs1', 'bash b2.sh')).toEqual({ exit: 1, stdout: 'one\n', stderr: 'b2.sh: line 2: nosuch: command not found\nb2.sh: line 3: /x/y: No such file or directory\n' });
    expect(lab.run('rs1', 'sh b2.sh')).toEqual({ exit: 2, stdout: 'one\n', stderr: 'b2.sh: 2: nosuch: not found\nb2.sh: 3: cannot create /x/y: Directory nonexistent\n' });
    writeScript(lab, 'rs1', '/root/e.sh', 'echo ${x:?m}\necho after $?\n');
    expect(lab.run('rs1', 'bash e.sh')).toEqual({ exit: 1, stdout: '', stderr: 'e.sh: line 1: x: m\n' });
  });

  it('#!/bin/sh runs as dash; a script is a child: it sees exported variables only and cannot change the terminal\'s', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    writeScript(lab, 'rs1', '/root/d.sh', '#!/bin/sh\nnosuch\nx=changed\necho "[$y][$z]"\n');
    lab.run('rs1', 'x=kept; y=plain; export z=exported');
    expect(lab.run('rs1', './d.sh; echo $x')).toEqual({ exit: 0, stdout: '[][exported]\nkept\n', stderr: './d.sh: 2: nosuch: not found\n' });
  });

  it('source runs the file in this shell: its variables and functions stay, return ends it', () => {
    const lab = lanLab([lanHost('rs1', 11)]);
    writeScript(lab, 'rs1', '/root/s.sh', 'f() { echo in f; }\nret=5\nreturn 4\necho never\n', 0o644);
    expect(lab.run('rs1', 'source ./s.sh; echo $? $ret; f')).toEqual({ exit: 0, stdout: '4 5\nin f\n', stderr: '' });
    expect(lab.run('rs1', '. s.sh; echo $?').stdout).toBe('4\n');
  });
});

/** A real-server script as the tutorials write it (lvs_rs.sh), unmodified. */
const REAL_SERVER_SCRIPT = `#!/bin/bash
# lvs_rs.sh: LVS-DR real server
VIP=${TEXTBOOK_VIP}
case "$1" in
start)
    ifconfig lo:0 $VIP netmask 255.255.255.255 broadcast $VIP up
    /sbin/route add -host $VIP dev lo:0
    echo "1" >/proc/sys/net/ipv4/conf/lo/arp_ignore
    echo "2" >/proc/sys/net/ipv4/conf/lo/arp_announce
    echo "1" >/proc/sys/net/ipv4/conf/all/arp_ignore
    echo "2" >/proc/sys/net/ipv4/conf/all/arp_announce
    echo "RealServer Start OK"
    ;;
stop)
    ifconfig lo:0 down
    route del $VIP >/dev/null 2>&1
    echo "0" >/proc/sys/net/ipv4/conf/lo/arp_ignore
    echo "0" >/proc/sys/net/ipv4/conf/lo/arp_announce
    echo "0" >/proc/sys/net/ipv4/conf/all/arp_ignore
    echo "0" >/proc/sys/net/ipv4/conf/all/arp_announce
    echo "RealServer Stopped"
    ;;
status)
    # Status of LVS-DR real server.
    islothere=\`/sbin/ifconfig lo:0 | grep $VIP\`
    isrothere=\`netstat -rn | grep "lo" | grep $VIP\`
    if [ ! "$islothere" -o ! "$isrothere" ];then
        # Either the route or the lo:0 device
        # not found.
        echo "LVS-DR real server Stopped."
    else
        echo "LVS-DR real server Running."
    fi
    ;;
*)
    # Invalid entry.
    echo "Usage: $0 {start|stop|status}"
    exit 1
    ;;
esac
exit 0
`;

/** A director script as the tutorials write it (lvs_dr.sh), unmodified. */
const DIRECTOR_SCRIPT = `#!/bin/bash
VIP=${TEXTBOOK_VIP}
RIPS="198.51.100.11 198.51.100.12"
PORT=80
case "$1" in
start)
    echo " start LVS of DirectorServer"
    ifconfig eth0:0 $VIP broadcast $VIP netmask 255.255.255.255 up
    route add -host $VIP dev eth0:0
    echo "1" >/proc/sys/net/ipv4/ip_forward
    ipvsadm -C
    ipvsadm -A -t $VIP:$PORT -s rr
    for rip in $RIPS; do
        ipvsadm -a -t $VIP:$PORT -r $rip:$PORT -g
    done
    ;;
stop)
    echo "close LVS Directorserver"
    echo "0" >/proc/sys/net/ipv4/ip_forward
    ipvsadm -C
    ifconfig eth0:0 down
    ;;
*)
    echo "Usage: $0 {start|stop}"
    exit 1
esac
`;

describe('the tutorial scripts, unmodified', () => {
  it('a lab built only by running them serves the client through the director; usage and stop behave as bash', () => {
    const lab = textbookLab({ configure: false, service: false });
    writeScript(lab, 'director', '/root/lvs_dr.sh', DIRECTOR_SCRIPT);
    for (const rs of ['rs1', 'rs2']) writeScript(lab, rs, '/root/lvs_rs.sh', REAL_SERVER_SCRIPT);

    expect(lab.run('rs1', './lvs_rs.sh')).toEqual({ exit: 1, stdout: 'Usage: ./lvs_rs.sh {start|stop|status}\n', stderr: '' });
    expect(lab.run('rs1', 'bash /root/lvs_rs.sh restart')).toEqual({ exit: 1, stdout: 'Usage: /root/lvs_rs.sh {start|stop|status}\n', stderr: '' });

    expect(lab.run('director', './lvs_dr.sh start')).toEqual({ exit: 0, stdout: ' start LVS of DirectorServer\n', stderr: '' });
    for (const rs of ['rs1', 'rs2']) expect(lab.run(rs, './lvs_rs.sh start')).toEqual({ exit: 0, stdout: 'RealServer Start OK\n', stderr: '' });
    expect(lab.run('rs1', 'cat /proc/sys/net/ipv4/conf/all/arp_ignore /proc/sys/net/ipv4/conf/all/arp_announce').stdout).toBe('1\n2\n');

    const served = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const reply = lab.run('client', `curl -s -m 2 http://${TEXTBOOK_VIP}/`);
      expect(reply.exit).toBe(0);
      served.add(reply.stdout);
    }
    // Round robin over both real servers: two different pages.
    expect(served.size).toBe(2);

    expect(lab.run('rs2', './lvs_rs.sh stop')).toEqual({ exit: 0, stdout: 'RealServer Stopped\n', stderr: '' });
    expect(lab.run('rs2', 'cat /proc/sys/net/ipv4/conf/lo/arp_ignore').stdout).toBe('0\n');
  });

  it.runIf(COMMANDS.has('grep') && COMMANDS.has('netstat'))('status checks with backquotes, grep and [ ! … -o ! … ]', () => {
    const lab = textbookLab({ configure: false, service: false });
    writeScript(lab, 'rs1', '/root/lvs_rs.sh', REAL_SERVER_SCRIPT);
    expect(lab.run('rs1', './lvs_rs.sh status')).toEqual({ exit: 0, stdout: 'LVS-DR real server Stopped.\n', stderr: '' });
    lab.run('rs1', './lvs_rs.sh start');
    expect(lab.run('rs1', './lvs_rs.sh status')).toEqual({ exit: 0, stdout: 'LVS-DR real server Running.\n', stderr: '' });
  });
});
