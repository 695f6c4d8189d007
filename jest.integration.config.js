// Integration tests: *.itest.ts, run after the demo stack is up (see scripts/test.sh).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/?(*.)itest.[jt]s?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/lib/', '/.headroom-stack/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/lib/'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { transform: { react: { runtime: 'automatic' } } } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(fast-check|pure-rand)/)'],
  testTimeout: 120000,
  maxWorkers: 1,
  testSequencer: '<rootDir>/test/lib/itestSequencer.js',
};
