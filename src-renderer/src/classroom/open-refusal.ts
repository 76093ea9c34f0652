// Why a classroom file was not opened, in one sentence: the file pickers
// (desktop.ts, and main's file:open) refuse a file over MAX_SCENARIO_BYTES
// with "NAME is larger than 1 MiB"; Electron prefixes what crosses IPC.
import { MAX_SCENARIO_BYTES } from '../../../src-main/ipc-map.ts';

const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:Error: )?/;
const TOO_LARGE = ' is larger than 1 MiB';

/** The limit as the sentence states it. */
export const OPEN_LIMIT_TEXT = `${MAX_SCENARIO_BYTES / (1024 * 1024)} MiB`;

/** The name of the file refused for its size, or null for any other error. */
export function refusedAsTooLarge(error: unknown): string | null {
  const message = error instanceof Error ? error.message.replace(IPC_PREFIX, '') : '';
  return message.endsWith(TOO_LARGE) ? message.slice(0, -TOO_LARGE.length) : null;
}
