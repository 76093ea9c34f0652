// curl, ab, systemctl, modprobe and seq on odd input: a message in the real
// tool's words and its exit status, never an internal error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textbookLab } from '../../scenario/textbook.ts';

describe('odd arguments', () => {
  const lab = textbookLab({ realServers: 1 });

  it('random argument lists never reach an internal error', () => {
    const word = fc.constantFrom('-s', '-S', '-v', '-m', '0', '1.5', '-o', '/dev/null', '-w', '%{http_code}', '%{nope}', '%{', '-H', 'Host:', '--connect-timeout', '--bogus', '-', '--', 'http://', 'http://198.51.100.100/', '198.51.100.11:81', 'http://[::1]/', 'ftp://x/', 'http://a:99999/', 'http://1.2.3/', '-n', '-c', '3', '-1', 'start', 'stop', 'status', 'nginx', 'foo', 'ipip', '-r', '-w', '10', 'x');
    const command = fc.constantFrom('curl', 'ab', 'systemctl', 'modprobe', 'seq');
    fc.assert(
      fc.property(command, fc.array(word, { maxLength: 6 }), (name, args) => {
        const r = lab.run('client', `${name} ${args.map((a) => `'${a}'`).join(' ')}`);
        expect(r.stderr).not.toContain('internal simulator error');
        expect(Number.isInteger(r.exit)).toBe(true);
      }),
      { numRuns: 300, seed: 11 },
    );
    lab.run('client', 'systemctl start nginx');
  });

  it('curl: a number that is not one, an unsupported scheme, a port out of range', () => {
    expect(lab.run('client', 'curl -m abc 198.51.100.100')).toEqual({ exit: 2, stdout: '', stderr: "curl: option -m: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
    expect(lab.run('client', 'curl ftp://198.51.100.100/')).toEqual({ exit: 1, stdout: '', stderr: 'curl: (1) Protocol "ftp" not supported or disabled in libcurl\n' });
    expect(lab.run('client', 'curl http://198.51.100.100:70000/').exit).toBe(3);
    expect(lab.run('client', 'curl')).toEqual({ exit: 2, stdout: '', stderr: "curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n" });
  });

  it('systemctl: unknown units and verbs as systemd words them', () => {
    expect(lab.run('rs1', 'systemctl status apache2')).toEqual({ exit: 4, stdout: '', stderr: 'Unit apache2.service could not be found.\n' });
    expect(lab.run('rs1', 'systemctl stop apache2')).toEqual({ exit: 5, stdout: '', stderr: 'Failed to stop apache2.service: Unit apache2.service not loaded.\n' });
    expect(lab.run('rs1', 'systemctl frobnicate nginx')).toEqual({ exit: 1, stdout: '', stderr: 'Unknown command verb frobnicate.\n' });
  });

  it('ab: concurrency above the request count', () => {
    const r = lab.run('client', 'ab -n 2 -c 5 http://198.51.100.100/');
    expect(r.exit).toBe(22);
    expect(r.stderr.startsWith('ab: Cannot use concurrency level greater than total number of requests\nUsage: ab')).toBe(true);
  });
});
