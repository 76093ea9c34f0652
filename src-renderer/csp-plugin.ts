// Vite plugin that writes the app's Content-Security-Policy into index.html's
// <meta> tag: the strict policy for builds, the dev-server policy under `vite dev`.
import type { Plugin } from 'vite';
import { contentSecurityPolicy, webServerHeaders } from '../src-main/csp.ts';

// Defined with the policy (the desktop app's app:// protocol sends them too).
export { CROSS_ORIGIN_ISOLATION, webServerHeaders } from '../src-main/csp.ts';

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
