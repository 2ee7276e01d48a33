// Tests that stop or kill the shared local servers: run alone, after the main suite (npm test does).
const preset = require('./jest.preset.js');

module.exports = {
  ...preset,
  displayName: 'infra-serial',
  rootDir: __dirname,
  roots: ['<rootDir>/infra'],
  testMatch: ['**/*.serial-spec.ts'],
  maxWorkers: 1,
};
