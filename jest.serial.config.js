// Tests that must run alone, one file at a time, after the main suite (npm test does): those that stop
// or kill the shared local servers, those that time heartbeats against a session timeout (a loaded CPU
// delays them), and the end-to-end decision tests, whose governance processes each
// consume every context topic and would otherwise race to start each other's decisions.
const preset = require('./jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'serial',
  rootDir: __dirname,
  roots: ['<rootDir>/infra', '<rootDir>/apps/platform-e2e', '<rootDir>/libs'],
  testMatch: ['**/*.serial-spec.ts'],
  maxWorkers: 1,
  testSequencer: '<rootDir>/infra/local/jest/serial-sequencer.js',
};
