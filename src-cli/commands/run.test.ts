// `lvs-dr-lab run FILE --pcap OUT`: the capture file and its errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from './run.ts';

const dir = mkdtempSync(join(tmpdir(), 'lvs-dr-lab-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

const scenario = {
  format: 'lvs-dr-lab/scenario@1',
  hosts: [
    { name: 'client', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:01', addresses: ['198.51.100.1/24'] }] },
    { name: 'rs1', interfaces: [{ name: 'eth0', segment: 'lan', mac: '02:00:00:00:00:11', addresses: ['198.51.100.11/24'] }, { name: 'eth1', segment: 'dmz', mac: '02:00:00:00:01:11', addresses: [] }] },
  ],
  steps: [{ host: 'client', run: 'ping -c 1 198.51.100.11' }],
};

function quiet(): { stderr: () => string } {
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((text) => ((stderr += String(text)), true));
  return { stderr: () => stderr };
}

describe('run --pcap', () => {
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(scenario));

  it('writes every frame of every segment to a pcapng file', async () => {
    quiet();
    const out = join(dir, 'out.pcapng');
    expect(await runCli([file, '--json', '--pcap', out])).toBe(0);
    const bytes = readFileSync(out);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const types: number[] = [];
    for (let offset = 0; offset < bytes.length; offset += view.getUint32(offset + 4, true)) types.push(view.getUint32(offset, true));
    // Section header, interfaces lan and dmz, ARP request + reply, echo request + reply.
    expect(types).toEqual([0x0a0d0d0a, 1, 1, 6, 6, 6, 6]);
  });

  it('says clearly when the file cannot be written', async () => {
    const io = quiet();
    const out = join(dir, 'missing', 'out.pcapng');
    expect(await runCli([file, '--pcap', out])).toBe(2);
    expect(io.stderr()).toBe(`lvs-dr-lab: cannot write ${out}: No such file or directory\n`);
  });

  it('needs a file name', async () => {
    const io = quiet();
    expect(await runCli([file, '--pcap'])).toBe(2);
    expect(io.stderr()).toBe('lvs-dr-lab run: --pcap needs an output file name\n');
  });
});

describe('run of a hostile scenario', () => {
  it('stops where the run\'s budget runs out: the steps that ran are printed, then why the rest did not run, exit 1', async () => {
    // Each step keeps 6.9 MB of output, under its line's 8 MB; the run keeps at most eight lines' worth.
    const file = join(dir, 'flood.json');
    writeFileSync(file, JSON.stringify({ ...scenario, steps: Array.from({ length: 10_000 }, () => ({ host: 'rs1', run: 'seq 1000000' })) }));
    let stdout = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((text) => ((stdout += String(text)), true));
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => ((stderr += String(text)), true));
    expect(await runCli([file])).toBe(1);
    expect(stderr).toBe(`lvs-dr-lab: ${file}: stopped at step 10 of 10000: the steps did more work or kept more output than one run may (the lab's budget for one run); the rest did not run\n`);
    expect(stdout.split('root@rs1:~# seq 1000000\n')).toHaveLength(11);
    expect(stdout).toContain("bash: this run's steps kept more than 67108864 bytes of output in all (the lab's budget for one run): it was stopped here\n[exit 1]\n");
  }, 60_000);
});
