// Vite plugin that writes the app's Content-Security-Policy into index.html's
// <meta> tag: the strict policy for builds, the dev-server policy under `vite dev`.
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from '../src-main/csp.ts';

/**
 * COOP/COEP: a cross-origin isolated page may share memory with its workers
 * (SharedArrayBuffer), which is how Ctrl-C reaches a command line running in
 * the labs' worker. Sent by the dev and preview servers and serve-web.mjs.
 */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

/**
 * What a web server sends with every file of the browser build (serve-web.mjs
 * reads them from out/web/headers.json; docs/hosting-the-web-build.md shows
 * them for nginx). The policy is the <meta> tag's plus what only a header can
 * carry: frame-ancestors, so no other site can frame the lab (clickjacking).
 */
export function webServerHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': `${contentSecurityPolicy(false)}; frame-ancestors 'none'`,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    ...CROSS_ORIGIN_ISOLATION,
  };
}

/** Writes webServerHeaders() to headers.json next to index.html in the web build. */
export function serverHeadersFile(): Plugin {
  return {
    name: 'lvs-lab:server-headers',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'headers.json', source: `${JSON.stringify(webServerHeaders(), null, 2)}\n` });
    },
  };
}

const META_RE = /(<meta http-equiv="Content-Security-Policy" content=")[^"]*(")/;

export function cspMeta(): Plugin {
  let dev = false;
  return {
    name: 'lvs-lab:csp-meta',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    transformIndexHtml(html) {
      if (!META_RE.test(html)) throw new Error('index.html has no Content-Security-Policy <meta> tag');
      return html.replace(META_RE, `$1${contentSecurityPolicy(dev)}$2`);
    },
  };
}
