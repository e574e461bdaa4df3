// Lint rules that guard the layers ARCHITECTURE.md describes: the renderer reaches the rest only through
// shared/ and its api, and its stores never import features; only the Win32 bindings folder may load
// koffi; the engine never imports Electron, and its generic code reaches a platform's internals only
// through platform/index.ts; main uses the engine through engine/service (and that one door).
// Complexity and file length are capped where the code is written by hand.
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import simpleImportSort from 'eslint-plugin-simple-import-sort'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const noKoffi = { name: 'koffi', message: 'Only electron/engine/platform/win32/bindings/ may import koffi.' }
const noElectron = {
  name: 'electron',
  message: 'The engine is plain Node and shared/ is plain TypeScript: no Electron here.',
}
const rendererPaths = [
  noKoffi,
  { name: 'electron', message: 'The renderer talks to the app only through renderer/lib/api.ts.' },
]
const rendererPatterns = [
  { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node modules.' },
  {
    group: ['**/electron/**', '../electron/*', '../../electron/*'],
    message: 'The renderer may not import main-process code; use shared/ and lib/api.ts.',
  },
]
const platformInternals = {
  group: ['**/platform/posix/*', '**/platform/win32/**'],
  message:
    'Generic engine code reaches a platform through platform/index.ts (platform() or what it exports), never its internals.',
}
const engineInternals = {
  regex: '/engine/(?!service/[^/]+$|platform$)',
  message: 'Main uses the engine through engine/service (the engine host and its client) and platform/index.ts only.',
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      '.cache/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [noKoffi] }],
    },
  },
  {
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: { 'simple-import-sort/imports': 'error', 'simple-import-sort/exports': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: rendererPaths, patterns: rendererPatterns }],
    },
  },
  {
    files: ['renderer/stores/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: rendererPaths,
          patterns: [
            ...rendererPatterns,
            {
              group: ['**/features/**'],
              message: 'Stores hold state and never import components: move what both need to renderer/lib.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noKoffi, noElectron] }],
    },
  },
  {
    files: ['electron/engine/**/*.ts'],
    ignores: ['electron/engine/platform/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noKoffi, noElectron], patterns: [platformInternals] }],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noKoffi], patterns: [engineInternals] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'electron/**/*.ts', 'shared/**/*.ts'],
    rules: {
      complexity: ['error', 15],
      'max-lines': ['error', 300],
    },
  },
  {
    // Files over the limits that other work is changing right now (the Win32 layer, the native scan
    // path): refactoring them here would collide. Each entry names one file; remove it once that file
    // is split or simplified.
    files: [
      'electron/engine/platform/win32/shell/command-line.ts', // splitCommandLine: Windows' argv quoting rules, one state machine
    ],
    rules: { complexity: 'off', 'max-lines': 'off' },
  },
  {
    files: ['electron/engine/platform/win32/bindings/**/*.ts'],
    rules: { 'no-restricted-imports': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.cjs', 'bin/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
