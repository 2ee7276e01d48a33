// Tests that must run alone, one file at a time, after the main suite (npm test does): the one that kills
// and restarts servers (its own three: starting them loads the CPU), those that time heartbeats against a
// session timeout (a loaded CPU delays them), and the end-to-end decision tests, whose governance processes
// each consume every context topic and would otherwise race to start each other's decisions, and talent's
// independent-assessor test, whose decisions every other talent under test (one per talent suite) would answer.
// Its setup also migrates every service and bundles governance's workflows once for the whole pass
// (infra/local/jest/serial-global-setup.ts): each end-to-end suite starts governance.
const preset = require('./jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'serial',
  rootDir: __dirname,
  roots: ['<rootDir>/infra', '<rootDir>/apps/platform-e2e', '<rootDir>/apps/talent', '<rootDir>/libs'],
  testMatch: ['**/*.serial-spec.ts'],
  maxWorkers: 1,
  testSequencer: '<rootDir>/infra/local/jest/serial-sequencer.js',
  globalSetup: '<rootDir>/infra/local/jest/serial-global-setup.ts',
};
