// The escapes of issue 16 (and more, thought up as an attacker would) are
// refused before anything runs, each with one sentence naming the word; the
// forms the scenario format names, and every conformance scenario, still run.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomScenario } from '../../conformance/generate-random.ts';
import { parseScenarioText } from '../../src-sim/schema/scenario.ts';
import type { Scenario } from '../../src-sim/scenario/types.ts';
import { argvProblem, readProblem, redirectTarget, spawnArgv } from './allowlist.ts';
import { lineProblems, refusalReasons } from './safety.ts';

const NOT_RUN = /^"(\S+)" is not a command the kernel runner runs \(it runs only ip, /;

describe('lineProblems refuses escapes', () => {
  it.each([
    ['touch /tmp/x', /^"touch" is not a command/],
    ['kill -9 1', /^kill 1: a PID written in the scenario is never one of the runner's jobs/],
    ['ping -c 1 198.51.100.1; chmod 777 /etc/passwd', /^"chmod" is not a command/],
    ['/bin/sh -c id', /^"\/bin\/sh" is not a command/],
    ['timeout 1 sh', /^"timeout" is not a command/],
    ['echo $(id)', /^in \$\(id\): "id" is not a command/],
    ['echo `touch /tmp/x`', /^in \$\(touch \/tmp\/x\): "touch" is not a command/],
    ['for i in 1; do echo $(cat /etc/shadow); done', /^in \$\(cat \/etc\/shadow\): cat may read only/],
    ['$X /tmp/x', /^a command name must be written out/],
    ['LD_PRELOAD=/tmp/x.so ip addr', /^"LD_PRELOAD=…" before "ip" would set the tool's environment/],
    ['cat /etc/shadow', /^cat may read only .* not "\/etc\/shadow"$/],
    ['cat /proc/net/../../etc/shadow', /^cat may read only/],
    ['cat /proc/1/environ', /^cat may read only/],
    ['cat ../x', /^cat may read only/],
    ['echo x > /etc/passwd', /^a redirection may write only to .* not "\/etc\/passwd"$/],
    ['echo x >> /root/.bashrc', /^a redirection may write only to/],
    ['echo 1 > /proc/sys/kernel/sysrq', /^a redirection may write only to/],
    ['echo 1 > /proc/sys/net/../kernel/sysrq', /^a redirection may write only to/],
    ['ip netns exec other ip addr', /^"ip netns" \(netns\) is not one of the ip objects/],
    ['ip net exec other id', /^"ip net" \(netns\) is not one of the ip objects/],
    ['ip vrf exec blue id', /^"ip vrf" \(vrf\) is not one of the ip objects/],
    ['ip -batch /tmp/x', /^option -batch of ip is not one the kernel runner allows/],
    ['ip -b /tmp/x', /^option -b of ip/],
    ['ip -force -batch -', /^option -force of ip/],
    ['ip -n other addr', /^option -n of ip/],
    ['ip --netns other addr', /^option --netns of ip/],
    ['ip link set eth0 netns 1', /^"netns" would move a device to another network namespace/],
    ['ip link add a type veth peer name b netns 1', /^"netns" would move a device/],
    ['sysctl -p /etc/shadow', /^option -p of sysctl/],
    ['sysctl --system', /^option --system of sysctl/],
    ['sysctl --load=/etc/shadow', /^option --load of sysctl/],
    ['sysctl -w kernel.panic=1', /^sysctl may write only net\.\* keys .* not "kernel\.panic"$/],
    ['sysctl vm.drop_caches=3', /^sysctl may write only net\.\* keys/],
    ['sysctl -w net/../kernel/sysrq=1', /^sysctl key "net\/\.\.\/kernel\/sysrq" is not a plain key$/],
    ['curl file:///etc/shadow', /^curl's URL "file:\/\/\/etc\/shadow" is not http:\/\//],
    ['curl -o /etc/x http://198.51.100.1/', /^curl may write only to \/dev\/null/],
    ['curl -K /etc/shadow http://198.51.100.1/', /^curl option -K is not one/],
    ['tcpdump -w /etc/x', /^"tcpdump" is simulator-only/],
    ['tcpdump -z /bin/sh -w x', /^"tcpdump" is simulator-only/],
    ['ping -f 198.51.100.1', /^option -f of ping is not one the kernel runner allows$/],
    ['arp -f /etc/shadow', /^option -f of arp/],
    ['systemctl stop sshd', /^the kernel runner only maps "systemctl/],
    ['sed -f /etc/shadow x', /^option -f of sed/],
    ['sed -i s/a/b/ /proc/sys/net/ipv4/ip_forward', /^sed -i may edit only the host's scratch files/],
    ["awk 'BEGIN { system(\"id\") }'", /^awk programs may not run commands or redirect \("system"\)$/],
    ["awk '{ print > \"/etc/x\" }' /proc/net/arp", /^awk programs may not run commands or redirect/],
    ["awk '{ print | \"sh\" }' /proc/net/arp", /^awk programs may not run commands or redirect/],
    ["awk 'BEGIN { while ((getline l < \"/etc/shadow\") > 0) print l }'", /^awk programs may not run commands/],
    ['awk -f /etc/shadow', /^option -f of awk/],
    ['grep -r root /etc', /^option -r of grep/],
    ['grep -f /etc/shadow /proc/net/arp', /^option -f of grep/],
    ['grep root /etc/passwd', /^grep may read only/],
    ['sort -o /etc/x /proc/net/arp', /^option -o of sort/],
    ['sort --compress-program=sh /proc/net/arp', /^option --compress-program of sort/],
    ['uniq /proc/net/arp /etc/x', /^uniq may not write an output file/],
    ['tail -f /proc/net/arp', /^option -f of tail/],
    ['wc --files0-from=/etc/shadow', /^option --files0-from of wc/],
    ['sleep infinity', /^sleep takes only durations/],
    ['ip addr | sh', /^"sh" is not a command/],
    ['ip addr |& bash', /^"bash" is not a command/],
    ['ip addr &', /^a background job \(&\) the kernel runner runs is one command of tcpdump, ping, arping, sleep, alone on the line/],
    ['curl -s http://198.51.100.100/ &', /^a background job \(&\) the kernel runner runs is one command of tcpdump, ping, arping, sleep, alone on the line/],
    ["sh -c 'tcpdump -i eth0' &", /^a background job \(&\) the kernel runner runs is one command of tcpdump, ping, arping, sleep, alone on the line/],
    ['ping -c 1 198.51.100.1 & ping -c 1 198.51.100.2', /^a background job \(&\) the kernel runner runs is one command of tcpdump, ping, arping, sleep, alone on the line/],
    ['ping 198.51.100.1 > out.txt &', /^a background job \(&\) the kernel runner runs is one command of tcpdump, ping, arping, sleep, alone on the line/],
    ['tcpdump -n -i eth0', /^"tcpdump" is simulator-only and cannot be compared with the kernel \(the kernel runner runs it only left running/],
    ['tcpdump -n -i eth0 -w cap.pcap &', /^option -w of tcpdump is not one the kernel runner allows$/],
    ["tcpdump -i eth0 -z /bin/sh &", /^option -z of tcpdump/],
    ['tcpdump -r cap.pcap &', /^option -r of tcpdump/],
    ['kill 1', /^kill 1: a PID written in the scenario is never one of the runner's jobs/],
    ['kill -9 4242', /^kill 4242: a PID written in the scenario is never one of the runner's jobs/],
    ['kill -STOP %1', /^kill may send only HUP, INT, KILL or TERM to a job here, not SIGSTOP$/],
    ['(ip addr)', /^subshell is not something the kernel runner interprets/],
    ['f() { id; }; f', /^function is not something the kernel runner interprets/],
    ['cat < /etc/shadow', /^input may come only from \/dev\/null or a scratch file/],
    ['ip addr 3<> /etc/passwd', /^the redirection <> is not one the kernel runner applies$/],
    ['echo ${X:-$(id)}', /^\$\{X…\} with an operator is not something the kernel runner expands$/],
    ['while true; do id; done', /^"true" is not a command/],
  ])('%s', (line, expected) => {
    const problems = lineProblems(line);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(expected);
  });

  it('names the step in the scenario refusal', () => {
    const scenario: Scenario = { format: 'lvs-dr-lab/scenario@1', hosts: [{ name: 'a', interfaces: [{ name: 'eth0', segment: 's', addresses: ['198.51.100.1/24'] }] }], steps: [{ host: 'a', run: 'ip addr' }, { host: 'a', run: 'touch /tmp/x' }] };
    expect(refusalReasons(scenario)).toEqual([`$.steps[1].run: "touch" is not a command the kernel runner runs (it runs only ip, ifconfig, route, arp, arping, ping, sysctl, curl, echo, sleep, seq, cat, grep, head, tail, wc, sort, uniq, cut, tr, awk, sed, ss, netstat, hostname, printf, tee)`]);
  });
});

describe('lineProblems allows the forms the scenario format names', () => {
  it.each([
    'ip -4 -br addr show dev eth0',
    'ip -s -s link',
    'ip n',
    'ip neigh replace 198.51.100.100 lladdr 02:00:00:00:00:02 dev eth0 nud permanent',
    'ip route get 198.51.100.1',
    'ip addr add 198.51.100.100/32 dev lo label lo:0',
    'ifconfig lo:0 198.51.100.100 netmask 255.255.255.255 up',
    'route add -host 198.51.100.100 dev lo:0',
    'arp -n',
    'arping -c 1 -w 1 -I eth0 -s 203.0.113.40 203.0.113.11',
    'arping -w x -I eth0 198.51.100.11',
    'ping -c 2 -i 0.2 -W 1 -I eth0 198.51.100.1',
    'tcpdump -n -e -i eth0 icmp &',
    'tcpdump -nn -l -i any arp or host 198.51.100.100 &',
    'ping 198.51.100.100 &',
    'arping -c 3 -I eth0 198.51.100.11 &',
    'sleep 1 &',
    'kill %1',
    'kill -INT %1',
    'kill -9 $!',
    'kill -s TERM %+',
    'wait',
    'wait %1',
    'wait $!',
    'jobs -l',
    'sysctl -w net.ipv4.conf.all.arp_ignore=1',
    'sysctl -a',
    'sysctl -n kernel.hostname',
    'echo 2 > /proc/sys/net/ipv4/conf/eth0/arp_announce',
    'echo 2 > /dev/null 2>&1',
    'cat /proc/net/arp /sys/class/net/eth0/address',
    "curl -s -o /dev/null -w '%{http_code}\\n' http://198.51.100.100/",
    'for i in $(seq 3); do curl -s http://198.51.100.11/; done',
    'for ((i = 0; i < 2; i++)); do sleep 0.5; done',
    'echo hi > notes.txt; grep -c hi notes.txt; head -1 notes.txt; tail -n 1 notes.txt; wc -l notes.txt',
    "sort -n -k 2 notes.txt; uniq -c notes.txt; cut -d ' ' -f 1 notes.txt; tr -d x",
    "awk '$1 > 1 { print $2 }' /proc/net/arp; sed -n '2p' /proc/net/arp; sed -i s/a/b/ notes.txt",
    'systemctl restart nginx',
    'ip -br addr | grep eth0 | cut -d " " -f 1',
    'sysctl -a 2>/dev/null | grep arp_ | sort | head -n 3',
    'if ip link show dev eth0; then echo up; else echo missing; fi',
    'while ip link show dev eth9; do sleep 1; done',
    'cat <<EOF > notes.txt\n198.51.100.100\nEOF',
    "grep -c x <<< 'x y'",
  ])('%s', (line) => {
    expect(lineProblems(line)).toEqual([]);
  });
});

describe('the allowlist', () => {
  it('confines file reads and redirections to the namespace and the scratch directory', () => {
    expect(readProblem('/proc/sys/net/ipv4/conf/all/arp_ignore')).toBeNull();
    expect(readProblem('notes.txt')).toBeNull();
    expect(readProblem('.hidden')).not.toBeNull();
    expect(readProblem('/proc/sys/net/ipv4//conf')).not.toBeNull();
    expect(redirectTarget('/dev/null')).toEqual({ kind: 'null' });
    expect(redirectTarget('out.txt')).toEqual({ kind: 'scratch', name: 'out.txt' });
    expect(redirectTarget('/proc/sys/net/ipv4/ip_forward')).toEqual({ kind: 'proc-sys', path: '/proc/sys/net/ipv4/ip_forward' });
    expect(typeof redirectTarget('/dev/sda')).toBe('string');
    expect(typeof redirectTarget('/tmp/x')).toBe('string');
  });

  it('checks expanded argument vectors and runs sed sandboxed', () => {
    expect(argvProblem(['cat', '/etc/shadow'])).toMatch(/^cat may read only/);
    expect(argvProblem(['rm', '-rf', '/'])).toMatch(NOT_RUN);
    expect(argvProblem(['hostname', 'evil'])).toMatch(/may only print/);
    expect(argvProblem(['hostname', '-I'])).toBeNull();
    expect(argvProblem(['tee', '/etc/passwd'])).toMatch(/redirection may write only/);
    expect(argvProblem(['tee', '-a', '/proc/sys/net/ipv4/conf/all/arp_ignore'])).toBeNull();
    expect(argvProblem(['netstat', '-c'])).not.toBeNull();
    expect(argvProblem(['ss', '-K'])).not.toBeNull();
    expect(argvProblem(['ss', '-N', 'other'])).not.toBeNull();
    expect(argvProblem(['ss', '-tan'])).toBeNull();
    expect(spawnArgv(['sed', '-n', '1p', 'x'])).toEqual(['sed', '--sandbox', '-n', '1p', 'x']);
  });
});

describe('every conformance scenario still passes the kernel runner\'s checks', () => {
  it('the recorded suite', () => {
    const dir = 'conformance/scenarios';
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const parsed = parseScenarioText(readFileSync(`${dir}/${file}`, 'utf8'));
      if (!parsed.ok) throw new Error(`${file} does not parse`);
      expect(refusalReasons(parsed.scenario), file).toEqual([]);
    }
  });

  it('2,000 random scenarios of the CI batch', () => {
    for (let seed = 1; seed <= 2000; seed++) expect(refusalReasons(randomScenario(seed) as unknown as Scenario), `seed ${seed}`).toEqual([]);
    // 15 s of CPU; on a machine busy with other work it took 68-143 s of wall time, past the default 60 s.
  }, 240_000);
});
