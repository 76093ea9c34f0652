import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonCli } from './lesson.ts';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await lessonCli(args, { out: (t) => (stdout += t), err: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ldl-lesson-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('lvs-dr-lab lesson', () => {
  it('list prints every lesson in order; --json gives ids, titles in both languages and check ids', async () => {
    const text = await run(['list']);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[2]).toMatch(/^ 3 {2}arp-ignore\s+arp_ignore: who answers ARP for the VIP$/);
    const zh = await run(['list', '--lang', 'zh-CN']);
    expect(zh.stdout).toContain('arp_ignore：谁来应答 VIP 的 ARP');
    const json = await run(['list', '--json']);
    const rows = JSON.parse(json.stdout) as Array<{ id: string; title: Record<string, string>; checks: string[] }>;
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.find((r) => r.id === 'arp-ignore')).toMatchObject({ title: { 'zh-CN': 'arp_ignore：谁来应答 VIP 的 ARP' }, checks: expect.arrayContaining(['only-director-answers-arp']) });
  });

  it('show prints the goal, hints, the solution as a commands file and the debrief; the solution file passes check', async () => {
    const shown = await run(['show', 'vip-netmask']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^6\. A \/24 VIP on lo cuts the real server off\n/);
    expect(shown.stdout).toContain('Solution (a commands file)\n  rs1$ ifconfig lo:0 198.51.100.100 netmask 255.255.255.255 up\n');
    expect(shown.stdout).toContain('Reference sections: §6, §9.5, §9.6, E6');
    expect((await run(['show', 'vip-netmask', '--lang', 'zh-CN'])).stdout).toContain('参考答案（命令文件格式）');
    expect(JSON.parse((await run(['show', 'vip-netmask', '--json'])).stdout)).toMatchObject({ format: 'lvs-dr-lab/lesson@1', id: 'vip-netmask' });
    expect(await run(['show', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^lvs-dr-lab lesson show: no lesson "nope"/) });
  });

  it('unknown lesson, unreadable or invalid commands file, bad options: a clear message and exit 2', async () => {
    expect(await run(['check', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^lvs-dr-lab lesson check: no lesson "nope" \(lessons: same-segment, vip-on-every-rs, arp-ignore, /) });
    expect(await run(['check', 'arp-ignore', '--commands', '/nonexistent/fix.txt'])).toMatchObject({ code: 2, stderr: 'lvs-dr-lab: cannot read /nonexistent/fix.txt: No such file or directory\n' });
    const bad = file('fix.txt', '# fix\nrs1$ sysctl -w net.ipv4.conf.all.arp_ignore=1\nrs7$ true\nsleep x\n');
    expect(await run(['check', 'arp-ignore', '--commands', bad])).toEqual({
      code: 2,
      stdout: '',
      stderr: `lvs-dr-lab: ${bad} is not a valid commands file:\n  ${bad}:3: unknown host "rs7" (this lab has client, router, director, rs1, rs2)\n  ${bad}:4: sleep: invalid time interval 'x' (expected seconds, e.g. 1.5)\n`,
    });
    expect(await run(['check', 'arp-ignore', '--lang', 'fr'])).toMatchObject({ code: 2, stderr: 'lvs-dr-lab lesson: --lang must be en or zh-CN, got "fr"\n' });
    expect((await run(['explain'])).code).toBe(2);
  });

  it('check without commands: the broken lab fails, exit 1, with the kernel\'s reason', async () => {
    const result = await run(['check', 'arp-ignore']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL  Only the director answers the router\'s ARP request for the VIP\n      router asked who-has 198.51.100.100 on eth0; answered by');
    expect(result.stdout).toMatch(/ {8}because rs1: answered who-has 198\.51\.100\.100 from 198\.51\.100\.254 on eth0/);
    expect(result.stdout).toMatch(/\n\d of \d checks pass\n$/);
  });

  it('check with the wrong fix (conf.lo only) fails; a failing command is reported on stderr with its line', async () => {
    const wrong = file('wrong.txt', 'rs1$ sysctl -w net.ipv4.conf.lo.arp_ignore=1\nrs2$ sysctl -w net.ipv4.conf.lo.arp_ignore=1\nrs2$ sysctl -w net.ipv4.conf.eth9.arp_ignore=1\n');
    const result = await run(['check', 'arp-ignore', '--commands', wrong, '--lang', 'zh-CN']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('未通过  只有 director 应答路由器对 VIP 的 ARP 请求');
    expect(result.stdout).toMatch(/\n4 项检查中 \d 项通过\n$/);
    expect(result.stderr).toBe(`${wrong}:3: rs2$ sysctl -w net.ipv4.conf.eth9.arp_ignore=1: exit 1: sysctl: cannot stat /proc/sys/net/ipv4/conf/eth9/arp_ignore: No such file or directory\n`);
  });

  it('check with the reference fix passes every check and exits 0', async () => {
    const fix = file('fix.txt', 'rs1$ sysctl -w net.ipv4.conf.all.arp_ignore=1\nrs2$ sysctl -w net.ipv4.conf.all.arp_ignore=1\n');
    const result = await run(['check', 'arp-ignore', '--commands', fix, '--json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { passed: boolean; results: Array<{ pass: boolean }> };
    expect(report.passed).toBe(true);
    expect(report.results.every((r) => r.pass)).toBe(true);
  });

  it('check: a commands file shares one run\'s budget; a flood of output stops it, the rest does not run, the checks still decide', async () => {
    // Each line keeps 6.9 MB of output, under its own 8 MB; the run keeps at most eight lines' worth.
    const flood = file('flood.txt', `${Array.from({ length: 2000 }, () => 'rs1$ seq 1000000').join('\n')}\n`);
    const result = await run(['check', 'arp-ignore', '--commands', flood]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`lvs-dr-lab: ${flood}: stopped at step 10 of 2000: the steps did more work or kept more output than one run may (the lab's budget for one run); the rest did not run\n`);
  }, 120_000);
});
