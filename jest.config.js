// `npx jest` runs every project; `npx jest apps/community` or `npx nx test community` runs one.
// (testTimeout is a global option: project configs cannot set it when run together.)
const { testTimeout } = require('./jest.preset.js');

module.exports = {
  testTimeout,
  // Jest's default on 2 cores is one worker; most suites wait on the real servers rather than compute, so
  // more workers than cores still pay: one → two halved the wall time (353 s → 184 s), two → three cut it by
  // a fifth (2 462 tests, back to back on the same tree, 2026-11-28: 304 s → 248 s). Suites that time
  // heartbeats or sessions run in the serial pass instead (jest.serial.config.js), where nothing competes for
  // the CPU.
  maxWorkers: 3,
  // Once for the whole run (each project's own setup brings the servers up): governance's workflow bundle.
  globalSetup: '<rootDir>/infra/local/jest/main-global-setup.ts',
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/*/jest.config.js', '<rootDir>/infra/jest.config.js'],
};
