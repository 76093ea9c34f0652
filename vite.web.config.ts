// The renderer alone, as a static site in out/web for any web server.
// Without Electron there is no preload, so `window.lvsLab` is undefined and
// the renderer falls back to browser features (e.g. a file input).
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { cspMeta, CROSS_ORIGIN_ISOLATION, serverHeadersFile } from './src-renderer/csp-plugin.ts';

// Paths relative to this file, so the build works from any working directory.
const fromHere = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: fromHere('./src-renderer'),
  // Relative asset URLs, so the site works from any path on any server.
  base: './',
  plugins: [svelte({ configFile: false }), cspMeta(), serverHeadersFile()],
  // Cross-origin isolated, as serve-web.mjs serves it: Ctrl-C is a shared flag the labs' worker reads.
  server: { headers: CROSS_ORIGIN_ISOLATION },
  preview: { headers: CROSS_ORIGIN_ISOLATION },
  worker: { format: 'es' },
  build: {
    outDir: fromHere('./out/web'),
    emptyOutDir: true,
  },
});
