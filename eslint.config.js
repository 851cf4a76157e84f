import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layering from './eslint-rules/layering.js';

export default tseslint.config(
  { ignores: ['out/', 'node_modules/', 'test-results/', 'playwright-report/', 'db/migrations/', 'bench/results/', 'bench/.build/', 'eslint-rules/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', AbortSignal: 'readonly', AbortController: 'readonly', performance: 'readonly', crypto: 'readonly', window: 'readonly', document: 'readonly', navigator: 'readonly', EventSource: 'readonly', localStorage: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', Headers: 'readonly', Request: 'readonly', Response: 'readonly' } },
    plugins: { keel: { rules: { layering } } },
    rules: {
      'keel/layering': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-empty': ['error', { allowEmptyCatch: false }],
      // A binding read by a closure before its one assignment (a callback wired before the thing it calls exists) stays let.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
);
