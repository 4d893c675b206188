/** Jest runs the ESM build of NestJS through @swc/jest; type errors are `npm run typecheck`'s job. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // @fastify/static (CommonJS) requires content-disposition 3, which is ESM-only: Node loads it
    // with require(esm), Jest's CommonJS loader cannot. Tests use the CommonJS v2 with the same API.
    '^content-disposition$': '<rootDir>/../node_modules/content-disposition/dist/index.js',
    // openapi-backend (the response contract's router and validator) requires this ESM-only package.
    '^@apidevtools/json-schema-ref-parser$': '<rootDir>/test/support/json-schema-ref-parser.cjs',
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // Every response a test receives is held against api/openapi.json.
  setupFilesAfterEnv: ['<rootDir>/test/support/response-validation.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 60_000,
  maxWorkers: 2,
};
