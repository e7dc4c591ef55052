import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { patterns: [{ group: forbidden, message, allowTypeImports: true }] },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-cli/',
      'dist-presign/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: 'error',
    },
  },
  { files: ['src/ui/**'], languageOptions: { globals: globals.browser } },
  { files: ['src/worker/**'], languageOptions: { globals: globals.worker } },
  { files: ['src/sw/**'], languageOptions: { globals: globals.serviceworker } },
  { files: ['public/**/*.js'], languageOptions: { globals: globals.browser, sourceType: 'script' } },
  {
    files: ['test/**', 'e2e/**', 'e2e-firefox/**', 'scripts/**', 'src/cli/**', 'src/presign/**', '*.config.*'],
    languageOptions: { globals: globals.node },
  },
  layer(['src/ui/**'], ['**/worker/**'], 'The page reaches the worker only through the Comlink contract.'),
  layer(['src/worker/**'], ['**/ui/**'], 'The worker has no DOM.'),
  layer(['src/shared/**'], ['**/ui/**', '**/worker/**', '**/sw/**'], 'Shared code depends on neither thread.'),
  layer(['src/sw/**'], ['**/ui/**', '**/worker/**'], 'The service worker uses shared code only.'),
  layer(['src/cli/**'], ['**/ui/**', '**/sw/**'], 'The CLI runs the engine and shared code, never page code.'),
  layer(
    ['src/presign/**'],
    ['**/ui/**', '**/sw/**', '**/worker/**', '**/cli/**'],
    'The presign endpoint stands alone.',
  ),
);
