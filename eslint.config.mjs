import next from 'eslint-config-next';
import nextTs from 'eslint-config-next/typescript';

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [
      '.next*/**',
      '.stack/**',
      'node_modules/**',
      'next-env.d.ts',
      'scripts/client-eval/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Only lib/kafka may talk to the Kafka client library.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['lib/kafka/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@platformatic/kafka', message: 'Use lib/kafka instead.' }] },
      ],
    },
  },
];

export default config;
