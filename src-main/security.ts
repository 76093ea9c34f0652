// App-wide hardening, in the spirit of electron/fiddle and Electron's security checklist.
import { app, session } from 'electron';
import { isAppProtocolUrl } from './app-protocol.ts';
import { contentSecurityPolicy } from './csp.ts';

/**
 * The one permission the page may use: writing the terminal's selection to the
 * clipboard (Copy). Reading the clipboard is not needed: paste arrives as a
 * paste event from the Edit menu or the keyboard, which needs no permission.
 */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/**
 * What the renderer may load: the app's own files through app:// and in-page
 * data. Never file:, so a page cannot read the disk even if something asked it to.
 */
function isLocalRequest(url: string, devServerUrl: string | undefined): boolean {
  const { protocol, origin } = new URL(url);
  if (isAppProtocolUrl(url) || protocol === 'data:' || protocol === 'blob:' || protocol === 'devtools:') return true;
  if (!devServerUrl) return false;
  // `electron-vite dev`: the Vite server and its hot-reload WebSocket.
  const dev = new URL(devServerUrl);
  return origin === dev.origin || (protocol === 'ws:' && new URL(url).host === dev.host);
}

export function setupSecurity(devServerUrl: string | undefined, isAppUrl: (url: string) => boolean): void {
  // Every renderer sandboxed, even one created by mistake without the option.
  app.enableSandbox();

  app.on('web-contents-created', (_event, contents) => {
    // The app is one page; it never navigates, opens windows or embeds webviews.
    // (loadFile/loadURL from main are not "navigation" here, so the app still loads.)
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-frame-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.whenReady().then(() => {
    const ses = session.defaultSession;
    // No camera, notifications, clipboard-read, … : a training lab needs none.
    ses.setPermissionRequestHandler((contents, permission, callback) =>
      callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(contents.getURL())),
    );
    ses.setPermissionCheckHandler(
      (contents, permission) => ALLOWED_PERMISSIONS.has(permission) && contents !== null && isAppUrl(contents.getURL()),
    );
    ses.setDevicePermissionHandler(() => false);
    // No remote content, whatever the page asks for: the CSP says so too, this is the second lock.
    ses.webRequest.onBeforeRequest((details, callback) => {
      const local = isLocalRequest(details.url, devServerUrl);
      if (!local) console.error(`lvs-dr-lab: blocked a request to ${details.url}`);
      callback({ cancel: !local });
    });
    // The same policy as index.html's <meta> tag, also as a header where one applies.
    // app:// responses already carry it (with frame-ancestors) from app-protocol.ts.
    const csp = contentSecurityPolicy(devServerUrl !== undefined);
    ses.webRequest.onHeadersReceived((details, callback) => {
      if (isAppProtocolUrl(details.url)) callback({});
      else callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
  }, () => undefined);
}
