// Vite plugin that writes the app's Content-Security-Policy into index.html's
// <meta> tag: the strict policy for builds, the dev-server policy under `vite dev`.
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from '../src-main/csp.ts';

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
