// Checks of build output (dist/): run after `npm run build`.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/checks'],
  testMatch: ['**/*.check.ts'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
};
