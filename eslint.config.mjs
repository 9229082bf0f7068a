import { builtinModules } from 'node:module';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/** Modules a pure library (asl, filter-policy) must never reach: no framework, no I/O. */
const impureModules = ['@nestjs/*', 'ioredis', 'bullmq', '@switchyard/redis'];

/**
 * Node's built-ins (crypto, timers, fs, …), bare and `node:`-prefixed: a pure library runs anywhere
 * JavaScript does, so time, randomness, digests and I/O come from its caller. Bare names are listed
 * exactly, since a pattern such as `events` would also refuse a relative `./events`.
 */
const nodeBuiltinPaths = builtinModules.map((name) => ({
  name,
  message: 'Pure library: no Node built-ins.',
}));

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', '.switchyard/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // The e2e suites boot the server's root module in-process; nothing else may import an app.
          allow: ['@switchyard/server-app'],
          depConstraints: [
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:util', 'type:data-access'] },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:feature'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:feature'],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:util', 'type:data-access', 'type:feature', 'type:app'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration in a config module (*.config.ts), not here.',
        },
      ],
    },
  },
  {
    files: [
      '**/*.config.ts',
      '**/*.spec.ts',
      '**/*.integration-spec.ts',
      '**/*.e2e-spec.ts',
      'bench/**',
      'scripts/**',
      '**/test-support/**',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['libs/asl/src/**/*.ts', 'libs/filter-policy/src/**/*.ts', 'libs/events/src/pattern/**/*.ts'],
    // libs/asl/src/node is @switchyard/asl-node, the Node runtime kept out of the pure entry point.
    ignores: ['**/*.spec.ts', 'libs/asl/src/node/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltinPaths,
          patterns: [
            { group: ['node:*'], message: 'Pure library: no Node built-ins.' },
            { group: impureModules, message: 'Pure library: no framework, Redis or jobs.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Pure library: no process access.' },
        { name: 'setTimeout', message: 'Pure library: time comes from the caller.' },
        { name: 'setInterval', message: 'Pure library: time comes from the caller.' },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
];
