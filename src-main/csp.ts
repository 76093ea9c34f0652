// The Content-Security-Policy for the renderer, shared by the Electron session
// header (src-main/security.ts) and the <meta> tag that the Vite configs write
// into index.html, so the two can never disagree.

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
