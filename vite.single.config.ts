// The browser build as one HTML file, out/web/lvs-dr-lab.html (`npm run
// build:web` writes it after the site): script, styles and the labs' worker
// inline, so it opens from file:// by double-click where nothing can be
// installed or served. Learners' documents live in the browser's IndexedDB.
// Without cross-origin isolation (file:// cannot send headers) Ctrl-C restarts
// the worker and replays the lab (src-sim/session/client.ts).
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import { singleFileHtml } from './src-renderer/single-file-plugin.ts';
import web from './vite.web.config.ts';

const fromHere = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default mergeConfig(
  web,
  defineConfig({
    plugins: [singleFileHtml()],
    resolve: {
      // The worker as a string in the page instead of a file beside it.
      alias: [{ find: /^\.\/start-lab-worker\.ts$/, replacement: fromHere('./src-renderer/src/start-lab-worker-inline.ts') }],
    },
    // A classic worker: Chromium does not start a module worker from a blob: URL
    // that a file:// page (an opaque origin) made; a classic one it does.
    worker: { format: 'iife' },
    build: {
      // Written next to the site, which the web config's build has just emptied and filled.
      emptyOutDir: false,
      // One script: no chunks to load, and no asset files (anything small enough is a data: URL).
      assetsInlineLimit: Number.MAX_SAFE_INTEGER,
      cssCodeSplit: false,
      rolldownOptions: { output: { codeSplitting: false } },
    },
  }),
);
