/**
 * Four projects: pure unit specs, integration specs on real infrastructure, HTTP end-to-end specs, and
 * component specs of the admin UI (jsdom).
 */
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  moduleNameMapper: {
    '^@kamflow/(.*)$': '<rootDir>/libs/$1/src',
    '^@apps/(.*)$': '<rootDir>/apps/$1/src',
    '^@platformatic/kafka$': '<rootDir>/test/setup/platformatic-kafka.js',
  },
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/admin-ui/'],
  rootDir: __dirname,
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs}/**/*.unit.spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/unit-timeouts.ts'],
    },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int.spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeouts.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/timeouts.ts'],
    },
    {
      displayName: 'ui',
      rootDir: __dirname,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/apps/admin-ui/src/**/*.spec.tsx', '<rootDir>/apps/admin-ui/src/**/*.spec.ts'],
      transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/apps/admin-ui/tsconfig.jest.json' }] },
      moduleNameMapper: { '\\.css$': '<rootDir>/apps/admin-ui/src/test/style-stub.ts' },
      setupFilesAfterEnv: ['<rootDir>/apps/admin-ui/src/test/setup.ts'],
    },
  ],
};
