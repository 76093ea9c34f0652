// What GNU coreutils 9.1 tools share: the "Try --help" line, getopt's
// messages, curly-quoted operands as a UTF-8 locale prints them (Debian 12's
// C.UTF-8), and the "==> name <==" headers of head and tail.
import type { CommandContext } from '../context.ts';
import { glibcMessage, type GetoptError } from '../getopt.ts';

export const tryHelp = (program: string): string => `Try '${program} --help' for more information.\n`;

/** coreutils quote(): an operand in ‘…’ under a UTF-8 locale. */
export const quoted = (text: string): string => `‘${text}’`;

/** getopt's message and the "Try" line, on stderr; the caller returns its status. */
export function usageError(ctx: CommandContext, program: string, error: GetoptError): void {
  ctx.err(`${glibcMessage(program, error)}\n${tryHelp(program)}`);
}

/** The name head and tail print for an operand. */
export const headerName = (operand: string): string => (operand === '-' ? 'standard input' : operand);
