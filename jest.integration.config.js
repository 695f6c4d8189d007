// Integration tests: *.itest.ts, run after the demo stack is up (see scripts/test.sh).
// The ES-module packages are transformed as for the unit tests (an itest may run panel code).
const unit = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/?(*.)itest.[jt]s?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/lib/', '/.headroom-stack/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/lib/'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { transform: { react: { runtime: 'automatic' } } } }],
    '^.+\\.mjs$': ['@swc/jest'],
  },
  transformIgnorePatterns: unit.transformIgnorePatterns,
  testTimeout: 120000,
  maxWorkers: 1,
  testSequencer: '<rootDir>/test/lib/itestSequencer.js',
};
