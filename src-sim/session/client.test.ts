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
