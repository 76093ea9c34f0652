// The single entry point for IPC handlers: every call is checked for where it
// comes from and what it carries before the handler sees it.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { IpcArgs, IpcChannel, IpcResult } from './ipc-map.ts';

/** Returns true when `url` is the app's own renderer page; set once by index.ts. */
let isAppUrl: (url: string) => boolean = () => false;

export function setAppUrlCheck(check: (url: string) => boolean): void {
  isAppUrl = check;
}

/** Checks untrusted arguments and narrows them to the channel's declared types. */
export type ArgsValidator<C extends IpcChannel> = (args: unknown[]) => args is IpcArgs<C>;

/** For channels that take nothing: anything extra is a sign of misuse. */
export const noArgs = <C extends IpcChannel>(args: unknown[]): args is IpcArgs<C> => args.length === 0;

export function handle<C extends IpcChannel>(
  channel: C,
  validate: ArgsValidator<C>,
  handler: (event: IpcMainInvokeEvent, ...args: IpcArgs<C>) => Promise<IpcResult<C>> | IpcResult<C>,
): void {
  ipcMain.handle(channel, (event, ...args: unknown[]) => {
    const frame = event.senderFrame;
    // Only the top-level frame of our own page may call in (not iframes, not other origins).
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
      throw new Error(`${channel}: refused a call from an unexpected sender`);
    }
    if (!validate(args)) throw new Error(`${channel}: invalid arguments`);
    return handler(event, ...args);
  });
}
