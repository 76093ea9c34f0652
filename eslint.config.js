// Flat ESLint config: the standard recommended sets for JS, TypeScript and Svelte.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** Globals the pure simulator must not touch: time comes from the lab's clock, never the host's. */
const IMPURE_GLOBALS = [
  ...['Date', 'performance'].map((name) => ({ name, message: 'The simulator has one virtual clock (core/event-queue.ts, core/virtual-date.ts).' })),
  ...['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'clearTimeout', 'clearInterval', 'clearImmediate', 'requestAnimationFrame']
    .map((name) => ({ name, message: 'Schedule on the lab\'s event queue (core/event-queue.ts), in virtual time.' })),
  ...['window', 'document', 'navigator', 'process', 'globalThis', 'self', 'Buffer', 'require']
    .map((name) => ({ name, message: 'The simulator is pure: it runs the same in Node, a browser and a worker.' })),
];
const NODE_MODULES = { regex: '^(node:|(fs|path|os|child_process|crypto|util|events|url|buffer|process|timers|worker_threads|electron)(/|$))', message: 'The simulator is pure: no Node or Electron modules.' };
/** Test libraries and test helpers (*test-support.ts, fuzz-support.ts): for *.test.ts only, so the CLI build (out/cli) never carries them. */
const TEST_ONLY_IMPORTS = { regex: '(^(vitest|fast-check|@playwright/test)(/|$))|(^|/)([\\w-]*-)?(test|fuzz)-support(\\.ts)?$', message: 'Test libraries and test helpers are for *.test.ts files only.' };

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
    rules: {
      // The window reaches the simulator only through the session (src-sim/session/index.ts):
      // a running lab lives in a Web Worker, so nothing a learner types can freeze the window.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'src-sim/(?!session/index\\.ts$)',
              message: 'The renderer imports the simulator only through src-sim/session/index.ts (LabSession).',
            },
          ],
        },
      ],
    },
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
    // The simulator is pure (src-sim/tsconfig.json checks the types): one virtual clock and one
    // seeded random source, no wall clock, timers, host environment or Node modules. Tests run in Node.
    files: ['src-sim/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', ...IMPURE_GLOBALS],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the lab\'s seeded random source (core/random.ts).' },
        ...IMPURE_GLOBALS.map(({ name, message }) => ({ object: 'globalThis', property: name, message }))],
      'no-restricted-imports': ['error', { patterns: [NODE_MODULES, TEST_ONLY_IMPORTS] }],
    },
  },
  {
    // The network model (core, net, host, ipvs, shell, capture, scenario, i18n, the lab)
    // stands on its own: the course (lessons, challenges) is built on it, never the reverse.
    // The session (src-sim/session/) sits above both: the renderer's one door to the model and the course.
    files: ['src-sim/**/*.ts'],
    ignores: ['src-sim/course/**', 'src-sim/session/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [NODE_MODULES, TEST_ONLY_IMPORTS, { regex: '(^|/)course(/|$)', message: 'The model must not depend on the course (src-sim/course/).' }],
      }],
    },
  },
  {
    // The command-line tool ships in out/cli: it must not pull in test helpers or test libraries.
    files: ['src-cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TEST_ONLY_IMPORTS] }] },
  },
  {
    // The test helpers themselves may use the test libraries.
    files: ['src-sim/**/*test-support.ts', 'src-sim/**/fuzz-support.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NODE_MODULES] }] },
  },
  {
    files: ['src-cli/**/*test-support.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // No import cycles: layers meet through seams (netfilter hooks and protocol handlers
    // registered on the host, leaf modules of shared types), never by importing each other.
    // Type-only imports do not count: they leave no trace at run time.
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    rules: {
      // Allow deliberately unused names when they start with "_" (e.g. handler arguments).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
