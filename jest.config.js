// `npx jest` runs every project; `npx jest apps/community` or `npx nx test community` runs one.
module.exports = {
  projects: ['<rootDir>/apps/*/jest.config.js', '<rootDir>/libs/*/jest.config.js', '<rootDir>/infra/jest.config.js'],
};
