// The single entry point for IPC handlers: every call is checked for where it
// comes from and what it carries before the handler sees it.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { MENU_CHANNEL, type IpcArgs, type IpcChannel, type IpcResult, type MenuAction } from './ipc-map.ts';
import type { ArgsChecker } from './validate.ts';

export { noArgs } from './validate.ts';

/** Returns true when `url` is the app's own renderer page; set once by index.ts. */
let isAppUrl: (url: string) => boolean = () => false;

export function setAppUrlCheck(check: (url: string) => boolean): void {
  isAppUrl = check;
}

export function handle<C extends IpcChannel>(
  channel: C,
  check: ArgsChecker<C>,
  handler: (event: IpcMainInvokeEvent, ...args: IpcArgs<C>) => Promise<IpcResult<C>> | IpcResult<C>,
): void {
  ipcMain.handle(channel, (event, ...args: unknown[]) => {
    const frame = event.senderFrame;
    // Only the top-level frame of our own page may call in (not iframes, not other origins).
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) {
      throw new Error(`${channel}: refused a call from an unexpected sender`);
    }
    let checked: IpcArgs<C>;
    try {
      checked = check(args);
    } catch (error) {
      throw new Error(`${channel}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return handler(event, ...checked);
  });
}

/** Main → renderer: a menu item was picked. Sent only to our own page. */
export function sendMenuAction(contents: WebContents, action: MenuAction): void {
  if (contents.isDestroyed() || !isAppUrl(contents.getURL())) return;
  contents.send(MENU_CHANNEL, action);
}
