// App-wide hardening, in the spirit of electron/fiddle and Electron's security checklist.
import { app, session } from 'electron';
import { contentSecurityPolicy } from './csp.ts';

export function setupSecurity(dev: boolean): void {
  // Every renderer sandboxed, even one created by mistake without the option.
  app.enableSandbox();

  app.on('web-contents-created', (_event, contents) => {
    // The app is one page; it never navigates, opens windows or embeds webviews.
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  app.whenReady().then(() => {
    const ses = session.defaultSession;
    // No camera, notifications, clipboard-read, … : a training lab needs none.
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    // The same policy as index.html's <meta> tag, also as a header where one applies.
    const csp = contentSecurityPolicy(dev);
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
  }, () => undefined);
}
