// Unit tests live next to the code as *.test.ts; e2e/*.spec.ts belong to Playwright.
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Compiles runes in *.svelte.ts state classes, so their logic can be tested in Node.
  plugins: [svelte({ configFile: false })],
  test: {
    // The fuzz and whole-curriculum tests take seconds each; on a loaded 2-core
    // machine vitest's 5 s default fails them for load, not for a fault.
    testTimeout: 60_000,
    include: ['src-sim/**/*.test.ts', 'src-cli/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'conformance/**/*.test.ts', 'scripts/*.test.ts'],
    exclude: ['node_modules/**', 'out/**', 'e2e/**'],
  },
});
