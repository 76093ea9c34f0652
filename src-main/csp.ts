// The Content-Security-Policy for the renderer, shared by the headers of the
// desktop app's app:// protocol (app-protocol.ts), the web build's server and
// the <meta> tag that the Vite configs write into index.html, so they can never disagree.

/**
 * `dev` is the Vite dev server: its client injects <style> elements and talks
 * to the server over a WebSocket, so only then are inline styles and ws: allowed.
 * The production build needs neither: Svelte's CSS is extracted to a file.
 */
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    // data: only for index.html's empty favicon (<link rel="icon" href="data:,">).
    "img-src 'self' data:",
    "font-src 'self'",
    dev ? "connect-src 'self' ws://localhost:* ws://127.0.0.1:*" : "connect-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The policy of the single-file build (out/web/lvs-dr-lab.html, opened from
 * file:// or any server): nothing is loaded, so nothing is allowed from
 * anywhere ('self' of a file:// page would be other local files). Its one
 * script and one stylesheet are inline and allowed by their SHA-256 (never
 * 'unsafe-inline'); the labs' worker starts from a blob: URL the page makes.
 */
export function singleFilePolicy(inline: { scriptSha256: string; styleSha256: string }): string {
  return [
    "default-src 'none'",
    `script-src 'sha256-${inline.scriptSha256}'`,
    `style-src 'sha256-${inline.styleSha256}'`,
    'worker-src blob:',
    // data: only for index.html's empty favicon (<link rel="icon" href="data:,">).
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * COOP/COEP: a cross-origin isolated page may share memory with its workers
 * (SharedArrayBuffer), which is how Ctrl-C reaches a command line running in
 * the labs' worker. Sent by the dev and preview servers, serve-web.mjs and the
 * desktop app's app:// protocol.
 */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/**
 * What a server sends with every file of the built renderer: the web build's
 * server (serve-web.mjs reads them from out/web/headers.json;
 * docs/hosting-the-web-build.md shows them for nginx) and the desktop app's
 * app:// protocol. The policy is the <meta> tag's plus what only a header can
 * carry: frame-ancestors, so nothing can frame the lab (clickjacking).
 */
export function webServerHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': `${contentSecurityPolicy(false)}; frame-ancestors 'none'`,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    ...CROSS_ORIGIN_ISOLATION,
  };
}
