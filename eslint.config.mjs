// One lint config for the whole repository. Package boundaries from ARCHITECTURE.md are enforced
// here: each package may import only what its row of the table allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const deepImports = {
  group: ['@crm/*/src/*', '@crm/*/src', '../../*/src/*'],
  message: 'Import other packages by their package name, never their source folders.',
};
const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns: [deepImports, ...patterns] }],
});
const only = (names, message) => ({ group: names, message });
const SERVER_ONLY = [
  '@crm/api',
  '@crm/workflows',
  '@crm/workflows/*',
  '@crm/devservices',
  '@temporalio/*',
  '@mikro-orm/*',
  'express',
  'pg',
];
const browserApp = (dir, more, message) => {
  const tests = [`${dir}/**/*.test.{ts,tsx}`, `${dir}/**/test-support/**`];
  return [
    { files: [`${dir}/**/*.{ts,tsx}`], rules: restrict(only([...SERVER_ONLY, ...more, 'node:*'], message)) },
    { files: tests, rules: restrict(only([...SERVER_ONLY, ...more], message)) },
  ];
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-types/**',
      '**/*.generated.ts',
      '.data/**',
      '.tools/**',
      'test-artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['definitions/**/*.ts'],
    rules: restrict(
      only(
        ['react', 'react-dom', 'express', '@temporalio/*', '@mikro-orm/*', 'pg', '@crm/*'],
        'definitions/ is pure: ajv and small pure libraries only.',
      ),
    ),
  },
  {
    files: ['platform/workflows/src/interpreter/**/*.ts'],
    rules: restrict(
      only(
        ['@temporalio/*', 'express', '@mikro-orm/*', 'pg', 'nodemailer', 'fs', 'node:*', '@crm/api'],
        'The interpreter is pure: no Temporal, no I/O, no clock.',
      ),
    ),
  },
  {
    files: ['platform/workflows/src/workflows/**/*.ts'],
    rules: restrict(
      only(
        [
          '@temporalio/client',
          '@temporalio/worker',
          '@temporalio/activity',
          'express',
          '@mikro-orm/*',
          'pg',
          'nodemailer',
          'node:*',
          '@crm/api',
        ],
        'Workflow code runs in the Temporal sandbox: @temporalio/workflow, the interpreter, the contract and activity types only.',
      ),
    ),
  },
  {
    files: ['platform/workflows/**/*.ts'],
    ignores: ['platform/workflows/src/interpreter/**', 'platform/workflows/src/workflows/**'],
    rules: restrict(
      only(['@crm/api', '@crm/devservices', 'react', 'express'], 'workflows/ may import definitions only.'),
    ),
  },
  {
    files: ['platform/api/**/*.ts'],
    rules: restrict(
      only(
        ['@temporalio/worker', '@temporalio/workflow', '@crm/devservices', 'react'],
        'The api talks to Temporal through @temporalio/client and the workflows contract only.',
      ),
      {
        // gitignore-style groups cannot re-include a path under an excluded parent: use a regex.
        regex: '^@crm/workflows(?!/contract$)(/.*)?$',
        message: 'The api may import only @crm/workflows/contract.',
      },
    ),
  },
  // The browser apps: the listed packages are the server's. Their tests may read fixture files.
  ...browserApp(
    'platform/runtime-ui',
    ['@crm/designer'],
    'runtime-ui/ depends on definitions only and talks to the api over HTTP.',
  ),
  ...browserApp(
    'platform/designer',
    [],
    "designer/ depends on definitions and runtime-ui's form renderer only, and talks to the api over HTTP.",
  ),
  {
    // Plain CommonJS config and reporter files that Jest loads with require().
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', 'tests/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
  },
);
