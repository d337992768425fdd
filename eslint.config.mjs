// Lint for src, test, bench, scripts and web: typescript-eslint's recommended rules, the type-aware
// promise rules (a forgotten await is a lost write), import cycles, React hooks; Prettier owns layout.
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'web/dist/**',
      'node_modules/**',
      'bench/results/**',
      'coverage/**',
      'var/**',
      'web/src/api/schema.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // An async handler in a JSX attribute is React's usual form; elsewhere a promise where none is expected is a bug.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // "Now" for a business decision (deadlines, expiry, windows, stored timestamps) comes from the injected Clock
    // (src/common/clock.ts), so tests move time instead of sleeping.
    files: ['src/**/*.ts'],
    ignores: [
      'src/**/*.spec.ts',
      'src/common/clock.ts',
      // Wall time on purpose: I/O timeouts, polling, caches, metrics, the lease of a frozen process, CLI progress.
      'src/events/event-log.follower.ts',
      'src/platform/embedded-redis.ts',
      'src/scores/recompute/event-reader.ts',
      'src/scores/recompute/recompute-scores.ts',
      'src/scores/recompute/recompute.cli.ts',
      'src/sending/send-batch.job.ts',
      'src/sending/send-rate.meter.ts',
      'src/sending/transport-health.ts',
      'src/sending/transport-throttle.ts',
      'src/settings/settings.store.ts',
      'src/tracking/campaign-links.lookup.ts',
      'src/tracking/hit-buffer.ts',
      'src/tracking/hit-drain.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message:
            'Use the injected Clock (src/common/clock.ts) for "now"; wall time only in the files listed in eslint.config.mjs.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message:
            'Use the injected Clock (src/common/clock.ts) for "now"; wall time only in the files listed in eslint.config.mjs.',
        },
      ],
    },
  },
  {
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
  prettier,
);
