// Shared Jest settings for every project: swc for speed (it keeps decorator metadata, which Nest needs),
// the tsconfig path aliases, and infra/local brought up once before any test needs a real server.
const { compilerOptions } = require('./tsconfig.base.json');

const swc = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `${__dirname}/${target}`]),
);

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swc] },
  // NestJS 12 ships as ES modules only; swc turns them into CommonJS for Jest's module registry.
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@noble|canonicalize|jose)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testMatch: ['**/?(*.)+(spec|integration-spec).ts'],
  moduleNameMapper,
  globalSetup: `${__dirname}/infra/local/jest/global-setup.ts`,
  setupFiles: [`${__dirname}/infra/local/jest/test-env.ts`],
  testTimeout: 60_000,
};
