// Why a classroom file was not opened, in one sentence: the file pickers
// (desktop.ts, and main's file:open) refuse a file over its purpose's limit
// (MAX_OPEN_BYTES) with tooLargeMessage's "NAME is larger than 4 MiB";
// Electron prefixes what crosses IPC.

const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:Error: )?/;
const TOO_LARGE = /^(.+) is larger than (\d+ MiB)$/;

/** The file refused for its size and the limit it went over, or null for any other error. */
export function refusedAsTooLarge(error: unknown): { file: string; limit: string } | null {
  const message = error instanceof Error ? error.message.replace(IPC_PREFIX, '') : '';
  const match = TOO_LARGE.exec(message);
  return match ? { file: match[1]!, limit: match[2]! } : null;
}
