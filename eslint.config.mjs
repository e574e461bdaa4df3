// Lint rules that guard the rooms of DESIGN.md §1: the renderer reaches the rest only through shared/
// and its api; only the Win32 bindings folder may load koffi; the engine never imports Electron.
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const noKoffi = { name: 'koffi', message: 'Only electron/engine/platform/win32/bindings/ may import koffi.' }

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.cache/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
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
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noKoffi, { name: 'electron', message: 'The renderer talks to the app only through renderer/lib/api.ts.' }],
        patterns: [
          { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no Node modules.' },
          { group: ['**/electron/**', '../electron/*', '../../electron/*'], message: 'The renderer may not import main-process code; use shared/ and lib/api.ts.' },
        ],
      }],
    },
  },
  {
    files: ['electron/engine/**/*.ts', 'shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noKoffi, { name: 'electron', message: 'The engine is plain Node and shared/ is plain TypeScript: no Electron here.' }],
      }],
    },
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
