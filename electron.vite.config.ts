// electron-vite: the main process, the sandboxed preload and the Svelte renderer.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import { fileURLToPath } from 'node:url';
import { cspMeta, CROSS_ORIGIN_ISOLATION } from './src-renderer/csp-plugin.ts';

// Paths relative to this file, so the build works from any working directory.
const fromHere = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  main: {
    build: {
      outDir: fromHere('./out/main'),
      rolldownOptions: { input: { index: fromHere('./src-main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: fromHere('./out/preload'),
      rolldownOptions: {
        input: { index: fromHere('./src-preload/index.ts') },
        // A sandboxed preload cannot be an ES module; with "type": "module"
        // in package.json the CommonJS file needs the .cjs extension.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: fromHere('./src-renderer'),
    plugins: [svelte({ configFile: false }), cspMeta()],
    server: { headers: CROSS_ORIGIN_ISOLATION },
    worker: { format: 'es' },
    build: {
      outDir: fromHere('./out/renderer'),
      rolldownOptions: { input: { index: fromHere('./src-renderer/index.html') } },
    },
  },
});
