import { describe, expect, it } from 'vitest';
import { textbookScenario } from '../scenario/textbook.ts';
import { SessionClient } from './client.ts';

const LOOP = 'for i in $(seq 100000); do curl -s 198.51.100.100; done';
const spec = { scenario: textbookScenario({ name: 'session', client: 'flat', service: false }), seed: 1 };

describe('SessionClient: Ctrl-C', () => {
  it('ends a line when it comes before the server has started it (the shared flag names the request, nothing resets it)', async () => {
    const client = SessionClient.inProcess();
    const session = await client.open(spec);
    let output = '';
    // The in-process server answers after this task, as a worker would: Ctrl-C lands first.
    const reply = session.run('client', LOOP, (_stream, text) => (output += text));
    session.interrupt();
    const outcome = await reply;
    expect(outcome.exit).toBe(130);
    expect(output).toBe('^C\n');
    // Stopped at its first budget check, not after thousands of curls.
    expect(outcome.interruptedAfter).toBeLessThan(10);
    expect(session.journal).toEqual([{ host: 'client', run: LOOP, interruptedAfter: outcome.interruptedAfter }]);
  });

  it('a Ctrl-C with no line running, or for another session, ends nothing', async () => {
    const client = SessionClient.inProcess();
    const [mine, other] = [await client.open(spec), await client.open(spec)];
    mine.interrupt();
    const running = other.run('client', 'for i in $(seq 3); do curl -s 198.51.100.100; done');
    mine.interrupt();
    expect(await running).toMatchObject({ exit: 0 });
    const next = await mine.run('client', 'echo after');
    expect(next.exit).toBe(0);
    expect(next.interruptedAfter).toBeUndefined();
  });

  it('a line after an interrupted one runs to its end', async () => {
    const client = SessionClient.inProcess();
    const session = await client.open(spec);
    const first = session.run('client', LOOP);
    session.interrupt();
    expect((await first).exit).toBe(130);
    let output = '';
    const second = await session.run('client', 'for i in $(seq 3); do curl -s 198.51.100.100; done', (_stream, text) => (output += text));
    expect(second.exit).toBe(0);
    expect(output).toBe('director\n'.repeat(3));
  });
});

describe('SessionClient: the editor\'s files', () => {
  it('opens a file against the shell\'s directory, saves it as a journaled write step, and a fork keeps it', async () => {
    const client = SessionClient.inProcess();
    const session = await client.open(spec);
    expect(await session.readFile('rs1', 'lvs_rs.sh')).toEqual({ path: '/root/lvs_rs.sh', text: '', error: 'ENOENT' });
    expect(await session.readFile('rs1', '/etc')).toMatchObject({ error: 'EISDIR' });
    const saved = await session.writeFile('rs1', '/root/lvs_rs.sh', 'echo hi\n');
    expect(saved.result).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(session.journal).toEqual([{ host: 'rs1', write: { path: '/root/lvs_rs.sh', text: 'echo hi\n' } }]);
    expect(await session.readFile('rs1', '/root/lvs_rs.sh')).toEqual({ path: '/root/lvs_rs.sh', text: 'echo hi\n', error: null });
    const fork = await session.fork();
    expect(await fork.readFile('rs1', '/root/lvs_rs.sh')).toMatchObject({ text: 'echo hi\n' });
  });
});

describe('SessionClient: a file\'s bytes for a download', () => {
  it('gives the capture tcpdump -w wrote as its bytes, and strerror for a file that is not there', async () => {
    const client = SessionClient.inProcess();
    const session = await client.open(spec);
    await session.run('rs1', 'tcpdump -i eth0 -c 1 -w capture.pcap icmp &');
    await session.run('client', 'ping -c 1 198.51.100.11');
    const file = await session.fileBytes('rs1', 'capture.pcap');
    expect(file.path).toBe('/root/capture.pcap');
    expect(file.error).toBeNull();
    // The pcap header, then one 98-byte echo request.
    expect(file.bytes.length).toBe(24 + 16 + 98);
    expect(Array.from(file.bytes.subarray(0, 4))).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
    expect(await session.fileBytes('rs1', 'nope.pcap')).toEqual({ path: '/root/nope.pcap', bytes: new Uint8Array(0), error: 'No such file or directory' });
  });
});

describe('SessionClient: terminals side by side', () => {
  it("tcpdump left running on rs1 shows, in rs1's terminal, the frames the client's curl causes while the client's line runs; a sleep (the clock following wall time) streams too", async () => {
    const client = SessionClient.inProcess();
    const session = await client.open(spec);
    const terminals: Record<string, string> = {};
    session.watchTerminals((host, _stream, text) => (terminals[host] = (terminals[host] ?? '') + text));
    const started = await session.run('rs1', 'tcpdump -n -i eth0 tcp port 80 &');
    expect(started.delta.hosts['rs1']!.runningJobs).toBe(1);
    let clientOutput = '';
    await session.run('client', 'curl -s 198.51.100.11', (_stream, text) => (clientOutput += text));
    expect(clientOutput).toBe('rs1\n');
    // The SYN, the request and the FIN, as rs1's tcpdump prints them, reached rs1's terminal during the client's line.
    expect(terminals['rs1']).toMatch(/IP 198\.51\.100\.\d+\.\d+ > 198\.51\.100\.11\.80: Flags \[S\]/);
    expect(terminals['client']).toBeUndefined();
    await session.run('client', 'ping -c 2 198.51.100.11 &');
    // The clock following wall time: a journaled sleep step; the reply printed meanwhile goes to the client's terminal.
    await session.sleep(1.5);
    expect(session.journal.at(-1)).toEqual({ sleep: 1.5 });
    expect(terminals['client']).toMatch(/^64 bytes from 198\.51\.100\.11: icmp_seq=1 ttl=64 time=[\d.]+ ms\n64 bytes from 198\.51\.100\.11: icmp_seq=2 ttl=64 time=[\d.]+ ms\n\n--- 198\.51\.100\.11 ping statistics ---\n/);
    const stopped = await session.run('rs1', 'kill %1');
    expect(stopped.delta.hosts['rs1']!.runningJobs).toBe(0);
  });
});

describe('SessionClient: a live line', () => {
  it("ping without -c typed at a live terminal returns at once; its replies stream to the client's terminal as the clock moves; Ctrl-C there prints the statistics and gives the prompt back", async () => {
    const client = SessionClient.inProcess();
    const session = await client.open(spec);
    const terminals: Record<string, string> = {};
    session.watchTerminals((host, _stream, text) => (terminals[host] = (terminals[host] ?? '') + text));
    let lineOutput = '';
    const started = await session.run('client', 'ping 198.51.100.11', (_stream, text) => (lineOutput += text), true);
    expect(started.live).toBe(true);
    expect(lineOutput).toBe('PING 198.51.100.11 (198.51.100.11) 56(84) bytes of data.\n');
    expect(started.delta.hosts['client']!.live).toBe('ping 198.51.100.11');
    const slept = await session.sleep(1.5);
    expect(slept.hosts['client']!.live).toBe('ping 198.51.100.11');
    expect(terminals['client']).toMatch(/^64 bytes from 198\.51\.100\.11: icmp_seq=1 ttl=64 time=[\d.]+ ms\n64 bytes from 198\.51\.100\.11: icmp_seq=2 ttl=64 time=[\d.]+ ms\n$/);
    const stopped = await session.interruptForeground('client');
    expect(stopped.result.exit).toBe(0);
    expect(stopped.delta.hosts['client']!.live).toBeNull();
    expect(terminals['client']).toMatch(/ms\n\^C\n--- 198\.51\.100\.11 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss/);
    // The window's copy of the journal is the lab's: a rebuilt worker or a fork replays the same.
    expect(session.journal).toEqual([{ host: 'client', run: 'ping 198.51.100.11', live: true }, { sleep: 1.5 }, { host: 'client', interrupt: true }]);
    const fork = await session.fork();
    expect(fork.journal).toEqual(session.journal);
  });
});

describe('SessionClient: a host\'s power button', () => {
  it('power-cycles a host as a journaled step: what was set at runtime is gone, in the session and in a fork', async () => {
    const client = SessionClient.inProcess();
    const session = await client.open(spec);
    await session.run('rs1', 'ip addr add 192.0.2.1/32 dev lo');
    const reply = await session.power('rs1', 'cycle');
    expect(reply.result).toEqual({ exit: 0, stdout: '', stderr: '' });
    expect(session.journal.at(-1)).toEqual({ host: 'rs1', power: 'cycle' });
    expect((await session.run('rs1', 'ip -br addr show dev lo')).exit).toBe(0);
    const fork = await session.fork();
    let output = '';
    await fork.run('rs1', 'ip -br addr show dev lo', (_stream, text) => (output += text));
    expect(output).not.toContain('192.0.2.1');
    expect(output).toContain('127.0.0.1/8');
  });
});
