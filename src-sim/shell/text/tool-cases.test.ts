// The text tools against the real ones: every case in tool-cases.json was run
// on Debian 12 by scripts/record-tool-cases.mjs (its stdin piped in), and the
// lab's command must print the same stdout and stderr and exit the same.
import { describe, expect, it } from 'vitest';
import { UNLIMITED } from '../../core/budget.ts';
import { lanHost, lanLab } from '../../test-lab.ts';
import { COMMANDS } from '../commands/index.ts';
import { commandContext } from '../shell.ts';
import cases from './tool-cases.json' with { type: 'json' };

interface ToolCase {
  argv: string[];
  stdin?: string;
  /** Files in the current directory (/root here) before the run, and what they hold after it. */
  files?: Record<string, string>;
  filesAfter?: Record<string, string>;
  stdout: string;
  stderr: string;
  exit: number;
}

const lab = lanLab([lanHost('h', 1)]);
const host = lab.hosts.get('h')!;

function runTool(argv: string[], stdin: string | null): { stdout: string; stderr: string; exit: number } {
  let stdout = '';
  let stderr = '';
  const ctx = commandContext(lab, host, argv, UNLIMITED, { out: (t) => (stdout += t), err: (t) => (stderr += t) }, stdin);
  const exit = COMMANDS.get(argv[0]!)!(ctx);
  if (typeof exit !== 'number') throw new Error('a text tool finishes at once');
  return { stdout, stderr, exit };
}

describe('text tools print what the real tools print', () => {
  for (const c of cases as ToolCase[]) {
    it(`${c.argv.map((a) => JSON.stringify(a)).join(' ')}${c.stdin === undefined ? '' : ` <<< ${JSON.stringify(c.stdin.slice(0, 40))}`}`, () => {
      for (const [file, text] of Object.entries(c.files ?? {})) host.fs.write(`/root/${file}`, text);
      expect(runTool(c.argv, c.stdin ?? null)).toEqual({ stdout: c.stdout, stderr: c.stderr, exit: c.exit });
      for (const [file, text] of Object.entries(c.filesAfter ?? {})) expect(host.fs.read(`/root/${file}`)).toEqual({ ok: true, value: text });
      for (const file of Object.keys(c.files ?? {})) host.fs.remove(`/root/${file}`);
    });
  }
});
