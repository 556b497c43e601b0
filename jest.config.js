// One Jest run for the whole repository: `unit` holds the fast tests that live next to the code
// (no services needed); `integration` holds the cross-package suites in tests/ that talk to real
// PostgreSQL, Temporal and SMTP servers.
// The designer's panel tests (*.test.tsx) use React's automatic JSX runtime, as the apps do.
const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { target: 'es2023', transform: { react: { runtime: 'automatic' } } } },
  ],
};
// MikroORM 7 and kysely ship only as ES modules: let swc turn them into CommonJS for Jest.
const transformIgnorePatterns = ['/node_modules/(?!(@mikro-orm|kysely)/)'];
const common = {
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  // A global option (Jest ignores it inside projects): integration hooks start real servers, which
  // takes seconds on a loaded 2-core machine; unit tests finish far below it.
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: ['<rootDir>/definitions', '<rootDir>/platform'],
      // *.test.tsx run in jsdom (a docblock in each file) and render panels with React.
      testMatch: ['**/src/**/*.test.ts', '**/src/**/*.test.tsx'],
    },
    {
      ...common,
      displayName: 'integration',
      roots: ['<rootDir>/tests'],
      testMatch: ['**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
    },
  ],
};
