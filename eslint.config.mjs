import next from 'eslint-config-next';
import nextTs from 'eslint-config-next/typescript';

/**
 * Which layer may import which (docs/architecture.md draws the same picture). Foundation modules
 * import nothing else of lib; lib/schemas only describes; infrastructure (config, Kafka,
 * registry, serde) does not know the features; identity and audit sit below the features; no
 * feature imports the route wrapper or the browser's data layer; browser code never imports
 * server infrastructure; and lib never reaches into routes, pages or UI. scripts/lib/folder-graph
 * also keeps lib free of folder cycles.
 */
const FEATURES = [
  './lib/cluster',
  './lib/demo',
  './lib/dlq',
  './lib/groups',
  './lib/keyindex',
  './lib/messages',
  './lib/produce',
  './lib/schema-review',
  './lib/timetravel',
  './lib/topics',
];
const FOUNDATION = ['errors', 'fold-rules', 'schemadiff', 'process-map.ts', 'format.ts'];
const layers = {
  files: ['**/*.ts', '**/*.tsx'],
  // Tests may borrow fixtures from anywhere (the demo's PRNG, its schemas).
  ignores: ['**/*.test.ts'],
  rules: {
    'import/no-restricted-paths': [
      'error',
      {
        zones: [
          {
            target: './lib',
            from: ['./app', './components'],
            message: 'lib is server and shared logic; it never imports routes, pages or UI.',
          },
          ...FOUNDATION.map((name) => ({
            target: `./lib/${name}`,
            from: './lib',
            except: [`./${name}`],
            message: 'a foundation module imports nothing else of lib.',
          })),
          {
            target: './lib/schemas',
            from: './lib',
            except: [
              './schemas',
              './errors',
              './schemadiff/types.ts',
              './config/auth-schema.ts',
              './serde/types.ts',
            ],
            message: 'lib/schemas describes (zod shapes, OpenAPI operations); the domain acts.',
          },
          {
            target: ['./lib/config', './lib/kafka', './lib/registry', './lib/serde'],
            from: [...FEATURES, './lib/auth', './lib/audit', './lib/http', './lib/queries', './lib/openapi'],
            message: 'infrastructure does not know the features that use it.',
          },
          {
            target: ['./lib/auth', './lib/audit'],
            from: [...FEATURES, './lib/http', './lib/queries', './lib/openapi'],
            message: 'identity and audit sit below the features.',
          },
          {
            target: FEATURES,
            from: ['./lib/http', './lib/queries', './lib/openapi'],
            message:
              'features are called by routes; they never import the route wrapper or the browser data layer.',
          },
          {
            target: ['./components', './lib/queries'],
            from: [
              './lib/kafka',
              './lib/registry',
              './lib/http',
              './lib/audit',
              './lib/config/index.ts',
              './lib/config/load.ts',
            ],
            message:
              'browser code talks to the server through lib/queries and the API, never to Kafka or the registry.',
          },
        ],
      },
    ],
  },
};

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
  layers,
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
