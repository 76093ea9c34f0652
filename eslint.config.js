// Flat ESLint config: the standard recommended sets for JS, TypeScript and Svelte.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['out/', 'node_modules/', 'test-results/', 'playwright-report/', 'conformance/kernel/']),
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  {
    languageOptions: {
      // Same value for .ts and .svelte files so the TS parser does not reload projects.
      parserOptions: { extraFileExtensions: ['.svelte'] },
      globals: { ...globals.node },
    },
  },
  {
    // The renderer runs in a browser (or a sandboxed Electron window): no Node globals.
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        // Some svelte/* rules (e.g. no-unused-props) need type information.
        projectService: true,
        parser: ts.parser,
      },
    },
  },
  {
    // The network model (core, net, host, ipvs, shell, capture, scenario, explain, the lab)
    // stands on its own: the course (lessons, challenges) is built on it, never the reverse.
    files: ['src-sim/**/*.ts'],
    ignores: ['src-sim/course/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '(^|/)course(/|$)', message: 'The model must not depend on the course (src-sim/course/).' }],
      }],
    },
  },
  {
    rules: {
      // Allow deliberately unused names when they start with "_" (e.g. handler arguments).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
