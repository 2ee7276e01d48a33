// `npx jest` runs every project; `npx jest apps/community` or `npx nx test community` runs one.
// (testTimeout is a global option: project configs cannot set it when run together.)
const { testTimeout } = require('./jest.preset.js');

module.exports = {
  testTimeout,
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/*/jest.config.js', '<rootDir>/infra/jest.config.js'],
};
