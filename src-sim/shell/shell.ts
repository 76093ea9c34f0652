// The lab shell: parses a command line, runs each command on the host,
// applies redirections (echo V > /proc/sys/...), and joins ; && ||.
import type { CommandResult } from '../api.ts';
import type { Host } from '../host/host.ts';
import type { Lab } from '../lab.ts';
import { COMMANDS } from './commands/index.ts';
import { IPVSADM_RULES_FILE } from './commands/ipvsadm.ts';
import type { CommandContext } from './context.ts';
import { procSysPathToKey } from './proc.ts';
import { tokenize, type SimpleCommand } from './tokenize.ts';

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EINVAL: 'Invalid argument',
  EPERM: 'Operation not permitted',
  EROFS: 'Read-only file system',
};

export function runCommandLine(lab: Lab, host: Host, line: string): CommandResult {
  const parsed = tokenize(line);
  if (!parsed.ok) return { exit: 2, stdout: '', stderr: `bash: ${parsed.error}\n` };
  let stdout = '';
  let stderr = '';
  let exit = 0;
  for (const { command, join } of parsed.commands) {
    if ((join === '&&' && exit !== 0) || (join === '||' && exit === 0)) continue;
    const result = runSimple(lab, host, command);
    stdout += result.stdout;
    stderr += result.stderr;
    exit = result.exit;
  }
  return { exit, stdout, stderr };
}

function runSimple(lab: Lab, host: Host, command: SimpleCommand): CommandResult {
  let stdout = '';
  let stderr = '';
  let outFile: { target: string; append: boolean } | null = null;
  let errTarget: 'stderr' | 'stdout' | 'null' = 'stderr';
  for (const r of command.redirects) {
    if ('toStdout' in r) errTarget = 'stdout';
    else if (r.fd === 2) errTarget = r.target === '/dev/null' ? 'null' : 'stderr';
    else outFile = r;
  }
  // The shell opens a redirection target before the command runs.
  // /etc/ipvsadm.rules is the lab's one writable file, for ipvsadm -S and -R.
  if (outFile && outFile.target !== '/dev/null' && outFile.target !== IPVSADM_RULES_FILE) {
    const key = procSysPathToKey(outFile.target);
    const exists = key !== null && host.sysctl.read(key) !== 'ENOENT';
    if (!exists) {
      const why = outFile.target.startsWith('/proc/') ? ERRNO_TEXT.ENOENT : ERRNO_TEXT.EROFS;
      return { exit: 1, stdout: '', stderr: `bash: ${outFile.target}: ${why}\n` };
    }
  }
  const [name] = command.words;
  if (name === undefined) return { exit: 0, stdout: '', stderr: '' };
  const ctx: CommandContext = {
    lab,
    host,
    argv: command.words,
    out: (text) => (stdout += text),
    err: (text) => {
      if (errTarget === 'stdout') stdout += text;
      else if (errTarget === 'stderr') stderr += text;
    },
  };
  const impl = COMMANDS.get(name);
  let exit: number;
  if (!impl) {
    ctx.err(`bash: ${name}: command not found\n`);
    exit = 127;
  } else {
    try {
      const outcome = impl(ctx);
      if (typeof outcome === 'number') exit = outcome;
      else {
        lab.waitFor(outcome);
        exit = outcome.exitCode;
      }
    } catch (error) {
      // A bug in a command must not take the learner's terminal down.
      ctx.err(`${name}: internal simulator error: ${(error as Error).message}\n`);
      exit = 70;
    }
  }
  if (outFile) {
    const text = stdout;
    stdout = '';
    if (outFile.target === IPVSADM_RULES_FILE) host.ipvs.rulesFile = (outFile.append ? (host.ipvs.rulesFile ?? '') : '') + text;
    else if (outFile.target !== '/dev/null') {
      const key = procSysPathToKey(outFile.target)!;
      const error = host.sysctl.write(key, text);
      if (error) {
        stderr += `bash: ${name}: write error: ${ERRNO_TEXT[error] ?? error}\n`;
        exit = 1;
      }
    }
  }
  return { exit, stdout, stderr };
}
