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
