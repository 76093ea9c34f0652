// whoami and id (coreutils 9.1): the lab's terminals are root's login.
// On Rocky 9 SELinux is enforcing, so id ends with the login's context.
import type { Command } from '../context.ts';
import { getopt } from '../getopt.ts';
import { quoted, tryHelp, usageError } from '../text/coreutils.ts';

const ROOT_CONTEXT = 'unconfined_u:unconfined_r:unconfined_t:s0-s0:c0.c1023';

export const whoami: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), { options: [], permute: true });
  if (parsed.error) {
    usageError(ctx, 'whoami', parsed.error);
    return 1;
  }
  if (parsed.operands.length > 0) {
    ctx.err(`whoami: extra operand ${quoted(parsed.operands[0]!)}\n${tryHelp('whoami')}`);
    return 1;
  }
  ctx.out('root\n');
  return 0;
};

/** id [-u|-g|-G] [-n] [-r] [USER...]: root's IDs; any other user does not exist on a lab host. */
export const id: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), {
    options: [
      { name: 'u', short: 'u', long: 'user', arg: 'none' },
      { name: 'g', short: 'g', long: 'group', arg: 'none' },
      { name: 'G', short: 'G', long: 'groups', arg: 'none' },
      { name: 'n', short: 'n', long: 'name', arg: 'none' },
      { name: 'r', short: 'r', long: 'real', arg: 'none' },
    ],
    permute: true,
    abbreviations: true,
  });
  if (parsed.error) {
    usageError(ctx, 'id', parsed.error);
    return 1;
  }
  const flags = new Set(parsed.options.map((o) => o.name));
  const which = ['u', 'g', 'G'].filter((f) => flags.has(f));
  if (which.length > 1) {
    ctx.err('id: cannot print "only" of more than one choice\n');
    return 1;
  }
  if (which.length === 0 && (flags.has('n') || flags.has('r'))) {
    ctx.err('id: cannot print only names or real IDs in default format\n');
    return 1;
  }
  const line = which.length === 1 ? (flags.has('n') ? 'root\n' : '0\n') : 'uid=0(root) gid=0(root) groups=0(root)';
  if (parsed.operands.length === 0) {
    // The context is the running process's, shown only without a user operand.
    ctx.out(which.length === 1 ? line : `${line}${ctx.host.os === 'rocky-9' ? ` context=${ROOT_CONTEXT}` : ''}\n`);
    return 0;
  }
  let status = 0;
  for (const user of parsed.operands) {
    if (user === 'root' || user === '0') ctx.out(which.length === 1 ? line : `${line}\n`);
    else {
      ctx.err(`id: ${quoted(user)}: no such user\n`);
      status = 1;
    }
  }
  return status;
};
